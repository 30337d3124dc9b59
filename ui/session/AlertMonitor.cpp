#include "session/AlertMonitor.h"

#include "Backend.h"
#include "session/LiveFeed.h"
#include "session/Session.h"

namespace kw::ui {

AlertMonitor::AlertMonitor(QObject* parent) : QObject(parent)
{
    connect(&m_timer, &QTimer::timeout, this, &AlertMonitor::check);
}

void AlertMonitor::setSession(Session* session)
{
    m_session = session;
    m_known.clear();
    m_primed = false;
    m_open = -1;
    ++m_token;
    m_timer.stop();
    if (!session)
        return;
    m_timer.start(session->isRemote() ? kRemoteIntervalMs : kLocalIntervalMs);
    // A server says when its evaluation raised something: look at once instead of at the next poll.
    if (LiveFeed* feed = session->isRemote() ? session->liveFeed() : nullptr)
        connect(feed, &LiveFeed::alertsRaised, this, &AlertMonitor::check, Qt::UniqueConnection);
    check();
}

void AlertMonitor::check()
{
    if (!m_session)
        return;
    const bool local = !m_session->isRemote();
    const bool canEvaluate = m_session->can(Capability::Administer);
    struct Outcome {
        Result<QList<Alert>> active = QList<Alert>{};
        QString problem;
    };
    m_session->call(
        this,
        [local, canEvaluate](Backend& b) {
            Outcome out;
            if (local && canEvaluate) {
                if (auto raised = b.evaluateAlerts(0); !raised)
                    out.problem = raised.errorMessage();
                if (auto sent = b.deliverNotifications(); !sent && out.problem.isEmpty())
                    out.problem = sent.errorMessage();
            }
            AlertQuery q;
            q.activeOnly = true;
            q.limit = 1000;
            out.active = b.alerts(q);
            return out;
        },
        [this, token = m_token](Outcome out) {
            if (token != m_token)
                return;
            ++m_checks;
            if (!out.problem.isEmpty())
                emit failed(out.problem);
            if (!out.active) {
                emit failed(out.active.errorMessage());
                emit checked();
                return;
            }
            QList<Alert> fresh;
            int open = 0;
            for (const Alert& a : *out.active) {
                if (a.state == AlertState::Open)
                    ++open;
                if (!m_known.contains(a.id) && m_primed && a.state == AlertState::Open)
                    fresh.append(a);
                m_known.insert(a.id);
            }
            if (!m_primed && open > 0)
                emit openAtStart(open);
            m_primed = true;
            if (open != m_open) {
                m_open = open;
                emit openCountChanged(open);
            }
            if (!fresh.isEmpty())
                emit raised(fresh);
            emit checked();
        });
}

} // namespace kw::ui
