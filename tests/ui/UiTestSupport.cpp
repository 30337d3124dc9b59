#include "UiTestSupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QTest>
#include <QTextEdit>
#include <QWizard>

namespace kwtest::ui {

namespace {

std::unique_ptr<kw::ui::Session> waitFor(std::function<void(QObject*, kw::ui::Session::Opened)> start, QString* error)
{
    QObject context;
    bool done = false;
    kw::ui::Session* session = nullptr;
    start(&context, [&](kw::Result<kw::ui::Session*> result) {
        done = true;
        if (result)
            session = *result;
        else if (error)
            *error = result.errorMessage();
    });
    if (!QTest::qWaitFor([&] { return done; }, 30'000) && error)
        *error = QStringLiteral("timed out");
    return std::unique_ptr<kw::ui::Session>(session);
}

} // namespace

std::unique_ptr<kw::ui::Session> openLocalSession(const QString& path, bool create, QString* error,
                                                  const char* passphrase)
{
    return waitFor(
        [&](QObject* context, kw::ui::Session::Opened done) {
            kw::ui::Session::LocalSpec spec;
            spec.path = path;
            spec.create = create;
            spec.fastKdf = true;
            kw::ui::Session::openLocal(spec, kw::SecureBytes(passphrase, qstrlen(passphrase)), context,
                                       std::move(done));
        },
        error);
}

std::unique_ptr<kw::ui::Session> connectSession(const QUrl& url, const QByteArray& token, QString* error)
{
    return waitFor(
        [&](QObject* context, kw::ui::Session::Opened done) {
            kw::ui::Session::RemoteSpec spec;
            spec.url = url;
            kw::ui::Session::connectRemote(spec, kw::SecureBytes(token.constData(), std::size_t(token.size())), context,
                                           std::move(done));
        },
        error);
}

QWidget* waitForTopLevelNamed(const QString& objectName, int timeoutMs)
{
    QWidget* found = nullptr;
    QTest::qWaitFor(
        [&] {
            for (QWidget* w : QApplication::topLevelWidgets()) {
                if (w->objectName() == objectName && w->isVisible()) {
                    found = w;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

namespace {

void tick(QCheckBox* box)
{
    QTest::mouseClick(box, Qt::LeftButton, {},
                      QPoint(box->style()->pixelMetric(QStyle::PM_IndicatorWidth) / 2 + 1, box->height() / 2));
}

} // namespace

QString createKeyThroughWizard(kw::ui::KeyActions& actions, const QString& name, QString* error)
{
    auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return QString();
    };
    if (!actions.newKeyAction()->isEnabled())
        return fail(QStringLiteral("New key is disabled: ") + actions.newKeyAction()->toolTip());
    actions.newKeyAction()->trigger();
    auto* wizard = qobject_cast<QWizard*>(waitForTopLevelNamed(QStringLiteral("createKeyWizard")));
    if (!wizard)
        return fail(QStringLiteral("the wizard did not open"));
    QPointer<QWizard> guard(wizard);
    if (!QTest::qWaitFor([&] {
            auto* p = wizard->findChild<QComboBox*>(QStringLiteral("projectCombo"));
            auto* e = wizard->findChild<QComboBox*>(QStringLiteral("environmentCombo"));
            return p && e && p->count() > 0 && !e->currentText().isEmpty();
        }))
        return fail(QStringLiteral("the wizard's project list did not load"));
    auto* nameEdit = wizard->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    nameEdit->clear();
    QTest::keyClicks(nameEdit, name);
    // Location → Policy → Permissions → Restrictions → Summary.
    for (int page = 0; page < 4; ++page) {
        QAbstractButton* next = wizard->button(QWizard::NextButton);
        if (!QTest::qWaitFor([&] { return next->isEnabled(); }))
            return fail(QStringLiteral("Next stayed disabled on page %1").arg(wizard->currentId()));
        QTest::mouseClick(next, Qt::LeftButton);
    }
    QAbstractButton* commit = wizard->button(QWizard::CommitButton);
    if (!QTest::qWaitFor([&] { return commit->isVisible() && commit->isEnabled(); }))
        return fail(QStringLiteral("no Create button on page %1").arg(wizard->currentId()));
    QTest::mouseClick(commit, Qt::LeftButton);
    QLineEdit* secretField = nullptr;
    if (!QTest::qWaitFor(
            [&] {
                secretField = wizard->findChild<QLineEdit*>(QStringLiteral("secretField"));
                return secretField && secretField->isVisible() && !secretField->text().isEmpty();
            },
            10000))
        return fail(QStringLiteral("no secret was shown"));
    // A deep copy: closing the wizard wipes the field's text in place, and a shared QString would be wiped too.
    const QString shown = secretField->text();
    const QString secret(shown.unicode(), shown.size());
    tick(wizard->findChild<QCheckBox*>(QStringLiteral("secretStoredCheck")));
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return !guard || !guard->isVisible(); }))
        return fail(QStringLiteral("Finish did not close the wizard"));
    return secret;
}

bool revokeThroughDialog(kw::ui::KeyActions& actions, const QString& confirmation, const QString& reason,
                         QString* error)
{
    auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (!actions.revokeAction()->isEnabled())
        return fail(QStringLiteral("Revoke is disabled: ") + actions.revokeAction()->toolTip());
    actions.revokeAction()->trigger();
    QWidget* dialog = waitForTopLevelNamed(QStringLiteral("revokeDialog"));
    if (!dialog)
        return fail(QStringLiteral("the revoke dialog did not open"));
    QPointer<QWidget> guard(dialog);
    auto* revoke = dialog->findChild<QPushButton*>(QStringLiteral("revokeButton"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("reasonEdit")), reason);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("confirmationEdit")), confirmation);
    if (!QTest::qWaitFor([&] { return revoke->isEnabled(); }))
        return fail(QStringLiteral("Revoke stayed disabled after the typed confirmation"));
    QTest::mouseClick(revoke, Qt::LeftButton);
    QPushButton* close = nullptr;
    if (!QTest::qWaitFor(
            [&] {
                close = guard ? guard->findChild<QPushButton*>(QStringLiteral("closeButton")) : nullptr;
                return close && close->isVisible();
            },
            10000))
        return fail(QStringLiteral("the revocation did not finish"));
    QTest::mouseClick(close, Qt::LeftButton);
    return true;
}

bool anyWidgetShows(const QString& text)
{
    for (QWidget* w : QApplication::allWidgets()) {
        if (auto* e = qobject_cast<QLineEdit*>(w); e && e->text().contains(text))
            return true;
        if (auto* l = qobject_cast<QLabel*>(w); l && l->text().contains(text))
            return true;
        if (auto* t = qobject_cast<QTextEdit*>(w); t && t->toPlainText().contains(text))
            return true;
        if (auto* p = qobject_cast<QPlainTextEdit*>(w); p && p->toPlainText().contains(text))
            return true;
    }
    return false;
}

} // namespace kwtest::ui
