#pragma once

#include "domain/AuditEntry.h"
#include "util/Result.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <optional>

namespace kw::ui {

class Session;

// The audit trail as a table, newest first, for trails of millions of entries. Only the count is asked up front;
// rows arrive a page at a time, when the view first asks for one of them, from the session's backend thread.
// A page next to one already loaded is fetched by seq (keyset paging, cheap at any depth); a page reached by a jump
// of the scroll bar by offset. At most kMaxCachedPages stay in memory, the farthest from the last request dropped
// first. Filters are applied by the store; results of a superseded query are dropped by a token.
class AuditTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SeqColumn,
        TimeColumn,
        ActorColumn,
        RoleColumn,
        ActionColumn,
        TargetColumn,
        ReasonColumn,
        IncidentColumn,
        ColumnCount
    };
    enum Role { SeqRole = Qt::UserRole + 1 };
    static constexpr int kPageSize = 200;
    static constexpr int kMaxCachedPages = 40;

    explicit AuditTableModel(QObject* parent = nullptr);
    ~AuditTableModel() override;

    void setSession(Session* session); // nullptr empties the model
    // The filters (actor, action, target, incident, time range, text); paging fields are the model's own.
    void setQuery(const AuditQuery& filters);
    const AuditQuery& query() const { return m_filters; }
    void reload();

    qint64 total() const { return m_total; }
    bool isLoading() const { return m_pending > 0; }
    std::optional<AuditEntry> entryAt(int row) const;
    // The entry shown as broken (critical colour, warning icon); 0 for none.
    void setBrokenSeq(qint64 seq);
    qint64 brokenSeq() const { return m_brokenSeq; }
    // Finds the row of an entry under the current filters; answers with rowLocated (row -1: filtered out).
    void locate(qint64 seq);

    // For tests and benchmarks: page fetches made since the last reload, and pages held.
    int pagesFetched() const { return m_fetched; }
    int cachedPages() const { return int(m_pages.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void totalChanged(qint64 total);
    void loadingChanged(bool loading);
    void loadFailed(const QString& message);
    void rowLocated(qint64 seq, int row);

private:
    void requestPage(int page);
    void pageArrived(quint64 token, int page, bool reversed, Result<QList<AuditEntry>> entries);
    void evictFarFrom(int page);
    void setPending(int delta);

    QPointer<Session> m_session;
    AuditQuery m_filters;
    quint64 m_token = 0;
    qint64 m_total = 0;
    QHash<int, QList<AuditEntry>> m_pages;
    QSet<int> m_inFlight;
    int m_pending = 0;
    int m_fetched = 0;
    qint64 m_brokenSeq = 0;
};

} // namespace kw::ui
