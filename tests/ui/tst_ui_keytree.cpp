// The key hierarchy model over a real vault file: structure and counts from the store, lazy paging,
// children, filters answered by the store, live updates — and Qt's own model consistency checks.
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "models/KeyTreeModel.h"
#include "session/Session.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using kw::ui::KeyTreeModel;
using Kind = KeyTreeModel::NodeKind;

namespace {

constexpr qint64 kDayMs = 86'400'000;

kw::KeySpec spec(const QString& project, const QString& env, const QString& name, QStringList services = {})
{
    kw::KeySpec s;
    s.project = project;
    s.environment = env;
    s.name = name;
    s.services = std::move(services);
    s.owner = name + QStringLiteral("@example.com");
    return s;
}

} // namespace

class TestKeyTree : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void firstLevelComesFromCounts();
    void servicesAndPagesLoadLazily();
    void childKeysSitUnderTheirParent();
    void filtersAreAnsweredByTheStore_data();
    void filtersAreAnsweredByTheStore();
    void changesUpdateRowsAndCounts();
    void newKeysAppearInOpenServices();
    void modelTesterOverEverything();

private:
    QModelIndex find(const QModelIndex& parent, const QString& label);
    void fetchAll(const QModelIndex& parent);
    void waitIdle(KeyTreeModel& model) { QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000); }
    void reloadAndWait(KeyTreeModel& model);

    std::unique_ptr<kwtest::TempVault> m_vault;
    std::unique_ptr<kw::ui::Session> m_session;
    QString m_parentId;
    QString m_checkoutKey;
    KeyTreeModel* m_model = nullptr;
};

void TestKeyTree::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_vault = std::make_unique<kwtest::TempVault>();
    QVERIFY(m_vault->ok());
    m_vault->clock().setNowMs(QDateTime::currentMSecsSinceEpoch());
    kw::LocalVault& b = m_vault->backend();
    QVERIFY(b.createTeam(QStringLiteral("platform")));
    QVERIFY(b.createTeam(QStringLiteral("growth")));
    QVERIFY(b.createProject({QStringLiteral("payments"), QStringLiteral("platform"), {}}));
    QVERIFY(b.createProject({QStringLiteral("search"), QStringLiteral("growth"), {}}));
    QVERIFY(b.createProject({QStringLiteral("lonely"), {}, {}}));
    // payments/prod: 251 top-level keys on checkout (more than one page), 2 children, 3 on refunds, 2 on none.
    for (int i = 0; i < 251; ++i) {
        auto k = b.createKey(spec(QStringLiteral("payments"), QStringLiteral("prod"),
                                  QStringLiteral("checkout-%1").arg(i, 3, 10, QLatin1Char('0')),
                                  {QStringLiteral("checkout")}));
        QVERIFY2(k, qPrintable(k.errorMessage()));
        if (i == 0)
            m_parentId = k->key.id;
        if (i == 7)
            m_checkoutKey = k->key.id;
    }
    for (int i = 0; i < 2; ++i) {
        auto s = spec(QStringLiteral("payments"), QStringLiteral("prod"), QStringLiteral("child-%1").arg(i),
                      {QStringLiteral("checkout")});
        s.parentId = m_parentId;
        QVERIFY(b.createKey(s));
    }
    for (int i = 0; i < 3; ++i)
        QVERIFY(b.createKey(spec(QStringLiteral("payments"), QStringLiteral("prod"), QStringLiteral("refund-%1").arg(i),
                                 {QStringLiteral("refunds")})));
    for (int i = 0; i < 2; ++i)
        QVERIFY(
            b.createKey(spec(QStringLiteral("payments"), QStringLiteral("prod"), QStringLiteral("batch-%1").arg(i))));
    // payments/dev: 5 keys, one revoked, one suspended, two tagged "ci".
    QStringList dev;
    for (int i = 0; i < 5; ++i) {
        auto s = spec(QStringLiteral("payments"), QStringLiteral("dev"), QStringLiteral("dev-%1").arg(i),
                      {QStringLiteral("checkout")});
        if (i < 2)
            s.tags = {QStringLiteral("ci")};
        auto k = b.createKey(s);
        QVERIFY(k);
        dev << k->key.id;
    }
    QVERIFY(b.revokeKeys({{dev[3]}, false, QStringLiteral("test"), {}}));
    QVERIFY(b.suspendKey(dev[4], QStringLiteral("test")));
    // search/prod: 4 keys, two expiring in 3 days, one owned by a findable owner.
    for (int i = 0; i < 4; ++i) {
        auto s = spec(QStringLiteral("search"), QStringLiteral("prod"), QStringLiteral("indexer-%1").arg(i),
                      {QStringLiteral("indexer")});
        if (i < 2)
            s.expiresInMs = 3 * kDayMs;
        if (i == 3)
            s.owner = QStringLiteral("zoe.unique@example.com");
        QVERIFY(b.createKey(s));
    }
    m_vault->close();

    QString error;
    m_session = kwtest::ui::openLocalSession(m_vault->path(), false, &error);
    QVERIFY2(m_session, qPrintable(error));
}

QModelIndex TestKeyTree::find(const QModelIndex& parent, const QString& label)
{
    for (int r = 0; r < m_model->rowCount(parent); ++r) {
        const QModelIndex i = m_model->index(r, 0, parent);
        if (i.data().toString() == label)
            return i;
    }
    return {};
}

void TestKeyTree::fetchAll(const QModelIndex& parent)
{
    waitIdle(*m_model); // a fetch may be under way already (the model tester starts some)
    while (m_model->canFetchMore(parent)) {
        m_model->fetchMore(parent);
        waitIdle(*m_model);
    }
    for (int r = 0; r < m_model->rowCount(parent); ++r)
        fetchAll(m_model->index(r, 0, parent));
}

void TestKeyTree::reloadAndWait(KeyTreeModel& model)
{
    QSignalSpy loaded(&model, &KeyTreeModel::loaded);
    QVERIFY(loaded.wait(10000) || loaded.count() > 0);
    waitIdle(model);
}

void TestKeyTree::firstLevelComesFromCounts()
{
    KeyTreeModel model;
    m_model = &model;
    QSignalSpy loaded(&model, &KeyTreeModel::loaded);
    model.setSession(m_session.get());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex org = model.index(0, 0);
    QCOMPARE(model.totalKeys(), 251 + 2 + 3 + 2 + 5 + 4);
    QCOMPARE(org.data(KeyTreeModel::TotalRole).toLongLong(), 267);
    // Teams in order, and a project without a team under "No team"; an empty project is still shown.
    QCOMPARE(model.rowCount(org), 3);
    QCOMPARE(model.index(0, 0, org).data().toString(), QStringLiteral("No team"));
    QCOMPARE(model.index(1, 0, org).data().toString(), QStringLiteral("growth"));
    QCOMPARE(model.index(2, 0, org).data().toString(), QStringLiteral("platform"));
    const QModelIndex lonely = find(model.index(0, 0, org), QStringLiteral("lonely"));
    QVERIFY(lonely.isValid());
    QCOMPARE(lonely.data(KeyTreeModel::TotalRole).toLongLong(), 0);
    QVERIFY(!model.hasChildren(lonely));
    const QModelIndex payments = find(model.index(2, 0, org), QStringLiteral("payments"));
    QCOMPARE(payments.data(KeyTreeModel::TotalRole).toLongLong(), 263);
    QCOMPARE(model.rowCount(payments), 2); // dev, prod
    const QModelIndex dev = find(payments, QStringLiteral("dev"));
    QCOMPARE(dev.data(KeyTreeModel::TotalRole).toLongLong(), 5);
    QVERIFY(dev.siblingAtColumn(KeyTreeModel::CountColumn).data().toString().contains(u'5'));
    QVERIFY(dev.data(Qt::ToolTipRole).toString().contains(QStringLiteral("1 suspended")));
    // Nothing below environments is loaded until asked.
    QCOMPARE(model.rowCount(dev), 0);
    QVERIFY(model.hasChildren(dev));
    QVERIFY(model.canFetchMore(dev));
    m_model = nullptr;
}

void TestKeyTree::servicesAndPagesLoadLazily()
{
    KeyTreeModel model;
    m_model = &model;
    model.setSession(m_session.get());
    reloadAndWait(model);
    const QModelIndex prod = find(find(find(model.index(0, 0), QStringLiteral("platform")), QStringLiteral("payments")),
                                  QStringLiteral("prod"));
    QVERIFY(prod.isValid());
    model.fetchMore(prod);
    waitIdle(model);
    QCOMPARE(model.rowCount(prod), 3);
    QCOMPARE(model.index(0, 0, prod).data().toString(), QStringLiteral("checkout"));
    QCOMPARE(model.index(1, 0, prod).data().toString(), QStringLiteral("refunds"));
    QCOMPARE(model.index(2, 0, prod).data().toString(), QStringLiteral("No service"));
    QCOMPARE(model.index(0, 0, prod).data(KeyTreeModel::TotalRole).toLongLong(), 253);
    QCOMPARE(model.index(2, 0, prod).data(KeyTreeModel::TotalRole).toLongLong(), 2);

    const QModelIndex checkout = model.index(0, 0, prod);
    QVERIFY(model.canFetchMore(checkout));
    model.fetchMore(checkout);
    waitIdle(model);
    QCOMPARE(model.rowCount(checkout), KeyTreeModel::kPageSize);
    QVERIFY(model.canFetchMore(checkout));
    model.fetchMore(checkout);
    waitIdle(model);
    QCOMPARE(model.rowCount(checkout), 251); // top-level keys only: the children sit under their parent
    QVERIFY(!model.canFetchMore(checkout));
    QCOMPARE(model.index(0, 0, checkout).data().toString(), QStringLiteral("checkout-000"));
    QCOMPARE(model.index(250, 0, checkout).data().toString(), QStringLiteral("checkout-250"));
    QVERIFY(
        model.index(3, KeyTreeModel::DisplayIdColumn, checkout).data().toString().startsWith(QStringLiteral("kw_")));

    const QModelIndex none = model.index(2, 0, prod);
    model.fetchMore(none);
    waitIdle(model);
    QCOMPARE(model.rowCount(none), 2);
    QCOMPARE(model.index(0, 0, none).data().toString(), QStringLiteral("batch-0"));
    m_model = nullptr;
}

void TestKeyTree::childKeysSitUnderTheirParent()
{
    KeyTreeModel model;
    m_model = &model;
    model.setSession(m_session.get());
    reloadAndWait(model);
    const QModelIndex prod = find(find(find(model.index(0, 0), QStringLiteral("platform")), QStringLiteral("payments")),
                                  QStringLiteral("prod"));
    model.fetchMore(prod);
    waitIdle(model);
    const QModelIndex checkout = model.index(0, 0, prod);
    model.fetchMore(checkout);
    waitIdle(model);
    const QModelIndex parent = model.indexOfKey(m_parentId);
    QVERIFY(parent.isValid());
    QVERIFY(model.hasChildren(parent));
    QCOMPARE(parent.siblingAtColumn(KeyTreeModel::CountColumn).data().toString(), QStringLiteral("2"));
    model.fetchMore(parent);
    waitIdle(model);
    QCOMPARE(model.rowCount(parent), 2);
    QCOMPARE(model.index(0, 0, parent).data().toString(), QStringLiteral("child-0"));
    QVERIFY(!model.hasChildren(model.index(0, 0, parent)));
    m_model = nullptr;
}

void TestKeyTree::filtersAreAnsweredByTheStore_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expiringDays");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<int>("total");
    QTest::addColumn<QStringList>("keys"); // every key the filtered tree lists, by name

    QTest::newRow("revoked") << "revoked"
                             << ""
                             << "" << 0 << "" << 1 << QStringList{"dev-3"};
    QTest::newRow("suspended") << "suspended"
                               << ""
                               << "" << 0 << "" << 1 << QStringList{"dev-4"};
    QTest::newRow("tag ci") << ""
                            << "ci"
                            << "" << 0 << "" << 2 << QStringList{"dev-0", "dev-1"};
    QTest::newRow("owner text") << ""
                                << ""
                                << "zoe.unique" << 0 << "" << 1 << QStringList{"indexer-3"};
    QTest::newRow("expiring in 7 days") << ""
                                        << ""
                                        << "" << 7 << "" << 2 << QStringList{"indexer-0", "indexer-1"};
    QTest::newRow("environment dev") << ""
                                     << ""
                                     << "" << 0 << "dev" << 5
                                     << QStringList{"dev-0", "dev-1", "dev-2", "dev-3", "dev-4"};
    QTest::newRow("children match flat") << ""
                                         << ""
                                         << "child-" << 0 << "" << 2 << QStringList{"child-0", "child-1"};
    QTest::newRow("nothing") << ""
                             << ""
                             << "no-such-key-anywhere" << 0 << "" << 0 << QStringList{};
}

void TestKeyTree::filtersAreAnsweredByTheStore()
{
    QFETCH(QString, status);
    QFETCH(QString, tag);
    QFETCH(QString, text);
    QFETCH(int, expiringDays);
    QFETCH(QString, environment);
    QFETCH(int, total);
    QFETCH(QStringList, keys);

    KeyTreeModel model;
    m_model = &model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(m_session.get());
    reloadAndWait(model);
    kw::KeyFilter f;
    if (!status.isEmpty())
        f.status = kw::keyStatusFromString(status);
    f.tag = tag;
    f.text = text;
    f.environment = environment;
    if (expiringDays > 0)
        f.expiresBeforeMs = QDateTime::currentMSecsSinceEpoch() + expiringDays * kDayMs;
    QSignalSpy loaded(&model, &KeyTreeModel::loaded);
    QSignalSpy failed(&model, &KeyTreeModel::loadFailed);
    model.setFilter(f);
    QVERIFY(loaded.wait(10000));
    QVERIFY(model.isFiltered());
    QCOMPARE(model.totalKeys(), qint64(total));
    fetchAll({});
    QStringList listed;
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& p) {
        for (int r = 0; r < model.rowCount(p); ++r) {
            const QModelIndex i = model.index(r, 0, p);
            if (Kind(i.data(KeyTreeModel::NodeKindRole).toInt()) == Kind::Key)
                listed << i.data().toString();
            walk(i);
        }
    };
    walk({});
    listed.sort();
    if (listed != keys) {
        std::function<void(const QModelIndex&, int)> dump = [&](const QModelIndex& p, int depth) {
            for (int r = 0; r < model.rowCount(p); ++r) {
                const QModelIndex i = model.index(r, 0, p);
                qWarning("%s%s total=%lld more=%d", qPrintable(QString(depth * 2, u' ')),
                         qPrintable(i.data().toString()), i.data(KeyTreeModel::TotalRole).toLongLong(),
                         int(model.canFetchMore(i)));
                dump(i, depth + 1);
            }
        };
        dump({}, 0);
        for (const auto& f : failed)
            qWarning("failed: %s", qPrintable(f.first().toString()));
    }
    QCOMPARE(listed, keys);
    // Containers without a match are not shown under a filter (the empty project "lonely" among them).
    QCOMPARE(find(model.index(0, 0), QStringLiteral("No team")).isValid(), false);
    m_model = nullptr;
}

void TestKeyTree::changesUpdateRowsAndCounts()
{
    KeyTreeModel model;
    m_model = &model;
    model.setSession(m_session.get());
    reloadAndWait(model);
    const QModelIndex prod = find(find(find(model.index(0, 0), QStringLiteral("platform")), QStringLiteral("payments")),
                                  QStringLiteral("prod"));
    model.fetchMore(prod);
    waitIdle(model);
    model.fetchMore(model.index(0, 0, prod));
    waitIdle(model);
    const QModelIndex row = model.indexOfKey(m_checkoutKey);
    QVERIFY(row.isValid());
    QCOMPARE(row.siblingAtColumn(KeyTreeModel::StatusColumn).data().toString(), QStringLiteral("Active"));
    const QString id = m_checkoutKey;
    auto suspended =
        kwtest::ui::runOn(*m_session, [id](kw::Backend& b) { return b.suspendKey(id, QStringLiteral("tree test")); });
    QVERIFY2(suspended, qPrintable(suspended.errorMessage()));
    QTRY_COMPARE(model.indexOfKey(id).siblingAtColumn(KeyTreeModel::StatusColumn).data().toString(),
                 QStringLiteral("Suspended"));
    QTRY_VERIFY(prod.data(Qt::ToolTipRole).toString().contains(QStringLiteral("1 suspended")));
    auto resumed =
        kwtest::ui::runOn(*m_session, [id](kw::Backend& b) { return b.resumeKey(id, QStringLiteral("tree test")); });
    QVERIFY(resumed);
    QTRY_COMPARE(model.indexOfKey(id).siblingAtColumn(KeyTreeModel::StatusColumn).data().toString(),
                 QStringLiteral("Active"));
    QTRY_VERIFY(prod.data(Qt::ToolTipRole).toString().contains(QStringLiteral("0 suspended")));
    m_model = nullptr;
}

void TestKeyTree::newKeysAppearInOpenServices()
{
    KeyTreeModel model;
    m_model = &model;
    model.setSession(m_session.get());
    reloadAndWait(model);
    const QModelIndex dev = find(find(find(model.index(0, 0), QStringLiteral("platform")), QStringLiteral("payments")),
                                 QStringLiteral("dev"));
    model.fetchMore(dev);
    waitIdle(model);
    const QModelIndex checkout = model.index(0, 0, dev);
    model.fetchMore(checkout);
    waitIdle(model);
    QCOMPARE(model.rowCount(checkout), 5);
    auto created = kwtest::ui::runOn(*m_session, [](kw::Backend& b) {
        return b.createKey(spec(QStringLiteral("payments"), QStringLiteral("dev"), QStringLiteral("dev-new"),
                                {QStringLiteral("checkout")}));
    });
    QVERIFY(created);
    const QString id = created->key.id;
    QTRY_VERIFY(model.indexOfKey(id).isValid());
    QCOMPARE(model.rowCount(checkout), 6);
    QTRY_COMPARE(dev.data(KeyTreeModel::TotalRole).toLongLong(), 6);
    m_model = nullptr;
}

void TestKeyTree::modelTesterOverEverything()
{
    KeyTreeModel model;
    m_model = &model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(m_session.get());
    reloadAndWait(model);
    fetchAll({});
    int keys = 0;
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& p) {
        for (int r = 0; r < model.rowCount(p); ++r) {
            const QModelIndex i = model.index(r, 0, p);
            QCOMPARE(model.parent(i), p);
            if (Kind(i.data(KeyTreeModel::NodeKindRole).toInt()) == Kind::Key)
                ++keys;
            walk(i);
        }
    };
    walk({});
    QCOMPARE(keys, int(model.totalKeys()));
    model.reload();
    reloadAndWait(model);
    model.setSession(nullptr);
    QCOMPARE(model.rowCount(), 0);
    m_model = nullptr;
}

QTEST_MAIN(TestKeyTree)
#include "tst_ui_keytree.moc"
