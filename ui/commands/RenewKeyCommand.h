#pragma once

#include "commands/KeyCommand.h"

namespace kw::ui {

// Extends one key's expiry by a number of days, with a reason; when its policy requires approval, files a
// request for a second person instead and says so.
class RenewKeyCommand : public KeyCommand {
    Q_OBJECT
public:
    RenewKeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent = nullptr);

protected:
    void doStart() override;

private:
    void renew(qint64 extendMs, const QString& reason);
    QString m_result;
    bool m_ok = false;
};

} // namespace kw::ui
