// seam.hpp under C++17 and C++20: every helper instantiated once (templates are only checked when
// used), compiled with -pedantic -Wall -Wextra -Werror.
#include <seam/seam.hpp>
// Twice: the include guard holds.
#include <seam/seam.hpp>

namespace {

using seam::plugin::Events;
using seam::plugin::Failure;
using seam::plugin::Host;
using seam::plugin::ListArgs;
using seam::plugin::Models;
using seam::plugin::Registrar;
using seam::plugin::WorkerArgs;

using example_fn = int (*)(int);

class MatrixWorker : public seam::plugin::Worker {
 public:
  explicit MatrixWorker(const WorkerArgs& args) : host_(args.host()) {
    host_.log(SEAM_LOG_DEBUG, std::string(args.backend_name()));
    (void)args.family();
    (void)args.sdk();
    (void)args.model_json();
    (void)args.backend_config_json();
    (void)args.get();
  }
  void invoke(std::string_view request_json, const Events& events) override {
    if (request_json.empty()) throw Failure(SEAM_E_INVALID_ARGUMENT, "empty request");
    static const char* const candidates[] = {"libexample.so.1", nullptr};
    static const seam_dependency dependency{sizeof(seam_dependency), 0, "example", candidates,
                                            nullptr};
    seam_library* library = host_.require(dependency);
    (void)host_.symbol<example_fn>(library, "example");
    (void)host_.service("seam.http/1");
    host_.report_usage("{}");
    (void)host_.get();
    events.emit(R"({"type":"done"})");
  }

 private:
  Host host_;
};

void list(const ListArgs& args, const Models& models) {
  (void)args.sdk();
  (void)args.backend_name();
  (void)args.backend_config_json();
  (void)args.host();
  models.emit("model", "llm", "Model", "{}");
  throw seam::plugin::Unsupported("cannot list further");
}

int32_t SEAM_CALL register_matrix(const seam_registrar* registrar) {
  return seam::plugin::register_with(registrar, [](const Registrar& r) {
    r.add_backend<MatrixWorker>("llm", "matrix");
    seam::plugin::BackendOptions options;
    options.flags = SEAM_BACKEND_OVERRIDES_BUILTIN;
    r.add_backend(
        "llm", "matrix-lambda",
        [](const WorkerArgs& args) -> std::unique_ptr<seam::plugin::Worker> {
          return std::make_unique<MatrixWorker>(args);
        },
        options);
    r.add_lister("matrix", &list);
  });
}

const seam_plugin_descriptor descriptor{sizeof(seam_plugin_descriptor),
                                        SEAM_API_VERSION,
                                        "matrix-cpp",
                                        "1.0.0",
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        &register_matrix};

int32_t guarded() {
  return seam::plugin::guard(nullptr, [] { return throw seam::plugin::Cancelled(), SEAM_OK; });
}

}  // namespace

SEAM_PLUGIN(&descriptor)

int seam_hpp_matrix_anchor();
int seam_hpp_matrix_anchor() {
  return guarded();
}
