// The create-key wizard over a real vault: fields by objectName, Next/Create/Finish with QTest; the secret
// shown once, copied to the clipboard and cleared from it, wiped from every widget on close; field errors.
#include "UiTestSupport.h"

#include "commands/KeyActions.h"
#include "dialogs/CreateKeyWizard.h"
#include "dialogs/MessageLabel.h"
#include "widgets/ClipboardGuard.h"
#include "widgets/SecretView.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

using namespace kw;
using namespace kw::ui;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

template <typename T> T* child(QWidget* parent, const char* name)
{
    return parent ? parent->findChild<T*>(QLatin1String(name)) : nullptr;
}

// Clicks a check box on its indicator (its centre may lie beyond the label, where clicks do nothing).
void check(QCheckBox* box)
{
    QVERIFY(box);
    QTest::mouseClick(box, Qt::LeftButton, {},
                      QPoint(box->style()->pixelMetric(QStyle::PM_IndicatorWidth) / 2 + 1, box->height() / 2));
}

using kwtest::ui::anyWidgetShows;

void type(QWidget* wizard, const char* name, const QString& text)
{
    auto* edit = child<QLineEdit>(wizard, name);
    QVERIFY2(edit, name);
    edit->clear();
    QTest::keyClicks(edit, text);
}

} // namespace

class TestWizard : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<KeyActions> m_actions;

    QList<KeyRecord> allKeys()
    {
        auto keys = kwtest::ui::runOn(*m_session, [](Backend& b) { return b.keys(KeyFilter{}); });
        return keys ? *keys : QList<KeyRecord>{};
    }
    CreateKeyWizard* openWizard()
    {
        m_actions->newKeyAction()->trigger();
        auto* wizard = qobject_cast<CreateKeyWizard*>(kwtest::ui::waitForTopLevelNamed("createKeyWizard"));
        if (!wizard)
            return nullptr;
        // The project list arrives from the backend thread.
        if (!QTest::qWaitFor([&] {
                return child<QComboBox>(wizard, "projectCombo")->count() > 0 &&
                       !child<QComboBox>(wizard, "environmentCombo")->currentText().isEmpty();
            }))
            return nullptr;
        return wizard;
    }
    void next(QWizard* wizard) { QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton); }
    void fillLocation(QWizard* wizard)
    {
        type(wizard, "nameEdit", QStringLiteral("Billing API"));
        type(wizard, "ownerEdit", QStringLiteral("alice@example.com"));
        type(wizard, "tagsEdit", QStringLiteral("pci, billing"));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("KeyWardenTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ui_commands_wizard"));
        QSettings().clear();
    }

    void init()
    {
        QSettings().remove(QStringLiteral("security/clipboardClearSeconds"));
        QGuiApplication::clipboard()->clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QString error;
        m_session = kwtest::ui::openLocalSession(m_dir->filePath(QStringLiteral("w.kwvault")), true, &error);
        QVERIFY2(m_session, qPrintable(error));
        auto ok = kwtest::ui::runOn(*m_session, [](Backend& b) -> Status {
            for (const char* name : {"payments", "search"}) {
                ProjectSpec p;
                p.name = QLatin1String(name);
                if (auto r = b.createProject(p); !r)
                    return r.error();
            }
            if (auto e = b.createEnvironment(QStringLiteral("payments"), QStringLiteral("live")); !e)
                return e.error();
            if (auto e = b.createEnvironment(QStringLiteral("payments"), QStringLiteral("test")); !e)
                return e.error();
            Role reader;
            reader.name = QStringLiteral("reader");
            reader.permissions = {QStringLiteral("billing.read")};
            if (auto r = b.saveRole(reader); !r)
                return r.error();
            PolicyTemplate t;
            t.name = QStringLiteral("prod-90d");
            t.description = QStringLiteral("production keys");
            t.policy.ttlMs = 90 * kDayMs;
            if (auto r = b.savePolicyTemplate(t); !r)
                return r.error();
            return {};
        });
        QVERIFY2(ok, qPrintable(ok.errorMessage()));
        m_actions = std::make_unique<KeyActions>(nullptr);
        m_actions->setSession(m_session.get());
        m_actions->setCreateContext(QStringLiteral("payments"), QStringLiteral("live"), QString());
    }

    void cleanup()
    {
        m_actions.reset();
        QTest::qWait(0);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        m_session.reset();
        m_dir.reset();
    }

    void wizardCreatesAKeyWithItsPolicy()
    {
        QSignalSpy created(m_actions.get(), &KeyActions::keyCreated);
        QSignalSpy finished(m_actions.get(), &KeyActions::commandFinished);
        CreateKeyWizard* wizard = openWizard();
        QVERIFY(wizard);
        // Defaults from the tree's current node.
        QCOMPARE(child<QComboBox>(wizard, "projectCombo")->currentData().toString(), QStringLiteral("payments"));
        QTRY_COMPARE(child<QComboBox>(wizard, "environmentCombo")->currentText(), QStringLiteral("live"));
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled()); // a name is required
        fillLocation(wizard);
        type(wizard, "servicesEdit", QStringLiteral("billing"));
        check(child<QCheckBox>(wizard, "expiresCheck"));
        child<QSpinBox>(wizard, "expiresDaysSpin")->setValue(30);
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        next(wizard);
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::PolicyPageId));

        auto* templates = child<QComboBox>(wizard, "templateCombo");
        QTRY_COMPARE(templates->count(), 2);
        templates->setCurrentIndex(templates->findData(QStringLiteral("prod-90d")));
        type(wizard, "rateLimitsEdit", QStringLiteral("100/s, 5000/h"));
        type(wizard, "quotaEdit", QStringLiteral("10000/day"));
        type(wizard, "maxUsesEdit", QStringLiteral("500"));
        next(wizard);
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::PermissionsPageId));

        auto* roles = child<QListWidget>(wizard, "rolesList");
        QTRY_COMPARE(roles->count(), 1);
        roles->item(0)->setCheckState(Qt::Checked);
        type(wizard, "permissionsEdit", QStringLiteral("billing.write"));
        next(wizard);
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::RestrictionsPageId));

        type(wizard, "allowIpsEdit", QStringLiteral("10.0.0.0/8"));
        type(wizard, "denyIpsEdit", QStringLiteral("10.9.0.0/16"));
        type(wizard, "hoursEdit", QStringLiteral("09:00-17:30"));
        type(wizard, "daysEdit", QStringLiteral("mon-fri"));
        type(wizard, "timeZoneEdit", QStringLiteral("Europe/Berlin"));
        next(wizard);
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::SummaryPageId));
        const QString summary = child<QLabel>(wizard, "summaryLabel")->text();
        QVERIFY(summary.contains(QLatin1String("Billing API")));
        QVERIFY(summary.contains(QLatin1String("prod-90d")));
        QVERIFY(allKeys().isEmpty()); // nothing before "Create key"

        QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
        QTRY_COMPARE(wizard->currentId(), int(CreateKeyWizard::SecretPageId));
        QCOMPARE(created.size(), 1);
        const KeyRecord announced = created.first().at(0).value<KeyRecord>();

        // The backend has the key with everything chosen.
        const QList<KeyRecord> keys = allKeys();
        QCOMPARE(keys.size(), 1);
        const KeyRecord& k = keys.first();
        QCOMPARE(k.id, announced.id);
        QCOMPARE(k.name, QStringLiteral("Billing API"));
        QCOMPARE(k.project, QStringLiteral("payments"));
        QCOMPARE(k.environment, QStringLiteral("live"));
        QCOMPARE(k.owner, QStringLiteral("alice@example.com"));
        QCOMPARE(k.tags, (QStringList{"pci", "billing"}));
        QCOMPARE(k.services, QStringList{"billing"});
        QCOMPARE(k.policyTemplate, QStringLiteral("prod-90d"));
        QVERIFY(qAbs(k.expiresAt - k.createdAt - 30 * kDayMs) < 1000);
        QCOMPARE(k.policy.rateLimits->size(), 2);
        QCOMPARE(k.policy.rateLimits->at(0).toString(), QStringLiteral("100/s"));
        QCOMPARE(k.policy.quota->toString(), QStringLiteral("10000/day"));
        QCOMPARE(k.policy.maxUses.value_or(0), 500);
        QCOMPARE(k.policy.roles.value_or(QStringList()), QStringList{"reader"});
        QCOMPARE(k.policy.permissions.value_or(QStringList()), QStringList{"billing.write"});
        QCOMPARE(k.policy.allowIps.value_or(QStringList()), QStringList{"10.0.0.0/8"});
        QCOMPARE(k.policy.denyIps.value_or(QStringList()), QStringList{"10.9.0.0/16"});
        QCOMPARE(k.policy.hours.value_or(QString()), QStringLiteral("09:00-17:30"));
        QCOMPARE(k.policy.days.value_or(QString()), QStringLiteral("mon-fri"));
        QCOMPARE(k.policy.timeZone.value_or(QString()), QStringLiteral("Europe/Berlin"));

        // The secret: shown once, read-only, monospace; it verifies as this key.
        auto* field = child<QLineEdit>(wizard, "secretField");
        const QString secret = field->text();
        QVERIFY(secret.startsWith(k.displayId));
        QVERIFY(field->isReadOnly());
        QVERIFY(field->font().fixedPitch() || field->font().styleHint() == QFont::Monospace ||
                field->font().family() == QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
        auto verified = kwtest::ui::runOn(*m_session, [secret](Backend& b) {
            QString copy = secret;
            VerifyContext context;
            context.clientIp = QStringLiteral("10.1.2.3");
            context.timeMs = QDateTime(QDate(2030, 1, 7), QTime(10, 0), QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
            return b.verifyKey(SecureBytes::fromString(copy), context);
        });
        QVERIFY(verified);
        QCOMPARE(verified->keyId, k.id);

        // Copy: on the clipboard, marked as a secret for clipboard managers.
        QTest::mouseClick(child<QPushButton>(wizard, "copySecretButton"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), secret);
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QCOMPARE(mime->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));

        // Finish waits for "I have stored this secret"; Escape does not lose the secret either.
        QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
        QTest::keyClick(wizard, Qt::Key_Escape);
        QVERIFY(wizard->isVisible());
        QVERIFY(child<MessageLabel>(wizard, "secretMessage")->isError());
        check(child<QCheckBox>(wizard, "secretStoredCheck"));
        QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
        QPointer<QWidget> guard(wizard);
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toBool(), true);
        QTRY_VERIFY(!guard);
        QVERIFY(!anyWidgetShows(secret));
        ClipboardGuard::instance()->clearNow();
    }

    void secretIsWipedFromEveryWidgetOnClose()
    {
        // A SecretView on its own: the same widget the wizard and the rotate dialog use.
        auto* view = new SecretView;
        const QByteArray raw("kw_live_Zm9vYmFyYmF6cXV1eDEyMzQ1Njc4OTBhYmNk");
        view->setSecret(SecureBytes(raw.constData(), std::size_t(raw.size())));
        view->show();
        QVERIFY(anyWidgetShows(QString::fromLatin1(raw)));
        view->wipe();
        QVERIFY(!anyWidgetShows(QString::fromLatin1(raw)));
        QVERIFY(!view->hasSecret());
        QVERIFY(!view->copyButton()->isEnabled());
        delete view;
    }

    void clipboardIsClearedAfterTheTimeout()
    {
        QSettings().setValue(QStringLiteral("security/clipboardClearSeconds"), 1);
        SecretView view;
        const QByteArray raw("kw_test_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTIz");
        view.setSecret(SecureBytes(raw.constData(), std::size_t(raw.size())));
        QSignalSpy cleared(ClipboardGuard::instance(), &ClipboardGuard::cleared);
        QTest::mouseClick(view.copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(raw));
        QTest::qWait(300);
        QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(raw)); // not before the timeout
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), QString(), 3000);
        QCOMPARE(cleared.size(), 1);
    }

    void clipboardKeepsWhatWasCopiedMeanwhile()
    {
        QSettings().setValue(QStringLiteral("security/clipboardClearSeconds"), 1);
        SecretView view;
        const QByteArray raw("kw_test_b3RoZXJvdGhlcm90aGVyb3RoZXJvdGhlcjQ1");
        view.setSecret(SecureBytes(raw.constData(), std::size_t(raw.size())));
        QSignalSpy cleared(ClipboardGuard::instance(), &ClipboardGuard::cleared);
        QTest::mouseClick(view.copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(raw));
        QGuiApplication::clipboard()->setText(QStringLiteral("the user's own text"));
        QTRY_VERIFY_WITH_TIMEOUT(!ClipboardGuard::instance()->isPending(), 3000);
        QTest::qWait(100);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("the user's own text"));
        QCOMPARE(cleared.size(), 0);
    }

    void badRateLimitNamesTheFieldAndCreatesNothing()
    {
        CreateKeyWizard* wizard = openWizard();
        QVERIFY(wizard);
        fillLocation(wizard);
        next(wizard);
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::PolicyPageId));
        type(wizard, "rateLimitsEdit", QStringLiteral("100/fortnight"));
        next(wizard);
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::PolicyPageId));
        auto* message = child<MessageLabel>(wizard, "policyMessage");
        QVERIFY(message->isError());
        QVERIFY2(message->text().startsWith(QLatin1String("Rate limits:")), qPrintable(message->text()));
        QCOMPARE(wizard->focusWidget(), child<QLineEdit>(wizard, "rateLimitsEdit")); // focus moves to the wrong field
        type(wizard, "rateLimitsEdit", QStringLiteral("100/s"));
        type(wizard, "maxUsesEdit", QStringLiteral("-3"));
        next(wizard);
        QVERIFY(message->text().startsWith(QLatin1String("Maximum uses:")));
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::PolicyPageId));
        QTest::mouseClick(wizard->button(QWizard::CancelButton), Qt::LeftButton);
        QTRY_VERIFY(!wizard->isVisible());
        QVERIFY(allKeys().isEmpty());
    }

    void badCidrNamesTheFieldAndCreatesNothing()
    {
        CreateKeyWizard* wizard = openWizard();
        QVERIFY(wizard);
        fillLocation(wizard);
        next(wizard);
        next(wizard);
        next(wizard);
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::RestrictionsPageId));
        type(wizard, "allowIpsEdit", QStringLiteral("10.0.0.0/33"));
        next(wizard);
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::RestrictionsPageId));
        auto* message = child<MessageLabel>(wizard, "restrictionsMessage");
        QVERIFY2(message->text().startsWith(QLatin1String("Allowed IPs:")), qPrintable(message->text()));
        type(wizard, "allowIpsEdit", QStringLiteral("10.0.0.0/8"));
        type(wizard, "hoursEdit", QStringLiteral("25:00-26:00"));
        next(wizard);
        QVERIFY2(message->text().startsWith(QLatin1String("Hours:")), qPrintable(message->text()));
        type(wizard, "hoursEdit", QString());
        type(wizard, "timeZoneEdit", QStringLiteral("Mars/Olympus"));
        next(wizard);
        QVERIFY2(message->text().startsWith(QLatin1String("Time zone:")), qPrintable(message->text()));
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::RestrictionsPageId));
        QTest::keyClick(wizard, Qt::Key_Escape);
        QTRY_VERIFY(!wizard->isVisible());
        QVERIFY(allKeys().isEmpty());
    }

    void badNamesAreNamedOnTheFirstPage()
    {
        CreateKeyWizard* wizard = openWizard();
        QVERIFY(wizard);
        fillLocation(wizard);
        child<QComboBox>(wizard, "environmentCombo")->setCurrentText(QStringLiteral("Prod Env"));
        next(wizard);
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::LocationPageId));
        QVERIFY(child<MessageLabel>(wizard, "locationMessage")->text().startsWith(QLatin1String("Environment:")));
        child<QComboBox>(wizard, "environmentCombo")->setCurrentText(QStringLiteral("live"));
        type(wizard, "servicesEdit", QStringLiteral("Bad Service"));
        next(wizard);
        QVERIFY(child<MessageLabel>(wizard, "locationMessage")->text().startsWith(QLatin1String("Services:")));
        wizard->reject();
        QTRY_VERIFY(!wizard->isVisible());
    }

    void backendErrorStaysOnTheSummaryPage()
    {
        CreateKeyWizard* wizard = openWizard();
        QVERIFY(wizard);
        fillLocation(wizard);
        type(wizard, "parentEdit", QStringLiteral("kw_live_nope"));
        for (int i = 0; i < 4; ++i)
            next(wizard);
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::SummaryPageId));
        QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
        auto* message = child<MessageLabel>(wizard, "createMessage");
        QTRY_VERIFY(message->isError());
        QVERIFY2(message->text().contains(QLatin1String("Parent key")), qPrintable(message->text()));
        QCOMPARE(wizard->currentId(), int(CreateKeyWizard::SummaryPageId));
        QVERIFY(allKeys().isEmpty());

        // Fixed on the first page, created on the second try.
        QTest::mouseClick(wizard->button(QWizard::BackButton), Qt::LeftButton);
        wizard->restart();
        type(wizard, "parentEdit", QString());
        for (int i = 0; i < 4; ++i)
            next(wizard);
        QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
        QTRY_COMPARE(wizard->currentId(), int(CreateKeyWizard::SecretPageId));
        QCOMPARE(allKeys().size(), 1);
        check(child<QCheckBox>(wizard, "secretStoredCheck"));
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
        QTRY_VERIFY(!wizard->isVisible());
    }

    void servicesFromTheProjectAreCheckable()
    {
        auto made = kwtest::ui::runOn(*m_session, [](Backend& b) {
            return b.createService(QStringLiteral("payments"), QStringLiteral("ledger"));
        });
        if (!made && made.errorMessage().contains(QLatin1String("not implemented on this branch yet")))
            QSKIP("needs core-api");
        QVERIFY2(made, qPrintable(made.errorMessage()));
        m_actions->setCreateContext(QStringLiteral("payments"), QStringLiteral("live"), QStringLiteral("ledger"));
        CreateKeyWizard* wizard = openWizard();
        QVERIFY(wizard);
        auto* services = child<QListWidget>(wizard, "servicesList");
        QTRY_COMPARE(services->count(), 1);
        QCOMPARE(services->item(0)->checkState(), Qt::Checked); // the tree's current service
        wizard->reject();
    }
};

QTEST_MAIN(TestWizard)
#include "tst_wizard.moc"
