#pragma once

#include "util/SecureBytes.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace kw::ui {

// Shows a freshly issued secret once: monospace, read-only, selectable, with a Copy button (through the
// ClipboardGuard) and an "I have stored this secret" check the dialog waits for before it lets the user go.
// wipe() — called by the owning dialog when it closes, and by the destructor — erases the bytes and clears
// the field, so no widget keeps the secret's text.
class SecretView : public QWidget {
    Q_OBJECT
public:
    explicit SecretView(QWidget* parent = nullptr);
    ~SecretView() override;

    void setSecret(SecureBytes secret);
    // A recoverable key's secret is kept encrypted and can be shown again: the warning says so.
    void setRecoverable(bool recoverable);
    bool hasSecret() const { return !m_secret.isEmpty(); }
    bool isAcknowledged() const;
    void wipe();

    // For tests and accessibility tools: the widgets a person uses.
    QLineEdit* field() const { return m_field; }
    QPushButton* copyButton() const { return m_copy; }
    QCheckBox* storedCheck() const { return m_stored; }

signals:
    void acknowledgedChanged(bool acknowledged);

private:
    void copy();

    SecureBytes m_secret;
    QLineEdit* m_field = nullptr;
    QPushButton* m_copy = nullptr;
    QCheckBox* m_stored = nullptr;
    QLabel* m_copyStatus = nullptr;
    QLabel* m_warning = nullptr;
};

} // namespace kw::ui
