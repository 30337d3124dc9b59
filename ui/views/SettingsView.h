#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace kw::ui {

class Session;

// The console's preferences (stored per user) and what this session is connected to.
class SettingsView : public QWidget {
    Q_OBJECT
public:
    explicit SettingsView(QWidget* parent = nullptr);
    void setSession(Session* session);

signals:
    void autoLockChanged(int minutes);
    void themeChanged();
    void expiringSoonChanged(int days);

private:
    QPointer<Session> m_session;
    QSpinBox* m_autoLock;
    QComboBox* m_theme;
    QSpinBox* m_expiringSoon;
    QSpinBox* m_clipboard;
    QLineEdit* m_warnDays;
    QLabel* m_connection;
};

} // namespace kw::ui
