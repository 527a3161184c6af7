// The NDJSON line splitter on any byte stream: it never crashes, every line it hands on is
// non-blank and holds no LF, and the lines do not depend on how the stream was cut into
// pieces. The first byte chooses the cuts.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "ndjson_lines.hpp"
#include "stream_pieces.hpp"

namespace {

std::vector<std::string> split(std::string_view stream, unsigned seed) {
  std::vector<std::string> lines;
  seam_ollama::NdjsonLines splitter([&](std::string_view line) { lines.emplace_back(line); });
  feed_in_pieces(stream, seed, [&](std::string_view piece) { splitter.feed(piece); });
  splitter.finish();
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned seed = data[0];
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  const auto whole = split(stream, 0);
  FUZZ_CHECK(whole == split(stream, seed | 1u));
  for (const auto& line : whole) {
    FUZZ_CHECK(line.find('\n') == std::string::npos);
    FUZZ_CHECK(line.find_first_not_of(" \t") != std::string::npos);
  }

  // A tiny bound: an overlong line is a length_error, never unbounded growth or a crash.
  seam_ollama::NdjsonLines bounded([](std::string_view) {}, 8);
  try {
    for (std::size_t i = 0; i < stream.size(); i += 3) bounded.feed(stream.substr(i, 3));
    bounded.finish();
  } catch (const std::length_error&) {
  }
  return 0;
}
