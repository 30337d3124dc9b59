#pragma once

#include "util/Result.h"

namespace kw::names {

// Names users type on command lines and in URLs: kept to characters that need no quoting.
Status validateTeamOrProject(const QString& what, const QString& name); // letters, digits, . _ - (1-64)
Status validateEnvironment(const QString& name);                        // a-z 0-9 - (1-32)
Status validateService(const QString& name);                            // a-z 0-9 . _ - (1-64)
Status validateKeyName(const QString& name);                            // any printable, 1-200
Status validateTag(const QString& tag);                                 // printable, 1-64, not only spaces

} // namespace kw::names
