// The request `seam run` builds for each family: the shapes docs/spi.md defines, with the model's
// options underneath and the command line's fields on top.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "run_command.hpp"

using nlohmann::json;
using seam::host::mime_type_of;
using seam::host::request_json;
using seam::host::RunRequest;

namespace {

json request_for(const std::string& family, const std::string& prompt,
                 const std::string& options = "{}") {
  RunRequest request;
  request.model = "m";
  request.prompt = prompt;
  return json::parse(request_json(family, request, options));
}

}  // namespace

TEST_CASE("run request: llm gets messages, search a query, and options stay underneath") {
  RunRequest request;
  request.prompt = "hello";
  request.system = "be brief";
  request.max_tokens = 7;
  const json llm = json::parse(request_json("llm", request, R"({"max_tokens":99,"top_p":0.5})"));
  CHECK(llm["messages"] == json::array({{{"role", "system"}, {"content", "be brief"}},
                                        {{"role", "user"}, {"content", "hello"}}}));
  CHECK(llm["max_tokens"] == 7);  // the command line wins over the model's options
  CHECK(llm["top_p"] == 0.5);
  CHECK(request_for("search", "lazy loading", R"({"limit":3})") ==
        json{{"query", "lazy loading"}, {"limit", 3}});
}

TEST_CASE("run request: img_gen gets the prompt as prompt, not as input") {
  const json request = request_for("img_gen", "a lighthouse at dawn", R"({"size":"512x512"})");
  CHECK(request == json{{"prompt", "a lighthouse at dawn"}, {"size", "512x512"}});
  // Twin: a family with no shape of its own keeps the generic input field.
  CHECK(request_for("audio", "a lighthouse at dawn") == json{{"input", "a lighthouse at dawn"}});
}

TEST_CASE("run request: extract gets the file as a document by absolute path with its type") {
  const json request = request_for("extract", "invoices/2024-117.PDF", R"({"pages":[1]})");
  const std::string expected = (std::filesystem::current_path() / "invoices/2024-117.PDF").string();
  CHECK(request["document"] == json{{"mime_type", "application/pdf"}, {"path", expected}});
  CHECK(request["pages"] == json::array({1}));
  CHECK_FALSE(request.contains("input"));
  // An absolute path is kept as it is.
  CHECK(request_for("extract", "/data/scan.png")["document"]["path"] == "/data/scan.png");
}

TEST_CASE("run request: the MIME type comes from the extension, octet-stream when unknown") {
  CHECK(mime_type_of("a.txt") == "text/plain");
  CHECK(mime_type_of("A.JPEG") == "image/jpeg");
  CHECK(mime_type_of("report.docx") ==
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  CHECK(mime_type_of("archive.xyz") == "application/octet-stream");
  CHECK(mime_type_of("no-extension") == "application/octet-stream");
}
