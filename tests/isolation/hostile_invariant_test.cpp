// The scanner's invariant, for every hostile fixture: a folder holding that plugin, twelve calm
// plugins and one that crashes reports every calm plugin registered, the crasher broken and the
// hostile plugin with the verdict it gets when scanned alone — ten runs out of ten, with absolute
// and with relative plugin paths. Nothing wrong is stored in the registry cache either: a warm
// start reports the same.
#include <doctest/doctest.h>

#include <unistd.h>

#include <set>
#include <sstream>

#include "isolation_support.hpp"

using isolation::copy_hostile;
using isolation::TempDir;

namespace {

constexpr int kRuns = 10;
constexpr int kCalmPlugins = 12;

struct Verdict {
  seam::PluginState state = seam::PluginState::registered;
  std::string error_kind;
  std::size_t contributions = 0;

  bool operator==(const Verdict& o) const {
    return state == o.state && error_kind == o.error_kind && contributions == o.contributions;
  }
};

std::ostream& operator<<(std::ostream& out, const Verdict& v) {
  return out << seam::to_string(v.state) << " " << v.error_kind << " (" << v.contributions
             << " contributions)";
}

Verdict verdict_of(const seam::PluginRow& row) {
  return Verdict{row.state, row.error_kind, row.contributions.size()};
}

// Runs the current directory's change for the lifetime of the object.
class WorkingDirectory {
 public:
  explicit WorkingDirectory(const std::filesystem::path& dir)
      : previous_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~WorkingDirectory() { std::filesystem::current_path(previous_); }

 private:
  std::filesystem::path previous_;
};

// The names of every fixture the invariant covers, to check that none was forgotten.
std::set<std::string>& covered() {
  static std::set<std::string> names;
  return names;
}

seam::LoaderOptions options_for(const std::filesystem::path& dir, std::chrono::milliseconds budget,
                                const std::filesystem::path& cache = {}) {
  seam::LoaderOptions options = isolation::scanner_options(dir, cache);
  options.scan_budget = budget;
  return options;
}

// Checks one run over DIR as the loader names it (absolute or relative).
void check_run(const std::filesystem::path& dir, const std::string& hostile, const Verdict& alone,
               std::chrono::milliseconds budget, const std::filesystem::path& cache = {}) {
  seam::Loader loader(options_for(dir, budget, cache));
  REQUIRE(loader.report().size() == kCalmPlugins + 2);
  int calm_registered = 0;
  for (const seam::PluginRow& row : loader.report()) {
    const std::string stem = std::filesystem::path(row.origin).stem().string();
    INFO("row ", row.origin, ": ", seam::to_string(row.state), " ", row.reason);
    CHECK(std::filesystem::path(row.origin).parent_path() == dir);
    if (stem.find("calm-") != std::string::npos) {
      CHECK(row.state == seam::PluginState::registered);
      CHECK(row.name == stem);
      calm_registered += row.state == seam::PluginState::registered;
    } else if (stem == "zz-crasher") {
      CHECK(row.state == seam::PluginState::broken);
      CHECK(row.reason.find("SIGSEGV") != std::string::npos);
      // What it printed is quoted: nobody before it took its stderr away.
      CHECK(row.reason.find("\"hostile: segv is about to crash\"") != std::string::npos);
    } else {
      CHECK(stem == hostile);
      CHECK(verdict_of(row) == alone);
    }
  }
  CHECK(calm_registered == kCalmPlugins);
}

void check_invariant(const std::string& hostile, seam::PluginState expected,
                     std::chrono::milliseconds budget) {
  TempDir alone_dir;
  auto alone_file = copy_hostile(hostile, alone_dir.path());
  Verdict alone;
  {
    seam::Loader loader(options_for(alone_dir.path(), budget));
    REQUIRE(loader.report().size() == 1);
    alone = verdict_of(loader.report().front());
    INFO("alone: ", loader.report().front().reason);
    CHECK(alone.state == expected);
  }

  TempDir top;
  const std::filesystem::path dir = top.make_dir("plugins");
  // Half of the calm plugins sort before every hostile one, half after: each hostile plugin is
  // scanned between calm ones, whatever its name.
  for (int i = 1; i <= kCalmPlugins; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%scalm-%02d.so", i > kCalmPlugins / 2 ? "zz-" : "", i);
    std::filesystem::copy_file(
        std::filesystem::path(SEAM_HOSTILE_DIR) / "calm-named" / "calm-named.so", dir / name);
  }
  // The crasher sorts after every hostile plugin, so a state one leaves behind would reach it.
  std::filesystem::copy_file(std::filesystem::path(SEAM_HOSTILE_DIR) / "segv" / "segv.so",
                             dir / "zz-crasher.so");
  copy_hostile(hostile, dir);

  for (int run = 0; run < kRuns; ++run) {
    CAPTURE(run);
    check_run(dir, hostile, alone, budget);
  }
  {
    WorkingDirectory here(top.path());
    for (int run = 0; run < kRuns; ++run) {
      CAPTURE(run);
      check_run("plugins", hostile, alone, budget);
    }
  }
  // Cold, then warm from what the cold run stored.
  const auto cache = top.path() / "cache" / "registry";
  check_run(dir, hostile, alone, budget, cache);
  check_run(dir, hostile, alone, budget, cache);
}

struct Register {
  explicit Register(const char* name) { covered().insert(name); }
};

}  // namespace

// One test case per fixture, so each runs (and fails) on its own.
#define HOSTILE_INVARIANT(NAME, STATE, BUDGET_MS)                                           \
  static const Register register_##NAME{#NAME};                                             \
  TEST_CASE("invariant: hostile plugin '" #NAME "' beside 12 calm ones and a crasher") {    \
    check_invariant(#NAME, seam::PluginState::STATE, std::chrono::milliseconds(BUDGET_MS)); \
  }

// Crashing or ending while scanned: broken, and only that plugin.
HOSTILE_INVARIANT(abort, broken, 700)
HOSTILE_INVARIANT(ctor, broken, 700)
HOSTILE_INVARIANT(exit0, broken, 700)
HOSTILE_INVARIANT(exit3, broken, 700)
HOSTILE_INVARIANT(hang, broken, 500)
HOSTILE_INVARIANT(term, broken, 700)
HOSTILE_INVARIANT(noisy_segv, broken, 700)
HOSTILE_INVARIANT(closefds, broken, 700)
HOSTILE_INVARIANT(garbage, broken, 700)
HOSTILE_INVARIANT(fakestop, broken, 700)
// Leaving the scanner in doubt: registered, and the next plugin gets a fresh scanner.
HOSTILE_INVARIANT(fork, registered, 700)
HOSTILE_INVARIANT(forkstay, registered, 700)
HOSTILE_INVARIANT(spawn, registered, 700)
HOSTILE_INVARIANT(thread, registered, 700)
HOSTILE_INVARIANT(chdir, registered, 700)
HOSTILE_INVARIANT(setenv, registered, 700)
HOSTILE_INVARIANT(dup2, registered, 700)
HOSTILE_INVARIANT(leakfd, registered, 700)
HOSTILE_INVARIANT(signals, registered, 700)
HOSTILE_INVARIANT(noisy, registered, 700)
HOSTILE_INVARIANT(probefds, registered, 700)
// Taking the request meant for the scanner: the next file goes to a fresh scanner.
HOSTILE_INVARIANT(steal, registered, 700)
// 100,000 backends from one plugin register well inside a scan budget.
HOSTILE_INVARIANT(many, registered, 5000)

TEST_CASE("the invariant covers every hostile fixture the build makes") {
  std::set<std::string> built;
  std::stringstream names(SEAM_HOSTILE_NAMES);
  for (std::string name; std::getline(names, name, ',');) built.insert(name);
  // segv is the crasher of every case.
  built.erase("segv");
  CHECK(built == covered());
}
