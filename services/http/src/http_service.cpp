#include <seam/http_service.hpp>

#include "curl_service.hpp"

namespace seam::http {

struct HttpService::Impl : CurlService {
  using CurlService::CurlService;
};

HttpService::HttpService(HttpServiceOptions options) {
  std::unique_ptr<CaptureFile> capture = open_capture(options);
  impl_ = std::make_unique<Impl>(std::move(options), std::move(capture));
}

HttpService::~HttpService() = default;

const seam_http_service* HttpService::table() const noexcept {
  return impl_->table();
}

}  // namespace seam::http
