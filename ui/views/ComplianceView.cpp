#include "views/ComplianceView.h"

#include "Backend.h"
#include "session/Session.h"
#include "widgets/Sparkline.h"
#include "widgets/StatusStyle.h"
#include "widgets/Tables.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

enum RuleColumn { RuleTitle, RuleSeverity, RuleEnabled, RuleThreshold, RuleChecked, RuleViolations, RuleColumns };

QColor severityColor(Severity s)
{
    switch (s) {
    case Severity::Low:
        return StatusStyle::color(KeyLook::Suspended);
    case Severity::Medium:
        return StatusStyle::color(KeyLook::ExpiringSoon);
    case Severity::High:
        return StatusStyle::color(KeyLook::InGrace);
    case Severity::Critical:
        return StatusStyle::color(KeyLook::Revoked);
    }
    return {};
}

QString severityText(Severity s)
{
    switch (s) {
    case Severity::Low:
        return ComplianceView::tr("Low");
    case Severity::Medium:
        return ComplianceView::tr("Medium");
    case Severity::High:
        return ComplianceView::tr("High");
    case Severity::Critical:
        return ComplianceView::tr("Critical");
    }
    return {};
}

struct Loaded {
    Result<ComplianceConfig> config = ComplianceConfig{};
    Result<QList<ComplianceRunSummary>> history = QList<ComplianceRunSummary>{};
};

struct RunResult {
    Result<ComplianceReport> report = ComplianceReport{};
    Result<QList<ComplianceRunSummary>> history = QList<ComplianceRunSummary>{};
};

} // namespace

ComplianceView::ComplianceView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("complianceView"));

    m_run = new QPushButton(tr("&Run checks"));
    m_run->setObjectName(QStringLiteral("complianceRun"));
    m_run->setAccessibleName(tr("Run the compliance checks"));
    m_run->setToolTip(tr("Evaluates every rule over the whole inventory. The run is recorded for the trend."));
    connect(m_run, &QPushButton::clicked, this, &ComplianceView::runChecks);
    m_score = new QLabel(QStringLiteral("–"));
    m_score->setObjectName(QStringLiteral("complianceScore"));
    m_score->setAccessibleName(tr("Compliance score"));
    QFont big = m_score->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    m_score->setFont(big);
    m_summary = new QLabel(tr("The checks have not run in this session."));
    m_summary->setObjectName(QStringLiteral("complianceSummary"));
    m_summary->setWordWrap(true);
    m_trend = new Sparkline;
    m_trend->setObjectName(QStringLiteral("complianceTrend"));
    m_trend->setAccessibleName(tr("Compliance score over time"));
    m_trend->setMaximumWidth(320);
    m_trendLabel = new QLabel;
    m_trendLabel->setObjectName(QStringLiteral("complianceTrendLabel"));
    auto* trendBox = new QVBoxLayout;
    trendBox->addWidget(m_trend);
    trendBox->addWidget(m_trendLabel);
    auto* top = new QHBoxLayout;
    top->addWidget(m_score);
    top->addWidget(m_summary, 1);
    top->addLayout(trendBox);
    top->addWidget(m_run, 0, Qt::AlignTop);

    // Rules and their settings.
    m_rules = tables::make(
        QStringLiteral("complianceRules"), tr("Compliance rules"),
        {tr("Rule"), tr("Severity"), tr("Enabled"), tr("Threshold (days)"), tr("Checked"), tr("Violations")});
    m_rules->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::SelectedClicked);
    m_rules->setColumnWidth(RuleTitle, 340);
    m_rationale = new QLabel;
    m_rationale->setObjectName(QStringLiteral("complianceRationale"));
    m_rationale->setWordWrap(true);
    connect(m_rules, &QTableWidget::currentCellChanged, this, [this](int row) {
        const auto& rules = ComplianceRule::builtin();
        if (row >= 0 && row < rules.size())
            m_rationale->setText(
                tr("<b>%1</b> (%2): %3")
                    .arg(rules[row].title.toHtmlEscaped(), rules[row].id, rules[row].rationale.toHtmlEscaped()));
    });
    m_production = new QLineEdit;
    m_production->setObjectName(QStringLiteral("complianceProduction"));
    m_production->setAccessibleName(tr("Production environments"));
    m_production->setToolTip(tr("Environments whose keys must be limited to known addresses, comma-separated"));
    m_public = new QLineEdit;
    m_public->setObjectName(QStringLiteral("compliancePublic"));
    m_public->setAccessibleName(tr("Public services"));
    m_public->setToolTip(tr("Services (or project/service) whose keys need a rate limit, comma-separated; * for all"));
    m_save = new QPushButton(tr("&Save settings"));
    m_save->setObjectName(QStringLiteral("complianceSave"));
    m_save->setAccessibleName(tr("Save the compliance settings"));
    connect(m_save, &QPushButton::clicked, this, &ComplianceView::saveSettings);
    auto* settingsForm = new QFormLayout;
    settingsForm->addRow(tr("Production environments:"), m_production);
    settingsForm->addRow(tr("Public services:"), m_public);
    auto* rulesPage = new QWidget;
    auto* rulesLayout = new QVBoxLayout(rulesPage);
    rulesLayout->addWidget(m_rules, 1);
    rulesLayout->addWidget(m_rationale);
    rulesLayout->addLayout(settingsForm);
    rulesLayout->addWidget(m_save, 0, Qt::AlignRight);
    for (const ComplianceRule& r : ComplianceRule::builtin()) {
        const int row = m_rules->rowCount();
        m_rules->insertRow(row);
        auto* title = tables::text(r.title);
        title->setData(Qt::UserRole, r.id);
        title->setToolTip(r.rationale);
        m_rules->setItem(row, RuleTitle, title);
        m_rules->setItem(row, RuleSeverity, tables::text(severityText(r.severity)));
        auto* enabled = new QTableWidgetItem;
        enabled->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        enabled->setCheckState(Qt::Checked);
        m_rules->setItem(row, RuleEnabled, enabled);
        auto* threshold = new QTableWidgetItem;
        if (r.defaultThreshold > 0) {
            threshold->setData(Qt::EditRole, int(r.defaultThreshold));
            threshold->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable);
        } else {
            threshold->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        }
        m_rules->setItem(row, RuleThreshold, threshold);
        m_rules->setItem(row, RuleChecked, tables::text(QString()));
        m_rules->setItem(row, RuleViolations, tables::text(QString()));
    }

    m_findings = tables::make(QStringLiteral("complianceFindings"), tr("Compliance findings"),
                              {tr("Severity"), tr("Rule"), tr("Key"), tr("Project"), tr("Environment"), tr("Finding")});
    m_keys = tables::make(QStringLiteral("complianceKeys"), tr("Keys with findings"),
                          {tr("Key"), tr("Project"), tr("Environment"), tr("Worst"), tr("Rules")});
    m_projects =
        tables::make(QStringLiteral("complianceProjects"), tr("Compliance per project"),
                     {tr("Project"), tr("Team"), tr("Live keys"), tr("With findings"), tr("Findings"), tr("Score")});

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("complianceTabs"));
    m_tabs->addTab(rulesPage, tr("Rules"));
    m_tabs->addTab(m_findings, tr("Findings"));
    m_tabs->addTab(m_keys, tr("By key"));
    m_tabs->addTab(m_projects, tr("By project"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
}

ComplianceView::~ComplianceView() = default;

QString ComplianceView::scoreText() const
{
    return m_score->text();
}

void ComplianceView::setSession(Session* session)
{
    m_session = session;
    m_report = {};
    m_score->setText(QStringLiteral("–"));
    m_summary->setText(tr("The checks have not run in this session."));
    for (QTableWidget* t : {m_findings, m_keys, m_projects})
        t->setRowCount(0);
    const bool admin = session && session->can(Capability::Administer);
    const QString why = session && !admin ? session->deniedReason(Capability::Administer) : QString();
    for (QWidget* w : std::initializer_list<QWidget*>{m_save, m_production, m_public}) {
        w->setEnabled(admin);
        w->setToolTip(why.isEmpty() ? w->toolTip() : why);
    }
    m_rules->setEditTriggers(admin ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                         QAbstractItemView::SelectedClicked
                                   : QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < m_rules->rowCount(); ++row) {
        QTableWidgetItem* enabled = m_rules->item(row, RuleEnabled);
        enabled->setFlags(admin ? enabled->flags() | Qt::ItemIsUserCheckable
                                : enabled->flags() & ~Qt::ItemIsUserCheckable);
    }
    m_run->setEnabled(session != nullptr);
    refresh();
}

void ComplianceView::refresh()
{
    const quint64 token = ++m_token;
    if (!m_session)
        return;
    m_session->call(
        this,
        [](Backend& b) {
            Loaded l;
            l.config = b.complianceConfig();
            l.history = b.complianceHistory(60);
            return l;
        },
        [this, token](Loaded l) {
            if (token != m_token)
                return;
            if (l.config)
                showConfig(*l.config);
            else
                emit statusMessage(tr("Compliance settings: %1").arg(l.config.errorMessage()));
            if (l.history)
                showHistory(*l.history);
        });
}

void ComplianceView::showConfig(const ComplianceConfig& config)
{
    m_config = config;
    for (int row = 0; row < m_rules->rowCount(); ++row) {
        const QString id = m_rules->item(row, RuleTitle)->data(Qt::UserRole).toString();
        m_rules->item(row, RuleSeverity)->setText(severityText(config.severity(id)));
        m_rules->item(row, RuleSeverity)->setForeground(severityColor(config.severity(id)));
        m_rules->item(row, RuleEnabled)->setCheckState(config.enabled(id) ? Qt::Checked : Qt::Unchecked);
        if (const ComplianceRule* r = ComplianceRule::find(id); r && r->defaultThreshold > 0)
            m_rules->item(row, RuleThreshold)->setData(Qt::EditRole, int(config.thresholdDays(id)));
    }
    m_production->setText(config.production().join(QStringLiteral(", ")));
    m_public->setText(config.publicServiceList().join(QStringLiteral(", ")));
}

ComplianceConfig ComplianceView::configFromTable() const
{
    ComplianceConfig c;
    for (int row = 0; row < m_rules->rowCount(); ++row) {
        const QString id = m_rules->item(row, RuleTitle)->data(Qt::UserRole).toString();
        const ComplianceRule* rule = ComplianceRule::find(id);
        ComplianceConfig::RuleSetting s;
        if (const auto it = m_config.rules.constFind(id); it != m_config.rules.cend())
            s.severity = it->severity; // kept as configured (kwctl compliance config --severity)
        const bool enabled = m_rules->item(row, RuleEnabled)->checkState() == Qt::Checked;
        s.enabled = enabled ? std::nullopt : std::optional<bool>(false);
        if (rule && rule->defaultThreshold > 0) {
            const qint64 days = m_rules->item(row, RuleThreshold)->data(Qt::EditRole).toLongLong();
            s.thresholdDays = days == rule->defaultThreshold ? std::nullopt : std::optional<qint64>(days);
        }
        if (!s.isEmpty())
            c.rules.insert(id, s);
    }
    auto list = [](const QString& text) {
        QStringList out;
        for (const QString& part : text.split(u',', Qt::SkipEmptyParts))
            if (!part.trimmed().isEmpty())
                out << part.trimmed();
        return out;
    };
    if (const QStringList p = list(m_production->text()); p != ComplianceConfig{}.production())
        c.productionEnvironments = p;
    if (const QStringList p = list(m_public->text()); p != ComplianceConfig{}.publicServiceList())
        c.publicServices = p;
    return c;
}

void ComplianceView::saveSettings()
{
    if (!m_session)
        return;
    const ComplianceConfig config = configFromTable();
    if (auto s = config.validate(); !s) {
        emit statusMessage(tr("Compliance settings not saved: %1").arg(s.errorMessage()));
        return;
    }
    m_save->setEnabled(false);
    m_session->call(
        this, [config](Backend& b) { return b.setComplianceConfig(config); },
        [this, config](Status s) {
            m_save->setEnabled(m_session && m_session->can(Capability::Administer));
            if (!s) {
                emit statusMessage(tr("Compliance settings not saved: %1").arg(s.errorMessage()));
                return;
            }
            showConfig(config);
            emit statusMessage(tr("Compliance settings saved; run the checks to apply them."));
        });
}

void ComplianceView::runChecks()
{
    if (!m_session)
        return;
    m_run->setEnabled(false);
    m_summary->setText(tr("Running the checks over the whole inventory…"));
    const quint64 token = ++m_token;
    m_session->call(
        this,
        [](Backend& b) {
            RunResult r;
            r.report = b.runCompliance();
            r.history = b.complianceHistory(60);
            return r;
        },
        [this, token](RunResult r) {
            m_run->setEnabled(m_session != nullptr);
            if (token != m_token)
                return;
            if (!r.report) {
                m_summary->setText(tr("The checks could not run: %1").arg(r.report.errorMessage()));
                return;
            }
            showReport(*r.report);
            if (r.history)
                showHistory(*r.history);
            emit checksFinished(r.report->score);
        });
}

void ComplianceView::showReport(const ComplianceReport& report)
{
    m_report = report;
    const QLocale l;
    m_score->setText(QString::number(report.score));
    QColor c = report.score >= 90   ? StatusStyle::color(KeyLook::Active)
               : report.score >= 70 ? StatusStyle::color(KeyLook::ExpiringSoon)
                                    : StatusStyle::color(KeyLook::Revoked);
    QPalette p = m_score->palette();
    p.setColor(QPalette::WindowText, c);
    m_score->setPalette(p);
    m_summary->setText(tr("Score %1 of 100 over %2 live keys: %3 findings. Evaluated %4.")
                           .arg(report.score)
                           .arg(l.toString(report.keysEvaluated))
                           .arg(l.toString(qint64(report.findings.size())))
                           .arg(tables::utc(report.time)));

    for (const ComplianceRuleResult& r : report.rules) {
        for (int row = 0; row < m_rules->rowCount(); ++row) {
            if (m_rules->item(row, RuleTitle)->data(Qt::UserRole).toString() != r.ruleId)
                continue;
            m_rules->setItem(row, RuleChecked, r.enabled ? tables::number(r.checked) : tables::text(tr("off")));
            QTableWidgetItem* v = r.enabled ? tables::number(r.violations) : tables::text(QString());
            if (r.violations > 0)
                v->setForeground(severityColor(r.severity));
            m_rules->setItem(row, RuleViolations, v);
        }
    }

    const int listed = int(std::min<qsizetype>(report.findings.size(), kMaxListedFindings));
    m_findings->setRowCount(0);
    m_findings->setRowCount(listed);
    for (int i = 0; i < listed; ++i) {
        const ComplianceFinding& f = report.findings[i];
        auto* sev = tables::text(severityText(f.severity));
        sev->setForeground(severityColor(f.severity));
        m_findings->setItem(i, 0, sev);
        m_findings->setItem(i, 1, tables::text(f.ruleId));
        m_findings->setItem(
            i, 2,
            tables::text(f.keyId.isEmpty() ? tr("(vault)") : QStringLiteral("%1 (%2)").arg(f.keyName, f.displayId)));
        m_findings->setItem(i, 3, tables::text(f.project));
        m_findings->setItem(i, 4, tables::text(f.environment));
        m_findings->setItem(i, 5, tables::text(f.detail));
    }
    m_tabs->setTabText(1, report.findings.size() > listed
                              ? tr("Findings (first %1 of %2)").arg(listed).arg(report.findings.size())
                              : tr("Findings (%1)").arg(report.findings.size()));

    m_keys->setRowCount(0);
    m_keys->setRowCount(int(std::min<qsizetype>(report.keys.size(), kMaxListedFindings)));
    for (int i = 0; i < m_keys->rowCount(); ++i) {
        const ComplianceKeyResult& k = report.keys[i];
        m_keys->setItem(i, 0, tables::text(QStringLiteral("%1 (%2)").arg(k.keyName, k.displayId)));
        m_keys->setItem(i, 1, tables::text(k.project));
        m_keys->setItem(i, 2, tables::text(k.environment));
        auto* worst = tables::text(severityText(k.worst));
        worst->setForeground(severityColor(k.worst));
        m_keys->setItem(i, 3, worst);
        m_keys->setItem(i, 4, tables::text(k.ruleIds.join(QStringLiteral(", "))));
    }

    m_projects->setRowCount(0);
    m_projects->setRowCount(int(report.projects.size()));
    for (int i = 0; i < report.projects.size(); ++i) {
        const ComplianceProjectResult& pr = report.projects[i];
        m_projects->setItem(i, 0, tables::text(pr.project));
        m_projects->setItem(i, 1, tables::text(pr.team.isEmpty() ? tr("(no team)") : pr.team));
        m_projects->setItem(i, 2, tables::number(pr.keys));
        m_projects->setItem(i, 3, tables::number(pr.keysWithFindings));
        m_projects->setItem(i, 4, tables::number(pr.findings));
        m_projects->setItem(i, 5, tables::number(pr.score));
    }
}

void ComplianceView::showHistory(const QList<ComplianceRunSummary>& runs)
{
    QList<qint64> scores;
    for (auto it = runs.crbegin(); it != runs.crend(); ++it) // oldest first
        scores << it->score;
    m_trend->setValues(scores);
    m_trend->setAccessibleDescription(tr("Score over the last %n run(s)", nullptr, int(scores.size())));
    if (runs.isEmpty()) {
        m_trendLabel->setText(tr("No run recorded yet"));
        return;
    }
    m_trendLabel->setText(tr("%n run(s); latest %1: %2", nullptr, int(runs.size()))
                              .arg(tables::utc(runs.first().time))
                              .arg(runs.first().score));
    if (m_report.time == 0)
        m_summary->setText(tr("Last recorded run %1: score %2, %3 findings. Run the checks for details.")
                               .arg(tables::utc(runs.first().time))
                               .arg(runs.first().score)
                               .arg(runs.first().findings));
}

} // namespace kw::ui
