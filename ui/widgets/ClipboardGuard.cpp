#include "widgets/ClipboardGuard.h"

#include "session/ConsoleSettings.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QMimeData>
#include <QPointer>

#include <algorithm>

namespace kw::ui {

ClipboardGuard* ClipboardGuard::instance()
{
    static QPointer<ClipboardGuard> guard;
    if (!guard)
        guard = new ClipboardGuard(QCoreApplication::instance());
    return guard;
}

ClipboardGuard::ClipboardGuard(QObject* parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ClipboardGuard::clearNow);
    if (auto* app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, &ClipboardGuard::clearNow);
}

ClipboardGuard::~ClipboardGuard() = default;

int ClipboardGuard::clearSeconds()
{
    const int seconds = ConsoleSettings::clipboardClearSeconds();
    return seconds <= 0 ? kDefaultClearSeconds : std::min(seconds, 86'400);
}

QByteArray ClipboardGuard::digestOf(const char* data, std::size_t size)
{
    return QCryptographicHash::hash(QByteArrayView(data, qsizetype(size)), QCryptographicHash::Sha256);
}

void ClipboardGuard::copySecret(const SecureBytes& secret)
{
    auto* mime = new QMimeData;
    // QMimeData copies the bytes; the clipboard owns them until it is cleared or replaced.
    mime->setData(QStringLiteral("text/plain;charset=utf-8"), secret.view());
    mime->setData(QStringLiteral("text/plain"), secret.view());
    mime->setData(QLatin1String(kPasswordHintMime), QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(mime, QClipboard::Clipboard);
    m_digest = digestOf(secret.data(), secret.size());
    const int seconds = clearSeconds();
    m_timer.start(seconds * 1000);
    emit copied(seconds);
}

bool ClipboardGuard::holdsSecret() const
{
    if (m_digest.isEmpty())
        return false;
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData(QClipboard::Clipboard);
    if (!mime)
        return false;
    QByteArray current = mime->data(QStringLiteral("text/plain"));
    if (current.isEmpty()) {
        QString text = mime->text();
        current = text.toUtf8();
        secureWipe(text);
    }
    const bool same = constantTimeEquals(digestOf(current.constData(), std::size_t(current.size())), m_digest);
    secureWipe(current);
    return same;
}

void ClipboardGuard::clearNow()
{
    m_timer.stop();
    if (m_digest.isEmpty())
        return;
    if (holdsSecret()) {
        QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
        emit cleared();
    }
    m_digest.clear();
}

} // namespace kw::ui
