#include "alerts/AlertEvaluator.h"

namespace kw {

AlertEvaluator::AlertEvaluator(Backend& backend, const Clock& clock, QObject* parent)
    : QObject(parent), m_backend(&backend), m_clock(clock)
{
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { (void)evaluateNow(); });
}

void AlertEvaluator::setIntervalMs(qint64 ms)
{
    m_intervalMs = ms;
    if (ms <= 0)
        m_timer.stop();
    else
        m_timer.setInterval(std::chrono::milliseconds(ms));
}

void AlertEvaluator::start()
{
    if (m_intervalMs <= 0)
        return;
    // The first run comes after one interval, so a starting server or console does not verify the audit trail (an
    // audited action) before anyone asked; call evaluateNow() for an immediate run.
    m_timer.start(std::chrono::milliseconds(m_intervalMs));
}

void AlertEvaluator::stop()
{
    m_timer.stop();
}

Result<QList<Alert>> AlertEvaluator::evaluateNow()
{
    if (!m_backend)
        return Error{Error::Code::Internal, QStringLiteral("The backend of the alert evaluator is gone")};
    auto r = m_backend->evaluateAlerts(m_clock.nowMs());
    if (!r) {
        emit evaluationFailed(r.errorMessage());
        return r;
    }
    if (!r->isEmpty())
        emit alertsRaised(*r);
    return r;
}

} // namespace kw
