#include "models_list.hpp"

#include <algorithm>
#include <iomanip>

#include <seam/loader/errors.hpp>
#include <seam/loader/printable.hpp>

#include "exit_codes.hpp"
#include "model_catalog.hpp"

namespace seam::host {

namespace {

BackendListing list_one(const Registry& registry, const BackendConfig& backend) {
  BackendListing listing;
  listing.backend = backend;
  auto fail = [&](const std::string& kind, const std::string& message) {
    listing.status = BackendListing::Status::error;
    listing.error_kind = kind;
    listing.error = message;
  };
  if (!sdk_is_served(registry, backend.sdk)) {
    fail("InferenceBackendNotFoundError", unserved_sdk_message(backend));
    return listing;
  }
  const ModelLister* lister = registry.find_lister(backend.sdk);
  if (lister == nullptr) {
    listing.status = BackendListing::Status::unsupported;
    listing.note = "the plugin for sdk '" + backend.sdk +
                   "' has no model lister; use the model ids its documentation names";
    return listing;
  }
  WorkerSpec spec;
  spec.backend_name = backend.name;
  spec.backend_config_json = backend.config_json;
  try {
    lister->list(spec, [&](const ModelInfo& model) {
      listing.models.push_back(model);
      return true;
    });
  } catch (const ModelListingUnsupportedError& e) {
    listing.models.clear();
    listing.status = BackendListing::Status::unsupported;
    listing.note = e.what();
  } catch (const Error& e) {
    listing.models.clear();
    fail(e.kind(), e.what());
  } catch (const std::exception& e) {
    listing.models.clear();
    fail("Error", e.what());
  }
  return listing;
}

std::string status_text(BackendListing::Status status) {
  switch (status) {
    case BackendListing::Status::ok:
      return "ok";
    case BackendListing::Status::unsupported:
      return "unsupported";
    default:
      return "error";
  }
}

// RFC 4180: quote a field holding a comma, a quote or a line break, doubling its quotes.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void print_csv(const std::vector<BackendListing>& listings, std::ostream& out) {
  out << "backend,sdk,id,family,display_name,extra\n";
  for (const BackendListing& l : listings) {
    for (const ModelInfo& m : l.models) {
      out << csv_field(l.backend.name) << ',' << csv_field(l.backend.sdk) << ',' << csv_field(m.id)
          << ',' << csv_field(m.family) << ',' << csv_field(m.display_name) << ','
          << csv_field(m.extra_json) << '\n';
    }
  }
}

void print_table(const std::vector<BackendListing>& listings, std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {{"BACKEND", "SDK", "MODEL", "FAMILY", "NAME"}};
  for (const BackendListing& l : listings) {
    for (const ModelInfo& m : l.models) {
      rows.push_back({printable_text(l.backend.name), printable_text(l.backend.sdk),
                      printable_text(m.id), printable_text(m.family),
                      printable_text(m.display_name)});
    }
  }
  std::vector<std::size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i + 1 == row.size()) {
        out << row[i];
      } else {
        out << std::left << std::setw(static_cast<int>(widths[i] + 2)) << row[i];
      }
    }
    out << '\n';
  }
}

}  // namespace

std::vector<BackendListing> list_models(const Loader& loader, const Config& config,
                                        const std::optional<std::string>& backend) {
  std::vector<BackendConfig> backends;
  if (backend) {
    backends.push_back(find_backend(config, *backend));
  } else {
    backends = all_backends(config);
  }
  const Registry& registry = loader.registry();
  std::vector<BackendListing> listings;
  for (const BackendConfig& b : backends) listings.push_back(list_one(registry, b));
  return listings;
}

nlohmann::json listings_json(const std::vector<BackendListing>& listings) {
  nlohmann::json backends = nlohmann::json::array();
  for (const BackendListing& l : listings) {
    nlohmann::json models = nlohmann::json::array();
    for (const ModelInfo& m : l.models) {
      nlohmann::json extra = nlohmann::json::parse(m.extra_json, nullptr, false);
      if (extra.is_discarded()) extra = m.extra_json;  // a plugin's malformed JSON stays visible
      models.push_back(
          {{"id", m.id}, {"family", m.family}, {"display_name", m.display_name}, {"extra", extra}});
    }
    nlohmann::json entry = {{"name", l.backend.name},
                            {"sdk", l.backend.sdk},
                            {"status", status_text(l.status)},
                            {"models", models}};
    if (!l.note.empty()) entry["note"] = l.note;
    if (l.status == BackendListing::Status::error) {
      entry["error"] = {{"kind", l.error_kind}, {"message", l.error}};
    }
    backends.push_back(entry);
  }
  return {{"backends", backends}};
}

int print_models(const std::vector<BackendListing>& listings, ModelsFormat format,
                 std::ostream& out, std::ostream& err) {
  bool failed = false;
  for (const BackendListing& l : listings) failed |= l.status == BackendListing::Status::error;
  if (format == ModelsFormat::json) {
    out << listings_json(listings).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
    return failed ? kExitError : kExitOk;
  }
  if (format == ModelsFormat::csv) {
    print_csv(listings, out);
  } else {
    print_table(listings, out);
  }
  for (const BackendListing& l : listings) {
    if (l.status == BackendListing::Status::unsupported) {
      err << "note: backend '" << l.backend.name
          << "' cannot list its models: " << printable_text(l.note) << '\n';
    } else if (l.status == BackendListing::Status::error) {
      err << "error: " << l.error_kind << ": backend '" << l.backend.name
          << "': " << printable_text(l.error) << '\n';
    }
  }
  return failed ? kExitError : kExitOk;
}

}  // namespace seam::host
