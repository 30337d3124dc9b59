#include "views/OverviewView.h"

#include "Backend.h"
#include "session/ConsoleSettings.h"
#include "session/Session.h"
#include "usage/UsageReport.h"
#include "widgets/StatusStyle.h"

#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

struct OverviewData {
    Result<QList<KeyCount>> counts = QList<KeyCount>{};
    qint64 expiringSoon = 0;
    Result<QList<KeyRecord>> expiring = QList<KeyRecord>{};
    Result<UsageSummary> usage = UsageSummary{};
    Result<QList<TopEntry>> top = QList<TopEntry>{};
    QHash<QString, QString> names; // key id → "name (display id)"
};

} // namespace

OverviewView::OverviewView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("overviewView"));
    auto* tiles = new QGridLayout;
    const QList<QPair<QString, QString>> tileNames = {
        {QStringLiteral("total"), tr("Keys")},
        {QStringLiteral("active"), StatusStyle::text(KeyLook::Active)},
        {QStringLiteral("expiringSoon"), StatusStyle::text(KeyLook::ExpiringSoon)},
        {QStringLiteral("expired"), StatusStyle::text(KeyLook::Expired)},
        {QStringLiteral("suspended"), StatusStyle::text(KeyLook::Suspended)},
        {QStringLiteral("revoked"), StatusStyle::text(KeyLook::Revoked)}};
    for (int c = 0; c < tileNames.size(); ++c)
        tiles->addWidget(addTile(tileNames[c].first, tileNames[c].second), 0, c);

    m_traffic = new QLabel;
    m_traffic->setObjectName(QStringLiteral("overviewTraffic"));
    m_traffic->setWordWrap(true);

    m_expiring = new QTreeWidget;
    m_expiring->setObjectName(QStringLiteral("overviewExpiring"));
    m_expiring->setAccessibleName(tr("Keys expiring soon"));
    m_expiring->setHeaderLabels({tr("Key"), tr("Project"), tr("Owner"), tr("Expires")});
    m_expiring->setRootIsDecorated(false);
    m_expiring->setUniformRowHeights(true);
    connect(m_expiring, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const int i = m_expiring->indexOfTopLevelItem(item);
        if (i >= 0 && i < m_expiringKeys.size())
            emit keyActivated(m_expiringKeys[i]);
    });
    m_top = new QTreeWidget;
    m_top->setObjectName(QStringLiteral("overviewTop"));
    m_top->setAccessibleName(tr("Busiest keys in the last 24 hours"));
    m_top->setHeaderLabels({tr("Key"), tr("Requests"), tr("Rejected")});
    m_top->setRootIsDecorated(false);

    auto* lists = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("<b>Expiring soon</b>")));
    left->addWidget(m_expiring);
    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("<b>Busiest keys, last 24 hours</b>")));
    right->addWidget(m_top);
    lists->addLayout(left, 3);
    lists->addLayout(right, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(tiles);
    layout->addWidget(m_traffic);
    layout->addLayout(lists, 1);
}

QWidget* OverviewView::addTile(const QString& name, const QString& title)
{
    auto* frame = new QFrame;
    frame->setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(frame);
    auto* value = new QLabel(QStringLiteral("–"));
    value->setObjectName(QStringLiteral("tile.") + name);
    value->setAccessibleName(title);
    QFont f = value->font();
    f.setPointSizeF(f.pointSizeF() * 2.0);
    f.setBold(true);
    value->setFont(f);
    auto* caption = new QLabel(title);
    caption->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(value);
    layout->addWidget(caption);
    m_tiles.insert(name, value);
    return frame;
}

QString OverviewView::tileText(const QString& name) const
{
    const QLabel* l = m_tiles.value(name);
    return l ? l->text() : QString();
}

void OverviewView::setSession(Session* session)
{
    m_session = session;
    if (session) {
        connect(session, &Session::keysChanged, this, &OverviewView::refresh, Qt::UniqueConnection);
        connect(session, &Session::keysRevoked, this, &OverviewView::refresh, Qt::UniqueConnection);
    }
    refresh();
}

void OverviewView::refresh()
{
    const quint64 token = ++m_token;
    if (!m_session) {
        for (QLabel* l : std::as_const(m_tiles))
            l->setText(QStringLiteral("–"));
        m_expiring->clear();
        m_top->clear();
        m_traffic->clear();
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int soonDays = ConsoleSettings::expiringSoonDays();
    m_session->call(
        this,
        [now, soonDays](Backend& b) {
            OverviewData d;
            d.counts = b.keyCounts(KeyFilter{}, KeyGrouping::Environment);
            KeyFilter soon;
            soon.status = KeyStatus::Active;
            soon.expiresBeforeMs = now + soonDays * kDayMs;
            d.expiringSoon = b.countKeys(soon).value_or(0);
            soon.limit = 200;
            d.expiring = b.keys(soon);
            d.usage = b.usageSummary(UsageScope::All, {}, now - kDayMs, now);
            d.top = b.usageTop(UsageScope::Key, now - kDayMs, now, 8);
            for (const TopEntry& t : d.top.value_or({}))
                if (auto k = b.key(t.scopeId))
                    d.names.insert(t.scopeId, QStringLiteral("%1 (%2)").arg(k->name, k->displayId));
            return d;
        },
        [this, token](OverviewData d) {
            if (token != m_token)
                return;
            KeyCount sum;
            for (const KeyCount& c : d.counts.value_or({})) {
                sum.total += c.total;
                sum.active += c.active;
                sum.expired += c.expired;
                sum.suspended += c.suspended;
                sum.revoked += c.revoked;
            }
            QLocale l;
            m_tiles.value(QStringLiteral("total"))->setText(l.toString(sum.total));
            m_tiles.value(QStringLiteral("active"))->setText(l.toString(sum.active));
            m_tiles.value(QStringLiteral("expiringSoon"))->setText(l.toString(d.expiringSoon));
            m_tiles.value(QStringLiteral("expired"))->setText(l.toString(sum.expired));
            m_tiles.value(QStringLiteral("suspended"))->setText(l.toString(sum.suspended));
            m_tiles.value(QStringLiteral("revoked"))->setText(l.toString(sum.revoked));

            if (d.usage) {
                const UsageTotals& t = d.usage->totals;
                const double rejected = t.requests > 0 ? 100.0 * double(t.rejectedTotal()) / double(t.requests) : 0.0;
                m_traffic->setText(tr("<b>Last 24 hours:</b> %1 requests, %2 rejected (%3 %), %4 upstream errors.")
                                       .arg(l.toString(t.requests), l.toString(t.rejectedTotal()),
                                            l.toString(rejected, 'f', 1), l.toString(t.errors)));
            } else {
                m_traffic->setText(tr("Usage unavailable: %1").arg(d.usage.errorMessage()));
            }

            m_expiring->clear();
            m_expiringKeys = d.expiring.value_or({});
            std::sort(m_expiringKeys.begin(), m_expiringKeys.end(),
                      [](const KeyRecord& a, const KeyRecord& b) { return a.expiresAt < b.expiresAt; });
            for (const KeyRecord& k : m_expiringKeys) {
                auto* item = new QTreeWidgetItem(
                    m_expiring,
                    {QStringLiteral("%1 (%2)").arg(k.name, k.displayId), k.project + u'/' + k.environment, k.owner,
                     l.toString(QDateTime::fromMSecsSinceEpoch(k.expiresAt).toLocalTime(), QLocale::ShortFormat)});
                item->setIcon(0, StatusStyle::icon(KeyLook::ExpiringSoon));
            }
            m_expiring->resizeColumnToContents(0);
            m_top->clear();
            for (const TopEntry& t : d.top.value_or({}))
                new QTreeWidgetItem(m_top, {d.names.value(t.scopeId, t.scopeId), l.toString(t.requests),
                                            l.toString(t.requests - t.valid)});
            m_top->resizeColumnToContents(0);
        });
}

} // namespace kw::ui
