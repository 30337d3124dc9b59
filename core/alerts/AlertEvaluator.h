#pragma once

#include "Backend.h"
#include "util/Clock.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace kw {

// Runs Backend::evaluateAlerts periodically (keywardend, the console over a local vault) or once (kwctl).
// Evaluation runs on the caller's thread; alertsRaised carries the alerts each run created or bumped.
class AlertEvaluator : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kDefaultIntervalMs = 60'000;

    explicit AlertEvaluator(Backend& backend, const Clock& clock = Clock::system(), QObject* parent = nullptr);

    // 0 or less: periodic evaluation is off (evaluateNow still works).
    void setIntervalMs(qint64 ms);
    qint64 intervalMs() const { return m_intervalMs; }
    bool isRunning() const { return m_timer.isActive(); }

    void start(); // evaluates every interval, the first time one interval from now
    void stop();
    Result<QList<Alert>> evaluateNow();

signals:
    void alertsRaised(const QList<kw::Alert>& alerts);
    void evaluationFailed(const QString& message);

private:
    QPointer<Backend> m_backend;
    const Clock& m_clock;
    qint64 m_intervalMs = kDefaultIntervalMs;
    QTimer m_timer;
};

} // namespace kw
