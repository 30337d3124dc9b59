#pragma once

#include "util/Result.h"

namespace kw {

class LocalVault;

// Fills a new vault with a realistic demo organisation (see DemoSeeder.cpp).
Status seedDemoVault(LocalVault& vault, qint64 nowMs, quint32 seed);

} // namespace kw
