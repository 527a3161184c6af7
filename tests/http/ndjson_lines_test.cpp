// The ollama plugin's NDJSON line splitter: lines come out whole whatever the pieces.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "ndjson_lines.hpp"

using seam_ollama::NdjsonLines;

namespace {

std::vector<std::string> split(const std::vector<std::string>& pieces) {
  std::vector<std::string> lines;
  NdjsonLines splitter([&](std::string_view line) { lines.emplace_back(line); });
  for (const std::string& piece : pieces) splitter.feed(piece);
  splitter.finish();
  return lines;
}

}  // namespace

TEST_CASE("ndjson: LF and CRLF end lines, blank lines are skipped, the last needs no newline") {
  const std::vector<std::string> expected = {"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"};
  CHECK(split({"{\"a\":1}\n{\"b\":2}\r\n\n  \n{\"c\":3}"}) == expected);
  CHECK(split({"{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n"}) == expected);
}

TEST_CASE("ndjson: a line split anywhere, including inside a UTF-8 character, comes out whole") {
  const std::string text = "{\"t\":\"h\xC3\xA9\"}\r\n{\"t\":\"\xF0\x9F\x8C\x8D\"}\n";
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    INFO("cut at ", cut);
    CHECK(split({text.substr(0, cut), text.substr(cut)}) ==
          std::vector<std::string>{"{\"t\":\"h\xC3\xA9\"}", "{\"t\":\"\xF0\x9F\x8C\x8D\"}"});
  }
}

TEST_CASE("ndjson: a line longer than the bound throws, a shorter one passes") {
  NdjsonLines bounded([](std::string_view) {}, 16);
  CHECK_THROWS_AS(bounded.feed(std::string(40, 'x')), std::length_error);
  NdjsonLines roomy([](std::string_view) {}, 16);
  CHECK_NOTHROW(roomy.feed(std::string(10, 'x') + "\n"));
}
