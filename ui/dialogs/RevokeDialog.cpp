#include "dialogs/RevokeDialog.h"

#include "dialogs/MessageLabel.h"
#include "widgets/StatusStyle.h"
#include "widgets/TypedConfirmation.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace kw::ui {

namespace {

constexpr qsizetype kMaxListed = 1000;

// Core's relation ("selected", "child of <id>", "depends on <id>") in words, naming keys by display id.
QString describeRelation(const QString& relation, const QHash<QString, QString>& displayIds)
{
    const auto name = [&](const QString& id) { return displayIds.value(id, id); };
    static const QString childOf = QStringLiteral("child of ");
    static const QString dependsOn = QStringLiteral("depends on ");
    if (relation == QLatin1String("selected"))
        return RevokeDialog::tr("selected");
    if (relation.startsWith(childOf))
        return RevokeDialog::tr("child of %1").arg(name(relation.mid(childOf.size())));
    if (relation.startsWith(dependsOn))
        return RevokeDialog::tr("depends on %1").arg(name(relation.mid(dependsOn.size())));
    return relation;
}

} // namespace

RevokeDialog::RevokeDialog(const QList<KeyRecord>& keys, QWidget* parent) : QDialog(parent), m_keys(keys)
{
    setObjectName(QStringLiteral("revokeDialog"));
    setWindowTitle(tr("Revoke Keys"));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(720, 560);

    auto* intro = new QLabel(tr("Revoke %n key(s). Revocation is final: a revoked key is rejected from that "
                                "moment and cannot be resumed.",
                                nullptr, int(keys.size())),
                             this);
    intro->setWordWrap(true);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("keysList"));
    m_list->setAccessibleName(tr("Keys to revoke"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Key"), tr("Name"), tr("Project / environment"), tr("Status")});
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const KeyRecord& k : keys.mid(0, kMaxListed)) {
        auto* item = new QTreeWidgetItem(m_list, {k.displayId, k.name, k.project + u'/' + k.environment,
                                                  StatusStyle::text(StatusStyle::lookOf(k, now))});
        item->setIcon(3, StatusStyle::icon(StatusStyle::lookOf(k, now)));
    }
    if (keys.size() > kMaxListed)
        new QTreeWidgetItem(m_list, {tr("… and %n more", nullptr, int(keys.size() - kMaxListed))});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->setMaximumHeight(140);

    m_cascade = new QCheckBox(tr("Also revoke their &children and dependent keys (cascade)"), this);
    m_cascade->setObjectName(QStringLiteral("cascadeCheck"));
    m_cascade->setAccessibleName(tr("Cascade to children and dependents"));
    connect(m_cascade, &QCheckBox::toggled, this, [this](bool on) {
        m_planned = false;
        m_planLabel->setText(tr("Working out which keys will be revoked…"));
        m_plan->clear();
        m_confirm->setExpected(QString());
        updateButtons();
        emit planRequested(on);
    });

    m_planLabel = new QLabel(tr("Working out which keys will be revoked…"), this);
    m_planLabel->setObjectName(QStringLiteral("planLabel"));
    m_planLabel->setWordWrap(true);
    m_plan = new QTreeWidget(this);
    m_plan->setObjectName(QStringLiteral("planList"));
    m_plan->setAccessibleName(tr("Keys that will be revoked"));
    m_plan->setRootIsDecorated(false);
    m_plan->setHeaderLabels({tr("Key"), tr("Name"), tr("Project / environment"), tr("Why")});
    m_plan->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("required, recorded in the audit trail"));
    m_incident = new QLineEdit(this);
    m_incident->setObjectName(QStringLiteral("incidentEdit"));
    m_incident->setAccessibleName(tr("Incident id"));
    m_incident->setPlaceholderText(tr("optional, e.g. INC-1234"));
    auto* form = new QFormLayout;
    auto* reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    auto* incidentLabel = new QLabel(tr("&Incident:"), this);
    incidentLabel->setBuddy(m_incident);
    form->addRow(reasonLabel, m_reason);
    form->addRow(incidentLabel, m_incident);
    connect(m_reason, &QLineEdit::textChanged, this, &RevokeDialog::updateButtons);

    m_confirm = new TypedConfirmation(this);
    connect(m_confirm, &TypedConfirmation::confirmedChanged, this, &RevokeDialog::updateButtons);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("revokeProgress"));
    m_progress->setAccessibleName(tr("Revocation progress"));
    m_progress->setVisible(false);
    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("revokeMessage"));

    m_buttons = new QDialogButtonBox(this);
    m_revoke = m_buttons->addButton(tr("&Revoke"), QDialogButtonBox::AcceptRole);
    m_revoke->setObjectName(QStringLiteral("revokeButton"));
    m_revoke->setAccessibleName(tr("Revoke"));
    m_revoke->setIcon(StatusStyle::icon(KeyLook::Revoked));
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAccessibleName(tr("Cancel"));
    m_close = m_buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_close->setAccessibleName(tr("Close"));
    m_close->setVisible(false);
    // The accept role would close the dialog: Revoke only asks the command to act.
    disconnect(m_buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_revoke, &QPushButton::clicked, this, [this] {
        if (!m_revoke->isEnabled())
            return;
        emit revokeRequested(m_cascade->isChecked(), m_reason->text().trimmed(), m_incident->text().trimmed());
    });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    m_revoke->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list);
    layout->addWidget(m_cascade);
    layout->addWidget(m_planLabel);
    layout->addWidget(m_plan, 1);
    layout->addLayout(form);
    layout->addWidget(m_confirm);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    m_reason->setFocus();
    updateButtons();
}

bool RevokeDialog::cascade() const
{
    return m_cascade->isChecked();
}

QString RevokeDialog::expectedConfirmation() const
{
    return m_confirm->expected();
}

void RevokeDialog::fillPlan(const RevocationPlan& plan, bool executed)
{
    m_plan->clear();
    // A cascade can reach 100,000 keys: list the first ones, count the rest (the label has the totals).
    const qsizetype shown = std::min<qsizetype>(plan.entries.size(), kMaxListed);
    QHash<QString, QString> displayIds;
    for (const auto& e : plan.entries)
        displayIds.insert(e.keyId, e.displayId);
    for (qsizetype i = 0; i < shown; ++i) {
        const auto& e = plan.entries[i];
        QString why = describeRelation(e.relation, displayIds);
        if (e.alreadyRevoked)
            why = tr("%1 (already revoked)").arg(why);
        else if (executed)
            why = tr("%1 — revoked").arg(why);
        auto* item = new QTreeWidgetItem(m_plan, {e.displayId, e.name, e.project + u'/' + e.environment, why});
        if (executed || e.alreadyRevoked)
            item->setIcon(0, StatusStyle::icon(KeyLook::Revoked));
    }
    if (plan.entries.size() > shown)
        new QTreeWidgetItem(m_plan, {tr("… and %n more", nullptr, int(plan.entries.size() - shown))});
}

void RevokeDialog::setPlan(bool cascade, const Result<RevocationPlan>& plan)
{
    if (cascade != m_cascade->isChecked() || m_finished)
        return; // an answer to a question no longer asked
    if (!plan) {
        m_planned = false;
        m_planLabel->setText(tr("Could not work out which keys would be revoked."));
        m_message->showError(plan.errorMessage());
        updateButtons();
        return;
    }
    m_message->clearMessage();
    fillPlan(*plan, false);
    m_toRevoke = plan->toRevokeCount();
    const int selected = int(std::count_if(plan->entries.begin(), plan->entries.end(),
                                           [](const auto& e) { return e.relation == QLatin1String("selected"); }));
    const int already = int(plan->entries.size()) - m_toRevoke;
    QString text = tr("%n key(s) will be revoked", nullptr, m_toRevoke);
    if (cascade)
        text += tr(": %n selected", nullptr, selected) +
                tr(", %n child or dependent key(s)", nullptr, int(plan->entries.size()) - selected);
    if (already > 0)
        text += tr(" (%n already revoked, left as they are)", nullptr, already);
    m_planLabel->setText(text + u'.');
    m_planned = m_toRevoke > 0;
    if (m_toRevoke == 1) {
        const auto it =
            std::find_if(plan->entries.begin(), plan->entries.end(), [](const auto& e) { return !e.alreadyRevoked; });
        m_confirm->setExpected(it->displayId);
    } else if (m_toRevoke > 1) {
        m_confirm->setExpected(tr("REVOKE %1").arg(m_toRevoke));
    } else {
        m_confirm->setExpected(QString());
        m_message->showInfo(tr("Nothing to revoke: every key is already revoked."));
    }
    updateButtons();
}

void RevokeDialog::setRevoking(int count)
{
    m_busy = true;
    m_message->showInfo(tr("Revoking %n key(s)…", nullptr, count));
    m_progress->setVisible(true);
    m_progress->setRange(0, 0); // one transaction: no steps to count
    updateButtons();
}

void RevokeDialog::showResult(const Result<RevocationPlan>& result)
{
    m_busy = false;
    m_progress->setRange(0, 1);
    if (!result) {
        m_progress->setVisible(false);
        m_message->showError(tr("Nothing was revoked: %1").arg(result.errorMessage()));
        updateButtons();
        return;
    }
    m_finished = true;
    m_progress->setValue(1);
    fillPlan(*result, true);
    const int revoked = result->toRevokeCount();
    m_planLabel->setText(tr("Revoked %n key(s).", nullptr, revoked));
    QString summary = tr("Revoked %n key(s). Reason: %1", nullptr, revoked).arg(m_reason->text().trimmed());
    if (!m_incident->text().trimmed().isEmpty())
        summary += tr(". Incident: %1").arg(m_incident->text().trimmed());
    m_message->showInfo(summary);
    m_cascade->setEnabled(false);
    m_reason->setReadOnly(true);
    m_incident->setReadOnly(true);
    m_confirm->setEnabled(false);
    updateButtons();
    m_close->setFocus();
}

void RevokeDialog::updateButtons()
{
    const bool ready =
        m_planned && !m_busy && !m_finished && !m_reason->text().trimmed().isEmpty() && m_confirm->isConfirmed();
    m_revoke->setEnabled(ready);
    m_revoke->setVisible(!m_finished);
    m_cancel->setVisible(!m_finished);
    m_cancel->setEnabled(!m_busy);
    m_close->setVisible(m_finished);
    m_close->setDefault(m_finished);
    if (!ready && !m_finished) {
        QString why;
        if (!m_planned)
            why = tr("Waiting for the list of keys that would be revoked");
        else if (m_reason->text().trimmed().isEmpty())
            why = tr("Give a reason first");
        else if (!m_confirm->isConfirmed())
            why = tr("Type %1 to confirm").arg(m_confirm->expected());
        m_revoke->setToolTip(why);
    } else {
        m_revoke->setToolTip(QString());
    }
}

void RevokeDialog::done(int result)
{
    // The transaction is running: stay to show what it did.
    if (m_busy)
        return;
    QDialog::done(result);
}

} // namespace kw::ui
