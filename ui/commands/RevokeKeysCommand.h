#pragma once

#include "commands/KeyCommand.h"

namespace kw::ui {

// Revokes one or many keys, optionally cascading to their children and dependents. The dialog shows the
// plan (planRevocation) before anything changes, asks for a reason, an optional incident id and a typed
// confirmation, then revokes everything in one transaction and shows what was revoked.
class RevokeKeysCommand : public KeyCommand {
    Q_OBJECT
public:
    RevokeKeysCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent = nullptr);

protected:
    void doStart() override;

private:
    void plan(bool cascade);
    void revoke(bool cascade, const QString& reason, const QString& incident);
    QStringList refs() const;

    QString m_result;
    bool m_ok = false;
};

} // namespace kw::ui
