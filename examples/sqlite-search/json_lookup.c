#include "json_lookup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

static const char* skip_ws(const char* p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p;
  return p;
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits at P into *CODE; returns the position after them or NULL. */
static const char* read_hex4(const char* p, unsigned* code) {
  unsigned value = 0;
  int i;
  for (i = 0; i < 4; ++i) {
    int digit = hex_digit(p[i]);
    if (digit < 0) return NULL;
    value = value * 16u + (unsigned)digit;
  }
  *code = value;
  return p + 4;
}

static size_t put_utf8(unsigned code, char* out) {
  if (code < 0x80) {
    out[0] = (char)code;
    return 1;
  }
  if (code < 0x800) {
    out[0] = (char)(0xC0 | (code >> 6));
    out[1] = (char)(0x80 | (code & 0x3F));
    return 2;
  }
  if (code < 0x10000) {
    out[0] = (char)(0xE0 | (code >> 12));
    out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[2] = (char)(0x80 | (code & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (code >> 18));
  out[1] = (char)(0x80 | ((code >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((code >> 6) & 0x3F));
  out[3] = (char)(0x80 | (code & 0x3F));
  return 4;
}

/* Decodes the escape after a backslash at P (P points at the character after '\'). Writes the
 * bytes to OUT when not NULL and adds their count to *N. Returns the position after the escape. */
static const char* decode_escape(const char* p, char* out, size_t* n) {
  static const char escapes[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
  char bytes[4];
  size_t count = 1, i;
  unsigned code, low;
  if (*p == 'u') {
    p = read_hex4(p + 1, &code);
    if (p == NULL) return NULL;
    if (code >= 0xD800 && code <= 0xDBFF && p[0] == '\\' && p[1] == 'u') {
      const char* after = read_hex4(p + 2, &low);
      if (after != NULL && low >= 0xDC00 && low <= 0xDFFF) {
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        p = after;
      }
    }
    count = put_utf8(code, bytes);
  } else {
    const char* hit = *p != '\0' ? strchr(escapes, *p) : NULL;
    /* The table pairs each escape letter (even index) with its byte (odd index). */
    if (hit == NULL || (hit - escapes) % 2 != 0) return NULL;
    bytes[0] = hit[1];
    ++p;
  }
  for (i = 0; i < count; ++i) {
    if (out != NULL) out[*n] = bytes[i];
    ++*n;
  }
  return p;
}

/* Walks the string literal at P (its opening quote). With OUT, writes the decoded bytes and a NUL
 * (never more bytes than the literal is long). Returns the position after the closing quote, or
 * NULL when malformed. */
static const char* read_string(const char* p, char* out) {
  size_t n = 0;
  if (*p != '"') return NULL;
  for (++p; *p != '"';) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x20) return NULL; /* also the NUL of a literal that never closes */
    if (c == '\\') {
      p = decode_escape(p + 1, out, &n);
      if (p == NULL) return NULL;
    } else {
      if (out != NULL) out[n] = (char)c;
      ++n;
      ++p;
    }
  }
  if (out != NULL) out[n] = '\0';
  return p + 1;
}

static const char* skip_value(const char* p, int depth);

/* Skips the object or array at P; CLOSE is '}' or ']'. */
static const char* skip_container(const char* p, char close, int depth) {
  p = skip_ws(p + 1);
  if (*p == close) return p + 1;
  for (;;) {
    if (close == '}') {
      p = read_string(skip_ws(p), NULL);
      if (p == NULL) return NULL;
      p = skip_ws(p);
      if (*p != ':') return NULL;
      ++p;
    }
    p = skip_value(p, depth + 1);
    if (p == NULL) return NULL;
    p = skip_ws(p);
    if (*p == close) return p + 1;
    if (*p != ',') return NULL;
    p = skip_ws(p + 1);
  }
}

/* Returns the position after the value at P, or NULL when malformed or nested too deeply. */
static const char* skip_value(const char* p, int depth) {
  if (depth > MAX_DEPTH) return NULL;
  p = skip_ws(p);
  switch (*p) {
    case '"':
      return read_string(p, NULL);
    case '{':
      return skip_container(p, '}', depth);
    case '[':
      return skip_container(p, ']', depth);
    default:
      if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0) return p + 4;
      if (strncmp(p, "false", 5) == 0) return p + 5;
      if (*p == '-' || (*p >= '0' && *p <= '9')) {
        while (*p != '\0' && strchr("+-0123456789.eE", *p) != NULL) ++p;
        return p;
      }
      return NULL;
  }
}

/* True when the string literal at P is exactly KEY. */
static int key_is(const char* p, const char* key) {
  size_t len = strlen(key);
  return p[0] == '"' && strncmp(p + 1, key, len) == 0 && p[len + 1] == '"';
}

/* Returns the start of the value of member KEY in the object at P, or NULL. */
static const char* member(const char* p, const char* key) {
  p = skip_ws(p);
  if (*p != '{') return NULL;
  p = skip_ws(p + 1);
  if (*p == '}') return NULL;
  for (;;) {
    const char* name = p;
    const char* value;
    p = read_string(name, NULL);
    if (p == NULL) return NULL;
    p = skip_ws(p);
    if (*p != ':') return NULL;
    value = skip_ws(p + 1);
    if (key_is(name, key)) return value;
    p = skip_value(value, 1);
    if (p == NULL) return NULL;
    p = skip_ws(p);
    if (*p != ',') return NULL;
    p = skip_ws(p + 1);
  }
}

static const char* find(const char* json, const char* const* path) {
  const char* value = json;
  for (; value != NULL && *path != NULL; ++path) value = member(value, *path);
  return value;
}

json_lookup_result json_lookup_string(const char* json, const char* const* path, char** out) {
  const char* value = json != NULL ? find(json, path) : NULL;
  const char* end;
  char* copy;
  if (value == NULL) return JSON_LOOKUP_MISSING;
  if (*value != '"') return JSON_LOOKUP_WRONG_TYPE;
  end = read_string(value, NULL);
  if (end == NULL) return JSON_LOOKUP_WRONG_TYPE;
  copy = (char*)malloc((size_t)(end - value) + 1);
  if (copy == NULL) return JSON_LOOKUP_NO_MEMORY;
  read_string(value, copy);
  *out = copy;
  return JSON_LOOKUP_FOUND;
}

json_lookup_result json_lookup_integer(const char* json, const char* const* path, long* out) {
  const char* value = json != NULL ? find(json, path) : NULL;
  char* end;
  long number;
  if (value == NULL) return JSON_LOOKUP_MISSING;
  if (*value != '-' && (*value < '0' || *value > '9')) return JSON_LOOKUP_WRONG_TYPE;
  errno = 0;
  number = strtol(value, &end, 10);
  if (end == value || errno == ERANGE || *end == '.' || *end == 'e' || *end == 'E')
    return JSON_LOOKUP_WRONG_TYPE;
  *out = number;
  return JSON_LOOKUP_FOUND;
}
