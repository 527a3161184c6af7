// A compact binary encoding of plugin records, shared by the registry cache file and the scanner's
// stream: each field in order, integers as little-endian 32/64-bit values, strings and lists
// prefixed by their length. Decoding is one pass with no searching or unescaping; a warm start
// spends its time on the records, not on their syntax.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "record.hpp"

namespace seam::detail {

// Appends RECORD to OUT.
void encode_record(const PluginRecord& record, std::string& out);

// Reads the records that fill DATA exactly. Returns nullopt when anything is out of bounds or out
// of range: a damaged cache is ignored whole, never half-trusted.
std::optional<std::vector<PluginRecord>> decode_records(std::string_view data);

}  // namespace seam::detail
