#include "usage/HeatMapWidget.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace kw::ui {

namespace {
constexpr int kLeft = 44;
constexpr int kTop = 22;
constexpr int kBottom = 18;
} // namespace

HeatMapWidget::HeatMapWidget(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("usageHeatMap"));
    setAccessibleName(tr("Requests by day of week and hour of day"));
    setFocusPolicy(Qt::StrongFocus);
}

void HeatMapWidget::setGrid(const Grid& grid, const QString& caption)
{
    m_grid = grid;
    m_caption = caption;
    m_max = 0;
    qint64 total = 0;
    for (const auto& row : m_grid)
        for (qint64 v : row) {
            m_max = std::max(m_max, v);
            total += v;
        }
    setAccessibleDescription(tr("%1; %2 requests in all").arg(caption, QLocale().toString(total)));
    update();
}

void HeatMapWidget::setMarks(const QList<QPoint>& dayHour)
{
    m_marks = dayHour;
    update();
}

QRectF HeatMapWidget::gridRect() const
{
    return QRectF(kLeft, kTop, std::max(10, width() - kLeft - 8), std::max(10, height() - kTop - kBottom));
}

QPoint HeatMapWidget::cellAt(const QPointF& pos) const
{
    const QRectF r = gridRect();
    if (!r.contains(pos))
        return {-1, -1};
    const int hour = std::clamp(int((pos.x() - r.left()) / (r.width() / 24.0)), 0, 23);
    const int day = std::clamp(int((pos.y() - r.top()) / (r.height() / 7.0)), 0, 6);
    return {hour, day};
}

void HeatMapWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QRectF r = gridRect();
    const double cw = r.width() / 24.0, ch = r.height() / 7.0;
    const QColor base = palette().color(QPalette::Base);
    const QColor hot = palette().color(QPalette::Highlight);
    const QColor text = palette().color(QPalette::WindowText);
    p.fillRect(rect(), palette().color(QPalette::Window));
    p.setPen(text);
    p.drawText(QRectF(0, 0, width(), kTop - 4), Qt::AlignLeft | Qt::AlignVCenter, m_caption);

    QLocale locale;
    for (int d = 0; d < 7; ++d) {
        p.setPen(text);
        p.drawText(QRectF(0, r.top() + d * ch, kLeft - 6, ch), Qt::AlignRight | Qt::AlignVCenter,
                   locale.dayName(d + 1, QLocale::ShortFormat));
        for (int h = 0; h < 24; ++h) {
            const qint64 v = m_grid[std::size_t(d)][std::size_t(h)];
            // Square-root scale: a quiet night stays visible beside a busy noon.
            const double f = m_max > 0 ? std::sqrt(double(v) / double(m_max)) : 0.0;
            QColor c;
            c.setRgbF(base.redF() + (hot.redF() - base.redF()) * f, base.greenF() + (hot.greenF() - base.greenF()) * f,
                      base.blueF() + (hot.blueF() - base.blueF()) * f);
            const QRectF cell(r.left() + h * cw + 1, r.top() + d * ch + 1, cw - 2, ch - 2);
            p.fillRect(cell, c);
        }
    }
    p.setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 2));
    for (const QPoint& m : m_marks)
        p.drawRect(QRectF(r.left() + m.x() * cw + 1, r.top() + m.y() * ch + 1, cw - 2, ch - 2));
    p.setPen(text);
    for (int h = 0; h < 24; h += 3)
        p.drawText(QRectF(r.left() + h * cw, r.bottom() + 2, cw * 3, kBottom - 2), Qt::AlignLeft | Qt::AlignTop,
                   QStringLiteral("%1:00").arg(h, 2, 10, QLatin1Char('0')));
}

void HeatMapWidget::mousePressEvent(QMouseEvent* event)
{
    const QPoint c = cellAt(event->position());
    if (c.x() >= 0)
        emit cellClicked(c.y(), c.x());
}

bool HeatMapWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QPoint c = cellAt(help->pos());
        if (c.x() < 0) {
            QToolTip::hideText();
            return true;
        }
        QToolTip::showText(help->globalPos(),
                           tr("%1 %2:00–%2:59: %3 requests")
                               .arg(QLocale().dayName(c.y() + 1), QString::number(c.x()).rightJustified(2, u'0'),
                                    QLocale().toString(cell(c.y(), c.x()))),
                           this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace kw::ui
