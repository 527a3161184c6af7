// seam-http-curl.so: the only code of the module, its entry point (http_module.hpp); the rest is
// Seam::http linked in.
#include <exception>
#include <type_traits>

#include "curl_service.hpp"
#include "http_module.hpp"

namespace {

class Started final : public seam::http::StartedHttpService {
 public:
  Started(const seam::http::HttpServiceOptions& options,
          std::unique_ptr<seam::http::CaptureFile> capture)
      : service_(options, std::move(capture)) {}
  const seam_http_service* table() const noexcept override { return service_.table(); }

 private:
  seam::http::CurlService service_;
};

}  // namespace

extern "C" __attribute__((visibility("default"))) seam::http::StartedHttpService*
seam_http_module_start(const seam::http::HttpServiceOptions& options,
                       std::unique_ptr<seam::http::CaptureFile> capture,
                       std::string& error) noexcept {
  static_assert(std::is_same_v<decltype(&seam_http_module_start), seam::http::ModuleEntry>,
                "the entry point has the type the front calls it through");
  try {
    return new Started(options, std::move(capture));
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "the HTTP service could not start";
  }
  return nullptr;
}
