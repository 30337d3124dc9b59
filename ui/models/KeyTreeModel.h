#pragma once

#include "Backend.h"
#include "util/Clock.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <vector>

namespace kw::ui {

class Session;

// The organisation as a tree: organisation → team → project → environment → service → key → child keys.
// Nothing is listed up front: the first level comes from counts computed in the store (one aggregate
// query), services are counted when an environment opens, and keys are fetched a page at a time when a
// service or a parent key opens and as the view scrolls. Filters are applied by the store too, so a vault
// of a million keys opens and filters without ever holding the whole list. Backend calls run on the
// session's thread; results of a superseded load are dropped.
class KeyTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        DisplayIdColumn,
        StatusColumn,
        OwnerColumn,
        ExpiresColumn,
        LastUsedColumn,
        CountColumn,
        ColumnCount
    };
    enum class NodeKind { Organization, Team, Project, Environment, Service, Key };
    enum Role {
        NodeKindRole = Qt::UserRole + 1, // int(NodeKind)
        KeyIdRole,
        ProjectRole,
        EnvironmentRole,
        ServiceRole, // "" for the "no service" node
        TeamRole,
        TotalRole, // keys under a container node
    };

    static constexpr int kPageSize = 200;

    explicit KeyTreeModel(QObject* parent = nullptr);
    ~KeyTreeModel() override;

    void setSession(Session* session);  // nullptr clears the model (locked)
    void setClock(const Clock* clock);  // for tests; the system clock by default
    void setExpiringSoonDays(int days); // what counts as "expiring soon" in icons and colours
    // Reloads the tree under a new filter (project/environment/service/limit/offset/parentId are the
    // model's own and ignored here).
    void setFilter(const KeyFilter& filter);
    const KeyFilter& filter() const { return m_filter; }
    bool isFiltered() const;
    void reload();

    bool isLoading() const { return m_pending > 0; }
    qint64 totalKeys() const; // matching the filter
    const KeyRecord* keyAt(const QModelIndex& index) const;
    // The first loaded row of this key, or an invalid index when it is not loaded.
    QModelIndex indexOfKey(const QString& keyId) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    void loaded();                                     // the first level is in after a reload
    void fetched(const QModelIndex& parent, int rows); // a fetch under parent added rows
    void loadFailed(const QString& message);

private:
    struct Node;
    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(Node* node, int column = 0) const;
    void fetchServices(Node* env);
    void fetchKeys(Node* node);
    void onKeysChanged(const QStringList& ids);
    void refreshCounts();
    void applyKeyUpdates(const QList<KeyRecord>& keys);
    void appendKeyNodes(Node* parent, const QList<KeyRecord>& keys);
    qint64 nowMs() const;

    QPointer<Session> m_session;
    const Clock* m_clock;
    KeyFilter m_filter;
    int m_expiringSoonDays;
    std::unique_ptr<Node> m_root;
    quint64 m_generation = 0;
    int m_pending = 0;
    QMultiHash<QString, Node*> m_keyNodes;
    QTimer m_countsTimer;
};

} // namespace kw::ui
