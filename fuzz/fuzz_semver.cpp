// Semantic versions and host version ranges on any text: no crash, and what parses means what it
// says. The input is "RANGE\nVERSION" (VERSION alone when there is no newline).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "semver.hpp"

namespace {

std::string text_of(const seam::detail::Version& v) {
  // Numbers are kept as their digits, so a version of any length prints back as itself.
  return v.major + "." + v.minor + "." + v.patch;
}

bool same(const seam::detail::Version& a, const seam::detail::Version& b) {
  return a.major == b.major && a.minor == b.minor && a.patch == b.patch;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seam::detail;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view range = newline == std::string_view::npos ? "" : input.substr(0, newline);
  const std::string_view version_text =
      newline == std::string_view::npos ? input : input.substr(newline + 1);

  const auto version = parse_semver(version_text);
  const Version probe = version.value_or(Version{"1", "2", "3"});
  // Any range text gets an answer, never an exception; an empty answer means "satisfied".
  (void)range_problem(range, probe);
  (void)range_problem(version_text, probe);

  if (version) {
    // What parsed prints back as itself and bounds itself exactly.
    const std::string exact = text_of(*version);
    const auto again = parse_semver(exact);
    FUZZ_CHECK(again && same(*again, *version));
    FUZZ_CHECK(range_problem("=" + exact, *version).empty());
    FUZZ_CHECK(range_problem(">=" + exact + ", <=" + exact, *version).empty());
    FUZZ_CHECK(!range_problem(">" + exact, *version).empty());
    FUZZ_CHECK(!range_problem("<" + exact, *version).empty());
  }
  return 0;
}
