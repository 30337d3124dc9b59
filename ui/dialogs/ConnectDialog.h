#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace kw::ui {

class Session;

// Connects to a key server as an operator: URL, token, optional CA file. The token is kept in the system
// keychain (QtKeychain) only when the user asks to remember it, and read back from there next time.
class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectDialog(const QString& url = {}, QWidget* parent = nullptr);

    static QString keychainService() { return QStringLiteral("KeyWarden"); }

signals:
    void connected(kw::ui::Session* session); // the receiver owns it

private:
    void validate();
    void tryConnect();
    void loadRememberedToken();

    QLineEdit* m_url;
    QLineEdit* m_token;
    QLineEdit* m_caFile;
    QCheckBox* m_remember;
    QLabel* m_error;
    QPushButton* m_connect;
    bool m_busy = false;
};

} // namespace kw::ui
