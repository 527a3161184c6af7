// The registry cache: a warm start scans nothing; a broken file stays broken until it changes; a
// damaged or foreign cache is ignored and rebuilt, never trusted.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "isolation_support.hpp"

using isolation::check_same_rows;
using isolation::copy_hostile;
using isolation::read_lines;
using isolation::row_for;
using isolation::scanner_options;
using isolation::ScopedEnv;
using isolation::TempDir;

namespace {

long count(const std::vector<std::string>& lines, const std::string& what) {
  return std::count(lines.begin(), lines.end(), what);
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// A folder with the calm plugin, a scan log, and a warm cache.
struct WarmCache {
  TempDir dir;
  std::filesystem::path plugins = dir.path() / "plugins";
  std::filesystem::path cache = dir.path() / "registry.cache";
  std::filesystem::path log = dir.path() / "scans.log";
  ScopedEnv env{"SEAM_TEST_SCAN_LOG", log.string()};

  WarmCache() {
    std::filesystem::create_directories(plugins);
    copy_hostile("calm", plugins);
    seam::Loader first(scanner_options(plugins, cache));
    REQUIRE(count(read_lines(log), "calm") == 1);
  }
  long scans() const { return count(read_lines(log), "calm"); }
  bool calm_registered(const seam::Loader& loader) const {
    return row_for(loader, plugins / "calm.so").state == seam::PluginState::registered;
  }
};

}  // namespace

TEST_CASE("a warm start takes records from the cache and scans nothing") {
  WarmCache w;
  seam::Loader warm(scanner_options(w.plugins, w.cache));
  CHECK(w.calm_registered(warm));
  CHECK(w.scans() == 1);
}

TEST_CASE("without a cache every start scans again") {
  WarmCache w;
  seam::Loader cold(scanner_options(w.plugins));
  CHECK(w.calm_registered(cold));
  CHECK(w.scans() == 2);
}

TEST_CASE("a broken plugin is not rescanned until its file changes") {
  TempDir dir;
  auto log = dir.path() / "scans.log";
  ScopedEnv env("SEAM_TEST_SCAN_LOG", log.string());
  auto segv = copy_hostile("segv", dir.path());
  auto cache = dir.path() / "registry.cache";

  std::string reason;
  {
    seam::Loader first(scanner_options(dir.path(), cache));
    reason = row_for(first, segv).reason;
    CHECK(reason.find("SIGSEGV") != std::string::npos);
  }
  CHECK(count(read_lines(log), "segv") == 1);
  {
    seam::Loader second(scanner_options(dir.path(), cache));
    CHECK(row_for(second, segv).state == seam::PluginState::broken);
    CHECK(row_for(second, segv).reason == reason);
  }
  CHECK(count(read_lines(log), "segv") == 1);

  std::filesystem::last_write_time(
      segv, std::filesystem::last_write_time(segv) + std::chrono::seconds(5));
  seam::Loader third(scanner_options(dir.path(), cache));
  CHECK(row_for(third, segv).state == seam::PluginState::broken);
  CHECK(count(read_lines(log), "segv") == 2);
}

TEST_CASE("a missing cache file is simply built") {
  WarmCache w;
  std::filesystem::remove(w.cache);
  seam::Loader loader(scanner_options(w.plugins, w.cache));
  CHECK(w.calm_registered(loader));
  CHECK(w.scans() == 2);
  CHECK(std::filesystem::exists(w.cache));
}

TEST_CASE("a damaged cache is ignored, rescanned and rewritten") {
  struct Damage {
    const char* what;
    std::string (*apply)(std::string);
  };
  const Damage damages[] = {
      {"truncated", [](std::string t) { return t.substr(0, t.size() / 2); }},
      {"bit-flipped",
       [](std::string t) {
         t[t.size() - 10] ^= 0x04;
         return t;
       }},
      {"foreign format version", [](std::string t) { return t.replace(t.find(' ') + 1, 1, "9"); }},
      {"not a cache at all",
       [](std::string) {
         return std::string(
             "\x7f"
             "ELF garbage");
       }},
      {"empty", [](std::string) { return std::string(); }},
  };
  for (const Damage& damage : damages) {
    CAPTURE(damage.what);
    WarmCache w;
    write_file(w.cache, damage.apply(read_file(w.cache)));
    seam::Loader loader(scanner_options(w.plugins, w.cache));
    CHECK(w.calm_registered(loader));
    CHECK(w.scans() == 2);
    // Rewritten whole: the next start trusts it again.
    seam::Loader next(scanner_options(w.plugins, w.cache));
    CHECK(w.scans() == 2);
  }
}

TEST_CASE("a cache whose record was altered never yields the altered data") {
  WarmCache w;
  std::string text = read_file(w.cache);
  // The name field: its length, then the name (the path holds "calm" too, earlier).
  const std::string name_field = std::string("\x04\0\0\0", 4) + "calm";
  auto at = text.find(name_field);
  REQUIRE(at != std::string::npos);
  text.replace(at + 4, 4, "evil");  // same length: only the checksum can tell
  write_file(w.cache, text);
  seam::Loader loader(scanner_options(w.plugins, w.cache));
  CHECK(row_for(loader, w.plugins / "calm.so").name == "calm");
}

TEST_CASE("a cache that cannot be read is ignored") {
  WarmCache w;
  std::filesystem::remove(w.cache);
  std::filesystem::create_directories(w.cache);  // a folder where the file should be
  seam::Loader loader(scanner_options(w.plugins, w.cache));
  CHECK(w.calm_registered(loader));
  CHECK(w.scans() == 2);
}

TEST_CASE("an unwritable cache location costs only the speed-up") {
  WarmCache w;
  auto blocker = w.dir.path() / "a-file";
  write_file(blocker, "not a folder");
  auto cache = blocker / "seam" / "registry.cache";
  seam::Loader first(scanner_options(w.plugins, cache));
  seam::Loader second(scanner_options(w.plugins, cache));
  CHECK(w.calm_registered(second));
  CHECK(w.scans() == 3);
}

TEST_CASE("a cache written under other scan settings is not used") {
  WarmCache w;
  seam::LoaderOptions other = scanner_options(w.plugins, w.cache);
  other.host_version = "9.9.9";
  seam::Loader loader(other);
  CHECK(w.calm_registered(loader));
  CHECK(w.scans() == 2);
}

TEST_CASE("trusting the cache skips the files' checks: a touched file is not rescanned") {
  WarmCache w;
  auto calm = w.plugins / "calm.so";
  std::filesystem::last_write_time(
      calm, std::filesystem::last_write_time(calm) + std::chrono::seconds(5));
  seam::LoaderOptions trusting = scanner_options(w.plugins, w.cache);
  trusting.trust_registry_cache = true;
  seam::Loader trusted(trusting);
  CHECK(w.scans() == 1);
  // Its twin, checking as usual, sees the change.
  seam::Loader checking(scanner_options(w.plugins, w.cache));
  CHECK(w.scans() == 2);
}

TEST_CASE("a warm start reports every field the cold start did") {
  // Every kind of field the cache holds: descriptions and reasons with spaces and quotes, a
  // dependency's candidates and install hint (sqlite-search), a broken row's reason (segv).
  TempDir dir;
  const std::filesystem::path plugins = dir.path() / "plugins";
  const std::filesystem::path cache = dir.path() / "registry.cache";
  const std::filesystem::path log = dir.path() / "scans.log";
  ScopedEnv env{"SEAM_TEST_SCAN_LOG", log.string()};
  std::filesystem::create_directories(plugins);
  copy_hostile("calm", plugins);
  copy_hostile("segv", plugins);
  for (const auto& [from, name] : {std::pair{SEAM_ECHO_PLUGIN_DIR, "seam-echo.so"},
                                   std::pair{SEAM_SQLITE_PLUGIN_DIR, "seam-sqlite-search.so"}}) {
    std::filesystem::copy_file(std::filesystem::path(from) / name, plugins / name);
  }
  const seam::Loader cold(scanner_options(plugins, cache));
  const seam::Loader warm(scanner_options(plugins, cache));
  REQUIRE(cold.report().size() == 4);
  CHECK(count(read_lines(log), "calm") == 1);  // the warm start scanned nothing
  CHECK(check_same_rows(cold, warm) > 0);      // sqlite-search's dependency was compared too
  CHECK(row_for(warm, plugins / "segv.so").reason.find(' ') != std::string::npos);
  // Twin: a cache one byte short no longer checks out (length, checksum): the next start ignores it
  // and scans again, and the rows still match.
  std::string text = read_file(cache);
  const std::size_t description = text.find("Streams the last user message back");
  REQUIRE(description != std::string::npos);
  text.erase(description, 1);
  write_file(cache, text);
  const seam::Loader rebuilt(scanner_options(plugins, cache));
  CHECK(count(read_lines(log), "calm") == 2);
  CHECK(rebuilt.report().size() == cold.report().size());
  CHECK(row_for(rebuilt, plugins / "seam-echo.so").description ==
        row_for(cold, plugins / "seam-echo.so").description);
}
