#include "models/AuditTableModel.h"

#include "Backend.h"
#include "session/Session.h"
#include "widgets/StatusStyle.h"

#include <QApplication>
#include <QDateTime>
#include <QStyle>
#include <QTimeZone>

#include <algorithm>

namespace kw::ui {

AuditTableModel::AuditTableModel(QObject* parent) : QAbstractTableModel(parent) {}

AuditTableModel::~AuditTableModel() = default;

void AuditTableModel::setSession(Session* session)
{
    m_session = session;
    reload();
}

void AuditTableModel::setQuery(const AuditQuery& filters)
{
    m_filters = filters;
    m_filters.afterSeq = 0;
    m_filters.beforeSeq = 0;
    m_filters.offset = 0;
    m_filters.limit = 0;
    m_filters.newestFirst = true;
    reload();
}

void AuditTableModel::setPending(int delta)
{
    const bool was = m_pending > 0;
    m_pending += delta;
    if (was != (m_pending > 0))
        emit loadingChanged(m_pending > 0);
}

void AuditTableModel::reload()
{
    const quint64 token = ++m_token;
    beginResetModel();
    m_pages.clear();
    m_inFlight.clear();
    m_total = 0;
    m_fetched = 0;
    endResetModel();
    emit totalChanged(0);
    if (!m_session) {
        setPending(-m_pending);
        return;
    }
    setPending(1);
    const AuditQuery q = m_filters;
    m_session->call(
        this, [q](Backend& b) { return b.countAuditEntries(q); },
        [this, token](Result<qint64> n) {
            if (token != m_token)
                return;
            setPending(-1);
            if (!n) {
                emit loadFailed(n.errorMessage());
                return;
            }
            beginResetModel();
            m_total = *n;
            endResetModel();
            emit totalChanged(m_total);
        });
}

std::optional<AuditEntry> AuditTableModel::entryAt(int row) const
{
    if (row < 0 || row >= m_total)
        return std::nullopt;
    const auto it = m_pages.constFind(row / kPageSize);
    if (it == m_pages.cend() || row % kPageSize >= it->size())
        return std::nullopt;
    return it->at(row % kPageSize);
}

void AuditTableModel::requestPage(int page)
{
    if (!m_session || m_pages.contains(page) || m_inFlight.contains(page) || qint64(page) * kPageSize >= m_total)
        return;
    AuditQuery q = m_filters;
    q.limit = kPageSize;
    q.newestFirst = true;
    bool reversed = false;
    // Next to a loaded page: continue from its edge by seq. Otherwise jump there by offset.
    if (const auto above = m_pages.constFind(page - 1); above != m_pages.cend() && above->size() == kPageSize) {
        q.beforeSeq = above->last().seq;
    } else if (const auto below = m_pages.constFind(page + 1); below != m_pages.cend() && !below->isEmpty()) {
        q.afterSeq = below->first().seq;
        q.newestFirst = false; // the entries just above, oldest first; turned round on arrival
        reversed = true;
    } else {
        q.offset = page * kPageSize;
    }
    m_inFlight.insert(page);
    ++m_fetched;
    setPending(1);
    const quint64 token = m_token;
    m_session->call(
        this, [q](Backend& b) { return b.auditEntries(q); },
        [this, token, page, reversed](Result<QList<AuditEntry>> entries) {
            pageArrived(token, page, reversed, std::move(entries));
        });
}

void AuditTableModel::pageArrived(quint64 token, int page, bool reversed, Result<QList<AuditEntry>> entries)
{
    if (token != m_token)
        return;
    m_inFlight.remove(page);
    setPending(-1);
    if (!entries) {
        emit loadFailed(entries.errorMessage());
        return;
    }
    QList<AuditEntry> rows = std::move(*entries);
    if (reversed)
        std::reverse(rows.begin(), rows.end());
    m_pages.insert(page, std::move(rows));
    evictFarFrom(page);
    const int first = page * kPageSize;
    const int last = int(std::min<qint64>(m_total, qint64(first) + kPageSize)) - 1;
    if (last >= first)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void AuditTableModel::evictFarFrom(int page)
{
    while (m_pages.size() > kMaxCachedPages) {
        int farthest = page;
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
            if (std::abs(it.key() - page) > std::abs(farthest - page))
                farthest = it.key();
        if (farthest == page)
            return;
        m_pages.remove(farthest);
    }
}

void AuditTableModel::setBrokenSeq(qint64 seq)
{
    m_brokenSeq = seq;
    if (m_total > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::BackgroundRole, Qt::DecorationRole});
}

void AuditTableModel::locate(qint64 seq)
{
    if (!m_session)
        return;
    AuditQuery shown = m_filters;
    shown.afterSeq = seq - 1;
    shown.beforeSeq = seq + 1;
    shown.limit = 1;
    AuditQuery newer = m_filters;
    newer.afterSeq = seq;
    m_session->call(
        this,
        [shown, newer](Backend& b) -> Result<qint64> {
            auto found = b.auditEntries(shown);
            if (!found)
                return found.error();
            if (found->isEmpty())
                return qint64(-1);
            // Newest first: the entry's row is the number of matching entries after it.
            return b.countAuditEntries(newer);
        },
        [this, seq, token = m_token](Result<qint64> row) {
            if (token != m_token)
                return;
            if (!row) {
                emit loadFailed(row.errorMessage());
                return;
            }
            emit rowLocated(seq, int(*row));
        });
}

int AuditTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(std::min<qint64>(m_total, std::numeric_limits<int>::max()));
}

int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_total)
        return {};
    const auto e = entryAt(index.row());
    if (!e) {
        // Asked for a row not loaded yet: fetch its page; until then it reads as loading.
        const_cast<AuditTableModel*>(this)->requestPage(index.row() / kPageSize);
        if (role == Qt::DisplayRole && index.column() == SeqColumn)
            return tr("…");
        return {};
    }
    const bool broken = m_brokenSeq > 0 && e->seq == m_brokenSeq;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeqColumn:
            return QString::number(e->seq);
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e->time, QTimeZone::utc())
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case ActorColumn:
            return e->actor;
        case RoleColumn:
            return e->role;
        case ActionColumn:
            return e->action;
        case TargetColumn:
            return e->target;
        case ReasonColumn:
            return e->reason;
        case IncidentColumn:
            return e->incident;
        }
        return {};
    case Qt::ToolTipRole:
        if (broken)
            return tr("The audit chain is broken at this entry");
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(e->time, QTimeZone::utc()).toString(Qt::ISODateWithMs);
        if (index.column() == ReasonColumn)
            return e->reason;
        return {};
    case Qt::BackgroundRole:
        if (broken) {
            QColor c = StatusStyle::color(KeyLook::Revoked);
            c.setAlpha(70);
            return c;
        }
        return {};
    case Qt::DecorationRole:
        if (broken && index.column() == SeqColumn)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        return {};
    case SeqRole:
        return e->seq;
    }
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn:
        return tr("Entry");
    case TimeColumn:
        return tr("Time (UTC)");
    case ActorColumn:
        return tr("Actor");
    case RoleColumn:
        return tr("Role");
    case ActionColumn:
        return tr("Action");
    case TargetColumn:
        return tr("Target");
    case ReasonColumn:
        return tr("Reason");
    case IncidentColumn:
        return tr("Incident");
    }
    return {};
}

} // namespace kw::ui
