#pragma once

#include <QString>
#include <QStringList>

class QTableWidget;
class QTableWidgetItem;

namespace kw::ui::tables {

// A read-only, row-selecting table with the given object name, accessible name and headers.
QTableWidget* make(const QString& objectName, const QString& accessibleName, const QStringList& headers);
// A read-only cell; number() right-aligns and sorts by value (Qt::UserRole).
QTableWidgetItem* text(const QString& text);
QTableWidgetItem* number(qint64 n);
// "yyyy-MM-dd HH:mm UTC", or "—" for 0.
QString utc(qint64 ms);

} // namespace kw::ui::tables
