#include "fts_sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "CREATE VIRTUAL TABLE" is how SQLite itself spells the start of the stored statement; the rest
 * is as the author wrote it, so the module name is matched loosely and case-insensitively. */
const char fts_sql_list_tables[] =
    "SELECT name FROM sqlite_master"
    " WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING%fts5%'"
    " AND sql NOT LIKE '%USING%fts5vocab%' ORDER BY name";

static int is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

int fts_sql_is_identifier(const char* name) {
  size_t i;
  if (name == NULL || !is_identifier_start(name[0])) return 0;
  for (i = 1; name[i] != '\0'; ++i) {
    if (!is_identifier_start(name[i]) && !(name[i] >= '0' && name[i] <= '9')) return 0;
  }
  return i <= FTS_SQL_MAX_IDENTIFIER;
}

void fts_sql_search(const char* table, char* out) {
  /* The table is double-quoted as well as checked, so a name that is also an SQL keyword works.
   * snippet() picks up to 16 tokens of the body (column 2) around the matches, marking them with
   * brackets; coalesce() keeps a row with a NULL id or title from becoming a JSON null. */
  snprintf(out, FTS_SQL_SEARCH_CAPACITY,
           "SELECT coalesce(id, rowid), coalesce(title, ''),"
           " coalesce(snippet(\"%s\", 2, '[', ']', '...', 16), ''), -bm25(\"%s\")"
           " FROM \"%s\" WHERE \"%s\" MATCH ?1 ORDER BY bm25(\"%s\") LIMIT ?2",
           table, table, table, table, table);
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Free text is quoted word by word because raw FTS5 query syntax rejects everyday punctuation
 * ("what's", "bees?" and "C++" are syntax errors), and a search box should never fail on what a
 * user typed. Inside an FTS5 string the tokenizer still splits and folds the word, so "Bees?"
 * matches "bees". OR lets bm25 rank documents matching more and rarer words first instead of
 * dropping every document that lacks one word of a natural-language question. */
char* fts_sql_match_expression(const char* text, int* no_memory) {
  static const char separator[] = " OR ";
  size_t len = strlen(text), n = 0, i = 0;
  /* Worst case: every byte a quote (doubled), plus two quotes and a separator per word. */
  char* out = (char*)malloc(2 * len + (len + 1) * (sizeof separator + 2) + 1);
  *no_memory = out == NULL;
  if (out == NULL) return NULL;
  while (i < len) {
    while (i < len && is_space(text[i])) ++i;
    if (i == len) break;
    if (n > 0) {
      memcpy(out + n, separator, sizeof separator - 1);
      n += sizeof separator - 1;
    }
    out[n++] = '"';
    for (; i < len && !is_space(text[i]); ++i) {
      if (text[i] == '"') out[n++] = '"'; /* FTS5 escapes a quote inside a string by doubling it */
      out[n++] = text[i];
    }
    out[n++] = '"';
  }
  out[n] = '\0';
  if (n == 0) {
    free(out);
    return NULL;
  }
  return out;
}
