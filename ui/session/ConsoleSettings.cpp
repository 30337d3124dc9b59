#include "session/ConsoleSettings.h"

#include <QSettings>

#include <algorithm>

namespace kw::ui {

namespace {

const QString kRecent = QStringLiteral("recent/places");

} // namespace

QList<RecentPlace> ConsoleSettings::recentPlaces()
{
    QList<RecentPlace> out;
    for (const QString& entry : QSettings().value(kRecent).toStringList()) {
        const qsizetype colon = entry.indexOf(u':');
        if (colon <= 0)
            continue;
        RecentPlace p;
        p.kind = entry.left(colon) == QStringLiteral("server") ? RecentPlace::Kind::Server : RecentPlace::Kind::Vault;
        p.location = entry.mid(colon + 1);
        if (!p.location.isEmpty())
            out.append(p);
    }
    return out;
}

static void store(const QList<RecentPlace>& places)
{
    QStringList list;
    for (const RecentPlace& p : places)
        list << (p.kind == RecentPlace::Kind::Server ? QStringLiteral("server:") : QStringLiteral("vault:")) +
                    p.location;
    QSettings().setValue(kRecent, list);
}

void ConsoleSettings::addRecentPlace(const RecentPlace& place)
{
    QList<RecentPlace> places = recentPlaces();
    places.removeAll(place);
    places.prepend(place);
    while (places.size() > kMaxRecent)
        places.removeLast();
    store(places);
}

void ConsoleSettings::removeRecentPlace(const RecentPlace& place)
{
    QList<RecentPlace> places = recentPlaces();
    places.removeAll(place);
    store(places);
}

int ConsoleSettings::autoLockMinutes()
{
    return QSettings().value(QStringLiteral("security/autoLockMinutes"), 10).toInt();
}

void ConsoleSettings::setAutoLockMinutes(int minutes)
{
    QSettings().setValue(QStringLiteral("security/autoLockMinutes"), std::max(0, minutes));
}

ConsoleSettings::Theme ConsoleSettings::theme()
{
    const QString t = QSettings().value(QStringLiteral("appearance/theme"), QStringLiteral("system")).toString();
    if (t == QStringLiteral("light"))
        return Theme::Light;
    if (t == QStringLiteral("dark"))
        return Theme::Dark;
    return Theme::System;
}

void ConsoleSettings::setTheme(Theme theme)
{
    QSettings().setValue(QStringLiteral("appearance/theme"), theme == Theme::Light  ? QStringLiteral("light")
                                                             : theme == Theme::Dark ? QStringLiteral("dark")
                                                                                    : QStringLiteral("system"));
}

int ConsoleSettings::expiringSoonDays()
{
    return QSettings().value(QStringLiteral("keys/expiringSoonDays"), 14).toInt();
}

void ConsoleSettings::setExpiringSoonDays(int days)
{
    QSettings().setValue(QStringLiteral("keys/expiringSoonDays"), std::max(1, days));
}

QList<int> ConsoleSettings::expiryWarningDays()
{
    const QVariant v = QSettings().value(QStringLiteral("notifications/expiryWarningDays"));
    if (!v.isValid())
        return {30, 7, 1};
    QList<int> days;
    for (const QString& part : v.toString().split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int d = part.trimmed().toInt(&ok);
        if (ok && d > 0 && !days.contains(d))
            days.append(d);
    }
    std::sort(days.begin(), days.end(), std::greater<>());
    return days;
}

void ConsoleSettings::setExpiryWarningDays(QList<int> days)
{
    std::sort(days.begin(), days.end(), std::greater<>());
    QStringList parts;
    for (int d : days)
        if (d > 0 && !parts.contains(QString::number(d)))
            parts.append(QString::number(d));
    QSettings().setValue(QStringLiteral("notifications/expiryWarningDays"), parts.join(u','));
}

int ConsoleSettings::clipboardClearSeconds()
{
    return QSettings().value(QStringLiteral("security/clipboardClearSeconds"), 30).toInt();
}

void ConsoleSettings::setClipboardClearSeconds(int seconds)
{
    QSettings().setValue(QStringLiteral("security/clipboardClearSeconds"), std::max(5, seconds));
}

QString ConsoleSettings::lastView()
{
    return QSettings().value(QStringLiteral("window/lastView"), QStringLiteral("overview")).toString();
}

void ConsoleSettings::setLastView(const QString& view)
{
    QSettings().setValue(QStringLiteral("window/lastView"), view);
}

} // namespace kw::ui
