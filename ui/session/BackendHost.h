#pragma once

#include "Backend.h"

#include <QFuture>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>
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
    template <typename Work, typename Done>
    void call(QObject* context, Work work, Done done)
    {
        using R = std::invoke_result_t<Work, Backend&>;
        auto guard = QPointer<QObject>(context);
        Backend* backend = m_backend;
        QtConcurrent::run(&m_pool, [backend, work = std::move(work)]() mutable -> R { return work(*backend); })
            .then(context, [guard, done = std::move(done)](R result) mutable {
                if (guard)
                    done(std::move(result));
            });
    }

    // The same, without a result to deliver.
    template <typename Work>
    QFuture<std::invoke_result_t<Work, Backend&>> run(Work work)
    {
        Backend* backend = m_backend;
        return QtConcurrent::run(&m_pool, [backend, work = std::move(work)]() mutable { return work(*backend); });
    }

    // Blocks until every queued call has run (tests and shutdown).
    void waitForIdle();

private:
    QThreadPool m_pool;
    Backend* m_backend = nullptr; // owned; created and destroyed on the worker thread
};

} // namespace kw::ui
