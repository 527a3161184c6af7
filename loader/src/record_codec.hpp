// A plain-text encoding of plugin records, shared by the registry cache file and the scanner's
// stream: one line per fact, space-separated fields, each field percent-escaped so it holds no
// space or newline. Fast to parse, and readable when something needs explaining.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "record.hpp"

namespace seam::detail {

// Appends RECORD, ending with its "end" line, to OUT.
void encode_record(const PluginRecord& record, std::string& out);

// Reads records from TEXT. Returns nullopt when any line is malformed: a damaged cache is ignored
// whole, never half-trusted.
std::optional<std::vector<PluginRecord>> decode_records(std::string_view text);

// Escaping of one field, exposed for the scanner's "begin PATH" lines.
std::string escape_field(std::string_view text);
std::optional<std::string> unescape_field(std::string_view field);

}  // namespace seam::detail
