#include "Backend.h"

namespace kw {

Backend::~Backend() = default;

} // namespace kw
