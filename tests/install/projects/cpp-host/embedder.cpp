// An application embedding Seam: lists the plugins an installation finds with no configuration,
// then, given a base URL, streams an answer from the openai plugin through the HTTP service.
//   embedder                         the report, one "name state origin" line per plugin
//   embedder BASE_URL MODEL PROMPT   also the streamed text, on a line "answer: ..."
#include <iostream>
#include <string>

#include <seam/http_service.hpp>
#include <seam/loader/loader.hpp>
#include <seam/seam_http.h>

int main(int argc, char** argv) {
  seam::http::HttpService http;  // outlives the loader: plugins hold its table
  seam::LoaderOptions options;
  options.default_folders = true;  // the user folder and this installation's lib/seam/plugins
  options.services[SEAM_HTTP_SERVICE_ID] = http.table();
  seam::Loader loader(options);
  for (const seam::PluginRow& row : loader.report()) {
    std::cout << row.name << ' ' << seam::to_string(row.state) << ' ' << row.origin << '\n';
  }
  if (argc < 4) return loader.ok() ? 0 : 3;

  seam::WorkerSpec spec;
  spec.backend_name = "openai";
  spec.model_json = std::string(R"({"name":")") + argv[2] + R"(","model_id":")" + argv[2] + "\"}";
  spec.backend_config_json = std::string(R"({"sdk":"openai","base_url":")") + argv[1] + "\"}";
  try {
    seam::Worker worker = loader.registry().lookup("llm", "openai").make_worker(spec);
    worker.invoke(std::string(R"({"messages":[{"role":"user","content":")") + argv[3] + "\"}]}",
                  [&](std::string_view event) {
                    std::cout << "event: " << event << '\n';
                    return true;
                  });
  } catch (const seam::Error& e) {
    std::cerr << "error: " << e.kind() << ": " << e.what() << '\n';
    return 1;
  }
  return 0;
}
