#pragma once

#include <QColor>
#include <QString>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace kw::ui {

// Colours by meaning for every chart (the same palette as key states), and the chart theme that follows
// the console's light or dark appearance.
struct ChartStyle {
    static QColor codeColor(const QString& code); // VALID green, rate limits amber, revoked red, ...
    static QString codeText(const QString& code); // "Valid", "Rate limited", ...
    static QColor seriesColor(int index);         // for rankings and percentiles
    static void apply(QChart* chart);
};

} // namespace kw::ui
