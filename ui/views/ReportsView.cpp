#include "views/ReportsView.h"

#include "Backend.h"
#include "session/Session.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimeZone>
#include <QUrl>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

constexpr qint64 kDayMs = 86'400'000;

struct Scopes {
    Result<QList<Team>> teams = QList<Team>{};
    Result<QList<Project>> projects = QList<Project>{};
};

Status writeFile(const QString& path, const QByteArray& content)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Error::io(QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    f.write(content);
    if (!f.commit())
        return Error::io(QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

} // namespace

ReportsView::ReportsView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("reportsView"));

    m_type = new QComboBox;
    m_type->setObjectName(QStringLiteral("reportType"));
    m_type->setAccessibleName(tr("Report"));
    const QList<std::pair<ReportType, QString>> types{
        {ReportType::Inventory, tr("Key inventory")},        {ReportType::Usage, tr("Usage and cost allocation")},
        {ReportType::Expirations, tr("Expiration outlook")}, {ReportType::Revocations, tr("Revocations and incidents")},
        {ReportType::Compliance, tr("Compliance results")},  {ReportType::Audit, tr("Audit trail extract")}};
    for (const auto& [type, title] : types)
        m_type->addItem(title, toString(type));
    m_typeHelp = new QLabel;
    m_typeHelp->setObjectName(QStringLiteral("reportTypeHelp"));
    m_typeHelp->setWordWrap(true);

    m_scope = new QComboBox;
    m_scope->setObjectName(QStringLiteral("reportScope"));
    m_scope->setAccessibleName(tr("Scope"));
    m_scope->addItem(tr("Whole workspace"), QString());

    m_period = new QComboBox;
    m_period->setObjectName(QStringLiteral("reportPeriod"));
    m_period->setAccessibleName(tr("Period"));
    m_from = new QDateEdit;
    m_from->setObjectName(QStringLiteral("reportFrom"));
    m_from->setAccessibleName(tr("From"));
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_to = new QDateEdit;
    m_to->setObjectName(QStringLiteral("reportTo"));
    m_to->setAccessibleName(tr("To"));
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    const QDate today = QDateTime::currentDateTimeUtc().date();
    m_from->setDate(today.addDays(-30));
    m_to->setDate(today);
    auto* periodRow = new QHBoxLayout;
    periodRow->addWidget(m_period);
    periodRow->addWidget(new QLabel(tr("from")));
    periodRow->addWidget(m_from);
    periodRow->addWidget(new QLabel(tr("to")));
    periodRow->addWidget(m_to);
    periodRow->addStretch();

    m_format = new QComboBox;
    m_format->setObjectName(QStringLiteral("reportFormat"));
    m_format->setAccessibleName(tr("Format"));
    m_format->addItem(tr("CSV (spreadsheets)"), QStringLiteral("csv"));
    m_format->addItem(tr("JSON (programs)"), QStringLiteral("json"));
    m_format->addItem(tr("PDF (people, with charts)"), QStringLiteral("pdf"));

    m_file = new QLineEdit;
    m_file->setObjectName(QStringLiteral("reportFile"));
    m_file->setAccessibleName(tr("Save as"));
    connect(m_file, &QLineEdit::textEdited, this, [this] { m_pathEdited = true; });
    m_browse = new QPushButton(tr("&Browse…"));
    m_browse->setObjectName(QStringLiteral("reportBrowse"));
    m_browse->setAccessibleName(tr("Choose where to save the report"));
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save report"), m_file->text());
        if (!path.isEmpty()) {
            m_file->setText(path);
            m_pathEdited = true;
        }
    });
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);

    auto* form = new QFormLayout;
    form->addRow(tr("&Report:"), m_type);
    form->addRow(QString(), m_typeHelp);
    form->addRow(tr("&Scope:"), m_scope);
    form->addRow(tr("Period:"), periodRow);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("Save as:"), fileRow);

    m_create = new QPushButton(tr("&Create report"));
    m_create->setObjectName(QStringLiteral("reportCreate"));
    m_create->setAccessibleName(tr("Create the report"));
    m_create->setDefault(true);
    connect(m_create, &QPushButton::clicked, this, &ReportsView::createReport);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("reportCancel"));
    m_cancel->setAccessibleName(tr("Stop waiting for the report"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, &ReportsView::cancel);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("reportProgress"));
    m_progress->setAccessibleName(tr("Report progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_create);
    actions->addWidget(m_cancel);
    actions->addWidget(m_progress, 1);

    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("reportResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_open = new QPushButton(tr("&Open report"));
    m_open->setObjectName(QStringLiteral("reportOpen"));
    m_open->setAccessibleName(tr("Open the report"));
    m_open->setEnabled(false);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (!m_lastPath.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_lastPath));
    });
    m_signature = new QPlainTextEdit;
    m_signature->setObjectName(QStringLiteral("reportSignature"));
    m_signature->setAccessibleName(tr("Detached signature of the report"));
    m_signature->setReadOnly(true);
    m_signature->setPlaceholderText(tr("The detached Ed25519 signature (FILE.sig) appears here. Check a report with: "
                                       "kwctl report verify FILE --public-key vault.pem"));
    auto* resultRow = new QHBoxLayout;
    resultRow->addWidget(m_result, 1);
    resultRow->addWidget(m_open, 0, Qt::AlignTop);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addLayout(resultRow);
    layout->addWidget(new QLabel(tr("<b>Signature</b>")));
    layout->addWidget(m_signature, 1);

    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        updatePeriodChoices();
        updateSuggestedPath();
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &ReportsView::updateSuggestedPath);
    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = m_period->currentData().toLongLong() == 0;
        m_from->setEnabled(custom && m_period->isEnabled());
        m_to->setEnabled(custom && m_period->isEnabled());
    });
    updatePeriodChoices();
    updateSuggestedPath();
    setRunning(false);
}

ReportsView::~ReportsView() = default;

void ReportsView::setSession(Session* session)
{
    m_session = session;
    ++m_token;
    setRunning(false);
    m_result->clear();
    m_signature->clear();
    m_open->setEnabled(false);
    m_create->setEnabled(session && session->can(Capability::Read));
    loadScopes();
}

void ReportsView::loadScopes()
{
    while (m_scope->count() > 1)
        m_scope->removeItem(1);
    if (!m_session)
        return;
    m_session->call(
        this,
        [](Backend& b) {
            Scopes s;
            s.teams = b.teams();
            s.projects = b.projects();
            return s;
        },
        [this](Scopes s) {
            for (const Team& t : s.teams.value_or({}))
                m_scope->addItem(tr("Team %1").arg(t.name), QStringLiteral("team:") + t.name);
            for (const Project& p : s.projects.value_or({}))
                m_scope->addItem(tr("Project %1").arg(p.name), QStringLiteral("project:") + p.name);
        });
}

void ReportsView::updatePeriodChoices()
{
    const auto type = reportTypeFromString(m_type->currentData().toString()).value_or(ReportType::Inventory);
    switch (type) {
    case ReportType::Inventory:
        m_typeHelp->setText(tr("Every key with owner, state, dates and bindings, as of now."));
        break;
    case ReportType::Usage:
        m_typeHelp->setText(tr("Requests, rejections, cost units and amounts per team, project and service."));
        break;
    case ReportType::Expirations:
        m_typeHelp->setText(tr("Keys that expire in the coming period, soonest first."));
        break;
    case ReportType::Revocations:
        m_typeHelp->setText(tr("Revocations and suspensions in the period, with reasons and incidents."));
        break;
    case ReportType::Compliance:
        m_typeHelp->setText(tr("Runs the compliance rules now and lists every finding."));
        break;
    case ReportType::Audit:
        m_typeHelp->setText(tr("The audit entries of the period with their hashes (the whole trail, not scoped)."));
        break;
    }
    const int previous = m_period->currentIndex();
    m_period->blockSignals(true);
    m_period->clear();
    const bool forward = type == ReportType::Expirations;
    for (int days : {7, 30, 90, 180, 365})
        m_period->addItem(forward ? tr("Next %n day(s)", nullptr, days) : tr("Last %n day(s)", nullptr, days),
                          qint64(days) * kDayMs);
    m_period->addItem(tr("Custom dates"), qint64(0));
    m_period->setCurrentIndex(previous >= 0 ? previous : (forward ? 2 : 1));
    m_period->blockSignals(false);
    const bool timed = type != ReportType::Inventory && type != ReportType::Compliance;
    m_period->setEnabled(timed);
    m_period->setToolTip(timed ? QString() : tr("This report shows the state now"));
    const bool custom = m_period->currentData().toLongLong() == 0;
    m_from->setEnabled(timed && custom);
    m_to->setEnabled(timed && custom);
    m_scope->setEnabled(type != ReportType::Audit);
}

void ReportsView::updateSuggestedPath()
{
    if (m_pathEdited)
        return;
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    const QString name =
        QStringLiteral("keywarden-%1-%2.%3")
            .arg(m_type->currentData().toString(), QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd")),
                 m_format->currentData().toString());
    m_file->setText(QDir(dir).filePath(name));
}

ReportRequest ReportsView::request(qint64 nowMs) const
{
    ReportRequest r;
    r.type = reportTypeFromString(m_type->currentData().toString()).value_or(ReportType::Inventory);
    r.format = reportFormatFromString(m_format->currentData().toString()).value_or(ReportFormat::Csv);
    const QString scope = m_scope->isEnabled() ? m_scope->currentData().toString() : QString();
    if (scope.startsWith(QLatin1String("team:")))
        r.team = scope.mid(5);
    else if (scope.startsWith(QLatin1String("project:")))
        r.project = scope.mid(8);
    if (m_period->isEnabled()) {
        const qint64 span = m_period->currentData().toLongLong();
        if (span > 0) {
            if (r.type == ReportType::Expirations) {
                r.fromMs = nowMs;
                r.toMs = nowMs + span;
            } else {
                r.fromMs = nowMs - span;
                r.toMs = nowMs + 1;
            }
        } else {
            r.fromMs = QDateTime(m_from->date(), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
            r.toMs = QDateTime(m_to->date().addDays(1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        }
    }
    return r;
}

QString ReportsView::outputPath() const
{
    return m_file->text().trimmed();
}

QString ReportsView::resultText() const
{
    return m_result->text();
}

void ReportsView::setRunning(bool running)
{
    m_running = running;
    m_progress->setRange(0, running ? 0 : 1); // a busy bar while the backend works
    m_progress->setValue(running ? 0 : 1);
    m_cancel->setEnabled(running);
    m_create->setEnabled(!running && m_session && m_session->can(Capability::Read));
}

void ReportsView::createReport()
{
    if (!m_session || m_running)
        return;
    const QString path = outputPath();
    if (path.isEmpty()) {
        m_result->setText(tr("Choose where to save the report."));
        return;
    }
    if (!QFileInfo(QFileInfo(path).absolutePath()).isDir()) {
        m_result->setText(tr("The folder %1 does not exist.").arg(QFileInfo(path).absolutePath()));
        return;
    }
    const ReportRequest req = request(QDateTime::currentMSecsSinceEpoch());
    if (auto s = req.validate(); !s) {
        m_result->setText(s.errorMessage());
        return;
    }
    setRunning(true);
    m_open->setEnabled(false);
    m_signature->clear();
    m_result->setText(m_session->isRemote() ? tr("The server is building and signing the report…")
                                            : tr("Building and signing the report…"));
    const quint64 token = ++m_token;
    m_session->call(
        this, [req](Backend& b) { return b.createReport(req); },
        [this, token, path](Result<SignedReport> report) {
            if (token != m_token)
                return;
            finished(path, std::move(report));
        });
}

void ReportsView::cancel()
{
    if (!m_running)
        return;
    ++m_token;
    setRunning(false);
    m_result->setText(tr("Stopped waiting. The report may still be completed and recorded in the audit trail, but "
                         "nothing is written here."));
}

void ReportsView::finished(const QString& path, Result<SignedReport> report)
{
    setRunning(false);
    if (!report) {
        m_result->setText(tr("The report could not be created: %1").arg(report.errorMessage()));
        return;
    }
    DetachedSignature sig = report->signature;
    sig.fileName = QFileInfo(path).fileName();
    const QString sigPath = path + QStringLiteral(".sig");
    if (auto s = writeFile(path, report->content); !s) {
        m_result->setText(s.errorMessage());
        return;
    }
    if (auto s = writeFile(sigPath, sig.toFileContent()); !s) {
        m_result->setText(s.errorMessage());
        return;
    }
    m_lastPath = path;
    m_open->setEnabled(true);
    const QLocale l;
    m_result->setText(tr("Saved %1 (%n row(s), %2), signed with key %3. Signature: %4", nullptr, int(report->rows))
                          .arg(path, l.formattedDataSize(report->content.size()), sig.keyId, sigPath));
    m_signature->setPlainText(QString::fromUtf8(sig.toFileContent()));
    emit reportWritten(path, sigPath);
    emit statusMessage(tr("Report saved to %1").arg(path));
}

} // namespace kw::ui
