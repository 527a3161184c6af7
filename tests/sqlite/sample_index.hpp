// A small but real FTS5 index, built at test time with libsqlite3 (only the tests link SQLite,
// never the plugin): twenty short paragraphs on distinct topics in the table the plugin expects,
// fts5(id UNINDEXED, title, body), next to the tables its lister must tell apart.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace seam::test {

struct SampleDocument {
  std::string id;
  std::string title;
  std::string body;
};

// The documents of the "docs" table, in insertion order. One of them ("file-paths") has quotes,
// backslashes, a newline and a tab in its text, to prove events are escaped.
const std::vector<SampleDocument>& sample_documents();

// Creates DATABASE with:
//   docs        fts5(id UNINDEXED, title, body) holding sample_documents()
//   notes       a second FTS5 table (one column), so the lister has two tables to find
//   docs_terms  an fts5vocab table over docs (another module: not a searchable table)
//   authors     an ordinary table
// plus the shadow tables FTS5 makes itself (docs_data, docs_idx ...). Throws on any SQLite error.
void write_sample_index(const std::filesystem::path& database);

}  // namespace seam::test
