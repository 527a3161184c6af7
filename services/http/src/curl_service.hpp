// The libcurl implementation of "seam.http/1": what HttpService (Seam::http) holds, and what the
// seam-http-curl module starts for the seam command and the C API at their first request.
#pragma once

#include <cstdint>
#include <memory>

#include <seam/seam_http.h>
#include <seam/http_service.hpp>

#include "http_capture.hpp"
#include "http_session_pool.hpp"
#include "http_transfer.hpp"

namespace seam::http {

class CurlService {
 public:
  // Starts libcurl (std::runtime_error when it cannot). CAPTURE, already open or null, receives
  // every exchange; OPTIONS.capture_file is not read here.
  CurlService(HttpServiceOptions options, std::unique_ptr<CaptureFile> capture);
  CurlService(const CurlService&) = delete;
  CurlService& operator=(const CurlService&) = delete;

  const seam_http_service* table() const noexcept { return &table_; }

 private:
  static std::int32_t SEAM_CALL perform(const seam_http_service* self,
                                        const seam_http_request* request,
                                        const seam_http_handler* handler, seam_error* error);
  std::int32_t run(const seam_http_request* request, const seam_http_handler* handler,
                   seam_error* error);

  HttpServiceOptions options_;
  Redactor redactor_;
  CurlSessionPool pool_;
  std::unique_ptr<CaptureFile> capture_;
  TransferSettings settings_;
  seam_http_service table_{};
};

}  // namespace seam::http
