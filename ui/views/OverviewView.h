#pragma once

#include "domain/KeyRecord.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace kw::ui {

class Session;

// The first screen after unlocking: how many keys in which state, traffic of the last 24 hours, the keys
// that expire soon and the busiest keys. Everything is counted in the store.
class OverviewView : public QWidget {
    Q_OBJECT
public:
    explicit OverviewView(QWidget* parent = nullptr);
    void setSession(Session* session);
    void refresh();
    QString tileText(const QString& name) const; // for tests: "total", "active", "expired", ...

signals:
    void keyActivated(const kw::KeyRecord& key);

private:
    QWidget* addTile(const QString& name, const QString& title); // the tile; its value label goes to m_tiles

    QPointer<Session> m_session;
    QHash<QString, QLabel*> m_tiles;
    QLabel* m_traffic;
    QTreeWidget* m_expiring;
    QTreeWidget* m_top;
    QList<KeyRecord> m_expiringKeys;
    quint64 m_token = 0;
};

} // namespace kw::ui
