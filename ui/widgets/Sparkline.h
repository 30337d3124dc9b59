#pragma once

#include <QList>
#include <QWidget>

namespace kw::ui {

// A small line of values (e.g. requests per day) with its maximum marked; no axes, for detail panels.
class Sparkline : public QWidget {
    Q_OBJECT
public:
    explicit Sparkline(QWidget* parent = nullptr);
    void setValues(const QList<qint64>& values);
    const QList<qint64>& values() const { return m_values; }
    QSize sizeHint() const override { return {240, 48}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<qint64> m_values;
};

} // namespace kw::ui
