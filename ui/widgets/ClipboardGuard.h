#pragma once

#include "util/SecureBytes.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace kw::ui {

// Puts a secret on the clipboard and takes it off again: after a delay (ConsoleSettings::
// clipboardClearSeconds, QSettings "security/clipboardClearSeconds", default 30 s), when the console locks (clearNow)
// and when it quits, but only while the clipboard still holds that secret, so text the user copied meanwhile is never
// lost. Remembers a digest of the secret, never the secret itself.
class ClipboardGuard : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultClearSeconds = 30; // when the setting is not a positive number
    // Tells clipboard managers (Klipper, KeePassXC's convention) not to keep the entry in their history.
    static constexpr const char* kPasswordHintMime = "x-kde-passwordManagerHint";

    // The application's guard (parented to the application object, created on first use).
    static ClipboardGuard* instance();

    explicit ClipboardGuard(QObject* parent = nullptr);
    ~ClipboardGuard() override;

    // The configured delay in seconds, at most a day.
    static int clearSeconds();

    void copySecret(const SecureBytes& secret);
    // Clears the clipboard now if it still holds the secret last copied.
    void clearNow();
    bool holdsSecret() const; // the clipboard still holds the secret last copied
    bool isPending() const { return m_timer.isActive(); }

signals:
    void copied(int clearSeconds);
    void cleared();

private:
    static QByteArray digestOf(const char* data, std::size_t size);
    QByteArray m_digest; // SHA-256 of the secret last copied; empty when there is nothing to clear
    QTimer m_timer;
};

} // namespace kw::ui
