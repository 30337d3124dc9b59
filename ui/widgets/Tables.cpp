#include "widgets/Tables.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>
#include <QTableWidget>
#include <QTimeZone>

namespace kw::ui::tables {

QTableWidget* make(const QString& objectName, const QString& accessibleName, const QStringList& headers)
{
    auto* t = new QTableWidget(0, int(headers.size()));
    t->setObjectName(objectName);
    t->setAccessibleName(accessibleName);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

QTableWidgetItem* text(const QString& s)
{
    auto* i = new QTableWidgetItem(s);
    i->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return i;
}

QTableWidgetItem* number(qint64 n)
{
    auto* i = text(QLocale().toString(n));
    i->setData(Qt::UserRole, n);
    i->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return i;
}

QString utc(qint64 ms)
{
    if (ms <= 0)
        return QStringLiteral("—");
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace kw::ui::tables
