#include "models/KeyTreeModel.h"

#include "session/Session.h"
#include "widgets/StatusStyle.h"

#include <QApplication>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QMap>
#include <QStyle>

#include <algorithm>

namespace kw::ui {

struct KeyTreeModel::Node {
    NodeKind kind;
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    QString label;
    QString team;
    QString project;
    QString environment;
    QString service; // "" with noService: keys bound to no service
    bool noService = false;
    KeyCount counts;
    KeyRecord key;

    bool fetching = false;
    bool exhausted = false; // every child is loaded

    Node* add(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

void addCounts(KeyCount& to, const KeyCount& from)
{
    to.total += from.total;
    to.active += from.active;
    to.expired += from.expired;
    to.suspended += from.suspended;
    to.revoked += from.revoked;
}

QString formatTime(qint64 ms)
{
    if (ms == 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

} // namespace

KeyTreeModel::KeyTreeModel(QObject* parent)
    : QAbstractItemModel(parent), m_clock(&Clock::system()), m_expiringSoonDays(StatusStyle::kDefaultExpiringSoonDays),
      m_root(std::make_unique<Node>(Node{NodeKind::Organization}))
{
    // Many keys change at once in a batch revocation: recount once, after the burst.
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(150);
    connect(&m_countsTimer, &QTimer::timeout, this, &KeyTreeModel::refreshCounts);
}

KeyTreeModel::~KeyTreeModel() = default;

void KeyTreeModel::setSession(Session* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        connect(session, &Session::keysChanged, this, &KeyTreeModel::onKeysChanged);
        connect(session, &Session::keysRevoked, this, &KeyTreeModel::onKeysChanged);
        connect(session, &Session::organizationChanged, this, &KeyTreeModel::reload);
    }
    reload();
}

void KeyTreeModel::setClock(const Clock* clock)
{
    m_clock = clock ? clock : &Clock::system();
}

void KeyTreeModel::setExpiringSoonDays(int days)
{
    m_expiringSoonDays = std::max(0, days);
    if (!m_root->children.empty())
        emit dataChanged(index(0, 0), index(0, ColumnCount - 1)); // views repaint what they show
}

void KeyTreeModel::setFilter(const KeyFilter& filter)
{
    m_filter = filter;
    m_filter.project.clear();
    m_filter.service.clear();
    m_filter.withoutService = false;
    m_filter.parentId.reset();
    m_filter.limit = 0;
    m_filter.offset = 0;
    reload();
}

bool KeyTreeModel::isFiltered() const
{
    return !m_filter.team.isEmpty() || !m_filter.environment.isEmpty() || m_filter.status || !m_filter.tag.isEmpty() ||
           m_filter.expiresBeforeMs > 0 || !m_filter.text.isEmpty();
}

qint64 KeyTreeModel::nowMs() const
{
    return m_clock->nowMs();
}

qint64 KeyTreeModel::totalKeys() const
{
    return m_root->children.empty() ? 0 : m_root->children.front()->counts.total;
}

void KeyTreeModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_pending = 0;
    m_keyNodes.clear();
    m_root->children.clear();
    endResetModel();
    if (!m_session)
        return;

    struct FirstLevel {
        Result<QList<Team>> teams = QList<Team>{};
        Result<QList<Project>> projects = QList<Project>{};
        Result<QList<KeyCount>> counts = QList<KeyCount>{};
    };
    const quint64 generation = m_generation;
    const KeyFilter filter = m_filter;
    ++m_pending;
    m_session->call(
        this,
        [filter](Backend& backend) {
            FirstLevel level;
            level.teams = backend.teams();
            level.projects = backend.projects();
            level.counts = backend.keyCounts(filter, KeyGrouping::Environment);
            return level;
        },
        [this, generation](FirstLevel level) {
            if (generation != m_generation)
                return;
            --m_pending;
            for (const Status& s : {Status(level.teams ? Status() : level.teams.error()),
                                    Status(level.projects ? Status() : level.projects.error()),
                                    Status(level.counts ? Status() : level.counts.error())}) {
                if (!s) {
                    emit loadFailed(s.errorMessage());
                    return;
                }
            }
            const bool filtered = isFiltered();
            auto org = std::make_unique<Node>(Node{NodeKind::Organization});
            org->label = tr("Organisation");
            // team → project → environment, from the counted rows plus every known team and project (an
            // empty project is still part of the organisation, unless a filter is narrowing the view).
            QMap<QString, QMap<QString, QList<KeyCount>>> byTeam; // team → project → env rows
            QMap<QString, QString> teamOfProject;
            for (const Project& p : *level.projects)
                teamOfProject.insert(p.name, p.team);
            if (!filtered) {
                for (const Team& t : *level.teams)
                    byTeam[t.name];
                for (const Project& p : *level.projects)
                    byTeam[p.team][p.name];
            }
            for (const KeyCount& c : *level.counts)
                byTeam[teamOfProject.value(c.project, c.team)][c.project].append(c);

            for (auto t = byTeam.cbegin(); t != byTeam.cend(); ++t) {
                auto team = std::make_unique<Node>(Node{NodeKind::Team});
                team->team = t.key();
                team->label = t.key().isEmpty() ? tr("No team") : t.key();
                for (auto p = t->cbegin(); p != t->cend(); ++p) {
                    auto project = std::make_unique<Node>(Node{NodeKind::Project});
                    project->team = t.key();
                    project->project = p.key();
                    project->label = p.key();
                    QList<KeyCount> envs = *p;
                    std::sort(envs.begin(), envs.end(),
                              [](const KeyCount& a, const KeyCount& b) { return a.environment < b.environment; });
                    for (const KeyCount& c : envs) {
                        auto env = std::make_unique<Node>(Node{NodeKind::Environment});
                        env->team = t.key();
                        env->project = p.key();
                        env->environment = c.environment;
                        env->label = c.environment;
                        env->counts = c;
                        addCounts(project->counts, c);
                        project->add(std::move(env));
                    }
                    project->exhausted = true;
                    addCounts(team->counts, project->counts);
                    team->add(std::move(project));
                }
                team->exhausted = true;
                addCounts(org->counts, team->counts);
                org->add(std::move(team));
            }
            org->exhausted = true;
            beginInsertRows({}, 0, 0);
            m_root->add(std::move(org));
            endInsertRows();
            emit loaded();
        });
}

KeyTreeModel::Node* KeyTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex KeyTreeModel::indexOf(Node* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, node);
}

QModelIndex KeyTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    Node* p = nodeOf(parent);
    if (row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[std::size_t(row)].get());
}

QModelIndex KeyTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    Node* n = nodeOf(child);
    return indexOf(n->parent);
}

int KeyTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int KeyTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

bool KeyTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return false;
    const Node* n = nodeOf(parent);
    if (!n->children.empty())
        return true;
    switch (n->kind) {
    case NodeKind::Environment:
    case NodeKind::Service:
        return n->counts.total > 0 && !n->exhausted;
    case NodeKind::Key:
        return n->key.childCount > 0 && !isFiltered() && !n->exhausted;
    case NodeKind::Organization:
    case NodeKind::Team:
    case NodeKind::Project:
        return false; // built whole by the first load
    }
    return false;
}

bool KeyTreeModel::canFetchMore(const QModelIndex& parent) const
{
    if (!parent.isValid() || parent.column() > 0 || !m_session)
        return false;
    const Node* n = nodeOf(parent);
    if (n->fetching || n->exhausted)
        return false;
    switch (n->kind) {
    case NodeKind::Environment:
    case NodeKind::Service:
        return n->counts.total > 0;
    case NodeKind::Key:
        return n->key.childCount > 0 && !isFiltered();
    default:
        return false;
    }
}

void KeyTreeModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    Node* n = nodeOf(parent);
    if (n->kind == NodeKind::Environment)
        fetchServices(n);
    else
        fetchKeys(n);
}

void KeyTreeModel::fetchServices(Node* env)
{
    env->fetching = true;
    ++m_pending;
    KeyFilter filter = m_filter;
    filter.project = env->project;
    filter.environment = env->environment;
    const quint64 generation = m_generation;
    m_session->call(
        this, [filter](Backend& backend) { return backend.keyCounts(filter, KeyGrouping::Service); },
        [this, generation, env](Result<QList<KeyCount>> counts) {
            if (generation != m_generation)
                return;
            --m_pending;
            env->fetching = false;
            if (!counts) {
                emit loadFailed(counts.errorMessage());
                return;
            }
            QList<KeyCount> rows = *counts;
            // Named services first, alphabetically; keys bound to none last.
            std::sort(rows.begin(), rows.end(), [](const KeyCount& a, const KeyCount& b) {
                if (a.service.isEmpty() != b.service.isEmpty())
                    return !a.service.isEmpty();
                return a.service < b.service;
            });
            env->exhausted = true;
            if (rows.isEmpty()) {
                emit fetched(indexOf(env), 0);
                return;
            }
            beginInsertRows(indexOf(env), int(env->children.size()), int(env->children.size() + rows.size()) - 1);
            for (const KeyCount& c : rows) {
                auto service = std::make_unique<Node>(Node{NodeKind::Service});
                service->team = env->team;
                service->project = env->project;
                service->environment = env->environment;
                service->service = c.service;
                service->noService = c.service.isEmpty();
                service->label = c.service.isEmpty() ? tr("No service") : c.service;
                service->counts = c;
                env->add(std::move(service));
            }
            endInsertRows();
            emit fetched(indexOf(env), int(rows.size()));
        });
}

void KeyTreeModel::fetchKeys(Node* node)
{
    node->fetching = true;
    ++m_pending;
    KeyFilter filter = m_filter;
    if (node->kind == NodeKind::Service) {
        filter.project = node->project;
        filter.environment = node->environment;
        filter.service = node->service;
        filter.withoutService = node->noService;
        // Unfiltered, a service lists its top-level keys and children sit under their parent; a filter
        // lists every match flat, so none hides under a parent that does not match.
        if (!isFiltered())
            filter.parentId = QString();
    } else {
        filter.parentId = node->key.id;
    }
    // Keyset by position: the rows already here are the offset (new keys are appended at the end).
    filter.offset = int(std::count_if(node->children.cbegin(), node->children.cend(),
                                      [](const auto& c) { return !c->key.id.isEmpty(); }));
    filter.limit = kPageSize;
    const quint64 generation = m_generation;
    m_session->call(
        this, [filter](Backend& backend) { return backend.keys(filter); },
        [this, generation, node](Result<QList<KeyRecord>> keys) {
            if (generation != m_generation)
                return;
            --m_pending;
            node->fetching = false;
            if (!keys) {
                emit loadFailed(keys.errorMessage());
                return;
            }
            if (keys->size() < kPageSize)
                node->exhausted = true;
            // A key appended locally (just created) may come again in a later page: skip what is here.
            QList<KeyRecord> fresh;
            for (const KeyRecord& k : *keys) {
                bool present = false;
                for (Node* existing : m_keyNodes.values(k.id))
                    present = present || existing->parent == node;
                if (!present)
                    fresh.append(k);
            }
            appendKeyNodes(node, fresh);
            emit fetched(indexOf(node), int(fresh.size()));
        });
}

void KeyTreeModel::appendKeyNodes(Node* parent, const QList<KeyRecord>& keys)
{
    if (keys.isEmpty())
        return;
    const int first = int(parent->children.size());
    beginInsertRows(indexOf(parent), first, first + int(keys.size()) - 1);
    for (const KeyRecord& k : keys) {
        auto node = std::make_unique<Node>(Node{NodeKind::Key});
        node->team = parent->team;
        node->project = k.project;
        node->environment = k.environment;
        node->service = parent->service;
        node->label = k.name;
        node->key = k;
        Node* added = parent->add(std::move(node));
        m_keyNodes.insert(k.id, added);
    }
    endInsertRows();
}

const KeyRecord* KeyTreeModel::keyAt(const QModelIndex& index) const
{
    const Node* n = index.isValid() ? nodeOf(index) : nullptr;
    return n && n->kind == NodeKind::Key ? &n->key : nullptr;
}

QModelIndex KeyTreeModel::indexOfKey(const QString& keyId) const
{
    const auto nodes = m_keyNodes.values(keyId);
    return nodes.isEmpty() ? QModelIndex() : indexOf(nodes.last());
}

void KeyTreeModel::onKeysChanged(const QStringList& ids)
{
    if (!m_session || m_root->children.empty())
        return;
    const quint64 generation = m_generation;
    // Re-read the changed keys (a batch at a time), update loaded rows in place, add new ones where their
    // service or parent is open; the counts follow once the burst is over.
    const QStringList wanted = ids;
    m_session->call(
        this,
        [wanted](Backend& backend) {
            QList<KeyRecord> out;
            for (const QString& id : wanted) {
                auto k = backend.key(id);
                if (k)
                    out.append(*k);
            }
            return out;
        },
        [this, generation](QList<KeyRecord> keys) {
            if (generation != m_generation)
                return;
            applyKeyUpdates(keys);
            m_countsTimer.start();
        });
}

void KeyTreeModel::applyKeyUpdates(const QList<KeyRecord>& keys)
{
    for (const KeyRecord& k : keys) {
        const auto nodes = m_keyNodes.values(k.id);
        if (!nodes.isEmpty()) {
            for (Node* n : nodes) {
                const bool gainedChildren = n->key.childCount == 0 && k.childCount > 0;
                n->key = k;
                n->label = k.name;
                if (gainedChildren)
                    n->exhausted = false;
                emit dataChanged(indexOf(n, 0), indexOf(n, ColumnCount - 1));
            }
            continue;
        }
        if (isFiltered())
            continue; // a reload decides whether a new key matches
        // A new key: under its parent when the parent is open, else in each open service it belongs to.
        if (!k.parentId.isEmpty()) {
            for (Node* parent : m_keyNodes.values(k.parentId)) {
                parent->key.childCount = std::max<qint64>(parent->key.childCount, 1);
                if (!parent->children.empty() || parent->exhausted)
                    appendKeyNodes(parent, {k});
                else
                    emit dataChanged(indexOf(parent, 0), indexOf(parent, ColumnCount - 1));
            }
            continue;
        }
        std::function<void(Node*)> visit = [&](Node* n) {
            if (n->kind == NodeKind::Service) {
                const bool matches = n->project == k.project && n->environment == k.environment &&
                                     (n->noService ? k.services.isEmpty() : k.services.contains(n->service));
                if (matches && (!n->children.empty() || n->exhausted))
                    appendKeyNodes(n, {k});
                return;
            }
            if (n->kind == NodeKind::Key)
                return;
            for (auto& c : n->children)
                visit(c.get());
        };
        visit(m_root.get());
    }
}

void KeyTreeModel::refreshCounts()
{
    if (!m_session || m_root->children.empty())
        return;
    // Environments whose services are open: recount those too.
    QList<QPair<QString, QString>> openEnvs;
    std::function<void(Node*)> collect = [&](Node* n) {
        if (n->kind == NodeKind::Environment) {
            if (n->exhausted)
                openEnvs.append({n->project, n->environment});
            return;
        }
        for (auto& c : n->children)
            collect(c.get());
    };
    collect(m_root.get());

    struct Recount {
        Result<QList<KeyCount>> envs = QList<KeyCount>{};
        QList<QList<KeyCount>> services;
    };
    const KeyFilter filter = m_filter;
    const quint64 generation = m_generation;
    m_session->call(
        this,
        [filter, openEnvs](Backend& backend) {
            Recount r;
            r.envs = backend.keyCounts(filter, KeyGrouping::Environment);
            for (const auto& [project, environment] : openEnvs) {
                KeyFilter f = filter;
                f.project = project;
                f.environment = environment;
                r.services.append(backend.keyCounts(f, KeyGrouping::Service).value_or({}));
            }
            return r;
        },
        [this, generation, openEnvs](Recount r) {
            if (generation != m_generation || !r.envs)
                return;
            QHash<QString, KeyCount> envCounts;
            for (const KeyCount& c : *r.envs)
                envCounts.insert(c.project + u'\x1f' + c.environment, c);
            QHash<QString, KeyCount> serviceCounts;
            for (int i = 0; i < r.services.size(); ++i)
                for (const KeyCount& c : r.services[i])
                    serviceCounts.insert(openEnvs[i].first + u'\x1f' + openEnvs[i].second + u'\x1f' + c.service, c);
            // Sum upwards from the environments, service nodes from their own rows.
            std::function<KeyCount(Node*)> sum = [&](Node* n) -> KeyCount {
                KeyCount total;
                if (n->kind == NodeKind::Environment) {
                    total = envCounts.value(n->project + u'\x1f' + n->environment);
                    for (auto& c : n->children) {
                        KeyCount s = serviceCounts.value(n->project + u'\x1f' + n->environment + u'\x1f' + c->service);
                        c->counts = s;
                        emit dataChanged(indexOf(c.get(), 0), indexOf(c.get(), ColumnCount - 1));
                    }
                } else if (n->kind != NodeKind::Key && n->kind != NodeKind::Service) {
                    for (auto& c : n->children)
                        addCounts(total, sum(c.get()));
                } else {
                    return n->counts;
                }
                n->counts = total;
                if (n != m_root.get())
                    emit dataChanged(indexOf(n, 0), indexOf(n, ColumnCount - 1));
                return total;
            };
            sum(m_root.get());
        });
}

QVariant KeyTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node* n = nodeOf(index);
    const bool isKey = n->kind == NodeKind::Key;
    switch (role) {
    case NodeKindRole:
        return int(n->kind);
    case KeyIdRole:
        return isKey ? n->key.id : QString();
    case ProjectRole:
        return n->project;
    case EnvironmentRole:
        return n->environment;
    case ServiceRole:
        return n->service;
    case TeamRole:
        return n->team;
    case TotalRole:
        return n->counts.total;
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        if (!isKey) {
            if (column == NameColumn)
                return n->label;
            if (column == CountColumn)
                return QLocale().toString(n->counts.total);
            return {};
        }
        const KeyRecord& k = n->key;
        switch (column) {
        case NameColumn:
            return k.name;
        case DisplayIdColumn:
            return k.displayId;
        case StatusColumn:
            return StatusStyle::text(StatusStyle::lookOf(k, nowMs(), m_expiringSoonDays));
        case OwnerColumn:
            return k.owner;
        case ExpiresColumn:
            return k.expiresAt ? formatTime(k.expiresAt) : tr("never");
        case LastUsedColumn:
            return k.lastUsedAt ? formatTime(k.lastUsedAt) : tr("never");
        case CountColumn:
            return k.childCount > 0 ? QLocale().toString(k.childCount) : QString();
        }
        return {};
    }
    if (role == Qt::DecorationRole && column == NameColumn) {
        if (isKey)
            return StatusStyle::icon(StatusStyle::lookOf(n->key, nowMs(), m_expiringSoonDays));
        QStyle* style = QApplication::style();
        switch (n->kind) {
        case NodeKind::Organization:
            return QIcon(QStringLiteral(":/icons/keywarden.svg"));
        case NodeKind::Team:
            return style->standardIcon(QStyle::SP_DirHomeIcon);
        case NodeKind::Project:
            return style->standardIcon(QStyle::SP_DirIcon);
        case NodeKind::Environment:
            return style->standardIcon(QStyle::SP_DriveNetIcon);
        case NodeKind::Service:
            return style->standardIcon(QStyle::SP_ComputerIcon);
        case NodeKind::Key:
            break;
        }
        return {};
    }
    if (role == Qt::ForegroundRole && isKey && column == StatusColumn)
        return StatusStyle::color(StatusStyle::lookOf(n->key, nowMs(), m_expiringSoonDays));
    if (role == Qt::ToolTipRole) {
        if (isKey) {
            const KeyRecord& k = n->key;
            QString tip = tr("%1 (%2)\nProject %3 / %4\nStatus: %5")
                              .arg(k.name, k.displayId, k.project, k.environment,
                                   StatusStyle::text(StatusStyle::lookOf(k, nowMs(), m_expiringSoonDays)));
            if (!k.statusReason.isEmpty())
                tip += tr("\nReason: %1").arg(k.statusReason);
            return tip;
        }
        return tr("%1 keys: %2 active, %3 expired, %4 suspended, %5 revoked")
            .arg(n->counts.total)
            .arg(n->counts.active)
            .arg(n->counts.expired)
            .arg(n->counts.suspended)
            .arg(n->counts.revoked);
    }
    if (role == Qt::TextAlignmentRole && column == CountColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && !isKey && column == NameColumn && n->kind != NodeKind::Service) {
        QFont f;
        f.setBold(n->kind == NodeKind::Organization || n->kind == NodeKind::Team);
        return f;
    }
    return {};
}

QVariant KeyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case DisplayIdColumn:
        return tr("Key");
    case StatusColumn:
        return tr("Status");
    case OwnerColumn:
        return tr("Owner");
    case ExpiresColumn:
        return tr("Expires");
    case LastUsedColumn:
        return tr("Last used");
    case CountColumn:
        return tr("Keys");
    }
    return {};
}

Qt::ItemFlags KeyTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace kw::ui
