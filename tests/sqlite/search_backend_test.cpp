// The (search, sqlite-fts) backend against a real FTS5 index: ranking, limits, empty answers,
// escaping, cancellation and concurrent workers.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <thread>
#include <vector>

#include "sample_index.hpp"
#include "search_plugin.hpp"

using namespace seam;
using namespace seam::test;

namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool scores_never_increase(const std::vector<nlohmann::json>& results) {
  for (std::size_t i = 1; i < results.size(); ++i) {
    if (results[i]["score"].get<double>() > results[i - 1]["score"].get<double>()) return false;
  }
  return true;
}

// A query whose words ("the") appear in more than ten of the sample documents.
const char* const kCommonWord = "the";

}  // namespace

TEST_CASE("sqlite-search: a query streams ranked results, best hit first, then done") {
  SearchPlugin plugin;
  Worker worker = plugin.make_worker();

  std::vector<nlohmann::json> events = search_all(worker, search_request("honey bees nectar"));
  REQUIRE(events.size() >= 2);
  CHECK(events.back() == nlohmann::json{{"type", "done"}});
  std::vector<nlohmann::json> results = results_of(events);
  CHECK(results.size() == events.size() - 1);  // nothing but results before done

  REQUIRE_FALSE(results.empty());
  const nlohmann::json& best = results.front();
  CHECK(best["id"] == "bees");
  CHECK(best["title"] == "Honey bees");
  CHECK(best["score"].is_number());
  CHECK(best["score"].get<double>() > 0.0);  // -bm25: higher is better
  // The snippet is an excerpt of the body with the matched words marked.
  CHECK(lowercase(best["snippet"].get<std::string>()).find("[honey]") != std::string::npos);
  CHECK(scores_never_increase(results));
}

TEST_CASE("sqlite-search: ranking follows bm25 over many matching documents") {
  SearchPlugin plugin;
  Worker worker = plugin.make_worker();

  std::vector<nlohmann::json> results =
      results_of(search_all(worker, search_request("water gravity", 20)));
  // Water: bees, photosynthesis, aqueducts, monsoon; gravity: aqueducts, black-holes (and tides'
  // "gravitational" does not count: FTS5 matches whole tokens). Aqueducts has both words.
  REQUIRE(results.size() == 5);
  CHECK(results.front()["id"] == "aqueducts");
  CHECK(scores_never_increase(results));
  CHECK(results.front()["score"].get<double>() > results.back()["score"].get<double>());
}

TEST_CASE("sqlite-search: free text with punctuation is searched word by word, not parsed") {
  SearchPlugin plugin;
  Worker worker = plugin.make_worker();

  // Raw FTS5 syntax would reject '?', the apostrophe and the stray quote.
  std::vector<nlohmann::json> results =
      results_of(search_all(worker, search_request("Where's a \"volcano's magma?")));
  REQUIRE_FALSE(results.empty());
  CHECK(results.front()["id"] == "volcanoes");
}

TEST_CASE("sqlite-search: limit caps the results, and defaults to 10") {
  SearchPlugin plugin;
  Worker worker = plugin.make_worker();

  CHECK(results_of(search_all(worker, search_request(kCommonWord, 3))).size() == 3);
  CHECK(results_of(search_all(worker, search_request(kCommonWord, 1))).size() == 1);
  CHECK(results_of(search_all(worker, search_request(kCommonWord))).size() == 10);
  // Positive twin: the word really matches more than ten documents, so the caps did the cutting.
  CHECK(results_of(search_all(worker, search_request(kCommonWord, 100))).size() > 10);
}

TEST_CASE("sqlite-search: a query that matches nothing yields only done") {
  SearchPlugin plugin;
  Worker worker = plugin.make_worker();

  std::vector<nlohmann::json> events = search_all(worker, search_request("xylophone quasar"));
  REQUIRE(events.size() == 1);
  CHECK(events.front() == nlohmann::json{{"type", "done"}});
}

TEST_CASE("sqlite-search: quotes, backslashes and control characters are escaped in events") {
  SearchPlugin plugin;
  Worker worker = plugin.make_worker();

  std::vector<nlohmann::json> results =
      results_of(search_all(worker, search_request("backslashes")));
  REQUIRE(results.size() == 1);  // search_all parsed every event, so each one was valid JSON
  const SampleDocument& paths = sample_documents().back();
  CHECK(results.front()["id"] == paths.id);
  CHECK(results.front()["title"] == paths.title);
  const std::string snippet = results.front()["snippet"];
  CHECK(snippet.find("C:\\Users\\ada") != std::string::npos);
  CHECK(snippet.find("[backslashes]") != std::string::npos);
}

TEST_CASE("sqlite-search: a callback returning false cancels the search") {
  SearchPlugin plugin;
  Worker worker = plugin.make_worker();

  std::size_t seen = 0;
  InvokeOutcome outcome = worker.invoke(search_request(kCommonWord), [&](std::string_view) {
    ++seen;
    return false;
  });
  CHECK(outcome == InvokeOutcome::cancelled);
  CHECK(seen == 1);

  // Positive twin: the same worker completes the next request.
  CHECK(results_of(search_all(worker, search_request(kCommonWord))).size() == 10);
}

TEST_CASE("sqlite-search: a request without a query, or with a bad limit, is refused") {
  SearchPlugin plugin;
  Worker worker = plugin.make_worker();
  auto status_of = [&](const std::string& request) {
    try {
      search_all(worker, request);
    } catch (const WorkerError& error) {
      const std::string message = error.what();
      const bool names_the_member = message.find("\"query\"") != std::string::npos ||
                                    message.find("\"limit\"") != std::string::npos;
      CHECK(names_the_member);
      return error.status();
    }
    return SEAM_OK;
  };

  CHECK(status_of(R"({"messages":[{"role":"user","content":"bees"}]})") == SEAM_E_INVALID_ARGUMENT);
  CHECK(status_of(R"({"query":"   "})") == SEAM_E_INVALID_ARGUMENT);
  CHECK(status_of(R"({"query":"bees","limit":0})") == SEAM_E_INVALID_ARGUMENT);
  CHECK(status_of(R"({"query":"bees","limit":"5"})") == SEAM_E_INVALID_ARGUMENT);
  CHECK(status_of(R"({"query":"bees","limit":2.5})") == SEAM_E_INVALID_ARGUMENT);
  // Positive twin.
  CHECK(status_of(R"({"limit":2,"query":"bees"})") == SEAM_OK);
}

TEST_CASE("sqlite-search: workers on several threads search the same index at once") {
  SearchPlugin plugin;
  const std::vector<std::string> queries = {"honey", "volcanoes", "chess", "penguins"};
  std::vector<std::string> best(queries.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    threads.emplace_back([&, i] {
      try {  // an exception escaping a thread would end the whole test run
        Worker worker = plugin.make_worker();
        for (int round = 0; round < 20; ++round) {
          std::vector<nlohmann::json> results =
              results_of(search_all(worker, search_request(queries[i])));
          best[i] = results.empty() ? "" : results.front()["id"].get<std::string>();
        }
      } catch (const std::exception& error) {
        best[i] = std::string("error: ") + error.what();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(best == std::vector<std::string>{"bees", "volcanoes", "chess", "penguins"});
}

TEST_CASE("sqlite-search: JSON escapes in the request are decoded before searching") {
  SearchPlugin plugin;
  Worker worker = plugin.make_worker();

  // \u0070 is 'p'; the surrogate pair is an emoji, a word that matches nothing.
  std::vector<nlohmann::json> results =
      results_of(search_all(worker, R"({"limit":1,"query":"\u0070enguins \ud83d\udc27"})"));
  REQUIRE(results.size() == 1);
  CHECK(results.front()["id"] == "penguins");

  // Members the backend does not know are skipped over, however they are nested.
  results = results_of(search_all(
      worker, R"({"options":{"a":[1,{"b":"}"}],"c":null},"query":"chess","flag":true})"));
  REQUIRE_FALSE(results.empty());
  CHECK(results.front()["id"] == "chess");
}
