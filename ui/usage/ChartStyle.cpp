#include "usage/ChartStyle.h"

#include "widgets/StatusStyle.h"
#include "widgets/Theme.h"

#include <QApplication>
#include <QChart>
#include <QHash>

namespace kw::ui {

QColor ChartStyle::codeColor(const QString& code)
{
    static const QHash<QString, QColor> colors = {
        {QStringLiteral("VALID"), StatusStyle::color(KeyLook::Active)},
        {QStringLiteral("REPORTED"), StatusStyle::color(KeyLook::Rotating)},
        {QStringLiteral("RATE_LIMITED"), StatusStyle::color(KeyLook::ExpiringSoon)},
        {QStringLiteral("QUOTA_EXCEEDED"), QColor(0xb8, 0x86, 0x0b)},
        {QStringLiteral("USAGE_EXCEEDED"), QColor(0x9c, 0x7a, 0x1e)},
        {QStringLiteral("EXPIRED"), StatusStyle::color(KeyLook::Expired)},
        {QStringLiteral("REVOKED"), StatusStyle::color(KeyLook::Revoked)},
        {QStringLiteral("SUSPENDED"), StatusStyle::color(KeyLook::Suspended)},
        {QStringLiteral("NOT_FOUND"), QColor(0x8e, 0x44, 0xad)},
        {QStringLiteral("MALFORMED"), QColor(0x6c, 0x3a, 0x8c)},
        {QStringLiteral("FORBIDDEN_IP"), QColor(0xc0, 0x39, 0x2b)},
        {QStringLiteral("OUTSIDE_TIME_WINDOW"), StatusStyle::color(KeyLook::InGrace)},
        {QStringLiteral("WRONG_SERVICE"), QColor(0x5d, 0x6d, 0x7e)},
        {QStringLiteral("INSUFFICIENT_PERMISSIONS"), QColor(0x7f, 0x8c, 0x8d)},
        {QStringLiteral("WRONG_ENVIRONMENT"), QColor(0x95, 0xa5, 0xa6)},
    };
    return colors.value(code.toUpper(), QColor(0x88, 0x88, 0x88));
}

QString ChartStyle::codeText(const QString& code)
{
    const QString c = code.toUpper();
    if (c == QLatin1String("VALID"))
        return QApplication::translate("ChartStyle", "Valid");
    if (c == QLatin1String("REPORTED"))
        return QApplication::translate("ChartStyle", "Reported by gateway");
    if (c == QLatin1String("RATE_LIMITED"))
        return QApplication::translate("ChartStyle", "Rate limited");
    if (c == QLatin1String("QUOTA_EXCEEDED"))
        return QApplication::translate("ChartStyle", "Quota exceeded");
    if (c == QLatin1String("USAGE_EXCEEDED"))
        return QApplication::translate("ChartStyle", "Usage exceeded");
    if (c == QLatin1String("EXPIRED"))
        return QApplication::translate("ChartStyle", "Expired key");
    if (c == QLatin1String("REVOKED"))
        return QApplication::translate("ChartStyle", "Revoked key");
    if (c == QLatin1String("SUSPENDED"))
        return QApplication::translate("ChartStyle", "Suspended key");
    if (c == QLatin1String("NOT_FOUND"))
        return QApplication::translate("ChartStyle", "Unknown key");
    if (c == QLatin1String("MALFORMED"))
        return QApplication::translate("ChartStyle", "Malformed key");
    if (c == QLatin1String("FORBIDDEN_IP"))
        return QApplication::translate("ChartStyle", "Forbidden address");
    if (c == QLatin1String("OUTSIDE_TIME_WINDOW"))
        return QApplication::translate("ChartStyle", "Outside time window");
    if (c == QLatin1String("WRONG_SERVICE"))
        return QApplication::translate("ChartStyle", "Wrong service");
    if (c == QLatin1String("INSUFFICIENT_PERMISSIONS"))
        return QApplication::translate("ChartStyle", "Missing permission");
    if (c == QLatin1String("WRONG_ENVIRONMENT"))
        return QApplication::translate("ChartStyle", "Wrong environment");
    return code;
}

QColor ChartStyle::seriesColor(int index)
{
    static const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                    QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                    QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f)};
    return colors[std::size_t(index) % std::size(colors)];
}

void ChartStyle::apply(QChart* chart)
{
    chart->setTheme(Theme::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(QApplication::palette().color(QPalette::Base));
    chart->setTitleBrush(QApplication::palette().color(QPalette::WindowText));
    chart->legend()->setLabelColor(QApplication::palette().color(QPalette::WindowText));
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation); // live refreshes must not replay animations
}

} // namespace kw::ui
