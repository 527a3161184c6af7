// The loader's own uses of seam/loader/printable.hpp.
#pragma once

#include <seam/loader/printable.hpp>

namespace seam::detail {

using seam::printable_text;
using seam::valid_utf8;

}  // namespace seam::detail
