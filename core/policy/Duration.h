#pragma once

#include "util/Result.h"

#include <QString>
#include <QStringView>

namespace kw {

// Human durations as users type them for expiry, grace periods and rotation: "90d", "12h", "2w", "1d12h".
// Units, largest first and each at most once: w (7 days), d, h, m (minutes), s, ms. The result is > 0.
class Duration {
public:
    static Result<qint64> parseMs(QStringView text);

    // The shortest text parseMs() reads back to the same value, without weeks so "90d" stays "90d".
    static QString format(qint64 ms);
};

} // namespace kw
