#include "widgets/Sparkline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace kw::ui {

Sparkline::Sparkline(QWidget* parent) : QWidget(parent)
{
    setMinimumHeight(36);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void Sparkline::setValues(const QList<qint64>& values)
{
    m_values = values;
    qint64 total = 0;
    for (qint64 v : values)
        total += v;
    setAccessibleDescription(
        tr("%n request(s) over %1 days", nullptr, int(std::min<qint64>(total, INT_MAX))).arg(values.size()));
    update();
}

void Sparkline::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(2, 4, -2, -4);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawLine(area.bottomLeft(), area.bottomRight());
    if (m_values.size() < 2)
        return;
    const qint64 max = std::max<qint64>(1, *std::max_element(m_values.cbegin(), m_values.cend()));
    QPainterPath line;
    const int n = int(m_values.size());
    int maxAt = 0;
    for (int i = 0; i < n; ++i) {
        const QPointF pt(area.left() + area.width() * i / (n - 1),
                         area.bottom() - area.height() * double(m_values[i]) / double(max));
        if (i == 0)
            line.moveTo(pt);
        else
            line.lineTo(pt);
        if (m_values[i] == max)
            maxAt = i;
    }
    QPainterPath fill = line;
    fill.lineTo(area.bottomRight());
    fill.lineTo(area.bottomLeft());
    fill.closeSubpath();
    QColor accent = palette().color(QPalette::Highlight);
    QColor soft = accent;
    soft.setAlpha(50);
    p.fillPath(fill, soft);
    p.setPen(QPen(accent, 1.5));
    p.drawPath(line);
    p.setBrush(accent);
    p.drawEllipse(QPointF(area.left() + area.width() * maxAt / (n - 1), area.top()), 2.5, 2.5);
}

} // namespace kw::ui
