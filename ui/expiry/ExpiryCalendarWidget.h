#pragma once

#include "domain/ExpiryCalendar.h"

#include <QCalendarWidget>
#include <QHash>

namespace kw::ui {

// A month calendar whose days show how many keys expire, coloured by urgency (overdue, this week, this
// month, later); days with keys in their grace period get an amber frame and days with scheduled
// automatic rotations a blue mark.
class ExpiryCalendarWidget : public QCalendarWidget {
    Q_OBJECT
public:
    explicit ExpiryCalendarWidget(QWidget* parent = nullptr);
    void setDays(const QHash<QDate, ExpiryDay>& days, const QDate& today);
    ExpiryDay day(const QDate& date) const { return m_days.value(date); }
    static QColor urgencyColor(const QDate& date, const QDate& today);

protected:
    void paintCell(QPainter* painter, const QRect& rect, QDate date) const override;

private:
    QHash<QDate, ExpiryDay> m_days;
    QDate m_today;
};

} // namespace kw::ui
