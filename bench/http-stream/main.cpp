// The HTTP streaming benchmark (issue 4, item 8). One loopback server streams N tokens as OpenAI
// server-sent events (one HTTP chunk and one event per token); the same request runs through
//   plain libcurl   the baseline: libcurl + the same SSE parser, no Seam, reading each chunk as a
//                   nlohmann document (what a client usually does) or with the plugin's own
//                   one-pass chunk reader (so the difference is Seam's cost alone)
//   seam plugin     seam::Loader + the openai plugin + the host's seam.http/1 service, its events
//                   parsed by the consumer the way `seam run` does
// as pairs run back to back (alternating which goes first), so both halves of a pair meet the
// same load on a shared machine and the ratio of each pair cancels it. Then the same with a fresh
// handle per request, small requests to price a new connection (pool versus a handle per
// request), and `seam run` as a whole process. Never a test: figures depend on the machine.
//
//   seam-bench-http-stream [--tokens N] [--pairs P] [--small-pairs S] [--seam-runs C]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include "../../tests/support/temp_dir.hpp"
#include "loopback_server.hpp"
#include "plain_curl_client.hpp"
#include "plugin_client.hpp"
#include "seam_run_client.hpp"
#include "stream_timing.hpp"

using namespace seam::bench;

namespace {

struct Settings {
  int tokens = 10000;
  int pairs = 60;
  int small_pairs = 200;
  int seam_runs = 10;
};

Settings parse_arguments(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; i += 2) {
    const std::string flag = argv[i];
    int* target = flag == "--tokens"        ? &settings.tokens
                  : flag == "--pairs"       ? &settings.pairs
                  : flag == "--small-pairs" ? &settings.small_pairs
                  : flag == "--seam-runs"   ? &settings.seam_runs
                                            : nullptr;
    if (target == nullptr || i + 1 >= argc) throw std::runtime_error("usage: see main.cpp");
    *target = std::atoi(argv[i + 1]);
  }
  return settings;
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown CPU";
}

// One way of making the request, and its runs so far.
struct Variant {
  std::string name;
  std::function<StreamTiming()> run;
  std::vector<StreamTiming> results;
};

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

StreamTiming checked_run(Variant& v, const std::string& expected) {
  StreamTiming timing = v.run();
  if (timing.text != expected) throw std::runtime_error(v.name + " got a different answer");
  timing.text.clear();
  return timing;
}

// Runs A and B back to back PAIRS times, alternating which goes first, after two unrecorded
// pairs; returns B's total over A's for each pair.
std::vector<double> run_pairs(Variant& a, Variant& b, int pairs, const std::string& expected) {
  std::vector<double> ratios;
  for (int i = -2; i < pairs; ++i) {
    const bool a_first = i % 2 == 0;
    StreamTiming first = checked_run(a_first ? a : b, expected);
    StreamTiming second = checked_run(a_first ? b : a, expected);
    if (i < 0) continue;
    StreamTiming& ta = a_first ? first : second;
    StreamTiming& tb = a_first ? second : first;
    ratios.push_back(tb.total_ms / ta.total_ms);
    a.results.push_back(ta);
    b.results.push_back(tb);
  }
  return ratios;
}

void print_header(const char* title) {
  std::printf("\n%s\n  %-34s %9s  %9s  %9s  %9s  %9s\n", title, "variant", "median ms", "p10 ms",
              "p90 ms", "TTFT ms", "cpu ms");
}

void print_row(const Variant& v) {
  const Summary s = summarize(v.results);
  std::printf("  %-34s %9.2f  %9.2f  %9.2f  %9.2f  %9.2f\n", v.name.c_str(), s.median_total_ms,
              s.p10_total_ms, s.p90_total_ms, s.median_first_token_ms, s.median_cpu_ms);
}

// Prints A and B and how B compares: the median of the pair ratios (the headline figure), and the
// ratios of the medians and of the tenth percentiles for comparison.
double report_pairs(const char* title, const Variant& a, const Variant& b,
                    const std::vector<double>& ratios) {
  print_header(title);
  print_row(a);
  print_row(b);
  const Summary sa = summarize(a.results), sb = summarize(b.results);
  const double paired = median(ratios);
  std::printf(
      "  second / first: %.3f (%+.1f %%), the median of %zu paired ratios (ratio of medians "
      "%.3f, of p10 %.3f)\n",
      paired, (paired - 1) * 100, ratios.size(), sb.median_total_ms / sa.median_total_ms,
      sb.p10_total_ms / sa.p10_total_ms);
  return paired;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Settings settings = parse_arguments(argc, argv);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    seam::test::LoopbackServer server;
    const std::string base_url = server.url("/v1");
    const std::string url = base_url + "/chat/completions";
    const nlohmann::json request = {{"messages", {{{"role", "user"}, {"content", "bench"}}}}};
    const std::string request_text = request.dump();
    // Byte for byte the body the plugin sends for REQUEST and MODEL.
    auto plain_body = [&](const std::string& model) {
      nlohmann::json body = request;
      body["model"] = model;
      body["stream"] = true;
      body["stream_options"] = {{"include_usage", true}};
      return body.dump();
    };
    const std::string model = "tokens-" + std::to_string(settings.tokens);
    std::string expected;
    for (int i = 0; i < settings.tokens; ++i) expected += "tok ";

    std::printf("Seam HTTP streaming benchmark\n");
    std::printf("machine: %s, %u cores; %s\n", cpu_model().c_str(),
                std::thread::hardware_concurrency(), curl_version());
    std::printf(
        "stream: %d tokens, one HTTP chunk and one SSE event each, from the loopback "
        "server; %d pairs\n",
        settings.tokens, settings.pairs);

    // Streaming, each side keeping its connection.
    PlainCurlClient plain_kept(true, ChunkParsing::document);
    PlainCurlClient plain_reader(true, ChunkParsing::chunk_reader);
    PlainCurlClient plain_fresh(false, ChunkParsing::document);
    PluginClient plugin_pooled(SEAM_BENCH_OPENAI_DIR, base_url, model, true);
    PluginClient plugin_fresh(SEAM_BENCH_OPENAI_DIR, base_url, model, false);
    const std::string body = plain_body(model);
    Variant a{"plain libcurl, handle kept", [&] { return plain_kept.run(url, body); }, {}};
    Variant b{"seam plugin, pooled handles", [&] { return plugin_pooled.run(request_text); }, {}};
    const double versus_document = report_pairs(
        "Streaming, connection kept: against a client that builds a JSON document per "
        "chunk",
        a, b, run_pairs(a, b, settings.pairs, expected));
    Variant a2{"plain libcurl + plugin's reader", [&] { return plain_reader.run(url, body); }, {}};
    Variant b2{"seam plugin, pooled handles", [&] { return plugin_pooled.run(request_text); }, {}};
    const double versus_reader = report_pairs(
        "Streaming, connection kept: against a client that reads chunks as the plugin "
        "does (Seam's own cost)",
        a2, b2, run_pairs(a2, b2, settings.pairs, expected));

    // Streaming, a new connection per request on both sides.
    Variant c{"plain libcurl, handle per request", [&] { return plain_fresh.run(url, body); }, {}};
    Variant d{
        "seam plugin, handle per request", [&] { return plugin_fresh.run(request_text); }, {}};
    report_pairs("Streaming, a new connection per request", c, d,
                 run_pairs(c, d, settings.pairs / 2, expected));

    // Small requests: where the cost of a new connection shows.
    if (settings.small_pairs > 0) {
      const std::string small_model = "tokens-1";
      const std::string small_body = plain_body(small_model);
      PluginClient small_pooled(SEAM_BENCH_OPENAI_DIR, base_url, small_model, true);
      PluginClient small_fresh(SEAM_BENCH_OPENAI_DIR, base_url, small_model, false);
      Variant pooled{
          "seam plugin, pooled handles", [&] { return small_pooled.run(request_text); }, {}};
      Variant fresh{
          "seam plugin, handle per request", [&] { return small_fresh.run(request_text); }, {}};
      report_pairs("Small requests (1 token): the service's pool versus a handle per request",
                   pooled, fresh, run_pairs(pooled, fresh, settings.small_pairs, "tok "));
      Variant kept{
          "plain libcurl, handle kept", [&] { return plain_kept.run(url, small_body); }, {}};
      Variant kept_fresh{"plain libcurl, handle per request",
                         [&] { return plain_fresh.run(url, small_body); },
                         {}};
      report_pairs("Small requests (1 token): plain libcurl keeping its handle versus a new one",
                   kept, kept_fresh, run_pairs(kept, kept_fresh, settings.small_pairs, "tok "));
      kept.results.clear();  // compared again below: start its record afresh
      Variant seam{
          "seam plugin, pooled handles", [&] { return small_pooled.run(request_text); }, {}};
      report_pairs("Small requests (1 token): per-request overhead of the plugin path", kept, seam,
                   run_pairs(kept, seam, settings.small_pairs, "tok "));
    }

    // The whole command, process start included.
    if (settings.seam_runs > 0) {
      seam::test::TempDir dir;
      const auto config = dir.write_file(
          "seam.toml", "[plugins]\npaths = [\"" + std::string(SEAM_BENCH_OPENAI_DIR) +
                           "\"]\n\n[backends.bench]\nsdk = \"openai\"\nbase_url = \"" + base_url +
                           "\"\n\n[models.bench]\nbackend = \"bench\"\nmodel_id = \"" + model +
                           "\"\n");
      Variant command{"seam run (whole process)",
                      [&] { return run_seam_command(SEAM_BENCH_SEAM, config, "bench", "bench"); },
                      {}};
      checked_run(command, expected);
      for (int i = 0; i < settings.seam_runs; ++i) {
        command.results.push_back(checked_run(command, expected));
      }
      print_header("The seam command, spawn to exit (TTFT: first byte on stdout; cpu: the child)");
      print_row(command);
    }
    const Summary plain = summarize(a.results), reader = summarize(a2.results),
                  plugin = summarize(b.results);
    std::printf(
        "\nSummary (%d tokens; goal: the plugin path at most 3 %% slower)\n"
        "  seam plugin vs plain libcurl building a JSON document per chunk: %+.1f %%\n"
        "  seam plugin vs plain libcurl reading chunks like the plugin:     %+.1f %%\n"
        "  time to first token (median): plain %.2f ms, plain + reader %.2f ms, seam plugin "
        "%.2f ms\n",
        settings.tokens, (versus_document - 1) * 100, (versus_reader - 1) * 100,
        plain.median_first_token_ms, reader.median_first_token_ms, plugin.median_first_token_ms);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench failed: %s\n", e.what());
    return 1;
  }
}
