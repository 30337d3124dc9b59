#include "session/BackendHost.h"

namespace kw::ui {

BackendHost::BackendHost(QObject* parent) : QObject(parent)
{
    // One thread that never expires: the backend's connection must stay on the thread that opened it.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(QStringLiteral("kw-backend"));
}

BackendHost::~BackendHost()
{
    if (m_backend) {
        Backend* backend = m_backend;
        m_backend = nullptr;
        // After every call already queued; waited for with a semaphore, not QFuture (see runSync).
        QSemaphore deleted;
        QtConcurrent::run(&m_pool, [backend, &deleted] {
            delete backend;
            deleted.release();
        });
        deleted.acquire();
    }
    m_pool.waitForDone();
}

QFuture<Status> BackendHost::open(Factory factory)
{
    return QtConcurrent::run(&m_pool, [this, factory = std::move(factory)]() -> Status {
        auto made = factory();
        if (!made)
            return made.error();
        std::unique_ptr<Backend> backend = std::move(*made);
        // The object lives on the worker thread: its signals reach GUI receivers queued.
        m_backend = backend.release();
        return {};
    });
}

void BackendHost::waitForIdle()
{
    // One thread, in order: when this empty task has run, everything queued before it has too. (Not
    // waitForDone(), which would end the thread the backend's connection belongs to.)
    QSemaphore reached;
    QtConcurrent::run(&m_pool, [&reached] { reached.release(); });
    reached.acquire();
}

} // namespace kw::ui
