#include "views/RevocationView.h"

#include "Backend.h"
#include "session/Session.h"
#include "widgets/ClipboardGuard.h"
#include "widgets/StatusStyle.h"
#include "widgets/TypedConfirmation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

constexpr int kSearchLimit = 500;
constexpr int kAssessDelayMs = 250;

enum Step { RevokeStep, RecoverStep, NotifyStep, TrailStep, DoneStep };

struct StepResult {
    Result<RevocationPlan> revoked = RevocationPlan{};
    std::optional<Result<KeyRecord>> backup;
    std::optional<Result<IssuedKey>> replacement;
    Result<QList<Notification>> notifications = QList<Notification>{};
    Result<QList<AuditEntry>> trail = QList<AuditEntry>{};
};

} // namespace

RevocationView::RevocationView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("revocationView"));
    m_assessTimer.setSingleShot(true);
    m_assessTimer.setInterval(kAssessDelayMs);
    connect(&m_assessTimer, &QTimer::timeout, this, &RevocationView::assess);

    // 1. Find
    auto* findBox = new QGroupBox(tr("1. Find the keys"));
    buildFind(findBox);

    // 2. Assess
    m_candidatesView = new QTreeWidget;
    m_candidatesView->setObjectName(QStringLiteral("revCandidates"));
    m_candidatesView->setAccessibleName(tr("Keys found; checked keys will be revoked"));
    m_candidatesView->setHeaderLabels(
        {tr("Key"), tr("Project"), tr("Services"), tr("Owner"), tr("State"), tr("Last used"), tr("Found by")});
    m_candidatesView->setRootIsDecorated(false);
    m_candidatesView->setUniformRowHeights(true);
    connect(m_candidatesView, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem*, int column) {
        if (column == 0)
            scheduleAssessment();
    });
    connect(m_candidatesView, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item, int) {
        // Enter toggles the check: a keyboard-only responder picks keys without the mouse.
        item->setCheckState(0, item->checkState(0) == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
    m_cascade = new QCheckBox(tr("Cascade: also revoke &children and keys that depend on them"));
    m_cascade->setObjectName(QStringLiteral("revCascade"));
    m_cascade->setChecked(true);
    connect(m_cascade, &QCheckBox::toggled, this, &RevocationView::scheduleAssessment);
    m_impactSummary = new QLabel(tr("Find keys first."));
    m_impactSummary->setObjectName(QStringLiteral("revImpactSummary"));
    m_impactSummary->setWordWrap(true);
    m_impactSummary->setTextFormat(Qt::RichText);
    m_impactView = new QTreeWidget;
    m_impactView->setObjectName(QStringLiteral("revImpact"));
    m_impactView->setAccessibleName(tr("Every key the revocation hits"));
    m_impactView->setHeaderLabels(
        {tr("Key"), tr("Name"), tr("Project"), tr("Why"), tr("Last hour"), tr("Last day"), tr("Backup")});
    m_impactView->setRootIsDecorated(false);
    m_impactView->setUniformRowHeights(true);
    auto* assessBox = new QGroupBox(tr("2. Impact"));
    auto* assessLayout = new QVBoxLayout(assessBox);
    assessLayout->addWidget(m_candidatesView, 2);
    assessLayout->addWidget(m_cascade);
    assessLayout->addWidget(m_impactSummary);
    assessLayout->addWidget(m_impactView, 3);

    // 3. Act
    m_incident = new QLineEdit;
    m_incident->setObjectName(QStringLiteral("revIncident"));
    m_incident->setAccessibleName(tr("Incident id"));
    m_reason = new QLineEdit;
    m_reason->setObjectName(QStringLiteral("revReason"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("e.g. secret pushed to a public repository"));
    connect(m_reason, &QLineEdit::textChanged, this, &RevocationView::updateActButton);
    // Enter in the reason goes on to the confirmation: paste, Ctrl+Return, reason, Enter, confirm, Enter.
    connect(m_reason, &QLineEdit::returnPressed, this, [this] { m_confirm->edit()->setFocus(); });
    m_activateBackups = new QCheckBox(tr("Activate a &backup key where one exists"));
    m_activateBackups->setObjectName(QStringLiteral("revActivateBackups"));
    m_activateBackups->setChecked(true);
    m_issueReplacements = new QCheckBox(tr("Issue a re&placement for every other selected key"));
    m_issueReplacements->setObjectName(QStringLiteral("revIssueReplacements"));
    m_issueReplacements->setChecked(true);
    m_notify = new QCheckBox(tr("Notify the projects' emergency &contacts"));
    m_notify->setObjectName(QStringLiteral("revNotify"));
    m_notify->setChecked(true);
    m_confirm = new TypedConfirmation;
    m_confirm->setObjectName(QStringLiteral("revConfirm"));
    connect(m_confirm, &TypedConfirmation::confirmedChanged, this, &RevocationView::updateActButton);
    connect(m_confirm->edit(), &QLineEdit::returnPressed, this, &RevocationView::revoke);
    m_revoke = new QPushButton(tr("Revoke now"));
    m_revoke->setObjectName(QStringLiteral("revRevoke"));
    m_revoke->setAccessibleName(tr("Revoke now"));
    m_revoke->setToolTip(tr("Revoke every key listed under Impact (Ctrl+Shift+Return)"));
    m_revoke->setEnabled(false);
    {
        QPalette p = m_revoke->palette();
        p.setColor(QPalette::Button, StatusStyle::color(KeyLook::Revoked));
        p.setColor(QPalette::ButtonText, Qt::white);
        m_revoke->setPalette(p);
    }
    connect(m_revoke, &QPushButton::clicked, this, &RevocationView::revoke);
    auto* revokeShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return), this);
    revokeShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(revokeShortcut, &QShortcut::activated, this, &RevocationView::revoke);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("revProgress"));
    m_progress->setAccessibleName(tr("Progress"));
    m_progress->setVisible(false);
    m_progressText = new QLabel;
    m_progressText->setObjectName(QStringLiteral("revProgressText"));
    auto* actBox = new QGroupBox(tr("3. Revoke and restore"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Incident:"), m_incident);
    form->addRow(tr("&Reason:"), m_reason);
    auto* actLayout = new QVBoxLayout(actBox);
    actLayout->addLayout(form);
    actLayout->addWidget(m_activateBackups);
    actLayout->addWidget(m_issueReplacements);
    actLayout->addWidget(m_notify);
    actLayout->addWidget(m_confirm);
    actLayout->addWidget(m_revoke);
    actLayout->addWidget(m_progress);
    actLayout->addWidget(m_progressText);

    // 4. After
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("revResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_secretsView = new QPlainTextEdit;
    m_secretsView->setObjectName(QStringLiteral("revSecrets"));
    m_secretsView->setAccessibleName(tr("New secrets, shown once"));
    m_secretsView->setReadOnly(true);
    m_secretsView->setVisible(false);
    m_secretsView->setMaximumHeight(110);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_secretsView->setFont(mono);
    m_copySecrets = new QPushButton(tr("Cop&y new secrets"));
    m_copySecrets->setObjectName(QStringLiteral("revCopySecrets"));
    m_copySecrets->setVisible(false);
    connect(m_copySecrets, &QPushButton::clicked, this, [this] {
        QByteArray all;
        for (const auto& [id, secret] : m_secrets)
            all += id.toUtf8() + ' ' + secret.view() + '\n';
        ClipboardGuard::instance()->copySecret(SecureBytes::adopt(all));
    });
    m_trail = new QTreeWidget;
    m_trail->setObjectName(QStringLiteral("revTrail"));
    m_trail->setAccessibleName(tr("Audit trail of the incident"));
    m_trail->setHeaderLabels({tr("#"), tr("Time"), tr("Actor"), tr("Action"), tr("Target")});
    m_trail->setRootIsDecorated(false);
    m_exportReport = new QPushButton(tr("&Export incident report…"));
    m_exportReport->setObjectName(QStringLiteral("revExportReport"));
    m_exportReport->setEnabled(false);
    connect(m_exportReport, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export incident report"),
                                                          m_outcome.request.incident + QStringLiteral(".pdf"),
                                                          tr("PDF document (*.pdf);;HTML page (*.html)"));
        if (path.isEmpty())
            return;
        if (auto s = exportReport(path); !s)
            QMessageBox::warning(this, tr("Export failed"), s.errorMessage());
        else
            m_progressText->setText(tr("Report written to %1").arg(QDir::toNativeSeparators(path)));
    });
    m_newIncident = new QPushButton(tr("New incident"));
    m_newIncident->setObjectName(QStringLiteral("revNewIncident"));
    m_newIncident->setToolTip(tr("Clear the panel and wipe the secrets shown"));
    connect(m_newIncident, &QPushButton::clicked, this, &RevocationView::reset);
    auto* afterBox = new QGroupBox(tr("4. After"));
    auto* afterLayout = new QVBoxLayout(afterBox);
    afterLayout->addWidget(m_result);
    afterLayout->addWidget(m_secretsView);
    afterLayout->addWidget(m_copySecrets);
    afterLayout->addWidget(m_trail, 1);
    auto* afterButtons = new QHBoxLayout;
    afterButtons->addWidget(m_exportReport);
    afterButtons->addStretch(1);
    afterButtons->addWidget(m_newIncident);
    afterLayout->addLayout(afterButtons);

    auto* left = new QSplitter(Qt::Vertical);
    left->addWidget(findBox);
    left->addWidget(assessBox);
    left->setStretchFactor(1, 1);
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(actBox);
    right->addWidget(afterBox);
    right->setStretchFactor(1, 1);
    auto* split = new QSplitter;
    split->setObjectName(QStringLiteral("revSplit"));
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    auto* banner = new QLabel(tr("<b>Emergency revocation</b> — paste what leaked, check the impact, revoke. "
                                 "Revoked keys are rejected as soon as the revocation is acknowledged."));
    banner->setWordWrap(true);
    layout->addWidget(banner);
    layout->addWidget(split, 1);
    reset();
}

RevocationView::~RevocationView()
{
    wipeSecrets();
}

void RevocationView::buildFind(QWidget* box)
{
    m_findTabs = new QTabWidget;
    m_findTabs->setObjectName(QStringLiteral("revFindTabs"));
    auto* pastePage = new QWidget;
    m_paste = new QPlainTextEdit;
    m_paste->setObjectName(QStringLiteral("revPaste"));
    m_paste->setAccessibleName(tr("Pasted secret, log excerpt or diff"));
    m_paste->setPlaceholderText(tr("Paste a leaked secret, a log excerpt or a diff here, then press Ctrl+Return. "
                                   "Key-looking strings are checked and looked up by hash on this machine's "
                                   "store; the text is wiped after the scan."));
    m_paste->setTabChangesFocus(true);
    auto* scan = new QPushButton(tr("&Find keys"));
    scan->setObjectName(QStringLiteral("revScan"));
    scan->setToolTip(tr("Find the keys in the pasted text (Ctrl+Return)"));
    connect(scan, &QPushButton::clicked, this, &RevocationView::scanPasted);
    auto* scanShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_paste);
    scanShortcut->setContext(Qt::WidgetShortcut);
    connect(scanShortcut, &QShortcut::activated, this, &RevocationView::scanPasted);
    m_scanResult = new QLabel;
    m_scanResult->setObjectName(QStringLiteral("revScanResult"));
    m_scanResult->setWordWrap(true);
    auto* pasteLayout = new QVBoxLayout(pastePage);
    pasteLayout->addWidget(m_paste, 1);
    auto* pasteBar = new QHBoxLayout;
    pasteBar->addWidget(m_scanResult, 1);
    pasteBar->addWidget(scan);
    pasteLayout->addLayout(pasteBar);

    auto* searchPage = new QWidget;
    auto line = [](const QString& name, const QString& accessible, const QString& placeholder) {
        auto* e = new QLineEdit;
        e->setObjectName(name);
        e->setAccessibleName(accessible);
        e->setPlaceholderText(placeholder);
        e->setClearButtonEnabled(true);
        return e;
    };
    m_text = line(QStringLiteral("revSearchText"), tr("Display id or name"), tr("kw_live_ab12 or part of a name"));
    m_owner = line(QStringLiteral("revOwner"), tr("Owner"), tr("exact owner"));
    m_project = new QComboBox;
    m_project->setObjectName(QStringLiteral("revProject"));
    m_project->setAccessibleName(tr("Project"));
    m_service = line(QStringLiteral("revService"), tr("Service"), tr("service of the project"));
    m_tag = line(QStringLiteral("revTag"), tr("Tag"), tr("exact tag"));
    m_createdRange = new QCheckBox(tr("Created between"));
    m_createdRange->setObjectName(QStringLiteral("revCreatedRange"));
    m_createdFrom = new QDateEdit(QDate::currentDate().addDays(-30));
    m_createdFrom->setObjectName(QStringLiteral("revCreatedFrom"));
    m_createdFrom->setAccessibleName(tr("Created from"));
    m_createdFrom->setCalendarPopup(true);
    m_createdTo = new QDateEdit(QDate::currentDate());
    m_createdTo->setObjectName(QStringLiteral("revCreatedTo"));
    m_createdTo->setAccessibleName(tr("Created to"));
    m_createdTo->setCalendarPopup(true);
    m_clientIp = line(QStringLiteral("revClientIp"), tr("Last client address"), tr("an address that used the key"));
    auto* searchButton = new QPushButton(tr("&Search"));
    searchButton->setObjectName(QStringLiteral("revSearch"));
    connect(searchButton, &QPushButton::clicked, this, &RevocationView::search);
    for (QLineEdit* e : {m_text, m_owner, m_service, m_tag, m_clientIp})
        connect(e, &QLineEdit::returnPressed, this, &RevocationView::search);
    auto* form = new QFormLayout(searchPage);
    form->addRow(tr("&Display id / name:"), m_text);
    form->addRow(tr("&Owner:"), m_owner);
    form->addRow(tr("Pro&ject:"), m_project);
    form->addRow(tr("Ser&vice:"), m_service);
    form->addRow(tr("&Tag:"), m_tag);
    auto* created = new QHBoxLayout;
    created->addWidget(m_createdFrom);
    created->addWidget(new QLabel(tr("and")));
    created->addWidget(m_createdTo);
    form->addRow(m_createdRange, created);
    form->addRow(tr("Client &address:"), m_clientIp);
    form->addRow(QString(), searchButton);

    m_findTabs->addTab(pastePage, tr("&Paste"));
    m_findTabs->addTab(searchPage, tr("Searc&h"));
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_findTabs);
}

void RevocationView::setSession(Session* session)
{
    m_session = session;
    reset();
    m_project->clear();
    m_project->addItem(tr("any project"), QString());
    if (!session)
        return;
    const bool can = session->can(Capability::Respond);
    m_revoke->setToolTip(can ? tr("Revoke every key listed under Impact (Ctrl+Shift+Return)")
                             : session->deniedReason(Capability::Respond));
    session->call(
        this,
        [](Backend& b) {
            QStringList names;
            for (const Project& p : b.projects().value_or({}))
                names.append(p.name);
            names.sort();
            return names;
        },
        [this](QStringList names) {
            for (const QString& n : names)
                m_project->addItem(n, n);
        });
}

void RevocationView::focusFind()
{
    m_findTabs->setCurrentIndex(0);
    m_paste->setFocus();
}

void RevocationView::reset()
{
    wipeSecrets();
    m_candidates.clear();
    m_candidatesView->clear();
    m_impact = {};
    m_impactView->clear();
    m_outcome = {};
    m_impactSummary->setText(tr("Find keys first."));
    m_scanResult->clear();
    m_result->clear();
    m_trail->clear();
    m_progress->setVisible(false);
    m_progressText->clear();
    m_exportReport->setEnabled(false);
    m_reason->clear();
    m_incident->setText(incident::newIncidentId(QDateTime::currentMSecsSinceEpoch()));
    m_confirm->setExpected(QString());
    m_busy = false;
    updateActButton();
}

void RevocationView::wipeSecrets()
{
    QString shown = m_secretsView->toPlainText();
    secureWipe(shown);
    m_secretsView->clear();
    m_secretsView->setVisible(false);
    m_copySecrets->setVisible(false);
    m_secrets.clear();
}

void RevocationView::scanPasted()
{
    if (!m_session)
        return;
    QString text = m_paste->toPlainText();
    QByteArray bytes = text.toUtf8();
    secureWipe(text);
    auto scanned = std::make_shared<LeakScan>(LeakScan::scan(bytes));
    secureWipe(bytes);
    m_paste->clear(); // the leaked text does not stay on screen
    if (scanned->candidates() == 0) {
        m_scanResult->setText(tr("No key-looking string in the pasted text."));
        return;
    }
    m_scanResult->setText(tr("Looking up %n key(s)…", nullptr, scanned->valid()));
    m_session->call(
        this,
        [scanned](Backend& b) {
            Status looked = scanned->lookUp(b);
            return std::make_pair(std::move(looked), scanned);
        },
        [this](std::pair<Status, std::shared_ptr<LeakScan>> r) {
            const LeakScan& s = *r.second;
            if (!r.first) {
                m_scanResult->setText(tr("Lookup failed: %1").arg(r.first.errorMessage()));
                return;
            }
            QList<Candidate> found;
            QStringList unknown, invalid;
            for (const LeakFinding& f : s.findings) {
                if (f.key)
                    found.append({*f.key, tr("pasted, line %1").arg(f.line)});
                else if (f.checksumValid)
                    unknown.append(tr("%1 (line %2)").arg(f.displayId).arg(f.line));
                else
                    invalid.append(tr("line %1").arg(f.line));
            }
            QString text = tr("%n key-looking string(s): ", nullptr, s.candidates()) +
                           tr("%n matched a key here", nullptr, s.matched());
            if (!unknown.isEmpty())
                text += tr("; %n valid but unknown here: %1", nullptr, int(unknown.size())).arg(unknown.join(u", "));
            if (!invalid.isEmpty())
                text += tr("; %n failed the checksum (not a real key): %1", nullptr, int(invalid.size()))
                            .arg(invalid.join(u", "));
            m_scanResult->setText(text + u'.');
            setCandidates(found, true);
            if (!found.isEmpty())
                m_reason->setFocus();
        });
}

void RevocationView::search()
{
    if (!m_session)
        return;
    KeyFilter f;
    f.text = m_text->text().trimmed();
    f.owner = m_owner->text().trimmed();
    f.project = m_project->currentData().toString();
    f.service = m_service->text().trimmed();
    f.tag = m_tag->text().trimmed();
    f.clientIp = m_clientIp->text().trimmed();
    if (m_createdRange->isChecked()) {
        f.createdFromMs = QDateTime(m_createdFrom->date(), QTime(0, 0)).toMSecsSinceEpoch();
        f.createdToMs = QDateTime(m_createdTo->date().addDays(1), QTime(0, 0)).toMSecsSinceEpoch();
    }
    if (f.text.isEmpty() && f.owner.isEmpty() && f.project.isEmpty() && f.service.isEmpty() && f.tag.isEmpty() &&
        f.clientIp.isEmpty() && !m_createdRange->isChecked()) {
        m_impactSummary->setText(tr("Give at least one search criterion."));
        return;
    }
    if (!f.service.isEmpty() && f.project.isEmpty()) {
        m_impactSummary->setText(tr("A service belongs to a project: choose the project too."));
        return;
    }
    f.limit = kSearchLimit;
    m_session->call(
        this, [f](Backend& b) { return b.keys(f); },
        [this](Result<QList<KeyRecord>> keys) {
            if (!keys) {
                m_impactSummary->setText(tr("Search failed: %1").arg(keys.errorMessage()));
                return;
            }
            QList<Candidate> found;
            for (const KeyRecord& k : *keys)
                found.append({k, tr("search")});
            // Search results are not checked: a search is broader than a leak, the responder picks.
            setCandidates(found, false);
            m_impactSummary->setText(
                keys->size() >= kSearchLimit
                    ? tr("The first %1 matches; narrow the search to see more.").arg(kSearchLimit)
                    : tr("%n key(s) match; check the ones to revoke.", nullptr, int(keys->size())));
            m_candidatesView->setFocus();
        });
}

void RevocationView::setCandidates(const QList<Candidate>& candidates, bool checkAll)
{
    // Keys already listed stay (a second paste adds to the incident).
    QSignalBlocker block(m_candidatesView);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QLocale l;
    for (const Candidate& c : candidates) {
        const QStringList ids = candidateIds();
        if (ids.contains(c.key.id))
            continue;
        m_candidates.append(c);
        const KeyLook look = StatusStyle::lookOf(c.key, now);
        auto* item = new QTreeWidgetItem(
            m_candidatesView,
            {QStringLiteral("%1 (%2)").arg(c.key.displayId, c.key.name), c.key.project + u'/' + c.key.environment,
             c.key.services.join(u", "), c.key.owner, StatusStyle::text(look),
             c.key.lastUsedAt ? l.toString(QDateTime::fromMSecsSinceEpoch(c.key.lastUsedAt), QLocale::ShortFormat)
                              : tr("never"),
             c.source});
        item->setIcon(0, StatusStyle::icon(look));
        const bool revoked = c.key.status == KeyStatus::Revoked;
        item->setCheckState(0, checkAll && !revoked ? Qt::Checked : Qt::Unchecked);
        if (revoked)
            item->setToolTip(0, tr("Already revoked"));
    }
    for (int c = 0; c < m_candidatesView->columnCount(); ++c)
        m_candidatesView->resizeColumnToContents(c);
    if (m_candidatesView->topLevelItemCount() > 0 && !m_candidatesView->currentItem())
        m_candidatesView->setCurrentItem(m_candidatesView->topLevelItem(0));
    scheduleAssessment();
}

QStringList RevocationView::candidateIds() const
{
    QStringList ids;
    for (const Candidate& c : m_candidates)
        ids.append(c.key.id);
    return ids;
}

QStringList RevocationView::checkedIds() const
{
    QStringList ids;
    for (int i = 0; i < m_candidatesView->topLevelItemCount() && i < m_candidates.size(); ++i)
        if (m_candidatesView->topLevelItem(i)->checkState(0) == Qt::Checked)
            ids.append(m_candidates[i].key.id);
    return ids;
}

void RevocationView::setChecked(const QString& keyId, bool checked)
{
    const int i = int(candidateIds().indexOf(keyId));
    if (i >= 0)
        m_candidatesView->topLevelItem(i)->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
}

void RevocationView::scheduleAssessment()
{
    m_assessing = true;
    ++m_assessToken; // results of an earlier selection are dropped
    m_confirm->setExpected(QString());
    updateActButton();
    m_assessTimer.start();
}

void RevocationView::assess()
{
    const QStringList ids = checkedIds();
    if (!m_session || ids.isEmpty()) {
        m_assessing = false;
        m_impact = {};
        m_impactView->clear();
        m_impactSummary->setText(m_candidates.isEmpty() ? tr("Find keys first.") : tr("Check the keys to revoke."));
        ++m_assessments;
        updateActButton();
        return;
    }
    const quint64 token = ++m_assessToken;
    const bool cascade = m_cascade->isChecked();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_impactSummary->setText(tr("Working out the impact of revoking %n key(s)…", nullptr, int(ids.size())));
    m_session->call(
        this, [ids, cascade, now](Backend& b) { return Impact::assess(b, ids, cascade, now); },
        [this, token](Impact impact) {
            if (token != m_assessToken)
                return;
            m_assessing = false;
            ++m_assessments;
            m_impact = std::move(impact);
            showImpact();
        });
}

void RevocationView::showImpact()
{
    m_impactView->clear();
    if (!m_impact.error.isEmpty()) {
        m_impactSummary->setText(tr("Cannot work out the impact: %1").arg(m_impact.error.toHtmlEscaped()));
        updateActButton();
        return;
    }
    QLocale l;
    qint64 hour = 0, day = 0;
    for (const Impact::Row& r : std::as_const(m_impact.rows)) {
        const QList<KeyRecord> backups = m_impact.backups.value(r.entry.keyId);
        QStringList backupIds;
        for (const KeyRecord& b : backups)
            backupIds.append(b.displayId);
        auto* item = new QTreeWidgetItem(m_impactView,
                                         {r.entry.displayId, r.entry.name, r.entry.project + u'/' + r.entry.environment,
                                          r.entry.alreadyRevoked ? tr("already revoked") : r.entry.relation,
                                          l.toString(r.lastHour), l.toString(r.lastDay),
                                          r.entry.relation == QLatin1String("selected")
                                              ? (backupIds.isEmpty() ? tr("none") : backupIds.join(u", "))
                                              : QString()});
        item->setIcon(0, StatusStyle::icon(r.entry.alreadyRevoked ? KeyLook::Revoked : KeyLook::Active));
        hour += r.lastHour;
        day += r.lastDay;
    }
    for (int c = 0; c < m_impactView->columnCount(); ++c)
        m_impactView->resizeColumnToContents(c);
    const int n = m_impact.toRevoke();
    const int selected =
        int(std::count_if(m_impact.plan.entries.begin(), m_impact.plan.entries.end(),
                          [](const auto& e) { return e.relation == QLatin1String("selected") && !e.alreadyRevoked; }));
    QStringList contacts;
    for (const Contact& c : std::as_const(m_impact.contacts))
        contacts.append(
            (c.name + (c.email.isEmpty() ? QString() : QStringLiteral(" <%1>").arg(c.email))).toHtmlEscaped());
    QString text =
        tr("<b>%n key(s) will be revoked</b>", nullptr, n) + tr(" (%n selected", nullptr, selected) +
        tr(", %n through the cascade)", nullptr, n - selected) + QStringLiteral("<br>") +
        tr("Projects: %1 · services: %2")
            .arg(m_impact.projects.join(u", ").toHtmlEscaped(),
                 m_impact.services.isEmpty() ? tr("none bound") : m_impact.services.join(u", ").toHtmlEscaped()) +
        QStringLiteral("<br>") +
        tr("Traffic: %1 requests in the last hour, %2 in the last day").arg(l.toString(hour), l.toString(day)) +
        QStringLiteral("<br>") +
        tr("Backup keys ready for %n of the selected key(s)", nullptr, int(m_impact.backups.size())) +
        QStringLiteral("<br>") +
        (contacts.isEmpty() ? tr("No emergency contact is registered for these projects.")
                            : tr("Emergency contacts: %1").arg(contacts.join(u", ")));
    m_impactSummary->setText(text);
    m_confirm->setExpected(n == 0 ? QString() : tr("REVOKE %1").arg(n));
    updateActButton();
}

void RevocationView::updateActButton()
{
    const bool can = m_session && m_session->can(Capability::Respond);
    m_revoke->setText(m_busy ? tr("Stop restoring service") : tr("Revoke now"));
    m_revoke->setEnabled(m_busy || (can && !m_assessing && m_impact.toRevoke() > 0 &&
                                    !m_reason->text().trimmed().isEmpty() && m_confirm->isConfirmed()));
}

void RevocationView::revoke()
{
    if (m_busy) {
        // While service is being restored the button stops after the key in hand; the revocation itself is
        // one transaction and already done.
        m_stopRecovery = true;
        m_progressText->setText(tr("Stopping after the key in hand…"));
        return;
    }
    if (!m_revoke->isEnabled()) {
        if (m_reason->text().trimmed().isEmpty())
            m_reason->setFocus();
        else if (!m_confirm->isConfirmed())
            m_confirm->edit()->setFocus();
        return;
    }
    IncidentRequest request;
    for (const RevocationPlan::Entry& e : std::as_const(m_impact.plan.entries))
        if (e.relation == QLatin1String("selected"))
            request.keyIds.append(e.keyId);
    request.cascade = m_cascade->isChecked();
    request.reason = m_reason->text().trimmed();
    request.incident = m_incident->text().trimmed();
    if (request.incident.isEmpty()) {
        request.incident = incident::newIncidentId(QDateTime::currentMSecsSinceEpoch());
        m_incident->setText(request.incident);
    }
    request.activateBackups = m_activateBackups->isChecked();
    request.issueReplacements = m_issueReplacements->isChecked();
    request.notifyContacts = m_notify->isChecked();
    // Who restores service for which key: a backup key goes to one key only, keys bound to services first
    // (their backups share the service); the rest get replacements when asked for.
    m_recovery.clear();
    m_recoveryIndex = 0;
    QStringList ordered;
    for (const RevocationPlan::Entry& e : std::as_const(m_impact.plan.entries))
        if (e.relation == QLatin1String("selected") && !e.alreadyRevoked)
            (e.services.isEmpty() ? ordered.append(e.keyId) : ordered.prepend(e.keyId));
    QSet<QString> usedBackups;
    for (const QString& id : std::as_const(ordered)) {
        QString backup;
        if (request.activateBackups)
            for (const KeyRecord& b : m_impact.backups.value(id))
                if (!usedBackups.contains(b.id)) {
                    backup = b.id;
                    usedBackups.insert(b.id);
                    break;
                }
        if (!backup.isEmpty() || request.issueReplacements)
            m_recovery.append({id, backup});
    }
    wipeSecrets();
    m_outcome = {};
    m_outcome.request = request;
    m_outcome.startedAt = QDateTime::currentMSecsSinceEpoch();
    m_busy = true;
    m_stopRecovery = false;
    updateActButton();
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    runStep(RevokeStep);
}

void RevocationView::runStep(int step)
{
    if (!m_session) {
        m_busy = false;
        return;
    }
    const IncidentRequest req = m_outcome.request;
    switch (step) {
    case RevokeStep: {
        m_progressText->setText(tr("Revoking %n key(s)…", nullptr, m_impact.toRevoke()));
        RevocationRequest r;
        r.keys = req.keyIds;
        r.cascade = req.cascade;
        r.reason = req.reason;
        r.incidentId = req.incident;
        m_session->call(
            this, [r](Backend& b) { return b.revokeKeys(r); },
            [this](Result<RevocationPlan> plan) {
                if (!plan) {
                    m_outcome.revokeError = plan.errorMessage();
                    runStep(TrailStep);
                    return;
                }
                m_outcome.revoked = *plan;
                m_outcome.revokedAt = QDateTime::currentMSecsSinceEpoch();
                emit revoked(plan->keyIds());
                m_progressText->setText(tr("Revoked %n key(s). Restoring service…", nullptr, plan->toRevokeCount()));
                updateActButton();
                runStep(RecoverStep);
            });
        return;
    }
    case RecoverStep: {
        // One key per call, so progress moves and a stop takes effect between keys.
        if (m_recoveryIndex >= m_recovery.size() || m_stopRecovery) {
            runStep(NotifyStep);
            return;
        }
        m_progress->setRange(0, int(m_recovery.size()));
        m_progress->setValue(m_recoveryIndex);
        const auto [id, backupId] = m_recovery[m_recoveryIndex++];
        m_session->call(
            this,
            [id, backupId, req](Backend& b) {
                StepResult s;
                if (!backupId.isEmpty())
                    s.backup = b.activateBackup(backupId, req.reason, req.incident);
                else
                    s.replacement = b.issueReplacement(id, req.reason, req.incident);
                return s;
            },
            [this, id](StepResult s) {
                if (s.backup) {
                    if (*s.backup)
                        m_outcome.activatedBackups.append(**s.backup);
                    else
                        m_outcome.failures.append(tr("backup for %1: %2").arg(id, s.backup->errorMessage()));
                } else if (s.replacement) {
                    if (*s.replacement) {
                        IssuedKey& issued = **s.replacement;
                        m_outcome.replacedKeyIds.append(id);
                        m_outcome.replacements.append(issued.key);
                        m_secrets.emplace_back(issued.key.displayId, std::move(issued.secret));
                    } else {
                        m_outcome.failures.append(tr("replacement for %1: %2").arg(id, s.replacement->errorMessage()));
                    }
                }
                runStep(RecoverStep);
            });
        return;
    }
    case NotifyStep: {
        if (!req.notifyContacts) {
            runStep(TrailStep);
            return;
        }
        m_progressText->setText(tr("Notifying emergency contacts…"));
        const RevocationPlan plan = m_outcome.revoked;
        m_session->call(
            this, [req, plan](Backend& b) { return b.notifyRevocation(req.incident, plan, req.reason); },
            [this](Result<QList<Notification>> n) {
                if (n)
                    m_outcome.notifications = *n;
                else
                    m_outcome.failures.append(tr("notifications: %1").arg(n.errorMessage()));
                runStep(TrailStep);
            });
        return;
    }
    case TrailStep: {
        AuditQuery q;
        q.incident = req.incident;
        q.limit = 1000;
        m_session->call(
            this, [q](Backend& b) { return b.auditEntries(q); },
            [this](Result<QList<AuditEntry>> trail) {
                if (trail)
                    m_outcome.trail = *trail;
                std::sort(m_outcome.trail.begin(), m_outcome.trail.end(),
                          [](const AuditEntry& a, const AuditEntry& b) { return a.seq < b.seq; });
                showOutcome();
            });
        return;
    }
    default:
        return;
    }
}

void RevocationView::showOutcome()
{
    m_busy = false;
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    QLocale l;
    if (!m_outcome.ok()) {
        m_progressText->setText(tr("The revocation failed."));
        m_result->setText(tr("<b>Nothing was revoked:</b> %1").arg(m_outcome.revokeError.toHtmlEscaped()));
    } else {
        const int n = m_outcome.revoked.toRevokeCount();
        QString text =
            tr("<b>%n key(s) revoked</b> under incident %1 at %2; verification rejects them from then on.", nullptr, n)
                .arg(m_outcome.request.incident.toHtmlEscaped(),
                     l.toString(QDateTime::fromMSecsSinceEpoch(m_outcome.revokedAt).time(), QLocale::LongFormat));
        if (!m_outcome.activatedBackups.isEmpty())
            text += QStringLiteral("<br>") +
                    tr("%n backup key(s) activated.", nullptr, int(m_outcome.activatedBackups.size()));
        if (!m_outcome.replacements.isEmpty())
            text += QStringLiteral("<br>") + tr("%n replacement(s) issued — their secrets are below, shown once.",
                                                nullptr, int(m_outcome.replacements.size()));
        if (!m_outcome.notifications.isEmpty())
            text += QStringLiteral("<br>") + tr("%n notification(s) queued for the emergency contacts.", nullptr,
                                                int(m_outcome.notifications.size()));
        for (const QString& f : std::as_const(m_outcome.failures))
            text += QStringLiteral("<br><span style='color:%1'>%2</span>")
                        .arg(StatusStyle::color(KeyLook::Revoked).name(), f.toHtmlEscaped());
        m_result->setText(text);
        m_progressText->setText(tr("Done."));
    }
    if (!m_secrets.empty()) {
        for (const auto& [id, secret] : m_secrets)
            m_secretsView->appendPlainText(id + QStringLiteral("  ") + secret.toUtf8String());
        m_secretsView->setVisible(true);
        m_copySecrets->setVisible(true);
    }
    m_trail->clear();
    for (const AuditEntry& a : std::as_const(m_outcome.trail))
        new QTreeWidgetItem(m_trail, {QString::number(a.seq),
                                      l.toString(QDateTime::fromMSecsSinceEpoch(a.time), QLocale::ShortFormat), a.actor,
                                      a.action, a.target});
    for (int c = 0; c < m_trail->columnCount(); ++c)
        m_trail->resizeColumnToContents(c);
    m_exportReport->setEnabled(true);
    m_confirm->clear();
    m_confirm->setExpected(QString());
    // The candidates now show their new state.
    m_candidates.clear();
    m_candidatesView->clear();
    m_impact = {};
    m_impactView->clear();
    m_impactSummary->setText(tr("Revocation done. Find more keys, or start a new incident."));
    updateActButton();
    (m_secrets.empty() ? static_cast<QWidget*>(m_exportReport) : m_copySecrets)->setFocus();
}

Status RevocationView::exportReport(const QString& path) const
{
    return incident::writeReport(m_outcome, m_session ? m_session->location() : QString(), path);
}

} // namespace kw::ui
