// seam_loader_options (C) to seam::LoaderOptions (C++).
#pragma once

#include <seam/loader/options.hpp>

#include "c_handles.hpp"

namespace seam::c_api {

// Fills OUT from IN (NULL: the defaults). Returns SEAM_OK, or a failure explained in ERROR.
std::int32_t to_loader_options(const seam_loader_options* in, LoaderOptions& out,
                               seam_loader_error* error);

}  // namespace seam::c_api
