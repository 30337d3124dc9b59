#pragma once

#include <QDialog>
#include <QTimer>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kw::ui {

class Session;

// Asks for a local vault's passphrase and opens it on the session's thread. A wrong passphrase costs a
// growing delay before the next attempt (as kwctl does); caps lock is pointed out while typing.
class UnlockDialog : public QDialog {
    Q_OBJECT
public:
    explicit UnlockDialog(const QString& vaultPath, QWidget* parent = nullptr);

    QString vaultPath() const { return m_path; }
    int failures() const { return m_failures; }
    bool isWaiting() const { return m_delay.isActive(); }
    void setFastKdfForTests(bool fast) { m_fastKdf = fast; } // only for a vault created by the tests

signals:
    void unlocked(kw::ui::Session* session); // the receiver owns it

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void tryUnlock();
    void tick();
    void updateButton();

    QString m_path;
    QLineEdit* m_passphrase;
    QLabel* m_capsLock;
    QLabel* m_error;
    QPushButton* m_unlock;
    QTimer m_delay;
    qint64 m_waitUntil = 0;
    int m_failures = 0;
    bool m_busy = false;
    bool m_fastKdf = false;
};

} // namespace kw::ui
