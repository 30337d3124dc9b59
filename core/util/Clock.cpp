#include "util/Clock.h"

namespace kw {

Clock& Clock::system()
{
    static SystemClock clock;
    return clock;
}

} // namespace kw
