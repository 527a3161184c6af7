// The concurrent-streams benchmark (issue 15, item 5). One host process runs N streaming chat
// requests at once (N = 64 and 256 by default) against a C++ epoll server on loopback
// (sse_server.cpp) that numbers every stream's tokens, in three ways:
//   raw reader      sockets read and discarded as fast as they come: the server's ceiling
//   plain libcurl   one thread, one multi handle, an easy handle per stream, the plugin's SSE
//                   parser and chunk reader: the baseline
//   seam plugin     seam::Loader + the openai plugin + the host's seam.http/1 service, a thread
//                   and a worker per stream, each event parsed by the consumer
//   plain libcurl, a multi per core   the same, the streams dealt over one thread per core
// The three run as triples, back to back, each first in turn, so all meet the same load on a
// shared machine; the headline is the median of the ratios within each triple.
// Every stream's text is checked, token by token, in every round. Memory per stream is measured
// in child processes (memory_probe.hpp). Never a test: figures depend on the machine.
//
//   seam-bench-concurrent-streams [--streams 64,256] [--tokens 1000] [--pairs 10 (triples)]
//       [--short-tokens 100] [--ceiling-runs 5] [--memory-probes 3] [--server-threads 1]
//       [--python-ceiling]
//   seam-bench-concurrent-streams --profile plain|plain-per-core|seam [--streams N] [--tokens T]
//       [--pairs R]
//       runs R rounds of one variant alone, for a profiler (perf record, valgrind)
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>

#include "memory_probe.hpp"
#include "numbered_stream.hpp"
#include "plain_multi_client.hpp"
#include "plugin_streams.hpp"
#include "raw_reader.hpp"
#include "round.hpp"
#include "server_process.hpp"

using namespace seam::bench;

namespace {

constexpr double kGoal = 0.9;          // seam's throughput over plain libcurl's, at least
constexpr double kCeilingShare = 0.5;  // a client at most this share of the server's ceiling

struct Settings {
  std::vector<int> levels = {64, 256};
  int tokens = 1000;
  int short_tokens = 100;  // 0: no short streams
  int pairs = 10;
  int ceiling_runs = 5;
  int memory_probes = 3;
  int server_threads = 1;
  bool python_ceiling = false;
  std::string profile_variant;
  // The child's side of a memory probe.
  std::string probe_variant;
  std::string probe_base_url;
};

std::vector<int> parse_levels(const std::string& text) {
  std::vector<int> levels;
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, ',');) levels.push_back(std::stoi(item));
  return levels;
}

Settings parse_arguments(int argc, char** argv) {
  Settings s;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(flag + " needs a value (see main.cpp)");
      return argv[++i];
    };
    if (flag == "--streams") {
      s.levels = parse_levels(value());
    } else if (flag == "--tokens") {
      s.tokens = std::stoi(value());
    } else if (flag == "--short-tokens") {
      s.short_tokens = std::stoi(value());
    } else if (flag == "--pairs") {
      s.pairs = std::stoi(value());
    } else if (flag == "--ceiling-runs") {
      s.ceiling_runs = std::stoi(value());
    } else if (flag == "--memory-probes") {
      s.memory_probes = std::stoi(value());
    } else if (flag == "--server-threads") {
      s.server_threads = std::stoi(value());
    } else if (flag == "--python-ceiling") {
      s.python_ceiling = true;
    } else if (flag == "--profile") {
      s.profile_variant = value();
    } else if (flag == "--memory-probe") {
      s.probe_variant = value();
    } else if (flag == "--base-url") {
      s.probe_base_url = value();
    } else {
      throw std::runtime_error("unknown argument " + flag + " (see main.cpp)");
    }
  }
  if (s.levels.empty() || s.tokens <= 0 || s.pairs <= 0 || s.ceiling_runs <= 0) {
    throw std::runtime_error("streams, tokens, pairs and ceiling runs must be positive");
  }
  return s;
}

std::string first_line(const char* path, const char* prefix) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

double median(std::vector<double> values) {
  return percentile(std::move(values), 0.5);
}

// One way of running the streams, with what its rounds measured.
struct Variant {
  std::string name;
  ConcurrentClient* client = nullptr;
  std::vector<Round> rounds;
};

// Runs one round of V and checks every stream's text against EXPECTED (an empty text: not checked
// here; the raw reader checks each body's size itself).
Round run_round(Variant& v, const ServerProcess& server, const std::vector<std::string>& expected,
                int tokens) {
  const long connections_before = server.connections();
  const double cpu_before = process_cpu_ms();
  const double server_before = server.cpu_ms();
  std::vector<StreamOutcome> outcomes = v.client->run_round();
  Round round;
  round.cpu_ms = process_cpu_ms() - cpu_before;
  round.server_cpu_ms = server.cpu_ms() - server_before;
  // Less the connection that asked.
  round.connections = server.connections() - connections_before - 1;
  if (outcomes.size() != expected.size()) throw std::runtime_error(v.name + ": streams missing");
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!expected[i].empty() && outcomes[i].text != expected[i]) {
      const std::string& got = outcomes[i].text;
      std::size_t at = 0;
      while (at < got.size() && at < expected[i].size() && got[at] == expected[i][at]) ++at;
      throw std::runtime_error(v.name + ": stream " + std::to_string(i) +
                               " differs from its expected text at byte " + std::to_string(at) +
                               " (got " + std::to_string(got.size()) + " of " +
                               std::to_string(expected[i].size()) + " bytes)");
    }
    round.wall_ms = std::max(round.wall_ms, outcomes[i].end_ms);
    round.first_token_ms.push_back(outcomes[i].first_token_ms);
  }
  round.tokens = static_cast<long>(outcomes.size()) * tokens;
  return round;
}

struct Figures {
  double tokens_per_second = 0;
  double wall_ms = 0;
  double cpu_ms = 0;
  double cpu_us_per_token = 0;
  double ttft_p50_ms = 0;
  double ttft_p99_ms = 0;
  double server_cpu_share = 0;  // of one core, during the round
  double connections = 0;       // new connections a round
  double server_us_per_token = 0;
};

// Medians over the rounds of each round's figure.
Figures summarize(const std::vector<Round>& rounds) {
  std::vector<double> rate, wall, cpu, per_token, p50, p99, server, connections, server_cost;
  for (const Round& r : rounds) {
    rate.push_back(r.tokens_per_second());
    wall.push_back(r.wall_ms);
    cpu.push_back(r.cpu_ms);
    per_token.push_back(r.cpu_ms * 1000.0 / static_cast<double>(r.tokens));
    p50.push_back(percentile(r.first_token_ms, 0.5));
    p99.push_back(percentile(r.first_token_ms, 0.99));
    server.push_back(r.server_cpu_ms / r.wall_ms);
    connections.push_back(static_cast<double>(r.connections));
    server_cost.push_back(r.server_cpu_ms * 1000.0 / static_cast<double>(r.tokens));
  }
  return {median(rate), median(wall),   median(cpu),         median(per_token),  median(p50),
          median(p99),  median(server), median(connections), median(server_cost)};
}

void print_header() {
  std::printf("  %-32s %10s %8s %8s %9s %8s %8s %7s %6s\n", "variant", "tokens/s", "wall ms",
              "cpu ms", "cpu us/tk", "TTFT p50", "TTFT p99", "server", "conns");
}

void print_row(const std::string& name, const Figures& f) {
  std::printf("  %-32s %10.0f %8.1f %8.1f %9.3f %8.2f %8.2f %6.0f%% %6.0f\n", name.c_str(),
              f.tokens_per_second, f.wall_ms, f.cpu_ms, f.cpu_us_per_token, f.ttft_p50_ms,
              f.ttft_p99_ms, f.server_cpu_share * 100, f.connections);
}

// Plain, per-core and Seam side by side over the same streams.
struct Comparison {
  Figures plain, per_core, seam;
  double ratio = 0;           // seam's throughput over plain's, the median of the triples
  double per_core_ratio = 0;  // seam's over the plain client with a multi per core
  // The same for tokens per CPU-second of the client, which the machine's load does not skew.
  double cpu_ratio = 0, per_core_cpu_ratio = 0;
  std::size_t triples = 0;
  long streams_checked = 0;
};

// Runs TRIPLES triples over SPECS, back to back, each variant first, second and third in turn,
// after one unrecorded triple (connections, caches).
Comparison run_triples(const std::vector<StreamSpec>& specs, int tokens, int triples,
                       const ServerProcess& server) {
  std::vector<std::string> expected;
  for (const StreamSpec& spec : specs) expected.push_back(spec.text());
  const std::string base_url = server.url("/v1");
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  PlainMultiClient plain_client(base_url + "/chat/completions", specs);
  PlainMultiClient per_core_client(base_url + "/chat/completions", specs, cores);
  PluginStreams seam_client(SEAM_BENCH_OPENAI_DIR, base_url);
  seam_client.open(specs);
  Variant plain{"plain libcurl multi", &plain_client, {}};
  Variant per_core{"plain libcurl, a multi per core", &per_core_client, {}};
  Variant seam{"seam plugin", &seam_client, {}};
  std::vector<Variant*> order = {&plain, &seam, &per_core};
  std::vector<double> ratios, per_core_ratios, cpu_ratios, per_core_cpu_ratios;
  Comparison c;
  for (int i = -1; i < triples; ++i) {
    std::vector<Round> rounds(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t which = (k + static_cast<std::size_t>(i + 1)) % order.size();
      rounds[which] = run_round(*order[which], server, expected, tokens);
      c.streams_checked += static_cast<long>(specs.size());
    }
    if (i < 0) continue;
    for (std::size_t k = 0; k < order.size(); ++k) order[k]->rounds.push_back(rounds[k]);
    ratios.push_back(rounds[1].tokens_per_second() / rounds[0].tokens_per_second());
    per_core_ratios.push_back(rounds[1].tokens_per_second() / rounds[2].tokens_per_second());
    cpu_ratios.push_back(rounds[0].cpu_ms / rounds[1].cpu_ms);
    per_core_cpu_ratios.push_back(rounds[2].cpu_ms / rounds[1].cpu_ms);
  }
  c.plain = summarize(plain.rounds);
  c.per_core = summarize(per_core.rounds);
  c.seam = summarize(seam.rounds);
  c.ratio = median(ratios);
  c.per_core_ratio = median(per_core_ratios);
  c.cpu_ratio = median(cpu_ratios);
  c.per_core_cpu_ratio = median(per_core_cpu_ratios);
  c.triples = ratios.size();
  return c;
}

void print_comparison(const Comparison& c) {
  print_row("plain libcurl multi", c.plain);
  print_row("plain libcurl, a multi per core", c.per_core);
  print_row("seam plugin", c.seam);
  std::printf(
      "  seam / plain: throughput %.3f, tokens per CPU-second %.3f (medians of %zu ratios within "
      "a triple; ratio of the medians %.3f)\n",
      c.ratio, c.cpu_ratio, c.triples, c.seam.tokens_per_second / c.plain.tokens_per_second);
  std::printf("  seam / plain with a multi per core: throughput %.3f, tokens per CPU-second %.3f\n",
              c.per_core_ratio, c.per_core_cpu_ratio);
}

std::vector<StreamSpec> numbered_streams(int streams, int tokens) {
  std::vector<StreamSpec> specs;
  for (int i = 0; i < streams; ++i) specs.push_back({i, tokens});
  return specs;
}

// What one level of concurrency came to.
struct LevelResult {
  int streams = 0;
  Figures ceiling;
  Comparison main;    // streams of --tokens: the goal
  Comparison short_;  // streams of --short-tokens: what a request costs beyond its tokens
  double plain_memory_kib = 0, seam_memory_kib = 0;
};

LevelResult run_level(const Settings& s, int streams, const ServerProcess& server,
                      const std::string& self) {
  LevelResult result;
  result.streams = streams;
  const std::vector<StreamSpec> specs = numbered_streams(streams, s.tokens);
  std::printf("\n%d concurrent streams x %d tokens (%ld tokens a round)\n", streams, s.tokens,
              static_cast<long>(streams) * s.tokens);

  // The server's ceiling first, so it is known before anything is compared against it.
  {
    RawReader raw(server.port(), "/v1/chat/completions", specs);
    Variant v{"raw reader", &raw, {}};
    const std::vector<std::string> sizes_only(specs.size());
    run_round(v, server, sizes_only, s.tokens);
    for (int i = 0; i < s.ceiling_runs; ++i) {
      v.rounds.push_back(run_round(v, server, sizes_only, s.tokens));
    }
    result.ceiling = summarize(v.rounds);
  }
  result.main = run_triples(specs, s.tokens, s.pairs, server);
  if (s.short_tokens > 0) {
    result.short_ =
        run_triples(numbered_streams(streams, s.short_tokens), s.short_tokens, s.pairs, server);
  }

  const std::string base_url = server.url("/v1");
  std::vector<double> plain_memory, seam_memory;
  for (int i = 0; i < s.memory_probes; ++i) {
    plain_memory.push_back(
        probe_memory(self, "plain", streams, s.tokens, base_url).per_stream_kib(streams));
    seam_memory.push_back(
        probe_memory(self, "plugin", streams, s.tokens, base_url).per_stream_kib(streams));
  }
  result.plain_memory_kib = median(plain_memory);
  result.seam_memory_kib = median(seam_memory);

  std::printf(
      "  the server spends %.3f us of CPU per token: one core serves %.1f M tokens/s; the raw "
      "reader got %.2f M tokens/s\n",
      result.ceiling.server_us_per_token, 1.0 / result.ceiling.server_us_per_token,
      result.ceiling.tokens_per_second / 1e6);
  print_header();
  print_row("server ceiling (raw reader)", result.ceiling);
  print_comparison(result.main);
  if (s.memory_probes > 0) {
    std::printf(
        "  memory per stream (peak RSS - base) / streams, median of %d processes: plain %.1f "
        "KiB, seam %.1f KiB\n",
        s.memory_probes, result.plain_memory_kib, result.seam_memory_kib);
  }
  if (s.short_tokens > 0) {
    std::printf("  the same with %d-token streams (what a request costs beyond its tokens):\n",
                s.short_tokens);
    print_comparison(result.short_);
  }
  return result;
}

// The Python loopback server's ceiling, for comparison (its fastest path: "tokens-N").
void python_ceiling(const Settings& s) {
  ServerProcess python({SEAM_PYTHON, SEAM_HTTP_TEST_DIR "/loopback_server.py"});
  std::printf("\nThe tests' Python loopback server (tokens-N, its fastest path), raw reader:\n");
  print_header();
  for (int streams : s.levels) {
    std::vector<StreamSpec> specs(static_cast<std::size_t>(streams), StreamSpec{-1, s.tokens});
    const std::vector<std::string> sizes_only(specs.size());
    RawReader raw(python.port(), "/v1/chat/completions", specs);
    Variant v{"raw reader", &raw, {}};
    run_round(v, python, sizes_only, s.tokens);
    for (int i = 0; i < s.ceiling_runs; ++i) {
      v.rounds.push_back(run_round(v, python, sizes_only, s.tokens));
    }
    print_row("python, " + std::to_string(streams) + " streams", summarize(v.rounds));
  }
}

// R rounds of one variant and nothing else, for a profiler.
int profile(const Settings& s) {
  ServerProcess server({SEAM_BENCH_SSE_SERVER, "--threads", std::to_string(s.server_threads)});
  const int streams = s.levels.front();
  std::vector<StreamSpec> specs;
  std::vector<std::string> expected;
  for (int i = 0; i < streams; ++i) {
    specs.push_back({i, s.tokens});
    expected.push_back(specs.back().text());
  }
  std::unique_ptr<ConcurrentClient> client;
  if (s.profile_variant == "plain") {
    client = std::make_unique<PlainMultiClient>(server.url("/v1/chat/completions"), specs);
  } else if (s.profile_variant == "plain-per-core") {
    client = std::make_unique<PlainMultiClient>(
        server.url("/v1/chat/completions"), specs,
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  } else if (s.profile_variant == "seam") {
    auto seam = std::make_unique<PluginStreams>(SEAM_BENCH_OPENAI_DIR, server.url("/v1"));
    seam->open(specs);
    client = std::move(seam);
  } else {
    throw std::runtime_error("--profile takes plain, plain-per-core or seam");
  }
  Variant v{s.profile_variant, client.get(), {}};
  for (int i = 0; i < s.pairs; ++i) v.rounds.push_back(run_round(v, server, expected, s.tokens));
  print_header();
  print_row(v.name, summarize(v.rounds));
  return 0;
}

const char* verdict(bool met) {
  return met ? "met" : "NOT MET";
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Settings s = parse_arguments(argc, argv);
    if (!s.probe_variant.empty()) {
      return run_memory_probe(s.probe_variant, s.levels.front(), s.tokens, s.probe_base_url);
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (!s.profile_variant.empty()) return profile(s);
    const std::string self = "/proc/self/exe";
    char date[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M", std::localtime(&now));
    std::printf("Seam concurrent streams benchmark (%s)\n", date);
    std::printf("machine: %s, %u cores, load average %s; %s\n",
                first_line("/proc/cpuinfo", "model name").c_str(),
                std::thread::hardware_concurrency(), load_average().c_str(), curl_version());
    std::printf(
        "server: seam-bench-sse-server, %d thread(s); %d triples per level, each variant first in "
        "turn; figures "
        "are medians over rounds; 'server' is the server's CPU as a share of one core\n",
        s.server_threads, s.pairs);

    std::vector<LevelResult> results;
    {
      ServerProcess server({SEAM_BENCH_SSE_SERVER, "--threads", std::to_string(s.server_threads)});
      // The probes run "/proc/self/exe"; resolve it here, the child's would be itself anyway.
      char path[4096];
      const ssize_t n = readlink(self.c_str(), path, sizeof path - 1);
      const std::string exe = n > 0 ? std::string(path, static_cast<std::size_t>(n)) : self;
      for (int streams : s.levels) results.push_back(run_level(s, streams, server, exe));
    }
    if (s.python_ceiling) python_ceiling(s);

    std::printf("\nGoals (load average now %s)\n", load_average().c_str());
    bool all = true;
    for (const LevelResult& r : results) {
      const double share = std::max(r.main.plain.tokens_per_second, r.main.seam.tokens_per_second) /
                           r.ceiling.tokens_per_second;
      const bool server_ok = share <= kCeilingShare;
      const bool ratio_ok = r.main.ratio >= kGoal;
      all = all && server_ok && ratio_ok;
      std::printf(
          "  %3d streams: server not the bottleneck (the faster client at <= %.0f %% of its "
          "ceiling): %.0f %% -- %s\n",
          r.streams, kCeilingShare * 100, share * 100, verdict(server_ok));
      std::printf(
          "  %3d streams: seam plugin >= %.1fx plain libcurl's throughput (%d-token streams): "
          "%.3fx (%.0f vs %.0f tokens/s) -- %s\n",
          r.streams, kGoal, s.tokens, r.main.ratio, r.main.seam.tokens_per_second,
          r.main.plain.tokens_per_second, verdict(ratio_ok));
      std::printf(
          "               per CPU-second of the client, which the machine's load does not skew "
          "(not a goal): %.3fx plain, %.3fx plain with a multi per core\n",
          r.main.cpu_ratio, r.main.per_core_cpu_ratio);
      if (s.short_tokens > 0) {
        std::printf(
            "               with %d-token streams (not a goal): throughput %.3fx plain, per "
            "CPU-second %.3fx\n",
            s.short_tokens, r.short_.ratio, r.short_.cpu_ratio);
      }
      std::printf(
          "  %3d streams: every stream's text complete and in order: %ld streams checked -- "
          "met\n",
          r.streams, r.main.streams_checked + r.short_.streams_checked);
    }
    std::printf("  all goals: %s\n", verdict(all));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench failed: %s\n", e.what());
    return 1;
  }
}
