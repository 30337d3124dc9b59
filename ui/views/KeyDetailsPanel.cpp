#include "views/KeyDetailsPanel.h"

#include "policy/Duration.h"
#include "session/Session.h"
#include "usage/UsageReport.h"
#include "widgets/Sparkline.h"
#include "widgets/StatusStyle.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

QString when(qint64 ms, const QString& none)
{
    if (ms == 0)
        return none;
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

QString link(const QString& id, const QString& text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(id.toHtmlEscaped(), text.toHtmlEscaped());
}

QTreeWidget* makeTable(const QStringList& headers, const QString& name, const QString& accessible)
{
    auto* t = new QTreeWidget;
    t->setObjectName(name);
    t->setAccessibleName(accessible);
    t->setHeaderLabels(headers);
    t->setRootIsDecorated(false);
    t->setUniformRowHeights(true);
    t->setAlternatingRowColors(true);
    t->header()->setStretchLastSection(true);
    return t;
}

struct PolicyRow {
    QString rule;
    QString effective;
    QString own;
};

QList<PolicyRow> policyRows(const KeyPolicy& effective, const KeyPolicy& own)
{
    auto dur = [](const std::optional<qint64>& v) { return v ? Duration::format(*v) : QString(); };
    auto list = [](const std::optional<QStringList>& v) { return v ? v->join(QStringLiteral(", ")) : QString(); };
    auto limits = [](const std::optional<QList<RateLimitSpec>>& v) {
        if (!v)
            return QString();
        QStringList out;
        for (const RateLimitSpec& s : *v)
            out << s.toString();
        return out.join(QStringLiteral(", "));
    };
    auto quota = [](const std::optional<Quota>& q) { return q ? q->toString() : QString(); };
    auto num = [](const std::optional<qint64>& v) { return v ? QString::number(*v) : QString(); };
    auto str = [](const std::optional<QString>& v) { return v.value_or(QString()); };
    auto flag = [](const std::optional<bool>& v) {
        return v ? (*v ? QObject::tr("required") : QObject::tr("not required")) : QString();
    };
    return {
        {QObject::tr("Lifetime of new keys"), dur(effective.ttlMs), dur(own.ttlMs)},
        {QObject::tr("Grace period"), dur(effective.graceMs), dur(own.graceMs)},
        {QObject::tr("Rate limits"), limits(effective.rateLimits), limits(own.rateLimits)},
        {QObject::tr("Quota"), quota(effective.quota), quota(own.quota)},
        {QObject::tr("Maximum uses"), num(effective.maxUses), num(own.maxUses)},
        {QObject::tr("Refill"), quota(effective.refill), quota(own.refill)},
        {QObject::tr("Permissions"), list(effective.permissions), list(own.permissions)},
        {QObject::tr("Roles"), list(effective.roles), list(own.roles)},
        {QObject::tr("Allowed addresses"), list(effective.allowIps), list(own.allowIps)},
        {QObject::tr("Denied addresses"), list(effective.denyIps), list(own.denyIps)},
        {QObject::tr("Hours"), str(effective.hours), str(own.hours)},
        {QObject::tr("Days"), str(effective.days), str(own.days)},
        {QObject::tr("Time zone"), str(effective.timeZone), str(own.timeZone)},
        {QObject::tr("Automatic rotation"), dur(effective.rotateEveryMs), dur(own.rotateEveryMs)},
        {QObject::tr("Rotation overlap"), dur(effective.rotationOverlapMs), dur(own.rotationOverlapMs)},
        {QObject::tr("Renewal approval"), flag(effective.renewalRequiresApproval), flag(own.renewalRequiresApproval)},
    };
}

} // namespace

KeyDetailsPanel::KeyDetailsPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("keyDetails"));
    m_stack = new QStackedWidget;
    auto* empty = new QLabel(tr("Select a key to see its details."));
    empty->setAlignment(Qt::AlignCenter);
    empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(empty);

    auto* page = new QWidget;
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_title->setTextFormat(Qt::RichText);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_title->setFont(big);
    pageLayout->addWidget(m_title);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);

    auto* overview = new QWidget;
    auto* overviewLayout = new QVBoxLayout(overview);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addField(QStringLiteral("displayId"), tr("Key"));
    addField(QStringLiteral("id"), tr("Id"));
    addField(QStringLiteral("status"), tr("Status"));
    addField(QStringLiteral("reason"), tr("Reason"));
    addField(QStringLiteral("location"), tr("Where"));
    addField(QStringLiteral("services"), tr("Services"));
    addField(QStringLiteral("owner"), tr("Owner"));
    addField(QStringLiteral("tags"), tr("Tags"));
    addField(QStringLiteral("created"), tr("Created"));
    addField(QStringLiteral("expires"), tr("Expires"));
    addField(QStringLiteral("lastUsed"), tr("Last used"));
    addField(QStringLiteral("parent"), tr("Parent"));
    addField(QStringLiteral("children"), tr("Children"));
    addField(QStringLiteral("dependsOn"), tr("Depends on"));
    addField(QStringLiteral("rotation"), tr("Rotation"));
    addField(QStringLiteral("flags"), tr("Kind"));
    addField(QStringLiteral("metadata"), tr("Metadata"));
    overviewLayout->addLayout(m_form);
    auto* usageTitle = new QLabel(tr("<b>Requests, last 30 days</b>"));
    m_sparkline = new Sparkline;
    m_sparkline->setObjectName(QStringLiteral("usageSparkline"));
    m_sparkline->setAccessibleName(tr("Requests per day, last 30 days"));
    m_usageSummary = new QLabel;
    m_usageSummary->setObjectName(QStringLiteral("usageSummary"));
    overviewLayout->addWidget(usageTitle);
    overviewLayout->addWidget(m_sparkline);
    overviewLayout->addWidget(m_usageSummary);
    overviewLayout->addStretch();
    auto* scroll = new QScrollArea;
    scroll->setWidget(overview);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(scroll, tr("&Details"));

    m_policy = makeTable({tr("Rule"), tr("In effect"), tr("Set on this key")}, QStringLiteral("detailPolicy"),
                         tr("Policy rules"));
    m_tabs->addTab(m_policy, tr("&Policy"));
    m_history = makeTable({tr("When"), tr("Event"), tr("Expiry before"), tr("Expiry after"), tr("By")},
                          QStringLiteral("detailHistory"), tr("Expiration history"));
    m_tabs->addTab(m_history, tr("E&xpiration history"));
    m_audit = makeTable({tr("#"), tr("When"), tr("Actor"), tr("Action"), tr("Reason"), tr("Incident")},
                        QStringLiteral("detailAudit"), tr("Audit entries for this key"));
    m_tabs->addTab(m_audit, tr("&Audit"));
    pageLayout->addWidget(m_tabs);
    m_stack->addWidget(page);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(m_stack);
}

QLabel* KeyDetailsPanel::addField(const QString& field, const QString& label)
{
    auto* value = new QLabel;
    value->setObjectName(QStringLiteral("detail.") + field);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse |
                                   Qt::LinksAccessibleByKeyboard);
    value->setWordWrap(true);
    value->setAccessibleName(label);
    connect(value, &QLabel::linkActivated, this, &KeyDetailsPanel::keyActivated);
    m_form->addRow(label + u':', value);
    m_fields.insert(field, value);
    return value;
}

void KeyDetailsPanel::setField(const QString& field, const QString& text)
{
    // Every row stays: an empty value shows a dash. (Hiding rows with QFormLayout::setRowVisible corrupts
    // memory in Qt 6.4's heightForWidth with word-wrapped labels — seen under valgrind.)
    if (QLabel* l = m_fields.value(field))
        l->setText(text.isEmpty() ? QStringLiteral("—") : text);
}

QString KeyDetailsPanel::fieldText(const QString& field) const
{
    const QLabel* l = m_fields.value(field);
    return !l || l->text() == QStringLiteral("—") ? QString() : l->text();
}

void KeyDetailsPanel::setSession(Session* session)
{
    m_session = session;
    clear();
}

void KeyDetailsPanel::clear()
{
    ++m_token;
    m_pending = 0;
    m_key = {};
    m_stack->setCurrentIndex(0);
}

void KeyDetailsPanel::showKey(const KeyRecord& key)
{
    ++m_token;
    m_key = key;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const KeyLook look = StatusStyle::lookOf(key, now);
    m_title->setText(
        QStringLiteral("<b>%1</b> <span style=\"color:%2\">● %3</span>")
            .arg(key.name.toHtmlEscaped(), StatusStyle::color(look).name(), StatusStyle::text(look).toHtmlEscaped()));
    setField(QStringLiteral("displayId"), key.displayId);
    setField(QStringLiteral("id"), key.id);
    setField(QStringLiteral("status"),
             StatusStyle::text(look) +
                 (key.statusChangedAt ? tr(" since %1").arg(when(key.statusChangedAt, {})) : QString()));
    setField(QStringLiteral("reason"), key.incidentId.isEmpty()
                                           ? key.statusReason
                                           : tr("%1 (incident %2)").arg(key.statusReason, key.incidentId));
    setField(QStringLiteral("location"), (key.team.isEmpty() ? QString() : key.team + QStringLiteral(" / ")) +
                                             key.project + QStringLiteral(" / ") + key.environment);
    setField(QStringLiteral("services"), key.services.join(QStringLiteral(", ")));
    setField(QStringLiteral("owner"), key.owner);
    setField(QStringLiteral("tags"), key.tags.join(QStringLiteral(", ")));
    setField(QStringLiteral("created"), when(key.createdAt, {}));
    QString expires = when(key.expiresAt, tr("never"));
    if (key.inGrace(now))
        expires += tr(" — in grace period until %1").arg(when(key.expiresAt + key.graceMs, {}));
    setField(QStringLiteral("expires"), expires);
    setField(QStringLiteral("lastUsed"), when(key.lastUsedAt, tr("never")));
    setField(QStringLiteral("parent"), key.parentId.isEmpty() ? QString() : link(key.parentId, key.parentId));
    setField(QStringLiteral("children"),
             key.childCount > 0 ? tr("%n key(s)", nullptr, int(key.childCount)) : QString());
    QStringList deps;
    for (const QString& d : key.dependsOn)
        deps << link(d, d);
    setField(QStringLiteral("dependsOn"), deps.join(QStringLiteral(", ")));
    QStringList rotation;
    if (!key.predecessorId.isEmpty())
        rotation << tr("successor of %1").arg(link(key.predecessorId, key.predecessorId));
    if (!key.successorId.isEmpty())
        rotation << tr("replaced by %1").arg(link(key.successorId, key.successorId));
    setField(QStringLiteral("rotation"), rotation.join(QStringLiteral("; ")));
    QStringList flags;
    if (key.backup)
        flags << tr("backup key");
    if (key.recoverable)
        flags << tr("recoverable secret");
    if (key.usesConsumed > 0)
        flags << tr("%n use(s) consumed", nullptr, int(key.usesConsumed));
    setField(QStringLiteral("flags"), flags.join(QStringLiteral(", ")));
    setField(QStringLiteral("metadata"),
             key.metadata.isEmpty() ? QString()
                                    : QString::fromUtf8(QJsonDocument(key.metadata).toJson(QJsonDocument::Compact)));
    m_stack->setCurrentIndex(1);
    loadExtras();
}

void KeyDetailsPanel::finishOne()
{
    if (--m_pending == 0)
        emit loadedDetails();
}

void KeyDetailsPanel::loadExtras()
{
    m_policy->clear();
    m_history->clear();
    m_audit->clear();
    m_sparkline->setValues({});
    m_usageSummary->clear();
    if (!m_session)
        return;
    const quint64 token = m_token;
    const QString id = m_key.id;
    const KeyPolicy own = m_key.policy;
    m_pending = 4;

    m_session->call(
        this, [id](Backend& b) { return b.effectivePolicy(id); },
        [this, token, own](Result<KeyPolicy> effective) {
            if (token != m_token)
                return;
            if (!effective) {
                new QTreeWidgetItem(m_policy, {tr("Could not read the policy: %1").arg(effective.errorMessage())});
            } else {
                for (const PolicyRow& row : policyRows(*effective, own)) {
                    if (row.effective.isEmpty() && row.own.isEmpty())
                        continue;
                    new QTreeWidgetItem(m_policy, {row.rule, row.effective, row.own});
                }
                if (m_policy->topLevelItemCount() == 0)
                    new QTreeWidgetItem(m_policy, {tr("No rules: the key is limited only by its status and expiry.")});
            }
            m_policy->resizeColumnToContents(0);
            finishOne();
        });

    m_session->call(
        this, [id](Backend& b) { return b.expirationHistory(id); },
        [this, token](Result<QList<ExpirationEvent>> events) {
            if (token != m_token)
                return;
            for (const ExpirationEvent& e : events.value_or({}))
                new QTreeWidgetItem(m_history, {when(e.time, {}), e.event, when(e.oldExpiresAt, tr("never")),
                                                when(e.newExpiresAt, tr("never")), e.actor});
            m_history->resizeColumnToContents(0);
            finishOne();
        });

    m_session->call(
        this,
        [id](Backend& b) {
            AuditQuery q;
            q.target = id;
            q.limit = 500;
            return b.auditEntries(q);
        },
        [this, token](Result<QList<AuditEntry>> entries) {
            if (token != m_token)
                return;
            for (const AuditEntry& e : entries.value_or({}))
                new QTreeWidgetItem(
                    m_audit, {QString::number(e.seq), when(e.time, {}), e.actor, e.action, e.reason, e.incident});
            for (int c = 0; c < 4; ++c)
                m_audit->resizeColumnToContents(c);
            finishOne();
        });

    const qint64 day = usage::kDayMs;
    const qint64 to = usage::bucketStart(QDateTime::currentMSecsSinceEpoch(), day) + day;
    const qint64 from = to - 30 * day;
    m_session->call(
        this,
        [id, from, to](Backend& b) { return b.usageSeries(UsageGranularity::Day, UsageScope::Key, id, from, to); },
        [this, token](Result<QList<UsagePoint>> series) {
            if (token != m_token)
                return;
            QList<qint64> values;
            qint64 total = 0, valid = 0;
            for (const UsagePoint& p : series.value_or({})) {
                values << p.totals.requests;
                total += p.totals.requests;
                valid += p.totals.valid;
            }
            m_sparkline->setValues(values);
            m_usageSummary->setText(
                series
                    ? tr("%1 requests, %2 rejected").arg(QLocale().toString(total), QLocale().toString(total - valid))
                    : tr("Usage unavailable: %1").arg(series.errorMessage()));
            finishOne();
        });
}

} // namespace kw::ui
