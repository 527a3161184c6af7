// The JSON writer's string escaping on any bytes: the output is always valid JSON, and byte for
// byte what nlohmann::json prints for the same text with invalid UTF-8 replaced (its
// error_handler_t:: replace), which is the writer's documented contract.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_check.hpp"
#include "json_writer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto replace = nlohmann::json::error_handler_t::replace;

  std::string literal;
  seam::host::append_json_string(literal, text);
  FUZZ_CHECK(literal == nlohmann::json(text).dump(-1, ' ', false, replace));
  FUZZ_CHECK(nlohmann::json::accept(literal));

  // The same text as a key and a value inside a document, against dump(2).
  std::string document;
  seam::host::JsonWriter writer(document);
  writer.begin_object();
  writer.key(text);
  writer.begin_array();
  writer.string(text);
  writer.number(static_cast<std::int64_t>(size) - 3);
  writer.boolean(size % 2 == 0);
  writer.end_array();
  writer.end_object();
  nlohmann::json expected = nlohmann::json::object();
  expected[text] =
      nlohmann::json::array({text, static_cast<std::int64_t>(size) - 3, size % 2 == 0});
  FUZZ_CHECK(document == expected.dump(2, ' ', false, replace));
  return 0;
}
