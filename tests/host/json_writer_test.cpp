// The streaming JSON writer against nlohmann's dump(2), which it replaces for `plugins list
// --json`: same text for the same data, invalid UTF-8 replaced instead of thrown, and the plugin
// report the same as the DOM the command used to build.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <echo.h>
#include <nlohmann/json.hpp>
#include <seam/loader/dependencies.hpp>
#include <seam/loader/loader.hpp>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"
#include "json_writer.hpp"
#include "plugins_list.hpp"

using namespace seam;
using namespace seam::test;
using nlohmann::json;
using seam::host::JsonWriter;

namespace {

// Every byte nlohmann escapes, plus the ones it must leave alone.
std::string tricky_text() {
  std::string text = "quote \" backslash \\ slash / del \x7f ";
  for (int c = 0; c < 0x20; ++c) text += static_cast<char>(c);
  text += " caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E";  // é, €, U+1D11E: 2, 3 and 4 bytes
  return text;
}

// nlohmann's own output for a string that may hold invalid UTF-8, replaced as the writer does.
std::string nlohmann_replaced(const std::string& text) {
  return json(text).dump(2, ' ', false, json::error_handler_t::replace);
}

std::string streamed_string(const std::string& text) {
  std::string out;
  JsonWriter(out).string(text);
  return out;
}

// "ff 41" for "\xff" "A": failure messages must not print the invalid bytes themselves.
std::string hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  for (unsigned char c : bytes) {
    if (!text.empty()) text += ' ';
    text += kDigits[c >> 4];
    text += kDigits[c & 0xF];
  }
  return text;
}

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// The plugin report as `plugins list --json` built it before the streaming writer, kept here as
// the reference the streamed text must equal.
json old_contribution_json(const Contribution& c, bool probe) {
  json deps = json::array();
  for (const auto& d : c.dependencies) {
    json dep{{"name", d.name}, {"candidates", d.candidates}, {"install_hint", d.install_hint}};
    if (probe) {
      DependencyProbe found = probe_dependency(d);
      dep["found"] = found.found;
      dep[found.found ? "candidate" : "why"] = found.found ? found.candidate : found.why;
    }
    deps.push_back(dep);
  }
  return {{"kind", c.kind == Contribution::Kind::lister ? "lister" : "backend"},
          {"family", c.family},
          {"sdk", c.sdk},
          {"label", c.label()},
          {"flags", c.flags},
          {"dependencies", deps}};
}

json old_report_json(const std::vector<PluginRow>& report,
                     const std::vector<std::exception_ptr>& problem_list, bool probe) {
  json plugins = json::array();
  for (const PluginRow& row : report) {
    json contributions = json::array();
    for (const auto& c : row.contributions) {
      contributions.push_back(old_contribution_json(c, probe));
    }
    plugins.push_back({{"name", row.name},
                       {"version", row.version},
                       {"description", row.description},
                       {"vendor", row.vendor},
                       {"api_version", row.api_version},
                       {"origin", row.origin},
                       {"builtin", row.builtin},
                       {"core_unconditional", row.core_unconditional},
                       {"state", std::string(to_string(row.state))},
                       {"reason", row.reason},
                       {"error_kind", row.error_kind},
                       {"contributions", contributions}});
  }
  json problems = json::array();
  for (const auto& problem : problem_list) {
    try {
      std::rethrow_exception(problem);
    } catch (const Error& e) {
      problems.push_back({{"kind", e.kind()}, {"message", e.what()}});
    }
  }
  return {{"ok", problem_list.empty()}, {"plugins", plugins}, {"problems", problems}};
}

// Rows no fixture produces: declared dependencies (one that loads, one that cannot), odd text, a
// large api_version and flags, and every state.
std::vector<PluginRow> synthetic_rows() {
  Contribution backend;
  backend.family = "llm";
  backend.sdk = "odd";
  backend.flags = std::numeric_limits<std::uint32_t>::max();
  backend.dependencies = {
      DependencyInfo{"libc", {"libc.so.6"}, "always there"},
      DependencyInfo{"absent",
                     {"libseam-json-test-absent.so.1", "libseam-json-test-absent.so"},
                     "apt install \"nothing\"\n"},
      DependencyInfo{"none", {}, ""}};
  Contribution lister;
  lister.kind = Contribution::Kind::lister;
  lister.sdk = "odd";

  PluginRow odd;
  odd.name = "odd";
  odd.version = "1.2.3";
  odd.description = tricky_text();
  odd.vendor = "";
  odd.api_version = std::numeric_limits<std::uint32_t>::max();
  odd.origin = "/plugins/odd \"one\".so";
  odd.contributions = {backend, lister};

  std::vector<PluginRow> rows{odd};
  for (PluginState state : {PluginState::disabled, PluginState::broken, PluginState::incompatible,
                            PluginState::duplicate}) {
    PluginRow row;
    row.name = std::string(to_string(state));
    row.state = state;
    row.reason = "because\tof " + tricky_text();
    row.error_kind = "BrokenPluginError";
    row.builtin = state == PluginState::disabled;
    row.core_unconditional = state == PluginState::disabled;
    rows.push_back(row);
  }
  return rows;
}

void check_same_as_dom(const std::vector<PluginRow>& report,
                       const std::vector<std::exception_ptr>& problems, bool probe) {
  const std::string streamed = host::report_json(report, problems, probe);
  const json dom = old_report_json(report, problems, probe);
  CHECK(streamed == dom.dump(2));
  CHECK(json::parse(streamed) == dom);
}

}  // namespace

TEST_CASE("json writer: a nested document with every value type is nlohmann's dump(2)") {
  const std::string tricky = tricky_text();
  // Keys in sorted order, as a default nlohmann object keeps them.
  const json dom = {
      {"", "empty key"},
      {"array", {1, "two", true, false, json::array(), json::object(), {json::array()}}},
      {"bools", {true, false}},
      {"empty_array", json::array()},
      {"empty_object", json::object()},
      {"empty_string", ""},
      {"key with \"quote\"\n", tricky},
      {"nested",
       {{"deeper", {{"list", {json::object(), {{"x", 1}}}}}}, {"tricky", json::array({tricky})}}},
      {"numbers",
       {0, 42, -1, std::numeric_limits<std::int64_t>::min(),
        std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::uint64_t>::max(),
        std::numeric_limits<std::uint32_t>::max()}}};

  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("");
  w.string("empty key");
  w.key("array");
  w.begin_array();
  w.number(1);
  w.string("two");
  w.boolean(true);
  w.boolean(false);
  w.begin_array();
  w.end_array();
  w.begin_object();
  w.end_object();
  w.begin_array();
  w.begin_array();
  w.end_array();
  w.end_array();
  w.end_array();
  w.key("bools");
  w.begin_array();
  w.boolean(true);
  w.boolean(false);
  w.end_array();
  w.key("empty_array");
  w.begin_array();
  w.end_array();
  w.key("empty_object");
  w.begin_object();
  w.end_object();
  w.key("empty_string");
  w.string("");
  w.key("key with \"quote\"\n");
  w.string(tricky);
  w.key("nested");
  w.begin_object();
  w.key("deeper");
  w.begin_object();
  w.key("list");
  w.begin_array();
  w.begin_object();
  w.end_object();
  w.begin_object();
  w.key("x");
  w.number(1);
  w.end_object();
  w.end_array();
  w.end_object();
  w.key("tricky");
  w.begin_array();
  w.string(tricky);
  w.end_array();
  w.end_object();
  w.key("numbers");
  w.begin_array();
  w.number(0);
  w.number(42);
  w.number(-1);
  w.number(std::numeric_limits<std::int64_t>::min());
  w.number(std::numeric_limits<std::int64_t>::max());
  w.number(std::numeric_limits<std::uint64_t>::max());
  w.number(std::numeric_limits<std::uint32_t>::max());
  w.end_array();
  w.end_object();

  CHECK(out == dom.dump(2));
  // Spot checks, so a change on both sides (say a new nlohmann default) still shows up.
  CHECK(out.find("\n  \"empty_array\": [],\n") != std::string::npos);
  CHECK(out.find("\n  \"empty_object\": {},\n") != std::string::npos);
  CHECK(out.find("\\u0000\\u0001") != std::string::npos);
  CHECK(out.find("\\u001f") != std::string::npos);
  CHECK(out.find("\\b\\t\\n\\u000b\\f\\r") != std::string::npos);
  CHECK(out.find("del \x7f ") != std::string::npos);
}

TEST_CASE("json writer: top-level scalars and empty containers are nlohmann's dump(2)") {
  auto written = [](auto write) {
    std::string out;
    JsonWriter w(out);
    write(w);
    return out;
  };
  CHECK(written([](JsonWriter& w) {
          w.begin_object();
          w.end_object();
        }) == json::object().dump(2));
  CHECK(written([](JsonWriter& w) {
          w.begin_array();
          w.end_array();
        }) == json::array().dump(2));
  CHECK(written([](JsonWriter& w) { w.string(""); }) == json("").dump(2));
  CHECK(written([](JsonWriter& w) { w.number(-7); }) == json(-7).dump(2));
  CHECK(written([](JsonWriter& w) { w.boolean(false); }) == json(false).dump(2));
}

TEST_CASE("json writer: invalid UTF-8 becomes U+FFFD in valid JSON") {
  struct Case {
    std::string input;
    std::string decoded;  // what a JSON parser reads back
  };
  const std::string r = kReplacement;
  const std::vector<Case> cases{
      {"a\xFF"
       "b",
       "a" + r + "b"},                                // a byte that never occurs in UTF-8
      {"\xFF", r},                                    // alone
      {"x\xE2\x82", "x" + r},                         // truncated at the end
      {"\xE2\x82y", r + "y"},                         // truncated before an ASCII byte
      {"\xC0\xAF", r + r},                            // overlong '/', two bytes
      {"\xE0\x80\xAF", r + r + r},                    // overlong '/', three bytes
      {"\xED\xA0\x80", r + r + r},                    // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", r + r + r + r},            // above U+10FFFF
      {"\x80\xBF", r + r},                            // continuation bytes without a lead
      {"\xF0\x9D\x84\"", r + "\""},                   // truncated before a byte that needs escaping
      {"\xE2\x82\xE2\x82\xAC", r + "\xE2\x82\xAC"}};  // truncated, then a valid euro sign

  for (const Case& c : cases) {
    const std::string out = streamed_string(c.input);
    INFO("input bytes: ", hex(c.input), "\nout bytes: ", hex(out));
    const json parsed = json::parse(out, nullptr, false);
    REQUIRE_FALSE(parsed.is_discarded());
    CHECK(parsed.get<std::string>() == c.decoded);
    CHECK(out == nlohmann_replaced(c.input));
  }
}

// Twin: well-formed UTF-8, including every boundary of table 3-7, comes back unchanged.
TEST_CASE("json writer: valid UTF-8 passes through unchanged") {
  const std::vector<std::string> inputs{"\xC2\x80",
                                        "\xDF\xBF",
                                        "\xE0\xA0\x80",
                                        "\xED\x9F\xBF",
                                        "\xEE\x80\x80",
                                        "\xEF\xBF\xBF",
                                        "\xF0\x90\x80\x80",
                                        "\xF4\x8F\xBF\xBF",
                                        "caf\xC3\xA9 ok",
                                        kReplacement,
                                        "\xE2\x82\xAC\xE2\x82\xAC"};
  for (const std::string& input : inputs) {
    const std::string out = streamed_string(input);
    INFO("out: ", out);
    CHECK(out == "\"" + input + "\"");
    CHECK(json::parse(out).get<std::string>() == input);
    CHECK(out == json(input).dump(2));  // strict: nlohmann would throw if it were invalid
  }
}

// Random byte strings weighted toward the bytes that matter, against nlohmann's replacing dump.
TEST_CASE("json writer: random bytes are escaped and replaced exactly as nlohmann does") {
  const unsigned char alphabet[] = {'a',  '"',  '\\', '\n', 0x00, 0x1F, 0x7F, 0x80, 0x8F, 0x90,
                                    0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
                                    0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  std::mt19937 random(20240611);  // fixed: a failure must reproduce
  for (int n = 0; n < 20000; ++n) {
    std::string input;
    const std::size_t length = random() % 9;
    for (std::size_t i = 0; i < length; ++i) {
      input += static_cast<char>(alphabet[random() % sizeof alphabet]);
    }
    const std::string out = streamed_string(input);
    if (out != nlohmann_replaced(input)) {
      const std::string message = "differs for bytes " + hex(input) + ": " + hex(out) + " vs " +
                                  hex(nlohmann_replaced(input));
      FAIL_CHECK(message);
      break;
    }
  }
}

TEST_CASE("json writer: a document written in chunks is the same text as one written whole") {
  // Objects nested in arrays, with long strings, so that a small chunk is reached many times and at
  // every depth; the chunked writer must lose, repeat or reorder nothing.
  auto write = [](JsonWriter& w) {
    w.begin_object();
    w.key("rows");
    w.begin_array();
    for (int i = 0; i < 300; ++i) {
      w.begin_object();
      w.key("id");
      w.number(i);
      w.key("text");
      w.string(std::string(static_cast<std::size_t>(i % 97), 'x') + tricky_text());
      w.key("inner");
      w.begin_array();
      for (int k = 0; k < i % 4; ++k) {
        w.begin_object();
        w.key("k");
        w.number(k);
        w.end_object();
      }
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  };
  std::string whole;
  JsonWriter one(whole);
  write(one);

  for (std::size_t chunk : {std::size_t{1}, std::size_t{100}, std::size_t{4096}}) {
    CAPTURE(chunk);
    std::ostringstream sink;
    std::string buffer;
    JsonWriter chunked(buffer, sink, chunk);
    write(chunked);
    // Twin of the check below: the chunks really went out before the end.
    CHECK(sink.str().size() > whole.size() / 2);
    CHECK(buffer.size() < whole.size() / 2);
    CHECK(sink.str() + buffer == whole);
  }
}

TEST_CASE("plugins list json: a real loader report is the text the DOM printed") {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  copy_fixture("api-too-new", plugins);
  copy_fixture("register-fails", plugins);
  copy_into(fixture_file("not-a-plugin", "not-a-plugin.so"), plugins);
  copy_into(fixture_file("duplicate-backend", "dup-a.so"), plugins);
  copy_into(fixture_file("duplicate-backend", "dup-b.so"), plugins);
  LoaderOptions options = options_for_dir(plugins);
  options.builtins = {BuiltinPlugin{&seam_echo_plugin, true}};
  options.disabled = {"good"};
  const Loader loader(options);
  REQUIRE(loader.report().size() == 7);
  REQUIRE_FALSE(loader.problems().empty());

  for (bool probe : {false, true}) {
    CAPTURE(probe);
    check_same_as_dom(loader.report(), loader.problems(), probe);

    std::ostringstream out;
    host::ListOptions list_options;
    list_options.json = true;
    list_options.probe = probe;
    const int exit_code = host::plugins_list(loader, list_options, out);
    CHECK(exit_code == 3);
    // The command's report adds the folders searched to what the DOM printed.
    nlohmann::json expected = old_report_json(loader.report(), loader.problems(), probe);
    expected["folders"] = nlohmann::json::array();
    for (const SearchedFolder& folder : loader.searched_folders()) {
      expected["folders"].push_back({{"path", folder.path.string()},
                                     {"origin", std::string(to_string(folder.origin))},
                                     {"exists", folder.exists}});
    }
    CHECK(out.str() == expected.dump(2) + "\n");
  }
}

TEST_CASE(
    "plugins list json: dependencies, odd text and every state are the text the DOM printed") {
  const std::vector<PluginRow> rows = synthetic_rows();
  const std::vector<std::exception_ptr> problems{
      std::make_exception_ptr(BrokenPluginError("broken: " + tricky_text())),
      std::make_exception_ptr(DuplicatePluginError("duplicate"))};
  for (bool probe : {false, true}) {
    CAPTURE(probe);
    check_same_as_dom(rows, problems, probe);
    check_same_as_dom(rows, {}, probe);
  }
  check_same_as_dom({}, {}, false);

  // The probe really ran both ways, so both branches of the dependency member order are covered.
  const json probed = json::parse(host::report_json(rows, {}, true));
  const json deps = probed["plugins"][0]["contributions"][0]["dependencies"];
  CHECK(deps[0]["found"] == true);
  CHECK(deps[0].contains("candidate"));
  CHECK(deps[1]["found"] == false);
  CHECK(deps[1].contains("why"));
}

// Twin: text the DOM could not print at all (it throws on invalid UTF-8) now comes out valid.
TEST_CASE("plugins list json: a description with invalid UTF-8 still gives valid JSON") {
  std::vector<PluginRow> rows = synthetic_rows();
  rows[0].description = "bad \xFF byte";
  CHECK_THROWS(old_report_json(rows, {}, false).dump(2));
  const json parsed = json::parse(host::report_json(rows, {}, false), nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed["plugins"][0]["description"] == "bad " + kReplacement + " byte");
}
