#pragma once

#include <QList>
#include <QString>

namespace kw::ui {

// The console's preferences and remembered places, in QSettings (per user).
struct RecentPlace {
    enum class Kind { Vault, Server };
    Kind kind = Kind::Vault;
    QString location; // a vault path or a server URL
    bool operator==(const RecentPlace& other) const { return kind == other.kind && location == other.location; }
};

class ConsoleSettings {
public:
    enum class Theme { System, Light, Dark };
    static constexpr int kMaxRecent = 10;

    static QList<RecentPlace> recentPlaces();
    static void addRecentPlace(const RecentPlace& place); // moves it to the front
    static void removeRecentPlace(const RecentPlace& place);

    static int autoLockMinutes(); // 0: never
    static void setAutoLockMinutes(int minutes);
    static Theme theme();
    static void setTheme(Theme theme);
    static int expiringSoonDays();
    static void setExpiringSoonDays(int days);
    // Days before expiry at which the console warns (system tray), once per key and threshold; empty: never.
    static QList<int> expiryWarningDays();
    static void setExpiryWarningDays(QList<int> days);
    static int clipboardClearSeconds();
    static void setClipboardClearSeconds(int seconds);
    static QString lastView();
    static void setLastView(const QString& view);
};

} // namespace kw::ui
