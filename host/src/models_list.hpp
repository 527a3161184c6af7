// `seam models list [BACKEND] [--json|--csv]`: asks each configured backend's model lister for its
// models and renders the records. A backend without a lister, or whose lister cannot list, is a
// note; a failing backend is an error that does not hide the others.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <seam/loader/loader.hpp>

#include "config.hpp"

namespace seam::host {

enum class ModelsFormat { table, csv, json };

struct ModelsListOptions {
  std::optional<std::string> backend;  // only this backend
  ModelsFormat format = ModelsFormat::table;
};

// What one backend's lister gave.
struct BackendListing {
  BackendConfig backend;
  std::vector<ModelInfo> models;
  enum class Status { ok, unsupported, error } status = Status::ok;
  std::string note;        // why there is no list (unsupported)
  std::string error_kind;  // the seam::Error kind (error)
  std::string error;       // its message (error)
};

// Lists every backend OPTIONS selects. Throws only for an unknown backend name or a registry that
// cannot be built; a backend's own failure is recorded in its listing.
std::vector<BackendListing> list_models(const Loader& loader, const Config& config,
                                        const std::optional<std::string>& backend);

// {"backends":[{"name","sdk","status","models":[{"id","family","display_name","extra"}],
//   "note"|"error":{"kind","message"}}]}
nlohmann::json listings_json(const std::vector<BackendListing>& listings);

// Renders LISTINGS to OUT (notes and errors go to ERR, except in JSON where they are fields) and
// returns the exit code: kExitError when any backend failed, else kExitOk.
int print_models(const std::vector<BackendListing>& listings, ModelsFormat format,
                 std::ostream& out, std::ostream& err);

}  // namespace seam::host
