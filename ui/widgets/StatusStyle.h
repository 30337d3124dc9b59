#pragma once

#include "domain/KeyRecord.h"

#include <QColor>
#include <QIcon>

namespace kw::ui {

// How a key looks in every view: one state, one colour, one icon, one word. Derived from the stored
// status, the expiry and the clock.
enum class KeyLook { Active, ExpiringSoon, InGrace, Expired, Suspended, Revoked, Rotating };

struct StatusStyle {
    static constexpr int kDefaultExpiringSoonDays = 14;

    static KeyLook lookOf(const KeyRecord& key, qint64 nowMs, int expiringSoonDays = kDefaultExpiringSoonDays);
    static QColor color(KeyLook look);
    static QIcon icon(KeyLook look);
    static QString text(KeyLook look);
    static QString text(KeyStatus status);
};

} // namespace kw::ui
