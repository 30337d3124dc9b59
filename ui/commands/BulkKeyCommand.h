#pragma once

#include "commands/KeyCommand.h"
#include "util/SecureBytes.h"

#include <memory>

namespace kw::ui {

class BulkActionDialog;

// One action over many keys (from the expiration calendar): renew, rotate, let expire or notify owners. The
// dialog says what will happen to which keys and asks for a reason; the keys are then processed one by
// one on the backend thread with progress, Cancel stops after the key in hand, and a summary lists what
// succeeded and what failed. Rotation shows the new secrets once and wipes them when the dialog closes.
class BulkKeyCommand : public KeyCommand {
    Q_OBJECT
public:
    enum class Operation { Renew, Rotate, LetExpire, NotifyOwners };

    BulkKeyCommand(Operation operation, Session& session, QList<KeyRecord> selection, QWidget* dialogParent,
                   QObject* parent = nullptr);
    ~BulkKeyCommand() override;

    Operation operation() const { return m_operation; }
    static QString title(Operation operation);
    // The tag that marks a key its owners decided to let expire: no renewal reminders for it.
    static QString letExpireTag() { return QStringLiteral("let-expire"); }

protected:
    void doStart() override;
    void doCancel() override;

private:
    struct Outcome {
        bool ok = false;
        QString message;
        SecureBytes secret; // rotation only
        QString displayId;
    };
    void run(qint64 extendMs, const QString& reason);
    void next();
    void done(Outcome outcome);

    Operation m_operation;
    qint64 m_extendMs = 0;
    QString m_reason;
    int m_index = 0;
    int m_failed = 0;
    bool m_cancelRequested = false;
    bool m_running = false;
    QStringList m_failures;
};

} // namespace kw::ui
