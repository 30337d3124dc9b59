// The usage view over a vault with known rollups: totals and rankings match the store, drilling into a
// project, a bucket and a team narrows what is shown (and Back returns), the hour-of-week pattern holds the
// traffic, anomalies listed are the store's, and the chart and its data export as PNG, SVG and CSV.
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "Backend.h"
#include "usage/HeatMapWidget.h"
#include "usage/UsageImport.h"
#include "views/UsageView.h"

#include <QAbstractSeries>
#include <QAreaSeries>
#include <QChart>
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QLineSeries>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>

using namespace kw;
using namespace kw::ui;

class TestUsageView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void totalsMatchTheVault();
    void drillsIntoProjectBucketAndTeam();
    void patternAndAnomalies();
    void exportsPngSvgAndCsv();
    void cleanupTestCase();

private:
    bool waitLoaded(UsageView& view, quint64 before);
    UsageSummary vaultSummary(qint64 from, qint64 to, UsageScope scope = UsageScope::All, const QString& id = {});

    std::unique_ptr<kwtest::TempVault> m_vault;
    std::unique_ptr<Session> m_session;
    QString m_keyA, m_keyB, m_keyC;
    qint64 m_bucketA = 0;   // the minute of key A's traffic, about three hours ago
    qint64 m_spikeHour = 0; // the hour of key C's spike
};

void TestUsageView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KeyWardenTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_usage"));
    QSettings().clear();
    m_vault = std::make_unique<kwtest::TempVault>();
    QVERIFY(m_vault->ok());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_vault->clock().setNowMs(now - 40LL * usage::kDayMs);
    LocalVault& b = m_vault->backend();
    QVERIFY(b.createTeam(QStringLiteral("platform")));
    QVERIFY(b.createTeam(QStringLiteral("data")));
    QVERIFY(b.createProject({QStringLiteral("payments"), QStringLiteral("platform"), {}}));
    QVERIFY(b.createProject({QStringLiteral("search"), QStringLiteral("data"), {}}));
    QVERIFY(b.createProject({QStringLiteral("batch"), QStringLiteral("data"), {}}));
    auto key = [&](const QString& project, const QString& name, const QString& service) {
        KeySpec s;
        s.project = project;
        s.environment = QStringLiteral("prod");
        s.name = name;
        s.services = {service};
        auto k = b.createKey(s);
        return k ? k->key.id : QString();
    };
    m_keyA = key(QStringLiteral("payments"), QStringLiteral("checkout-api"), QStringLiteral("checkout"));
    m_keyB = key(QStringLiteral("search"), QStringLiteral("indexer"), QStringLiteral("query"));
    m_keyC = key(QStringLiteral("batch"), QStringLiteral("nightly"), QStringLiteral("jobs"));
    QVERIFY(!m_keyA.isEmpty() && !m_keyB.isEmpty() && !m_keyC.isEmpty());

    QList<UsageAggregate> rows;
    m_bucketA = usage::bucketStart(now - 3 * usage::kHourMs, usage::kMinuteMs);
    auto add = [&](UsageGranularity g, qint64 bucket, const QString& keyId, const QString& project,
                   const QString& service, const QString& code, qint64 requests, qint64 amount = 0) {
        UsageAggregate a;
        a.granularity = g;
        a.bucketMs = bucket;
        a.keyId = keyId;
        a.project = project;
        a.service = service;
        a.code = code;
        a.requests = requests;
        a.cost = requests;
        a.amountMicros = amount;
        rows.append(a);
    };
    add(UsageGranularity::Minute, m_bucketA, m_keyA, QStringLiteral("payments"), QStringLiteral("checkout"),
        QStringLiteral("VALID"), 100, 250'000);
    add(UsageGranularity::Minute, m_bucketA, m_keyA, QStringLiteral("payments"), QStringLiteral("checkout"),
        QStringLiteral("RATE_LIMITED"), 7);
    add(UsageGranularity::Minute, usage::bucketStart(now - 5 * usage::kHourMs, usage::kMinuteMs), m_keyB,
        QStringLiteral("search"), QStringLiteral("query"), QStringLiteral("VALID"), 50, 100'000);
    // Key C: a steady 10 requests every hour for four weeks, then a spike in the last full hour.
    m_spikeHour = usage::bucketStart(now, usage::kHourMs) - usage::kHourMs;
    for (qint64 h = m_spikeHour - 28 * usage::kDayMs; h < m_spikeHour; h += usage::kHourMs)
        add(UsageGranularity::Hour, h, m_keyC, QStringLiteral("batch"), QStringLiteral("jobs"), QStringLiteral("VALID"),
            10);
    add(UsageGranularity::Hour, m_spikeHour, m_keyC, QStringLiteral("batch"), QStringLiteral("jobs"),
        QStringLiteral("VALID"), 5000);
    auto imported = b.importUsageRollups(rows);
    QVERIFY2(imported, qPrintable(imported.errorMessage()));
    m_vault->close();

    QString error;
    m_session = kwtest::ui::openLocalSession(m_vault->path(), false, &error);
    QVERIFY2(m_session, qPrintable(error));
}

void TestUsageView::cleanupTestCase()
{
    m_session.reset();
}

bool TestUsageView::waitLoaded(UsageView& view, quint64 before)
{
    return QTest::qWaitFor([&] { return view.loadCount() > before && !view.isLoading(); }, 15000);
}

UsageSummary TestUsageView::vaultSummary(qint64 from, qint64 to, UsageScope scope, const QString& id)
{
    auto r = kwtest::ui::runOn(*m_session, [&](Backend& b) { return b.usageSummary(scope, id, from, to); });
    return r.value_or({});
}

void TestUsageView::totalsMatchTheVault()
{
    UsageView view;
    view.resize(1200, 800);
    view.show();
    quint64 before = view.loadCount();
    view.setSession(m_session.get());
    QVERIFY(waitLoaded(view, before));
    before = view.loadCount();
    view.setRange(UsageRange::Day);
    QVERIFY(waitLoaded(view, before));
    const UsageSnapshot& s = view.snapshot();
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    const UsageSummary truth = vaultSummary(s.request.fromMs, s.request.toMs);
    QCOMPARE(s.totals.requests, truth.totals.requests);
    QCOMPARE(s.totals.valid, truth.totals.valid);
    // Known parts: A's 107 and B's 50 are inside the last day, and C's 5,000-request spike too.
    QVERIFY2(s.totals.requests >= 107 + 50 + 5000, qPrintable(QString::number(s.totals.requests)));
    QCOMPARE(s.totals.rejected.value(QStringLiteral("RATE_LIMITED")), 7);
    QCOMPARE(s.request.granularity, UsageGranularity::Hour);
    QCOMPARE(s.codes.first(), QStringLiteral("VALID"));
    QVERIFY(s.codes.contains(QStringLiteral("RATE_LIMITED")));

    // The requests chart has one stacked area per code, and the stack's top at A's hour holds A's 107
    // requests plus whatever else fell into that hour.
    QList<QAreaSeries*> areas;
    for (QAbstractSeries* series : view.requestsChart()->series())
        if (auto* a = qobject_cast<QAreaSeries*>(series))
            areas.append(a);
    QCOMPARE(areas.size(), s.codes.size());
    const qint64 hourA = usage::bucketStart(m_bucketA, usage::kHourMs);
    double top = -1;
    for (const QPointF& p : areas.last()->upperSeries()->points())
        if (qint64(p.x()) == hourA)
            top = p.y();
    const UsageSummary atHourA = vaultSummary(hourA, hourA + usage::kHourMs);
    QCOMPARE(qint64(top), atHourA.totals.requests);
    QVERIFY(atHourA.totals.requests >= 107);

    // Rankings: the batch project leads (the spike), payments and search follow with their own totals.
    QVERIFY(s.topProjects.size() >= 3);
    QCOMPARE(s.topProjects.first().id, QStringLiteral("batch"));
    for (const UsageRanking& r : s.topProjects)
        QCOMPARE(r.requests, vaultSummary(s.request.fromMs, s.request.toMs, UsageScope::Project, r.id).totals.requests);
    // Cost allocation by team: platform has A's amount, data has B's.
    QHash<QString, qint64> teamCost;
    for (const UsageRanking& t : s.costByTeam)
        teamCost.insert(t.id, t.amountMicros);
    QCOMPARE(teamCost.value(QStringLiteral("platform")), 250'000);
    QCOMPARE(teamCost.value(QStringLiteral("data")), 100'000);
}

void TestUsageView::drillsIntoProjectBucketAndTeam()
{
    UsageView view;
    view.resize(1200, 800);
    view.show();
    quint64 before = view.loadCount();
    view.setSession(m_session.get());
    QVERIFY(waitLoaded(view, before));
    const qint64 allRequests = view.snapshot().totals.requests;

    // A click on the payments bar narrows the scope to that project.
    const QList<UsageRanking> projects = view.snapshot().topProjects;
    int payments = -1;
    for (int i = 0; i < projects.size(); ++i)
        if (projects[i].id == QLatin1String("payments"))
            payments = i;
    QVERIFY(payments >= 0);
    before = view.loadCount();
    view.drillIntoRanking(QStringLiteral("projects"), payments);
    QVERIFY(waitLoaded(view, before));
    QCOMPARE(view.snapshot().request.target.kind, UsageTarget::Kind::Project);
    QCOMPARE(view.snapshot().totals.requests, 107);
    QCOMPARE(view.snapshot().topKeys.size(), 1);
    QCOMPARE(view.snapshot().topKeys.first().id, m_keyA);
    QCOMPARE(view.snapshot().topServices.size(), 1);
    QCOMPARE(view.snapshot().topServices.first().id, QStringLiteral("payments/checkout"));

    // A click on A's hour zooms into it, minute by minute.
    before = view.loadCount();
    view.drillIntoBucket(m_bucketA);
    QVERIFY(waitLoaded(view, before));
    QCOMPARE(view.snapshot().request.granularity, UsageGranularity::Minute);
    QCOMPARE(view.snapshot().request.toMs - view.snapshot().request.fromMs, usage::kHourMs);
    QCOMPARE(view.snapshot().totals.requests, 107);
    bool minuteFound = false;
    for (const UsagePoint& p : view.snapshot().series)
        if (p.bucketMs == m_bucketA)
            minuteFound = p.totals.requests == 107;
    QVERIFY(minuteFound);

    // Back twice returns to everything over the last day.
    before = view.loadCount();
    QVERIFY(view.back());
    QVERIFY(waitLoaded(view, before));
    QCOMPARE(view.snapshot().totals.requests, 107);
    before = view.loadCount();
    QVERIFY(view.back());
    QVERIFY(waitLoaded(view, before));
    QCOMPARE(view.snapshot().totals.requests, allRequests);
    QVERIFY(!view.back());

    // A team is the sum of its projects: data = search + batch.
    before = view.loadCount();
    view.setTarget({UsageTarget::Kind::Team, QStringLiteral("data"), QStringLiteral("team data")});
    QVERIFY(waitLoaded(view, before));
    const UsageSnapshot& t = view.snapshot();
    const qint64 expected =
        vaultSummary(t.request.fromMs, t.request.toMs, UsageScope::Project, QStringLiteral("search")).totals.requests +
        vaultSummary(t.request.fromMs, t.request.toMs, UsageScope::Project, QStringLiteral("batch")).totals.requests;
    QCOMPARE(t.totals.requests, expected);
    for (const UsageRanking& r : t.topProjects)
        QVERIFY(r.id == QLatin1String("search") || r.id == QLatin1String("batch"));
}

void TestUsageView::patternAndAnomalies()
{
    UsageView view;
    view.resize(1200, 800);
    view.show();
    quint64 before = view.loadCount();
    view.setSession(m_session.get());
    QVERIFY(waitLoaded(view, before));
    before = view.loadCount();
    view.setTarget({UsageTarget::Kind::Key, m_keyC, QStringLiteral("key nightly")});
    QVERIFY(waitLoaded(view, before));

    // The spike's hour of the week holds at least its 5,000 requests; other slots hold four weeks of ten.
    const QDateTime spike = QDateTime::fromMSecsSinceEpoch(m_spikeHour);
    const int day = spike.date().dayOfWeek() - 1, hour = spike.time().hour();
    QVERIFY2(view.heatMap()->cell(day, hour) >= 5000, qPrintable(QString::number(view.heatMap()->cell(day, hour))));
    const int otherHour = (hour + 12) % 24;
    QVERIFY(view.heatMap()->cell(day, otherHour) >= 30 && view.heatMap()->cell(day, otherHour) <= 50);

    // The anomalies listed are the store's, and the spike is among them.
    const UsageSnapshot& s = view.snapshot();
    auto direct = kwtest::ui::runOn(*m_session, [&](Backend& b) {
        return b.usageAnomalies(UsageScope::Key, m_keyC, s.request.fromMs, s.request.toMs);
    });
    QVERIFY2(direct, qPrintable(direct.errorMessage()));
    QCOMPARE(s.anomalies.size(), direct->size());
    auto* list = view.findChild<QTreeWidget*>(QStringLiteral("usageAnomalies"));
    QVERIFY(list);
    QCOMPARE(list->topLevelItemCount(), int(s.anomalies.size()));
    bool spikeListed = false;
    for (const UsageAnomaly& a : s.anomalies)
        if (a.kind == QLatin1String("spike") && usage::bucketStart(a.timeMs, usage::kHourMs) == m_spikeHour)
            spikeListed = true;
    QVERIFY2(spikeListed, "the 5,000-request hour after four weeks of ten per hour is not flagged");
}

void TestUsageView::exportsPngSvgAndCsv()
{
    UsageView view;
    view.resize(1200, 800);
    view.show();
    quint64 before = view.loadCount();
    view.setSession(m_session.get());
    QVERIFY(waitLoaded(view, before));
    QTemporaryDir dir;
    QString error;

    QVERIFY2(view.exportTo(dir.filePath(QStringLiteral("u.csv")), &error), qPrintable(error));
    QFile csv(dir.filePath(QStringLiteral("u.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QVERIFY(lines.first().startsWith("bucket_start_utc,requests,valid"));
    qint64 sum = 0;
    int rows = 0;
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        ++rows;
        sum += line.split(',').value(1).toLongLong();
    }
    QCOMPARE(rows, int(view.snapshot().series.size()));
    QCOMPARE(sum, view.snapshot().totals.requests);

    QVERIFY2(view.exportTo(dir.filePath(QStringLiteral("u.png")), &error), qPrintable(error));
    const QImage png(dir.filePath(QStringLiteral("u.png")));
    QVERIFY(!png.isNull() && png.width() > 100);
    QVERIFY2(view.exportTo(dir.filePath(QStringLiteral("u.svg")), &error), qPrintable(error));
    QFile svg(dir.filePath(QStringLiteral("u.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("<svg"));
    QVERIFY(!view.exportTo(dir.filePath(QStringLiteral("u.gif")), &error));
    QVERIFY(error.contains(QStringLiteral("gif")));
}

QTEST_MAIN(TestUsageView)
#include "tst_ui_usage.moc"
