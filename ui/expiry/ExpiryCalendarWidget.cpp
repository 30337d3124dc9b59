#include "expiry/ExpiryCalendarWidget.h"

#include "widgets/StatusStyle.h"

#include <QLocale>
#include <QPainter>

namespace kw::ui {

ExpiryCalendarWidget::ExpiryCalendarWidget(QWidget* parent) : QCalendarWidget(parent)
{
    setObjectName(QStringLiteral("expiryCalendar"));
    setAccessibleName(tr("Expiration calendar"));
    setGridVisible(true);
    setVerticalHeaderFormat(QCalendarWidget::NoVerticalHeader);
    setFirstDayOfWeek(QLocale().firstDayOfWeek());
    setMinimumSize(420, 320);
}

void ExpiryCalendarWidget::setDays(const QHash<QDate, ExpiryDay>& days, const QDate& today)
{
    m_days = days;
    m_today = today;
    updateCells();
}

QColor ExpiryCalendarWidget::urgencyColor(const QDate& date, const QDate& today)
{
    const qint64 in = today.daysTo(date);
    if (in < 0)
        return StatusStyle::color(KeyLook::Expired);
    if (in <= 7)
        return StatusStyle::color(KeyLook::Revoked);
    if (in <= 30)
        return StatusStyle::color(KeyLook::ExpiringSoon);
    return StatusStyle::color(KeyLook::Active);
}

void ExpiryCalendarWidget::paintCell(QPainter* painter, const QRect& rect, QDate date) const
{
    QCalendarWidget::paintCell(painter, rect, date);
    const auto it = m_days.constFind(date);
    if (it == m_days.constEnd())
        return;
    const ExpiryDay& d = *it;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (d.expiring > 0) {
        const QColor c = urgencyColor(date, m_today);
        const QString text = d.expiring > 999 ? QStringLiteral("999+") : QString::number(d.expiring);
        QFont f = painter->font();
        f.setPointSizeF(std::max(6.0, f.pointSizeF() * 0.75));
        f.setBold(true);
        painter->setFont(f);
        const QFontMetrics fm(f);
        const int w = std::max(fm.horizontalAdvance(text) + 8, fm.height());
        const QRect badge(rect.right() - w - 2, rect.bottom() - fm.height() - 2, w, fm.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawRoundedRect(badge, fm.height() / 2.0, fm.height() / 2.0);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, text);
    }
    if (d.inGrace > 0) {
        painter->setPen(QPen(StatusStyle::color(KeyLook::InGrace), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(rect.adjusted(1, 1, -2, -2));
    }
    if (d.rotations > 0) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(StatusStyle::color(KeyLook::Rotating));
        painter->drawEllipse(QRect(rect.left() + 3, rect.bottom() - 9, 7, 7));
    }
    painter->restore();
}

} // namespace kw::ui
