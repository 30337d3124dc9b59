#include "session/IdleWatcher.h"

#include <QCoreApplication>
#include <QEvent>

namespace kw::ui {

IdleWatcher::IdleWatcher(QObject* parent) : QObject(parent)
{
    m_sinceInput.start();
    connect(&m_timer, &QTimer::timeout, this, &IdleWatcher::check);
    QCoreApplication::instance()->installEventFilter(this);
}

IdleWatcher::~IdleWatcher()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

void IdleWatcher::setTimeoutMs(qint64 ms)
{
    m_timeoutMs = std::max<qint64>(0, ms);
    setActive(m_active);
}

void IdleWatcher::setActive(bool active)
{
    m_active = active;
    m_sinceInput.restart();
    if (m_active && m_timeoutMs > 0)
        m_timer.start(int(std::clamp<qint64>(m_timeoutMs / 10, 50, 5000)));
    else
        m_timer.stop();
}

void IdleWatcher::poke()
{
    m_sinceInput.restart();
}

bool IdleWatcher::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        m_sinceInput.restart();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void IdleWatcher::check()
{
    if (m_active && m_timeoutMs > 0 && m_sinceInput.elapsed() >= m_timeoutMs) {
        m_timer.stop();
        m_active = false;
        emit idle();
    }
}

} // namespace kw::ui
