#include "views/ExpirationsView.h"

#include "Backend.h"
#include "expiry/ExpiryCalendarWidget.h"
#include "session/Session.h"
#include "widgets/StatusStyle.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr int kAgendaDays = 14;
constexpr int kDayKeyLimit = 2000;

qint64 startOfDay(const QDate& d)
{
    return QDateTime(d, QTime(0, 0)).toMSecsSinceEpoch();
}

struct MonthData {
    Result<QList<ExpiryDay>> days = QList<ExpiryDay>{};
    QDate today;
};

struct DayData {
    Result<QList<KeyRecord>> expiring = QList<KeyRecord>{};
    Result<QList<ScheduledRotation>> rotations = QList<ScheduledRotation>{};
    QList<KeyRecord> rotationKeys;
};

} // namespace

ExpirationsView::ExpirationsView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("expirationsView"));
    m_calendar = new ExpiryCalendarWidget;
    connect(m_calendar, &QCalendarWidget::currentPageChanged, this, &ExpirationsView::loadMonth);
    connect(m_calendar, &QCalendarWidget::selectionChanged, this, &ExpirationsView::loadDay);

    m_legend = new QLabel;
    m_legend->setWordWrap(true);
    auto swatch = [](const QColor& c) { return QStringLiteral("<span style='color:%1'>&#9632;</span>").arg(c.name()); };
    const QDate today = QDate::currentDate();
    m_legend->setText(tr("%1 overdue  %2 within a week  %3 within 30 days  %4 later  "
                         "<span style='color:%5'>&#9633;</span> grace period  %6 scheduled rotation")
                          .arg(swatch(ExpiryCalendarWidget::urgencyColor(today.addDays(-1), today)),
                               swatch(ExpiryCalendarWidget::urgencyColor(today.addDays(3), today)),
                               swatch(ExpiryCalendarWidget::urgencyColor(today.addDays(20), today)),
                               swatch(ExpiryCalendarWidget::urgencyColor(today.addDays(60), today)),
                               StatusStyle::color(KeyLook::InGrace).name(),
                               QStringLiteral("<span style='color:%1'>&#9679;</span>")
                                   .arg(StatusStyle::color(KeyLook::Rotating).name())));

    m_agenda = new QTreeWidget;
    m_agenda->setObjectName(QStringLiteral("expiryAgenda"));
    m_agenda->setAccessibleName(tr("Agenda of the next two weeks"));
    m_agenda->setHeaderLabels({tr("Day"), tr("Expiring"), tr("In grace"), tr("Rotations")});
    m_agenda->setRootIsDecorated(false);
    connect(m_agenda, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { selectDate(item->data(0, Qt::UserRole).toDate()); });

    m_dayTitle = new QLabel;
    m_dayTitle->setObjectName(QStringLiteral("expiryDayTitle"));
    m_dayKeys = new QTreeWidget;
    m_dayKeys->setObjectName(QStringLiteral("expiryDayKeys"));
    m_dayKeys->setAccessibleName(tr("Keys of the selected day"));
    m_dayKeys->setHeaderLabels({tr("Key"), tr("Project"), tr("Owner"), tr("When"), tr("Last used"), tr("State")});
    m_dayKeys->setRootIsDecorated(false);
    m_dayKeys->setUniformRowHeights(true);
    m_dayKeys->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_dayKeys, &QTreeWidget::itemSelectionChanged, this, [this] {
        updateActions();
        loadHistory();
    });
    connect(m_dayKeys, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const int i = m_dayKeys->indexOfTopLevelItem(item);
        if (i >= 0 && i < m_keys.size())
            emit keyActivated(m_keys[i]);
    });

    auto button = [this](const QString& name, const QString& text, const QString& tip, QKeySequence shortcut,
                         BulkKeyCommand::Operation op) {
        auto* b = new QPushButton(text);
        b->setObjectName(name);
        b->setAccessibleName(BulkKeyCommand::title(op));
        b->setToolTip(tip + QStringLiteral(" (%1)").arg(shortcut.toString(QKeySequence::NativeText)));
        b->setShortcut(shortcut);
        connect(b, &QPushButton::clicked, this, [this, op] { startBulk(op); });
        return b;
    };
    m_renew = button(QStringLiteral("expiryRenew"), tr("&Renew…"), tr("Renew the selected keys"),
                     QKeySequence(Qt::ALT | Qt::Key_R), BulkKeyCommand::Operation::Renew);
    m_rotate = button(QStringLiteral("expiryRotate"), tr("R&otate…"), tr("Rotate the selected keys"),
                      QKeySequence(Qt::ALT | Qt::Key_O), BulkKeyCommand::Operation::Rotate);
    m_letExpire =
        button(QStringLiteral("expiryLetExpire"), tr("&Let expire…"), tr("Mark the selected keys to expire as planned"),
               QKeySequence(Qt::ALT | Qt::Key_L), BulkKeyCommand::Operation::LetExpire);
    m_notify = button(QStringLiteral("expiryNotify"), tr("&Notify owners…"),
                      tr("Queue an expiry notice to the owners of the selected keys"),
                      QKeySequence(Qt::ALT | Qt::Key_N), BulkKeyCommand::Operation::NotifyOwners);

    m_history = new QTreeWidget;
    m_history->setObjectName(QStringLiteral("expiryHistory"));
    m_history->setAccessibleName(tr("Expiration history of the selected keys"));
    m_history->setHeaderLabels({tr("When"), tr("Key"), tr("Event"), tr("Old expiry"), tr("New expiry"), tr("By")});
    m_history->setRootIsDecorated(false);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_calendar, 1);
    leftLayout->addWidget(m_legend);
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(new QLabel(tr("<b>Next two weeks</b>")));
    rightLayout->addWidget(m_agenda, 1);
    auto* top = new QSplitter;
    top->addWidget(left);
    top->addWidget(right);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_dayTitle, 1);
    for (QPushButton* b : {m_renew, m_rotate, m_letExpire, m_notify})
        actions->addWidget(b);
    auto* bottom = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addLayout(actions);
    bottomLayout->addWidget(m_dayKeys, 2);
    bottomLayout->addWidget(new QLabel(tr("<b>Expiration history of the selection</b>")));
    bottomLayout->addWidget(m_history, 1);

    auto* split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("expirySplit"));
    split->addWidget(top);
    split->addWidget(bottom);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
    updateActions();
}

void ExpirationsView::setSession(Session* session)
{
    m_session = session;
    m_keys.clear();
    m_dayKeys->clear();
    m_history->clear();
    if (session) {
        connect(session, &Session::keysChanged, this, &ExpirationsView::refresh, Qt::UniqueConnection);
        connect(session, &Session::keysRevoked, this, &ExpirationsView::refresh, Qt::UniqueConnection);
    }
    refresh();
}

void ExpirationsView::refresh()
{
    loadMonth();
    loadDay();
}

void ExpirationsView::selectDate(const QDate& date)
{
    if (!date.isValid())
        return;
    m_calendar->setCurrentPage(date.year(), date.month());
    m_calendar->setSelectedDate(date);
}

QDate ExpirationsView::selectedDate() const
{
    return m_calendar->selectedDate();
}

void ExpirationsView::loadMonth()
{
    if (!m_session)
        return;
    // The visible grid spans up to six weeks around the month; the agenda needs two weeks from today.
    const QDate first(m_calendar->yearShown(), m_calendar->monthShown(), 1);
    const QDate today = QDate::currentDate();
    const QDate from = std::min(first.addDays(-7), today);
    const QDate to = std::max(first.addMonths(1).addDays(14), today.addDays(kAgendaDays + 1));
    const qint64 fromMs = startOfDay(from), toMs = startOfDay(to);
    const int offset = QDateTime::currentDateTime().offsetFromUtc();
    const quint64 token = ++m_monthToken;
    ++m_pending;
    m_session->call(
        this,
        [fromMs, toMs, offset, today](Backend& b) {
            MonthData d;
            d.days = b.expiryCalendar(KeyFilter{}, fromMs, toMs, offset);
            d.today = today;
            return d;
        },
        [this, token](MonthData d) {
            --m_pending;
            if (token != m_monthToken)
                return;
            QHash<QDate, ExpiryDay> days;
            for (const ExpiryDay& e : d.days.value_or({}))
                days.insert(QDateTime::fromMSecsSinceEpoch(e.dayStartMs).date(), e);
            m_calendar->setDays(days, d.today);
            m_agenda->clear();
            QLocale l;
            for (int i = 0; i < kAgendaDays; ++i) {
                const QDate date = d.today.addDays(i);
                const ExpiryDay e = days.value(date);
                if (e.expiring == 0 && e.rotations == 0 && e.inGrace == 0)
                    continue;
                auto* item = new QTreeWidgetItem(
                    m_agenda, {i == 0 ? tr("Today") : l.toString(date, QStringLiteral("ddd d MMM")),
                               l.toString(e.expiring), l.toString(e.inGrace), l.toString(e.rotations)});
                item->setData(0, Qt::UserRole, date);
                item->setForeground(1, ExpiryCalendarWidget::urgencyColor(date, d.today));
            }
            if (m_agenda->topLevelItemCount() == 0)
                new QTreeWidgetItem(m_agenda, {tr("Nothing expires in the next two weeks")});
            m_agenda->resizeColumnToContents(0);
            if (!d.days)
                m_dayTitle->setText(tr("Calendar unavailable: %1").arg(d.days.errorMessage()));
        });
}

void ExpirationsView::loadDay()
{
    if (!m_session)
        return;
    const QDate date = m_calendar->selectedDate();
    const qint64 fromMs = startOfDay(date), toMs = startOfDay(date.addDays(1));
    const quint64 token = ++m_dayToken;
    ++m_pending;
    m_session->call(
        this,
        [fromMs, toMs](Backend& b) {
            DayData d;
            KeyFilter f;
            f.expiresAfterMs = fromMs;
            f.expiresBeforeMs = toMs - 1;
            f.limit = kDayKeyLimit;
            d.expiring = b.keys(f);
            d.rotations = b.scheduledRotations(KeyFilter{}, fromMs, toMs);
            for (const ScheduledRotation& r : d.rotations.value_or({}))
                if (auto k = b.key(r.keyId))
                    d.rotationKeys.append(*k);
            return d;
        },
        [this, token, date](DayData d) {
            --m_pending;
            if (token != m_dayToken)
                return;
            m_keys.clear();
            m_dayKeys->clear();
            QLocale l;
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            auto lastUsed = [&](const KeyRecord& k) {
                return k.lastUsedAt ? l.toString(QDateTime::fromMSecsSinceEpoch(k.lastUsedAt), QLocale::ShortFormat)
                                    : tr("never");
            };
            for (const KeyRecord& k : d.expiring.value_or({})) {
                const KeyLook look = StatusStyle::lookOf(k, now);
                QString state = StatusStyle::text(look);
                if (k.tags.contains(BulkKeyCommand::letExpireTag()))
                    state += tr(" · let expire");
                auto* item = new QTreeWidgetItem(
                    m_dayKeys,
                    {QStringLiteral("%1 (%2)").arg(k.name, k.displayId), k.project + u'/' + k.environment, k.owner,
                     l.toString(QDateTime::fromMSecsSinceEpoch(k.expiresAt).time(), QLocale::ShortFormat), lastUsed(k),
                     state});
                item->setIcon(0, StatusStyle::icon(look));
                m_keys.append(k);
            }
            for (const KeyRecord& k : std::as_const(d.rotationKeys)) {
                auto* item = new QTreeWidgetItem(m_dayKeys, {QStringLiteral("%1 (%2)").arg(k.name, k.displayId),
                                                             k.project + u'/' + k.environment, k.owner, QString(),
                                                             lastUsed(k), tr("Automatic rotation due")});
                item->setIcon(0, StatusStyle::icon(KeyLook::Rotating));
                m_keys.append(k);
            }
            for (int c = 0; c < m_dayKeys->columnCount(); ++c)
                m_dayKeys->resizeColumnToContents(c);
            QString title = tr("<b>%1</b>: %n key(s) expire", nullptr, int(d.expiring.value_or({}).size()))
                                .arg(l.toString(date, QLocale::LongFormat));
            if (!d.rotationKeys.isEmpty())
                title += tr(", %n scheduled rotation(s)", nullptr, int(d.rotationKeys.size()));
            if (!d.expiring)
                title = tr("Keys unavailable: %1").arg(d.expiring.errorMessage());
            m_dayTitle->setText(title);
            updateActions();
            loadHistory();
        });
}

QList<KeyRecord> ExpirationsView::selectedKeys() const
{
    QList<KeyRecord> out;
    for (QTreeWidgetItem* item : m_dayKeys->selectedItems()) {
        const int i = m_dayKeys->indexOfTopLevelItem(item);
        if (i >= 0 && i < m_keys.size())
            out.append(m_keys[i]);
    }
    return out;
}

void ExpirationsView::updateActions()
{
    const bool any = !m_keys.isEmpty();
    const bool admin = m_session && m_session->can(Capability::Administer);
    const QString denied = m_session ? m_session->deniedReason(Capability::Administer) : QString();
    for (QPushButton* b : {m_renew, m_rotate, m_letExpire, m_notify}) {
        b->setEnabled(any && admin);
        if (!admin && !denied.isEmpty())
            b->setToolTip(denied);
    }
}

void ExpirationsView::loadHistory()
{
    m_history->clear();
    if (!m_session)
        return;
    QList<KeyRecord> keys = selectedKeys();
    if (keys.isEmpty())
        return;
    keys = keys.mid(0, 50);
    const quint64 token = ++m_historyToken;
    QStringList ids;
    QHash<QString, QString> names;
    for (const KeyRecord& k : std::as_const(keys)) {
        ids.append(k.id);
        names.insert(k.id, k.displayId);
    }
    m_session->call(
        this,
        [ids](Backend& b) {
            QList<ExpirationEvent> all;
            for (const QString& id : ids)
                all += b.expirationHistory(id).value_or({});
            std::sort(all.begin(), all.end(),
                      [](const ExpirationEvent& a, const ExpirationEvent& b) { return a.time > b.time; });
            return all;
        },
        [this, token, names](QList<ExpirationEvent> events) {
            if (token != m_historyToken)
                return;
            QLocale l;
            auto when = [&](qint64 ms) {
                return ms ? l.toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat) : QStringLiteral("—");
            };
            for (const ExpirationEvent& e : events)
                new QTreeWidgetItem(m_history, {when(e.time), names.value(e.keyId, e.keyId), e.event,
                                                when(e.oldExpiresAt), when(e.newExpiresAt), e.actor});
        });
}

BulkKeyCommand* ExpirationsView::startBulk(BulkKeyCommand::Operation operation)
{
    if (!m_session)
        return nullptr;
    QList<KeyRecord> keys = selectedKeys();
    if (keys.isEmpty())
        keys = m_keys;
    if (keys.isEmpty())
        return nullptr;
    auto* command = new BulkKeyCommand(operation, *m_session, keys, window(), this);
    connect(command, &KeyCommand::finished, this, [this](bool ok, const QString& message) {
        emit commandFinished(ok, message);
        refresh();
    });
    command->start();
    return command;
}

} // namespace kw::ui
