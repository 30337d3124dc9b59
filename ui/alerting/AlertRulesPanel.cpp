#include "alerting/AlertRulesPanel.h"

#include "Backend.h"
#include "policy/Duration.h"
#include "session/Session.h"
#include "views/AlertsView.h"
#include "widgets/Tables.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

enum Column { ColKind, ColScope, ColThresholds, ColWindow, ColSeverity, ColNotify, ColBlock, ColEnabled, Columns };

QString thresholdsText(const QList<qint64>& thresholds)
{
    QStringList parts;
    for (qint64 t : thresholds)
        parts << QString::number(t);
    return parts.join(QStringLiteral(", "));
}

QString durationText(qint64 ms)
{
    return ms > 0 ? Duration::format(ms) : QString();
}

// What the thresholds of each kind mean, under the editor.
QString hintFor(AlertKind kind)
{
    switch (kind) {
    case AlertKind::ExpiryWithin:
        return AlertRulesPanel::tr("Thresholds: days before expiry, e.g. 30, 7, 1 (once per key and threshold).");
    case AlertKind::GraceEntered:
        return AlertRulesPanel::tr("Fires once when a key passes its expiry and enters its grace period.");
    case AlertKind::QuotaAbove:
        return AlertRulesPanel::tr("Threshold: percent of the key's quota used in the current period, e.g. 80.");
    case AlertKind::RateLimitedAbove:
        return AlertRulesPanel::tr("Threshold: rate-limit rejections of one key within the window, e.g. 100 in 5m.");
    case AlertKind::ErrorBurst:
        return AlertRulesPanel::tr("Thresholds: upstream errors of one key within the window [, and at least this "
                                   "percent of its requests], e.g. 50, 20 in 5m.");
    case AlertKind::Anomaly:
        return AlertRulesPanel::tr("Unusual traffic against the key's hour-of-week baseline, looked for over the "
                                   "window.");
    case AlertKind::BadKeyRepeated:
        return AlertRulesPanel::tr("Threshold: revoked, expired or unknown keys from one address within the window; "
                                   "Block: refuse that address for this long (empty: never).");
    case AlertKind::NewClientNetwork:
        return AlertRulesPanel::tr("Fires the first time a key is used from a /24 (IPv4) or /64 (IPv6) network.");
    case AlertKind::AuditChainBroken:
        return AlertRulesPanel::tr("Fires when the audit trail's hash chain fails verification.");
    }
    return {};
}

} // namespace

AlertRulesPanel::AlertRulesPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_table = tables::make(
        QStringLiteral("alertRules"), tr("Alert rules"),
        {tr("Kind"), tr("Scope"), tr("Thresholds"), tr("Window"), tr("Severity"), tr("Tell"), tr("Block"), tr("On")});
    layout->addWidget(m_table, 1);

    auto* form = new QFormLayout;
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("ruleKind"));
    m_kind->setAccessibleName(tr("Rule kind"));
    for (const QString& name : alertKindNames())
        if (auto k = alertKindFromString(name))
            m_kind->addItem(alertKindText(*k), name);
    m_enabled = new QCheckBox(tr("Enabled"));
    m_enabled->setObjectName(QStringLiteral("ruleEnabled"));
    m_enabled->setAccessibleName(tr("Rule enabled"));
    auto* kindRow = new QHBoxLayout;
    kindRow->addWidget(m_kind, 1);
    kindRow->addWidget(m_enabled);
    form->addRow(tr("Kind:"), kindRow);
    auto line = [](const QString& name, const QString& accessible, const QString& placeholder) {
        auto* e = new QLineEdit;
        e->setObjectName(name);
        e->setAccessibleName(accessible);
        e->setPlaceholderText(placeholder);
        return e;
    };
    m_thresholds = line(QStringLiteral("ruleThresholds"), tr("Thresholds"), tr("e.g. 30, 7, 1"));
    m_window = line(QStringLiteral("ruleWindow"), tr("Window"), tr("e.g. 5m, 1h"));
    auto* numbers = new QHBoxLayout;
    numbers->addWidget(m_thresholds, 2);
    numbers->addWidget(new QLabel(tr("within")));
    numbers->addWidget(m_window, 1);
    form->addRow(tr("Thresholds:"), numbers);
    m_project = line(QStringLiteral("ruleProject"), tr("Project"), tr("every project"));
    m_service = line(QStringLiteral("ruleService"), tr("Service"), tr("every service"));
    auto* scope = new QHBoxLayout;
    scope->addWidget(m_project);
    scope->addWidget(m_service);
    form->addRow(tr("Scope:"), scope);
    m_severity = new QComboBox;
    m_severity->setObjectName(QStringLiteral("ruleSeverity"));
    m_severity->setAccessibleName(tr("Severity"));
    for (auto s : {AlertSeverity::Info, AlertSeverity::Warning, AlertSeverity::Critical})
        m_severity->addItem(alertSeverityText(s), toString(s));
    m_notifyContacts = new QCheckBox(tr("Tell the project's contacts"));
    m_notifyContacts->setObjectName(QStringLiteral("ruleNotifyContacts"));
    m_notifyContacts->setAccessibleName(tr("Notify the emergency contacts"));
    m_notifyOwner = new QCheckBox(tr("Tell the key's owner"));
    m_notifyOwner->setObjectName(QStringLiteral("ruleNotifyOwner"));
    m_notifyOwner->setAccessibleName(tr("Notify the key's owner"));
    auto* tell = new QHBoxLayout;
    tell->addWidget(m_severity);
    tell->addWidget(m_notifyContacts);
    tell->addWidget(m_notifyOwner);
    tell->addStretch();
    form->addRow(tr("Severity:"), tell);
    m_block = line(QStringLiteral("ruleBlock"), tr("Block duration"), tr("e.g. 15m (bad keys only; empty: never)"));
    form->addRow(tr("&Block:"), m_block);
    m_hint = new QLabel;
    m_hint->setObjectName(QStringLiteral("ruleHint"));
    m_hint->setWordWrap(true);
    form->addRow(QString(), m_hint);
    layout->addLayout(form);

    auto* buttons = new QHBoxLayout;
    m_new = new QPushButton(tr("&New rule"));
    m_new->setObjectName(QStringLiteral("ruleNew"));
    m_new->setAccessibleName(tr("New alert rule"));
    m_save = new QPushButton(tr("&Save rule"));
    m_save->setObjectName(QStringLiteral("ruleSave"));
    m_save->setAccessibleName(tr("Save the alert rule"));
    m_save->setShortcut(QKeySequence::Save);
    m_remove = new QPushButton(tr("&Remove rule…"));
    m_remove->setObjectName(QStringLiteral("ruleRemove"));
    m_remove->setAccessibleName(tr("Remove the alert rule"));
    buttons->addWidget(m_new);
    buttons->addStretch();
    buttons->addWidget(m_remove);
    buttons->addWidget(m_save);
    layout->addLayout(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        if (auto k = alertKindFromString(m_kind->currentData().toString()))
            m_hint->setText(hintFor(*k));
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = m_table->selectionModel()->selectedRows();
        if (!rows.isEmpty() && rows.first().row() < m_rules.size())
            edit(m_rules[rows.first().row()]);
        updateActions();
    });
    connect(m_new, &QPushButton::clicked, this, &AlertRulesPanel::newRule);
    connect(m_save, &QPushButton::clicked, this, &AlertRulesPanel::saveRule);
    connect(m_remove, &QPushButton::clicked, this, &AlertRulesPanel::removeRule);
    newRule();
}

void AlertRulesPanel::setSession(Session* session)
{
    m_session = session;
    m_rules.clear();
    m_table->setRowCount(0);
    newRule();
    updateActions();
}

void AlertRulesPanel::refresh()
{
    if (!m_session)
        return;
    m_session->call(
        this, [](Backend& b) { return b.alertRules(); },
        [this](Result<QList<AlertRule>> rules) {
            if (!rules) {
                emit statusMessage(tr("Could not load the alert rules: %1").arg(rules.errorMessage()));
                return;
            }
            showRules(*rules);
        });
}

void AlertRulesPanel::showRules(const QList<AlertRule>& rules)
{
    m_rules = rules;
    m_table->setRowCount(int(rules.size()));
    int select = -1;
    for (int row = 0; row < rules.size(); ++row) {
        const AlertRule& r = rules[row];
        if (r.id == m_editing)
            select = row;
        m_table->setItem(row, ColKind, tables::text(alertKindText(r.kind)));
        QString scope = r.project.isEmpty() ? tr("every project") : r.project;
        if (!r.service.isEmpty())
            scope += u'/' + r.service;
        m_table->setItem(row, ColScope, tables::text(scope));
        m_table->setItem(row, ColThresholds, tables::text(thresholdsText(r.thresholds)));
        m_table->setItem(row, ColWindow, tables::text(durationText(r.windowMs)));
        m_table->setItem(row, ColSeverity, tables::text(alertSeverityText(r.severity)));
        QStringList tell;
        if (r.notifyContacts)
            tell << tr("contacts");
        if (r.notifyOwner)
            tell << tr("owner");
        m_table->setItem(row, ColNotify, tables::text(tell.join(QStringLiteral(", "))));
        m_table->setItem(row, ColBlock, tables::text(durationText(r.blockMs)));
        m_table->setItem(row, ColEnabled, tables::text(r.enabled ? tr("yes") : tr("no")));
    }
    m_table->resizeColumnsToContents();
    if (select >= 0)
        m_table->selectRow(select);
    updateActions();
}

void AlertRulesPanel::newRule()
{
    m_table->clearSelection();
    AlertRule fresh;
    fresh.thresholds = {30, 7, 1};
    edit(fresh);
    m_editing = 0;
    updateActions();
}

void AlertRulesPanel::edit(const AlertRule& rule)
{
    m_editing = rule.id;
    m_kind->setCurrentIndex(m_kind->findData(toString(rule.kind)));
    m_hint->setText(hintFor(rule.kind));
    m_enabled->setChecked(rule.enabled);
    m_thresholds->setText(thresholdsText(rule.thresholds));
    m_window->setText(durationText(rule.windowMs));
    m_project->setText(rule.project);
    m_service->setText(rule.service);
    m_severity->setCurrentIndex(m_severity->findData(toString(rule.severity)));
    m_notifyContacts->setChecked(rule.notifyContacts);
    m_notifyOwner->setChecked(rule.notifyOwner);
    m_block->setText(durationText(rule.blockMs));
}

Result<AlertRule> AlertRulesPanel::fromEditor() const
{
    AlertRule r;
    for (const AlertRule& existing : m_rules)
        if (existing.id == m_editing)
            r = existing;
    r.id = m_editing;
    const auto kind = alertKindFromString(m_kind->currentData().toString());
    if (!kind)
        return Error::invalid(tr("Choose a rule kind."));
    r.kind = *kind;
    r.enabled = m_enabled->isChecked();
    r.thresholds.clear();
    for (const QString& part : m_thresholds->text().split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 v = part.trimmed().toLongLong(&ok);
        if (!ok)
            return Error::invalid(tr("Thresholds: \"%1\" is not a whole number.").arg(part.trimmed()));
        r.thresholds << v;
    }
    r.windowMs = 0;
    if (const QString w = m_window->text().trimmed(); !w.isEmpty()) {
        auto ms = Duration::parseMs(w);
        if (!ms)
            return Error::invalid(tr("Window: %1").arg(ms.errorMessage()));
        r.windowMs = *ms;
    }
    r.blockMs = 0;
    if (const QString b = m_block->text().trimmed(); !b.isEmpty()) {
        auto ms = Duration::parseMs(b);
        if (!ms)
            return Error::invalid(tr("Block: %1").arg(ms.errorMessage()));
        r.blockMs = *ms;
    }
    r.project = m_project->text().trimmed();
    r.service = m_service->text().trimmed();
    r.severity = alertSeverityFromString(m_severity->currentData().toString()).value_or(AlertSeverity::Warning);
    r.notifyContacts = m_notifyContacts->isChecked();
    r.notifyOwner = m_notifyOwner->isChecked();
    if (auto s = r.validate(); !s)
        return s.error();
    return r;
}

void AlertRulesPanel::saveRule()
{
    if (!m_session || !m_session->can(Capability::Administer))
        return;
    auto rule = fromEditor();
    if (!rule) {
        m_hint->setText(rule.errorMessage());
        emit statusMessage(tr("The rule was not saved: %1").arg(rule.errorMessage()));
        return;
    }
    m_session->call(
        this, [r = *rule](Backend& b) { return b.saveAlertRule(r); },
        [this](Result<AlertRule> saved) {
            if (!saved) {
                m_hint->setText(saved.errorMessage());
                emit statusMessage(tr("The rule was not saved: %1").arg(saved.errorMessage()));
                return;
            }
            m_editing = saved->id;
            emit statusMessage(tr("Alert rule saved: %1").arg(alertKindText(saved->kind)));
            refresh();
        });
}

void AlertRulesPanel::removeRule()
{
    if (!m_session || m_editing == 0 || !m_session->can(Capability::Administer))
        return;
    const qint64 id = m_editing;
    if (QMessageBox::question(this, tr("Remove alert rule"),
                              tr("Remove the rule \"%1\"? Its alerts stay in the list; nothing new is raised by it.")
                                  .arg(m_kind->currentText())) != QMessageBox::Yes)
        return;
    m_session->call(
        this, [id](Backend& b) { return b.removeAlertRule(id); },
        [this](Status removed) {
            if (!removed) {
                emit statusMessage(tr("The rule was not removed: %1").arg(removed.errorMessage()));
                return;
            }
            emit statusMessage(tr("Alert rule removed."));
            newRule();
            refresh();
        });
}

void AlertRulesPanel::updateActions()
{
    const bool admin = m_session && m_session->can(Capability::Administer);
    m_new->setEnabled(admin);
    m_save->setEnabled(admin);
    m_remove->setEnabled(admin && m_editing != 0);
    if (m_session && !admin)
        m_save->setToolTip(m_session->deniedReason(Capability::Administer));
}

} // namespace kw::ui
