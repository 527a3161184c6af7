#include "json_lite.h"

#include <stdlib.h>
#include <string.h>

static const char* skip_ws(const char* p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p;
  return p;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static const char* read_hex4(const char* p, unsigned* out) {
  unsigned v = 0;
  int i;
  for (i = 0; i < 4; ++i) {
    int h = hex_value(p[i]);
    if (h < 0) return NULL;
    v = v * 16u + (unsigned)h;
  }
  *out = v;
  return p + 4;
}

static size_t put_utf8(unsigned cp, char* out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Parses the string literal at P (which points at its opening quote). When OUT is not NULL it
 * receives the decoded bytes (never more than the literal's length) and a NUL. Returns the position
 * after the closing quote, or NULL when malformed. */
static const char* parse_string(const char* p, char* out, size_t* out_len) {
  size_t n = 0;
  if (*p != '"') return NULL;
  ++p;
  while (*p != '"') {
    unsigned char c = (unsigned char)*p;
    if (c == '\0' || c < 0x20) return NULL;
    if (c != '\\') {
      if (out) out[n] = (char)c;
      ++n;
      ++p;
      continue;
    }
    ++p;
    {
      char decoded = 0;
      switch (*p) {
        case '"':
          decoded = '"';
          break;
        case '\\':
          decoded = '\\';
          break;
        case '/':
          decoded = '/';
          break;
        case 'b':
          decoded = '\b';
          break;
        case 'f':
          decoded = '\f';
          break;
        case 'n':
          decoded = '\n';
          break;
        case 'r':
          decoded = '\r';
          break;
        case 't':
          decoded = '\t';
          break;
        case 'u': {
          unsigned cp, low;
          char buf[4];
          size_t k, len;
          p = read_hex4(p + 1, &cp);
          if (!p) return NULL;
          if (cp >= 0xD800 && cp <= 0xDBFF && p[0] == '\\' && p[1] == 'u') {
            const char* q = read_hex4(p + 2, &low);
            if (q && low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              p = q;
            }
          }
          len = put_utf8(cp, buf);
          for (k = 0; k < len; ++k) {
            if (out) out[n] = buf[k];
            ++n;
          }
          continue;
        }
        default:
          return NULL;
      }
      if (out) out[n] = decoded;
      ++n;
      ++p;
    }
  }
  if (out) out[n] = '\0';
  if (out_len) *out_len = n;
  return p + 1;
}

static const char* skip_value(const char* p, int depth);

static const char* skip_container(const char* p, char close, int depth) {
  ++p;
  p = skip_ws(p);
  if (*p == close) return p + 1;
  for (;;) {
    if (close == '}') {
      p = parse_string(skip_ws(p), NULL, NULL);
      if (!p) return NULL;
      p = skip_ws(p);
      if (*p != ':') return NULL;
      ++p;
    }
    p = skip_value(p, depth + 1);
    if (!p) return NULL;
    p = skip_ws(p);
    if (*p == close) return p + 1;
    if (*p != ',') return NULL;
    ++p;
  }
}

/* Returns the position after the value at P, or NULL when malformed (or nested too deeply). */
static const char* skip_value(const char* p, int depth) {
  if (depth > 64) return NULL;
  p = skip_ws(p);
  switch (*p) {
    case '"':
      return parse_string(p, NULL, NULL);
    case '{':
      return skip_container(p, '}', depth);
    case '[':
      return skip_container(p, ']', depth);
    default:
      if (!strncmp(p, "true", 4)) return p + 4;
      if (!strncmp(p, "null", 4)) return p + 4;
      if (!strncmp(p, "false", 5)) return p + 5;
      if (*p == '-' || (*p >= '0' && *p <= '9')) {
        while (*p && strchr("+-0123456789.eE", *p)) ++p;
        return p;
      }
      return NULL;
  }
}

/* Returns 1 when the string literal at P equals KEY. */
static int literal_equals(const char* p, const char* key) {
  size_t len = strlen(key);
  return p[0] == '"' && strncmp(p + 1, key, len) == 0 && p[len + 1] == '"';
}

/* In the object at P, calls VISIT for each member (its result is ignored). Returns
 * the position after the object, or NULL when malformed. */
typedef int (*member_visitor)(void* ctx, const char* key, const char* value);

static const char* each_member(const char* p, member_visitor visit, void* ctx) {
  p = skip_ws(p);
  if (*p != '{') return NULL;
  p = skip_ws(p + 1);
  if (*p == '}') return p + 1;
  for (;;) {
    const char* key = skip_ws(p);
    const char* value;
    p = parse_string(key, NULL, NULL);
    if (!p) return NULL;
    p = skip_ws(p);
    if (*p != ':') return NULL;
    value = skip_ws(p + 1);
    visit(ctx, key, value);
    p = skip_value(value, 1);
    if (!p) return NULL;
    p = skip_ws(p);
    if (*p == '}') return p + 1;
    if (*p != ',') return NULL;
    ++p;
  }
}

struct message_scan {
  const char* role;
  const char* content;
};

static int visit_message_member(void* ctx, const char* key, const char* value) {
  struct message_scan* scan = (struct message_scan*)ctx;
  if (*value == '"' && literal_equals(key, "role")) scan->role = value;
  if (*value == '"' && literal_equals(key, "content")) scan->content = value;
  return 0;
}

static int visit_top_member(void* ctx, const char* key, const char* value) {
  const char** last_user = (const char**)ctx;
  const char* p;
  if (!literal_equals(key, "messages") || *value != '[') return 0;
  p = skip_ws(value + 1);
  if (*p == ']') return 0;
  for (;;) {
    struct message_scan scan = {NULL, NULL};
    p = each_member(p, visit_message_member, &scan);
    if (!p) return 0;
    if (scan.role && scan.content && literal_equals(scan.role, "user")) *last_user = scan.content;
    p = skip_ws(p);
    if (*p != ',') return 0;
    p = skip_ws(p + 1);
  }
}

char* json_last_user_message(const char* request) {
  const char* content = NULL;
  const char* end;
  char* out;
  if (!request) return NULL;
  end = each_member(request, visit_top_member, (void*)&content);
  if (!end || !content) return NULL;
  end = parse_string(content, NULL, NULL);
  out = (char*)malloc((size_t)(end - content) + 1);
  if (!out) return NULL;
  parse_string(content, out, NULL);
  return out;
}

size_t json_quote(const char* text, size_t len, char* out) {
  static const char hex[] = "0123456789abcdef";
  size_t n = 0, i;
  out[n++] = '"';
  for (i = 0; i < len; ++i) {
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\\') {
      out[n++] = '\\';
      out[n++] = (char)c;
    } else if (c == '\n') {
      out[n++] = '\\';
      out[n++] = 'n';
    } else if (c < 0x20) {
      out[n++] = '\\';
      out[n++] = 'u';
      out[n++] = '0';
      out[n++] = '0';
      out[n++] = hex[c >> 4];
      out[n++] = hex[c & 0xF];
    } else {
      out[n++] = (char)c;
    }
  }
  out[n++] = '"';
  out[n] = '\0';
  return n;
}
