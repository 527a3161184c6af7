/* A complete Seam host in C: lists the plugins found in a folder, runs one request on an llm
 * backend and streams the answer. Build it against the installed loader:
 *
 *     cc -std=c99 -o c-host c_host.c $(pkg-config --cflags --libs seam-loader)
 *     ./c-host PLUGIN_DIR [SDK [PROMPT [BACKEND_CONFIG_JSON]]]
 *
 * SDK defaults to "echo"; BACKEND_CONFIG_JSON is the backend instance's parameters, e.g.
 * '{"base_url":"http://127.0.0.1:8080/v1"}' for the openai plugin. */
#include <stdio.h>
#include <string.h>

#include <seam/seam_loader.h>

/* Prints the "text" of a {"type":"delta","text":"..."} event as it arrives. */
static int32_t SEAM_CALL print_delta(void* ctx, const char* event, size_t len) {
  const char* text = strstr(event, "\"text\":\"");
  (void)ctx;
  (void)len;
  if (strstr(event, "\"type\":\"delta\"") == NULL || text == NULL) return 0;
  for (text += 8; *text != '\0' && *text != '"'; ++text) {
    if (*text == '\\' && text[1] != '\0') {
      ++text;
      putchar(*text == 'n' ? '\n' : *text == 't' ? '\t' : *text);
    } else {
      putchar(*text);
    }
  }
  fflush(stdout);
  return 0; /* non-zero would cancel the request */
}

/* Writes S as a JSON string (quoted, escaped) into OUT of SIZE bytes. */
static void json_string(char* out, size_t size, const char* s) {
  size_t n = 0;
  out[n++] = '"';
  for (; *s != '\0' && n + 8 < size; ++s) {
    if (*s == '"' || *s == '\\') out[n++] = '\\';
    if ((unsigned char)*s < 0x20) {
      n += (size_t)sprintf(out + n, "\\u%04x", (unsigned)*s);
      continue;
    }
    out[n++] = *s;
  }
  out[n++] = '"';
  out[n] = '\0';
}

int main(int argc, char** argv) {
  const char* sdk = argc > 2 ? argv[2] : "echo";
  const char* prompt = argc > 3 ? argv[3] : "Hello from a C host";
  const char* paths[2] = {NULL, NULL};
  seam_loader_options options = {0};
  seam_loader_http* http = NULL;
  seam_loader_service service = {0};
  seam_loader_error* error = seam_loader_error_create();
  seam_loader* loader = NULL;
  const seam_loader_backend* backend = NULL;
  seam_loader_worker* worker = NULL;
  seam_loader_worker_spec spec = {0};
  char quoted[512], request[600], model[1100];
  uint32_t i, count;
  int32_t status;

  if (argc < 2) {
    fprintf(stderr, "usage: %s PLUGIN_DIR [SDK [PROMPT [BACKEND_CONFIG_JSON]]]\n", argv[0]);
    return 2;
  }
  /* The HTTP service, offered to plugins as seam.http/1 (the openai plugin needs it). */
  if (seam_loader_http_create(NULL, &http, error) != SEAM_OK) goto failed;
  service.struct_size = sizeof service;
  service.id = SEAM_LOADER_HTTP_SERVICE_ID;
  service.table = seam_loader_http_table(http);

  paths[0] = argv[1];
  options.struct_size = sizeof options;
  options.on_error = SEAM_LOADER_ON_ERROR_SKIP; /* a broken plugin is reported, not fatal */
  options.search_paths = paths;
  options.services = &service;
  options.service_count = 1;
  if (seam_loader_create(&options, &loader, error) != SEAM_OK) goto failed;

  count = seam_loader_report_count(loader);
  for (i = 0; i < count; ++i) {
    seam_loader_plugin_row row = {0};
    row.struct_size = sizeof row;
    seam_loader_report_row(loader, i, &row);
    printf("%-14s %-8s %-12s %s\n", row.name, row.version[0] ? row.version : "-", row.state_name,
           row.origin);
    if (row.reason[0] != '\0') printf("    %s: %s\n", row.error_kind, row.reason);
  }

  if (seam_loader_find_backend(loader, "llm", sdk, &backend, error) != SEAM_OK) goto failed;
  json_string(quoted, sizeof quoted, sdk);
  snprintf(model, sizeof model, "{\"name\":%s,\"model_id\":%s,\"options\":{}}", quoted, quoted);
  spec.struct_size = sizeof spec;
  spec.backend_name = sdk;
  spec.model_json = model;
  spec.backend_config_json = argc > 4 ? argv[4] : "{}";
  if (seam_loader_backend_make_worker(backend, &spec, &worker, error) != SEAM_OK) goto failed;

  json_string(quoted, sizeof quoted, prompt);
  snprintf(request, sizeof request, "{\"messages\":[{\"role\":\"user\",\"content\":%s}]}", quoted);
  printf("\n%s (plugin %s) answers: ", sdk, seam_loader_backend_plugin(backend));
  status = seam_loader_worker_invoke(worker, request, print_delta, NULL, error);
  printf("\n");
  if (status != SEAM_OK) goto failed;

  seam_loader_worker_destroy(worker);
  seam_loader_destroy(loader);
  seam_loader_http_destroy(http);
  seam_loader_error_destroy(error);
  return 0;

failed:
  fprintf(stderr, "error: %s (%s): %s\n", seam_loader_error_kind(error),
          seam_loader_status_name(seam_loader_error_status(error)),
          seam_loader_error_message(error));
  seam_loader_worker_destroy(worker);
  seam_loader_destroy(loader);
  seam_loader_http_destroy(http);
  seam_loader_error_destroy(error);
  return 1;
}
