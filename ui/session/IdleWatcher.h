#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace kw::ui {

// Watches the application's input; after the configured idle time it says so (the console then locks).
class IdleWatcher : public QObject {
    Q_OBJECT
public:
    explicit IdleWatcher(QObject* parent = nullptr);
    ~IdleWatcher() override;

    void setTimeoutMs(qint64 ms); // 0: never
    qint64 timeoutMs() const { return m_timeoutMs; }
    void setActive(bool active); // only while something is unlocked
    void poke();                 // counts as input

signals:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void check();

    qint64 m_timeoutMs = 0;
    bool m_active = false;
    QElapsedTimer m_sinceInput;
    QTimer m_timer;
};

} // namespace kw::ui
