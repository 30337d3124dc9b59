#pragma once

#include "util/Result.h"

#include <QString>

namespace kwctl {

// A point in time as options take it: an ISO 8601 date or time ("2026-03-01", "2026-03-01T12:00:00Z"), or a
// duration meaning that long before now ("30d", "12h"). The error names the option.
kw::Result<qint64> parseWhen(const QString& text, qint64 nowMs, const QString& option);

} // namespace kwctl
