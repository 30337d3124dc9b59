#pragma once

#include "session/ConsoleSettings.h"

namespace kw::ui {

// Light and dark appearance. "System" follows the platform's palette (Qt 6.4 has no colour-scheme query:
// a dark window background means a dark system theme).
class Theme {
public:
    static void apply(ConsoleSettings::Theme theme);
    static bool isDark();
};

} // namespace kw::ui
