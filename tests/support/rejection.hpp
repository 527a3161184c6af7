// The one check every negative loader test makes: the plugin has a row in STATE, the row's
// error_kind, the problems() entry and the exception registry() throws under OnError::fail all
// agree on the error class, and the texts name what the user needs to find the culprit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "loader_checks.hpp"

namespace seam::test {

struct Rejection {
  PluginState state;
  // Must all appear in the thrown error's message and in the problems() entry.
  std::vector<std::string> message_mentions;
  // Must all appear in the row's reason.
  std::vector<std::string> reason_mentions;
};

// Expects the loader to have been built with OnError::fail and FILE_NAME to be its only problem.
template <class ErrorType>
void check_rejected(const Loader& loader, std::string_view file_name, const Rejection& expected) {
  const std::string kind = ErrorType("").kind();
  INFO("plugin file: ", std::string(file_name), ", expected kind: ", kind);

  const PluginRow* row = row_for_file(loader, file_name);
  REQUIRE(row != nullptr);
  CHECK(std::string(to_string(row->state)) == std::string(to_string(expected.state)));
  CHECK(row->error_kind == kind);
  for (const std::string& mention : expected.reason_mentions) {
    INFO("row reason: ", row->reason);
    CHECK_MESSAGE(contains(row->reason, mention), "reason should mention: ", mention);
  }

  const auto problems = problems_of(loader);
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().kind == kind);
  CHECK(holds<ErrorType>(problems.front().error));

  const auto thrown = registry_error(loader);
  REQUIRE_MESSAGE(thrown.has_value(), "registry() must throw under OnError::fail");
  CHECK(thrown->kind == kind);
  CHECK(holds<ErrorType>(thrown->error));
  for (const std::string& mention : expected.message_mentions) {
    INFO("error message: ", thrown->message);
    CHECK_MESSAGE(contains(thrown->message, mention), "message should mention: ", mention);
    CHECK(contains(problems.front().message, mention));
  }
}

}  // namespace seam::test
