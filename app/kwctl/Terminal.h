#pragma once

#include "util/Result.h"
#include "util/SecureBytes.h"

#include <QString>

namespace kwctl {

// The process's terminal: whether there is one, and reading without echo.
bool stdinIsTerminal();
kw::Result<kw::SecureBytes> readHidden(const QString& prompt);
QString readLine(const QString& prompt);

} // namespace kwctl
