#include "views/AuditView.h"

#include "Backend.h"
#include "models/AuditTableModel.h"
#include "session/Session.h"
#include "widgets/StatusStyle.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 24 * kHourMs;

QString utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

struct Retention {
    Result<AuditSettings> audit = AuditSettings{};
    Result<UsageRecorder::Settings> usage = UsageRecorder::Settings{};
};

} // namespace

AuditView::AuditView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("auditView"));
    m_model = new AuditTableModel(this);

    // Chain status, in plain words, with the one action that changes it.
    m_banner = new QFrame;
    m_banner->setObjectName(QStringLiteral("auditBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    m_chainStatus = new QLabel;
    m_chainStatus->setObjectName(QStringLiteral("auditChainStatus"));
    m_chainStatus->setAccessibleName(tr("Audit chain status"));
    m_chainStatus->setWordWrap(true);
    m_chainStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verify = new QPushButton(tr("&Verify chain"));
    m_verify->setObjectName(QStringLiteral("auditVerify"));
    m_verify->setAccessibleName(tr("Verify the audit chain"));
    m_verify->setToolTip(tr("Checks every entry's hash link and the authenticated head, as kwctl audit verify does. "
                            "The run is itself recorded in the trail."));
    connect(m_verify, &QPushButton::clicked, this, &AuditView::verifyChain);
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_chainStatus, 1);
    bannerLayout->addWidget(m_verify);

    // Filters, applied by the store as you type.
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("auditSearch"));
    m_search->setAccessibleName(tr("Search the audit log"));
    m_search->setPlaceholderText(tr("Search actor, action, target, reason, incident, details…"));
    m_search->setClearButtonEnabled(true);
    m_actor = new QLineEdit;
    m_actor->setObjectName(QStringLiteral("auditActor"));
    m_actor->setAccessibleName(tr("Actor"));
    m_actor->setPlaceholderText(tr("Actor"));
    m_action = new QComboBox;
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_action->setAccessibleName(tr("Action"));
    m_action->setEditable(true);
    m_action->addItem(tr("Any action"), QString());
    for (const char* a : {"key.", "key.create", "key.revoke", "key.suspend", "key.resume", "key.update", "key.rotate",
                          "key.reveal", "policy.", "operator.", "audit.", "compliance.", "report.", "usage."})
        m_action->addItem(QString::fromLatin1(a), QString::fromLatin1(a));
    m_action->setToolTip(tr("An action, or a prefix ending in a dot (\"key.\") for a whole family"));
    m_target = new QLineEdit;
    m_target->setObjectName(QStringLiteral("auditTarget"));
    m_target->setAccessibleName(tr("Target"));
    m_target->setPlaceholderText(tr("Target (key id, …)"));
    m_incident = new QLineEdit;
    m_incident->setObjectName(QStringLiteral("auditIncident"));
    m_incident->setAccessibleName(tr("Incident"));
    m_incident->setPlaceholderText(tr("Incident"));
    m_period = new QComboBox;
    m_period->setObjectName(QStringLiteral("auditPeriod"));
    m_period->setAccessibleName(tr("Period"));
    m_period->addItem(tr("Any time"), 0);
    m_period->addItem(tr("Last hour"), kHourMs);
    m_period->addItem(tr("Last 24 hours"), kDayMs);
    m_period->addItem(tr("Last 7 days"), 7 * kDayMs);
    m_period->addItem(tr("Last 30 days"), 30 * kDayMs);
    m_period->addItem(tr("Last 90 days"), 90 * kDayMs);
    auto* clear = new QPushButton(tr("C&lear"));
    clear->setObjectName(QStringLiteral("auditClearFilters"));
    clear->setAccessibleName(tr("Clear the filters"));
    connect(clear, &QPushButton::clicked, this, [this] {
        for (QLineEdit* e : {m_search, m_actor, m_target, m_incident})
            e->clear();
        m_action->setCurrentIndex(0);
        m_period->setCurrentIndex(0);
        applyFilters();
    });
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(250);
    connect(&m_filterDelay, &QTimer::timeout, this, &AuditView::applyFilters);
    for (QLineEdit* e : {m_search, m_actor, m_target, m_incident})
        connect(e, &QLineEdit::textChanged, this, [this] { m_filterDelay.start(); });
    connect(m_action, &QComboBox::currentTextChanged, this, [this] { m_filterDelay.start(); });
    connect(m_period, &QComboBox::currentIndexChanged, this, &AuditView::applyFilters);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 3);
    filters->addWidget(m_actor, 1);
    filters->addWidget(m_action, 1);
    filters->addWidget(m_target, 1);
    filters->addWidget(m_incident, 1);
    filters->addWidget(m_period);
    filters->addWidget(clear);

    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("auditCount"));
    connect(m_model, &AuditTableModel::totalChanged, this,
            [this](qint64 n) { m_count->setText(tr("Entries: %1").arg(QLocale().toString(n))); });
    connect(m_model, &AuditTableModel::loadFailed, this,
            [this](const QString& message) { emit statusMessage(tr("Audit log: %1").arg(message)); });

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit entries"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(AuditTableModel::SeqColumn, 80);
    m_table->setColumnWidth(AuditTableModel::TimeColumn, 150);
    m_table->setColumnWidth(AuditTableModel::ActorColumn, 150);
    m_table->setColumnWidth(AuditTableModel::RoleColumn, 80);
    m_table->setColumnWidth(AuditTableModel::ActionColumn, 140);
    m_table->setColumnWidth(AuditTableModel::TargetColumn, 190);
    m_table->setColumnWidth(AuditTableModel::ReasonColumn, 260);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditView::showDetails);
    // A page arriving for the current row fills the details in.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        if (m_details->toPlainText().isEmpty() && m_table->currentIndex().isValid())
            showDetails();
    });
    connect(m_model, &AuditTableModel::rowLocated, this, [this](qint64 seq, int row) {
        if (seq != m_brokenSeq)
            return;
        if (row < 0) {
            m_chainStatus->setText(m_chainStatus->text() + u' ' +
                                   tr("(The entry is hidden by the filters; clear them to see it.)"));
            return;
        }
        const QModelIndex i = m_model->index(row, AuditTableModel::SeqColumn);
        m_table->setCurrentIndex(i);
        m_table->scrollTo(i, QAbstractItemView::PositionAtCenter);
    });

    m_details = new QPlainTextEdit;
    m_details->setObjectName(QStringLiteral("auditDetails"));
    m_details->setAccessibleName(tr("Details of the selected entry"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select an entry to see its details and hashes."));

    // Retention: how long entries and raw usage events are kept.
    auto* retention = new QGroupBox(tr("Retention"));
    retention->setObjectName(QStringLiteral("auditRetention"));
    m_auditDays = new QSpinBox;
    m_auditDays->setObjectName(QStringLiteral("auditRetentionDays"));
    m_auditDays->setAccessibleName(tr("Keep audit entries for (days)"));
    m_auditDays->setRange(0, 36500);
    m_auditDays->setSpecialValueText(tr("forever"));
    m_auditDays->setSuffix(tr(" days"));
    m_usageDays = new QSpinBox;
    m_usageDays->setObjectName(QStringLiteral("usageRetentionDays"));
    m_usageDays->setAccessibleName(tr("Keep raw usage events for (days)"));
    m_usageDays->setRange(0, 3650);
    m_usageDays->setSpecialValueText(tr("none (rollups only)"));
    m_usageDays->setSuffix(tr(" days"));
    m_applyRetention = new QPushButton(tr("&Apply"));
    m_applyRetention->setObjectName(QStringLiteral("auditRetentionApply"));
    m_applyRetention->setAccessibleName(tr("Apply the retention settings"));
    connect(m_applyRetention, &QPushButton::clicked, this, &AuditView::applyRetention);
    m_retentionNote = new QLabel(tr("Older audit entries are pruned behind a signed checkpoint, so the rest of the "
                                    "chain stays verifiable. A key server prunes hourly; kwctl audit prune does it "
                                    "for a local vault."));
    m_retentionNote->setObjectName(QStringLiteral("auditRetentionNote"));
    m_retentionNote->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Audit entries:"), m_auditDays);
    form->addRow(tr("Raw usage events:"), m_usageDays);
    auto* retentionLayout = new QVBoxLayout(retention);
    retentionLayout->addLayout(form);
    retentionLayout->addWidget(m_applyRetention, 0, Qt::AlignRight);
    retentionLayout->addWidget(m_retentionNote);

    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(new QLabel(tr("<b>Entry</b>")));
    sideLayout->addWidget(m_details, 1);
    sideLayout->addWidget(retention);

    auto* splitter = new QSplitter;
    splitter->addWidget(m_table);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(filters);
    layout->addWidget(m_count);
    layout->addWidget(splitter, 1);
    setBanner(QString(), 0);
}

AuditView::~AuditView() = default;

void AuditView::setSession(Session* session)
{
    m_session = session;
    m_brokenSeq = 0;
    m_model->setBrokenSeq(0);
    m_details->clear();
    const bool admin = session && session->can(Capability::Administer);
    for (QWidget* w : std::initializer_list<QWidget*>{m_auditDays, m_usageDays, m_applyRetention}) {
        w->setEnabled(admin);
        w->setToolTip(session && !admin ? session->deniedReason(Capability::Administer) : QString());
    }
    m_verify->setEnabled(session != nullptr);
    m_model->setSession(session);
    applyFilters();
    refresh();
}

void AuditView::refresh()
{
    const quint64 token = ++m_token;
    if (!m_session) {
        setBanner(QString(), 0);
        return;
    }
    m_session->call(
        this, [](Backend& b) { return b.auditStatus(); },
        [this, token](Result<AuditStatus> status) {
            if (token != m_token)
                return;
            if (!status) {
                setBanner(tr("The audit trail's status cannot be read: %1").arg(status.errorMessage()), 2);
                return;
            }
            showStatus(*status);
        });
    loadRetention();
}

void AuditView::applyFilters()
{
    m_filterDelay.stop();
    AuditQuery q;
    q.text = m_search->text().trimmed();
    q.actor = m_actor->text().trimmed();
    const int actionIndex = m_action->currentIndex();
    q.action = actionIndex >= 0 && m_action->itemText(actionIndex) == m_action->currentText()
                   ? m_action->currentData().toString()
                   : m_action->currentText().trimmed();
    q.target = m_target->text().trimmed();
    q.incident = m_incident->text().trimmed();
    if (const qint64 span = m_period->currentData().toLongLong(); span > 0)
        q.fromMs = QDateTime::currentMSecsSinceEpoch() - span;
    m_details->clear();
    m_model->setQuery(q);
}

QString AuditView::chainStatusText() const
{
    return m_chainStatus->text();
}

void AuditView::setBanner(const QString& text, int tone)
{
    m_chainStatus->setText(text.isEmpty() ? tr("No vault is open.") : text);
    QPalette p = palette();
    if (tone != 0) {
        QColor c = StatusStyle::color(tone == 1 ? KeyLook::Active : KeyLook::Revoked);
        c.setAlpha(45);
        p.setColor(QPalette::Window, c);
    }
    m_banner->setPalette(p);
    m_banner->setProperty("tone", tone == 1 ? "ok" : tone == 2 ? "broken" : "neutral");
}

void AuditView::showStatus(const AuditStatus& s)
{
    QString checkpoint;
    if (s.checkpoint.seq > 0)
        checkpoint = u' ' + tr("Entries up to %1 were pruned behind a signed checkpoint on %2.")
                                .arg(s.checkpoint.seq)
                                .arg(utc(s.checkpoint.time));
    if (s.lastVerifiedAt == 0) {
        setBanner(tr("The audit chain has not been verified yet (head at entry %1, stored entries: %2).")
                          .arg(s.headSeq)
                          .arg(QLocale().toString(s.entries)) +
                      checkpoint,
                  0);
    } else if (s.lastVerifiedIntact) {
        setBanner(
            tr("Last verified %1: intact through entry %2.").arg(utc(s.lastVerifiedAt)).arg(s.lastVerifiedHeadSeq) +
                checkpoint,
            1);
    } else {
        setBanner(tr("Last verified %1: BROKEN at entry %2. Verify again to see why.")
                      .arg(utc(s.lastVerifiedAt))
                      .arg(s.lastVerifiedFirstBadSeq),
                  2);
    }
}

void AuditView::verifyChain()
{
    if (!m_session)
        return;
    m_verify->setEnabled(false);
    setBanner(tr("Verifying the audit chain…"), 0);
    const quint64 token = ++m_token;
    m_session->call(
        this, [](Backend& b) { return b.verifyAudit(); },
        [this, token](Result<AuditVerification> v) {
            m_verify->setEnabled(m_session != nullptr);
            if (token != m_token)
                return;
            if (!v) {
                setBanner(tr("The audit chain could not be verified: %1").arg(v.errorMessage()), 2);
                return;
            }
            showVerification(*v);
            emit verified(*v);
        });
}

void AuditView::showVerification(const AuditVerification& v)
{
    const QLocale l;
    if (v.intact) {
        m_brokenSeq = 0;
        QString text = tr("Audit chain intact through entry %1 (%2 entries checked).")
                           .arg(v.lastGoodSeq)
                           .arg(l.toString(v.checked));
        if (v.checkpointSeq > 0)
            text += u' ' + tr("Entries up to %1 were pruned behind a signed checkpoint; the chain was checked from "
                              "there.")
                               .arg(v.checkpointSeq);
        setBanner(text, 1);
    } else {
        m_brokenSeq = v.firstBadSeq;
        setBanner(tr("Audit chain BROKEN at entry %1: %2. Entries up to %3 are intact.")
                      .arg(v.firstBadSeq)
                      .arg(v.problem)
                      .arg(v.lastGoodSeq),
                  2);
    }
    m_model->setBrokenSeq(m_brokenSeq);
    // The verification added its own entry: show it, then bring the broken entry into view.
    m_model->reload();
    if (m_brokenSeq > 0)
        m_model->locate(m_brokenSeq);
}

void AuditView::showDetails()
{
    const auto e = m_model->entryAt(m_table->currentIndex().row());
    if (!e) {
        m_details->clear();
        return;
    }
    QString text;
    text += tr("Entry %1 at %2")
                .arg(e->seq)
                .arg(QDateTime::fromMSecsSinceEpoch(e->time, QTimeZone::utc()).toString(Qt::ISODateWithMs)) +
            u'\n';
    text += tr("Actor: %1 (%2)").arg(e->actor, e->role.isEmpty() ? tr("no role recorded") : e->role) + u'\n';
    text += tr("Action: %1").arg(e->action) + u'\n';
    text += tr("Target: %1").arg(e->target) + u'\n';
    if (!e->reason.isEmpty())
        text += tr("Reason: %1").arg(e->reason) + u'\n';
    if (!e->incident.isEmpty())
        text += tr("Incident: %1").arg(e->incident) + u'\n';
    text +=
        u'\n' + tr("Details:") + u'\n' + QString::fromUtf8(QJsonDocument(e->details).toJson(QJsonDocument::Indented));
    text += u'\n' + tr("Hash: %1").arg(QString::fromLatin1(e->hash.toHex())) + u'\n';
    text += tr("Follows: %1").arg(QString::fromLatin1(e->prevHash.toHex()));
    m_details->setPlainText(text);
}

void AuditView::loadRetention()
{
    if (!m_session)
        return;
    m_session->call(
        this,
        [](Backend& b) {
            Retention r;
            r.audit = b.auditSettings();
            r.usage = b.usageSettings();
            return r;
        },
        [this](Retention r) {
            if (r.audit)
                m_auditDays->setValue(int(r.audit->retentionMs / kDayMs));
            if (r.usage)
                m_usageDays->setValue(int(r.usage->rawRetentionMs / kDayMs));
        });
}

void AuditView::applyRetention()
{
    if (!m_session)
        return;
    AuditSettings audit;
    audit.retentionMs = qint64(m_auditDays->value()) * kDayMs;
    const qint64 usageMs = qint64(m_usageDays->value()) * kDayMs;
    m_applyRetention->setEnabled(false);
    m_session->call(
        this,
        [audit, usageMs](Backend& b) -> Status {
            if (auto s = b.setAuditSettings(audit); !s)
                return s;
            auto usage = b.usageSettings();
            if (!usage)
                return usage.error();
            if (usage->rawRetentionMs == usageMs)
                return {};
            usage->rawRetentionMs = usageMs;
            return b.setUsageSettings(*usage);
        },
        [this](Status s) {
            m_applyRetention->setEnabled(m_session && m_session->can(Capability::Administer));
            emit statusMessage(s ? tr("Retention settings saved.")
                                 : tr("Retention not saved: %1").arg(s.errorMessage()));
            m_model->reload(); // the change is in the trail
        });
}

} // namespace kw::ui
