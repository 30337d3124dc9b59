#pragma once

#include <QWidget>

#include <array>

namespace kw::ui {

// Requests by day of week (rows, Monday first) and local hour of day (columns): a key's rhythm at a
// glance. Cells can be marked (an anomaly in that hour of the week) and are announced as a table.
class HeatMapWidget : public QWidget {
    Q_OBJECT
public:
    using Grid = std::array<std::array<qint64, 24>, 7>;

    explicit HeatMapWidget(QWidget* parent = nullptr);
    void setGrid(const Grid& grid, const QString& caption);
    void setMarks(const QList<QPoint>& dayHour); // x: hour, y: day (0 = Monday)
    const Grid& grid() const { return m_grid; }
    qint64 cell(int day, int hour) const { return m_grid[std::size_t(day)][std::size_t(hour)]; }

    QSize sizeHint() const override { return {720, 230}; }
    QSize minimumSizeHint() const override { return {360, 160}; }

signals:
    void cellClicked(int day, int hour);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    QRectF gridRect() const;
    QPoint cellAt(const QPointF& pos) const; // (-1, -1) outside

    Grid m_grid{};
    QList<QPoint> m_marks;
    QString m_caption;
    qint64 m_max = 0;
};

} // namespace kw::ui
