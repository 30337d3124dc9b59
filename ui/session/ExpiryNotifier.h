#pragma once

#include "domain/KeyRecord.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace kw::ui {

class Session;

// Warns N days before a key expires (ConsoleSettings::expiryWarningDays, e.g. 30, 7 and 1), once per key and
// threshold: the thresholds already announced are remembered per store in QSettings, so a restart does not
// repeat them. Keys tagged to expire as planned are left out. Checks when a session opens and every hour.
class ExpiryNotifier : public QObject {
    Q_OBJECT
public:
    explicit ExpiryNotifier(QObject* parent = nullptr);
    void setSession(Session* session);
    void check();
    // How many checks have completed (for tests).
    quint64 checks() const { return m_checks; }

signals:
    // One notice per check that found keys crossing a threshold.
    void notice(const QString& title, const QString& message, const QStringList& keyIds);

private:
    QString settingsGroup() const;

    QPointer<Session> m_session;
    QTimer m_timer;
    quint64 m_checks = 0;
    quint64 m_token = 0;
};

} // namespace kw::ui
