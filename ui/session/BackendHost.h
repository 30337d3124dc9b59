#pragma once

#include "Backend.h"

#include <QFuture>
#include <QPointer>
#include <QSemaphore>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace kw::ui {

// Runs every call on the backend on one dedicated thread, in order: the vault's SQLite connection and the
// remote backend's blocking HTTP client belong to that thread, and the GUI thread never waits on them.
// Results come back to a context object on its own thread; when the context is gone, the result is dropped.
class BackendHost : public QObject {
    Q_OBJECT
public:
    using Factory = std::function<Result<std::unique_ptr<Backend>>()>;

    explicit BackendHost(QObject* parent = nullptr);
    // Destroys the backend on its thread and waits for calls in flight.
    ~BackendHost() override;

    // Builds the backend on the worker thread (opening a vault there gives the connection to that thread).
    QFuture<Status> open(Factory factory);
    bool isOpen() const { return m_backend != nullptr; }

    // The backend, for connecting to its signals (delivered queued to receivers on the GUI thread).
    // Never call its methods from another thread: use call().
    Backend* backend() const { return m_backend; }

    // Runs work(backend) on the worker thread, then done(result) on the context's thread.
    template <typename Work, typename Done> void call(QObject* context, Work work, Done done)
    {
        using R = std::invoke_result_t<Work, Backend&>;
        auto guard = QPointer<QObject>(context);
        Backend* backend = m_backend;
        if (!backend) {
            // Not open, or closing: nothing can answer, and nobody is left to tell.
            qWarning("BackendHost: a call without an open backend was dropped");
            return;
        }
        // Always delivered later through the context's event queue, never inside call(): a continuation on a
        // future that is already finished would otherwise run at once, in the middle of the caller's work.
        QtConcurrent::run(&m_pool, [backend, work = std::move(work)]() mutable -> R {
            return work(*backend);
        }).then(context, [guard, done = std::move(done)](R result) mutable {
            if (!guard)
                return;
            auto held = std::make_shared<R>(std::move(result));
            QMetaObject::invokeMethod(
                guard.data(),
                [guard, done = std::move(done), held]() mutable {
                    if (guard)
                        done(std::move(*held));
                },
                Qt::QueuedConnection);
        });
    }

    // Runs work(backend) on the worker thread and blocks until it returns (start-up, tests, tools; never from a
    // view). Never QFuture::waitForFinished() on this pool's futures: Qt may then run a task that has not started
    // yet on the waiting thread, which would use the backend's connection from the wrong thread.
    template <typename Work> auto runSync(Work work) -> std::invoke_result_t<Work, Backend&>
    {
        using R = std::invoke_result_t<Work, Backend&>;
        std::optional<R> out;
        QSemaphore done;
        Backend* backend = m_backend;
        QtConcurrent::run(&m_pool, [&out, &done, backend, &work] {
            out.emplace(work(*backend));
            done.release();
        });
        done.acquire();
        return std::move(*out);
    }

    // Blocks until every queued call has run (tests and shutdown).
    void waitForIdle();

private:
    QThreadPool m_pool;
    Backend* m_backend = nullptr; // owned; created and destroyed on the worker thread
};

} // namespace kw::ui
