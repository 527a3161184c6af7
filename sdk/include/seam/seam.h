/*
 * seam.h — the Seam plugin ABI.
 *
 * This is the one header a plugin compiles against. It is plain C99, includes only <stddef.h> and
 * <stdint.h>, and needs nothing linked: every service a plugin uses is reached through pointers the
 * host hands it. Any compiler that speaks the platform's C calling convention can build a plugin
 * (gcc, clang, tcc, MSVC, mingw, Rust with #[repr(C)], Zig ...).
 *
 * Rules that hold for every declaration below:
 *
 *  - Versioning. SEAM_API_VERSION is compiled into each plugin's descriptor. A loader accepts
 *    SEAM_API_VERSION_MIN <= api_version <= SEAM_API_VERSION and refuses the rest. Within one API
 *    version the ABI only grows by appending fields to the end of a struct or constants to a list.
 *  - Self-describing structs. Every struct that crosses the boundary begins with
 *    `uint32_t struct_size`, set by whoever fills the struct to sizeof() of the layout it was compiled
 *    with. A reader never touches a field that lies past the size the writer declared; use
 *    SEAM_HAS_FIELD() to test for a field that a later version appended.
 *  - Portable types. Fixed-width integers, pointers, and size_t for byte lengths only. No bool, no C
 *    enum, no bitfields, no long. Padding is written out as `reserved` fields, which are zero.
 *  - Strings are UTF-8 and NUL-terminated. A string passed into a call is borrowed for the duration
 *    of that call only: copy it to keep it. Strings inside a descriptor or a definition struct must
 *    stay valid for as long as the plugin library is loaded (string literals are the usual choice).
 *  - Memory. Whoever allocates frees. The host never frees plugin memory and the plugin never frees
 *    host memory; objects that cross carry their own destroy function.
 *  - Errors. Functions return an int32_t status (SEAM_OK or a SEAM_E_* code). A function that takes a
 *    `seam_error *` explains a failure by calling seam_error_set(); the host copies the message.
 *  - No C++ exception, Rust panic or longjmp may cross the boundary in either direction.
 *  - Calling convention. Every function pointer type is declared SEAM_CALL (__cdecl on Windows).
 */
#ifndef SEAM_SEAM_H
#define SEAM_SEAM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------------ */
/* Versions                                                                                          */
/* ------------------------------------------------------------------------------------------------ */

/* The API version this header describes. Bumped only when a layout or a meaning changes; appending
 * never bumps it. */
#define SEAM_API_VERSION 1
/* The oldest API version a loader built from this header still accepts. */
#define SEAM_API_VERSION_MIN 1
/* How many append steps of SEAM_API_VERSION this header holds: 0 is the first v1 header, and each
 * step that appends fields, structs or constants adds one. A member documented "since 1.1" came
 * with API version 1, step 1; a plugin using it must also run on hosts of an earlier step, so it
 * tests the member with SEAM_HAS_FIELD (the step itself is never negotiated). */
#define SEAM_API_STEP 1

/* ------------------------------------------------------------------------------------------------ */
/* Platform macros                                                                                   */
/* ------------------------------------------------------------------------------------------------ */

#if defined(_WIN32)
#define SEAM_CALL __cdecl
#define SEAM_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__) || defined(__TINYC__)
#define SEAM_CALL
#define SEAM_EXPORT __attribute__((visibility("default")))
#else
#define SEAM_CALL
#define SEAM_EXPORT
#endif

#ifdef __cplusplus
#define SEAM_EXTERN_C extern "C"
#else
#define SEAM_EXTERN_C
#endif

/* True when the struct at PTR, whose writer declared PTR->struct_size, is large enough to hold FIELD
 * of TYPE. Use it before reading a field that a later API version appended. */
#define SEAM_HAS_FIELD(PTR, TYPE, FIELD)                                                               \
  ((PTR) != NULL &&                                                                                \
   (PTR)->struct_size >= offsetof(TYPE, FIELD) + sizeof(((const TYPE *)0)->FIELD))

/* ------------------------------------------------------------------------------------------------ */
/* Status codes (int32_t)                                                                            */
/* ------------------------------------------------------------------------------------------------ */

#define SEAM_OK 0
/* An argument is NULL, empty, malformed, or a struct_size is too small. */
#define SEAM_E_INVALID_ARGUMENT 1
/* What was asked for does not exist (a model, a symbol, a key). */
#define SEAM_E_NOT_FOUND 2
/* Something with the same key was already registered. */
#define SEAM_E_DUPLICATE 3
/* An optional library the call needs is not installed. */
#define SEAM_E_MISSING_DEPENDENCY 4
/* The callee cannot do this at all. Soft: for a model lister it means "cannot list". */
#define SEAM_E_UNSUPPORTED 5
/* The operation stopped because a sink or the host asked it to. */
#define SEAM_E_CANCELLED 6
/* The backend (a remote service, a library) reported a failure. */
#define SEAM_E_BACKEND 7
/* A bug or an impossible state on the side that returns it. */
#define SEAM_E_INTERNAL 8
/* The call came outside the window in which it is valid (a registrar used after register
 * returned). */
#define SEAM_E_INVALID_STATE 9
/* The callee ran out of memory. */
#define SEAM_E_NO_MEMORY 10
/* A deadline passed. */
#define SEAM_E_TIMEOUT 11

/* The name of STATUS as written above ("SEAM_E_NOT_FOUND"), or "SEAM_E_UNKNOWN" for a code this
 * header does not define. The string is static. Since 1.1 (a header function: it works with every
 * host). */
static inline const char *seam_status_name(int32_t status) {
  switch (status) {
    case SEAM_OK: return "SEAM_OK";
    case SEAM_E_INVALID_ARGUMENT: return "SEAM_E_INVALID_ARGUMENT";
    case SEAM_E_NOT_FOUND: return "SEAM_E_NOT_FOUND";
    case SEAM_E_DUPLICATE: return "SEAM_E_DUPLICATE";
    case SEAM_E_MISSING_DEPENDENCY: return "SEAM_E_MISSING_DEPENDENCY";
    case SEAM_E_UNSUPPORTED: return "SEAM_E_UNSUPPORTED";
    case SEAM_E_CANCELLED: return "SEAM_E_CANCELLED";
    case SEAM_E_BACKEND: return "SEAM_E_BACKEND";
    case SEAM_E_INTERNAL: return "SEAM_E_INTERNAL";
    case SEAM_E_INVALID_STATE: return "SEAM_E_INVALID_STATE";
    case SEAM_E_NO_MEMORY: return "SEAM_E_NO_MEMORY";
    case SEAM_E_TIMEOUT: return "SEAM_E_TIMEOUT";
    default: return "SEAM_E_UNKNOWN";
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Errors                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

typedef struct seam_error seam_error;

/* A host-owned error slot passed into calls that can fail. The callee explains a failure with
 * set(self, status, message); the host copies the message before set returns, so the callee may pass
 * a stack buffer. Calling set more than once keeps the last message. Never NULL when the host passes
 * it; always valid for the duration of the call it was passed to, never after. */
struct seam_error {
  uint32_t struct_size;
  uint32_t reserved;
  /* Host-private. */
  void *host_ctx;
  /* Records STATUS and MESSAGE (UTF-8; NULL means no message). Safe to call from the thread the
   * surrounding call runs on. STATUS is advisory: what a host acts on is the status the failing
   * call returns, and a host may ignore the one given here (this loader does); pass the status you
   * are about to return, as seam_error_set() does. */
  void(SEAM_CALL *set)(seam_error *self, int32_t status, const char *message);
};

/* Convenience for plugins: records STATUS and MESSAGE in ERROR (if any) and returns STATUS, so a
 * failure can be written `return seam_error_set(error, SEAM_E_BACKEND, "...");`. */
static inline int32_t seam_error_set(seam_error *error, int32_t status, const char *message) {
  if (error != NULL && error->set != NULL) error->set(error, status, message);
  return status;
}

/* ------------------------------------------------------------------------------------------------ */
/* Host services                                                                                     */
/* ------------------------------------------------------------------------------------------------ */

/* Log levels for seam_host.log. */
#define SEAM_LOG_TRACE 0
#define SEAM_LOG_DEBUG 1
#define SEAM_LOG_INFO 2
#define SEAM_LOG_WARN 3
#define SEAM_LOG_ERROR 4

/* An optional library a backend or lister needs, declared in its definition so that the host can
 * probe it when that backend is first used, and never before. */
typedef struct seam_dependency {
  uint32_t struct_size;
  uint32_t reserved;
  /* Logical name shown to users, e.g. "sqlite3". Required. */
  const char *name;
  /* NULL-terminated list of file names to try in order, for all platforms at once, e.g.
   * { "libsqlite3.so.0", "libsqlite3.dylib", "sqlite3.dll", NULL }. Required, at least one. */
  const char *const *candidates;
  /* What a user should do when it is missing, e.g. "apt-get install libsqlite3-0". May be NULL. */
  const char *install_hint;
} seam_dependency;

/* seam_dependency is frozen: it is the element of the arrays seam_backend_def.dependencies and
 * seam_model_lister_def.dependencies, which a host steps through with its own sizeof. Were it to
 * grow, a host would read an older plugin's array at the wrong stride, and struct_size cannot help
 * (it is only read after the element is found). So, unlike every other struct here, it never
 * grows, not even by appending; more per-dependency data would come as a new struct reached
 * through a pointer appended to the definitions. This typedef stops the build of any header in
 * which it grew. */
typedef char seam_dependency_is_frozen[sizeof(seam_dependency) == 8 + 3 * sizeof(void *) ? 1 : -1];

/* An opaque handle to a library resolved by seam_host.require. Owned by the host; valid until the
 * loader is torn down. */
typedef struct seam_library seam_library;

/* A generic function pointer, returned by seam_host.symbol; cast it to the symbol's real type. */
typedef void(SEAM_CALL *seam_proc)(void);

/* Builds a client for seam_host.get_or_create: stores it in *out_client and returns SEAM_OK, or
 * explains a failure through ERROR. */
typedef int32_t(SEAM_CALL *seam_client_build_fn)(void *build_ctx, void **out_client,
                                                 seam_error *error);
/* Destroys a client built by a seam_client_build_fn. */
typedef void(SEAM_CALL *seam_client_destroy_fn)(void *client);

typedef struct seam_host seam_host;

/* The services a host gives a plugin. Each plugin gets its own seam_host (so logs and cache keys are
 * attributed to it). Host-owned; valid from the moment it is passed to the plugin until the plugin's
 * library is unloaded. Every function may be called from any thread, concurrently. */
struct seam_host {
  uint32_t struct_size;
  /* The SEAM_API_VERSION the host was built with. */
  uint32_t api_version;
  /* Host-private. */
  void *host_ctx;
  /* The version plugins' host_version_range is checked against, semver, e.g. "0.1.0": the Seam
   * release the host's loader belongs to (SEAM_VERSION_STRING of seam/version.h), unless the host
   * declared a version of its own for its plugins to target. */
  const char *host_version;

  /* Writes MESSAGE at LEVEL (SEAM_LOG_*) to the host's log, attributed to the plugin. */
  void(SEAM_CALL *log)(const seam_host *self, int32_t level, const char *message);

  /* Returns the optional service named by a versioned id, e.g. "seam.http/1", or NULL when the host
   * does not offer it. The returned table is host-owned and lives as long as this seam_host. */
  const void *(SEAM_CALL *get_service)(const seam_host *self, const char *service_id);

  /* Resolves DEPENDENCY once (later calls return the cached handle) by trying its candidates. On
   * success stores the handle in *out_library and returns SEAM_OK; otherwise returns
   * SEAM_E_MISSING_DEPENDENCY and explains, with the install hint, through ERROR. */
  int32_t(SEAM_CALL *require)(const seam_host *self, const seam_dependency *dependency,
                              seam_library **out_library, seam_error *error);

  /* Looks NAME up in LIBRARY; NULL when it has no such symbol. */
  seam_proc(SEAM_CALL *symbol)(const seam_host *self, seam_library *library, const char *name);

  /* Returns in *out_client the client cached under KEY for this plugin, building it with
   * BUILD(BUILD_CTX, ...) on first use. Concurrent first calls build once; the others wait. A failed
   * build caches nothing and returns its status. DESTROY (may be NULL) runs at loader teardown, in
   * reverse order of creation. */
  int32_t(SEAM_CALL *get_or_create)(const seam_host *self, const char *key,
                                    seam_client_build_fn build, seam_client_destroy_fn destroy,
                                    void *build_ctx, void **out_client, seam_error *error);

  /* Reports usage of one call as a JSON object, e.g. {"model":"x","input_tokens":3,
   * "output_tokens":5}. The host copies it. */
  void(SEAM_CALL *report_usage)(const seam_host *self, const char *usage_json);
};

/* ------------------------------------------------------------------------------------------------ */
/* Workers                                                                                           */
/* ------------------------------------------------------------------------------------------------ */

/* Where a worker streams its events. Host-owned, valid for the duration of one invoke. */
typedef struct seam_event_sink {
  uint32_t struct_size;
  uint32_t reserved;
  void *ctx;
  /* Delivers one event: a JSON object of LEN bytes (not necessarily NUL-terminated), borrowed for
   * the call. Returns 0 to go on; any other value asks the worker to stop, and the worker should
   * then return SEAM_E_CANCELLED promptly. Called on the thread that called invoke. */
  int32_t(SEAM_CALL *emit)(void *ctx, const char *event_json, size_t len);
  /* Since 1.1. Returns non-zero once the host wants this invoke to stop (the user pressed Ctrl-C,
   * the host's own cancel flag was set, or an earlier emit returned non-zero), else 0. Cheap; may
   * be called from any thread, any number of times, until invoke returns. A worker polls it in
   * phases where it emits nothing for a while (a long prefill, waiting for a server) and returns
   * SEAM_E_CANCELLED promptly once it is set. Older hosts lack it: test it with
   * SEAM_HAS_FIELD(sink, seam_event_sink, is_cancelled) and rely on emit alone when absent. */
  int32_t(SEAM_CALL *is_cancelled)(void *ctx);
} seam_event_sink;

/* The functions of a worker. Plugin-owned, static for the plugin's lifetime. */
typedef struct seam_worker_vtable {
  uint32_t struct_size;
  uint32_t reserved;
  /* Runs one request (a JSON object whose schema depends on the family; see docs/spi.md), streaming
   * events to SINK. Returns SEAM_OK, SEAM_E_CANCELLED when the sink asked to stop, or another status
   * explained through ERROR. A worker is used by one thread at a time; distinct workers may be
   * invoked concurrently. */
  int32_t(SEAM_CALL *invoke)(void *self, const char *request_json, const seam_event_sink *sink,
                             seam_error *error);
  /* Frees the worker. Called exactly once, after the last invoke has returned. */
  void(SEAM_CALL *destroy)(void *self);
} seam_worker_vtable;

/* A worker as returned by make_worker. The host sets struct_size before the call; the plugin fills
 * self and vtable. */
typedef struct seam_worker {
  uint32_t struct_size;
  uint32_t reserved;
  void *self;
  const seam_worker_vtable *vtable;
} seam_worker;

/* Everything make_worker is told. Host-owned, valid for the duration of the call. Later API versions
 * append fields; test them with SEAM_HAS_FIELD. */
typedef struct seam_make_worker_args {
  uint32_t struct_size;
  uint32_t reserved;
  /* The family and sdk this backend was registered under. */
  const char *family;
  const char *sdk;
  /* The configured backend instance name (one sdk may back several instances). */
  const char *backend_name;
  /* The model spec as a JSON object: {"name":..., "model_id":..., "options":{...}}. */
  const char *model_json;
  /* The backend instance's configuration as a JSON object (parameters from the host's config). */
  const char *backend_config_json;
  /* The host's services for this plugin. */
  const seam_host *host;
  /* The user_data given in the backend's definition. */
  void *user_data;
} seam_make_worker_args;

/* Builds a worker. Fills *out_worker and returns SEAM_OK, or explains a failure through ERROR. May be
 * called from any thread, concurrently. */
typedef int32_t(SEAM_CALL *seam_make_worker_fn)(const seam_make_worker_args *args,
                                                seam_worker *out_worker, seam_error *error);

/* ------------------------------------------------------------------------------------------------ */
/* Model listers                                                                                     */
/* ------------------------------------------------------------------------------------------------ */

/* One model a lister found. Plugin-owned, borrowed for the duration of the emit call. */
typedef struct seam_model_record {
  uint32_t struct_size;
  uint32_t reserved;
  /* The id to put in a model's model_id. Required. */
  const char *id;
  /* The family the model serves, e.g. "llm". Required. */
  const char *family;
  /* A human name; NULL means use the id. */
  const char *display_name;
  /* Anything else as a JSON object (context length, prices ...); NULL means {}. */
  const char *extra_json;
} seam_model_record;

/* Where a lister sends the models it finds. Host-owned, valid for the duration of one list_models. */
typedef struct seam_model_sink {
  uint32_t struct_size;
  uint32_t reserved;
  void *ctx;
  /* Delivers one record. Returns 0 to go on, non-zero to ask the lister to stop. */
  int32_t(SEAM_CALL *emit)(void *ctx, const seam_model_record *model);
} seam_model_sink;

/* Everything list_models is told. Host-owned, valid for the duration of the call. */
typedef struct seam_list_models_args {
  uint32_t struct_size;
  uint32_t reserved;
  const char *sdk;
  const char *backend_name;
  const char *backend_config_json;
  const seam_host *host;
  void *user_data;
} seam_list_models_args;

/* Lists the models a backend can serve. Returns SEAM_OK, SEAM_E_UNSUPPORTED when this client variant
 * cannot enumerate its models (a soft outcome, not a failure), or another status explained through
 * ERROR. */
typedef int32_t(SEAM_CALL *seam_list_models_fn)(const seam_list_models_args *args,
                                                const seam_model_sink *sink, seam_error *error);

/* ------------------------------------------------------------------------------------------------ */
/* Registration                                                                                      */
/* ------------------------------------------------------------------------------------------------ */

/* Flags of seam_backend_def.flags. */
/* This backend deliberately replaces a builtin backend with the same (family, sdk). */
#define SEAM_BACKEND_OVERRIDES_BUILTIN 0x1u

/* One inference backend: a worker factory for a (family, sdk) key. Plugin-owned; the pointed-to data
 * must live as long as the plugin library (the host copies the strings but calls the functions). */
typedef struct seam_backend_def {
  uint32_t struct_size;
  /* SEAM_BACKEND_* flags; 0 for none. */
  uint32_t flags;
  /* Family: a lowercase identifier [a-z0-9][a-z0-9_-]*, at most 64 bytes. Standard families are
   * "llm", "img_gen", "extract" and "search"; a plugin may define others. */
  const char *family;
  /* The sdk string models select this backend by, same rules as family, e.g. "openai". */
  const char *sdk;
  /* The worker factory. Required. */
  seam_make_worker_fn make_worker;
  /* Passed back as make_worker_args.user_data. */
  void *user_data;
  /* Optional libraries this backend needs, probed before its first make_worker. May be NULL when
   * dependency_count is 0. */
  const seam_dependency *dependencies;
  uint32_t dependency_count;
  uint32_t reserved;
} seam_backend_def;

/* One model lister for an sdk. Plugin-owned, same lifetime rules as seam_backend_def. */
typedef struct seam_model_lister_def {
  uint32_t struct_size;
  uint32_t flags;
  /* The sdk whose backends this lister can enumerate. */
  const char *sdk;
  seam_list_models_fn list_models;
  void *user_data;
  const seam_dependency *dependencies;
  uint32_t dependency_count;
  uint32_t reserved;
} seam_model_lister_def;

/* Runs once per process, before the plugin's first make_worker or list_models (never in a scanner
 * process, never for a plugin that is only listed). Set-up that register must not do goes here:
 * starting a runtime, reading a model index. Returns SEAM_OK, or a status explained through ERROR,
 * which fails that use of the plugin (and every later one in this process) with the message.
 * Called on the thread that first uses the plugin; other threads wanting the plugin wait. */
typedef int32_t(SEAM_CALL *seam_activate_fn)(void *user_data, const seam_host *host,
                                             seam_error *error);
/* Runs when the loader is torn down, for every plugin that was activated in this process, in the
 * reverse order of activation; its workers may still be alive. It must not fail loudly: the host
 * calls every plugin's teardown even when one of them misbehaves. */
typedef void(SEAM_CALL *seam_teardown_fn)(void *user_data, const seam_host *host);

/* A plugin's lifecycle hooks, given to seam_registrar.set_lifecycle. Plugin-owned, same lifetime
 * rules as seam_backend_def. Since 1.1. */
typedef struct seam_lifecycle_def {
  uint32_t struct_size;
  uint32_t reserved;
  /* May be NULL. */
  seam_activate_fn activate;
  /* May be NULL. */
  seam_teardown_fn teardown;
  /* Passed back to both hooks. */
  void *user_data;
} seam_lifecycle_def;

typedef struct seam_registrar seam_registrar;

/* The menu a plugin's register function calls. Host-owned. Valid only while register runs: a call
 * made after register returned fails with SEAM_E_INVALID_STATE and has no effect. Each method
 * validates its arguments and returns SEAM_E_INVALID_ARGUMENT (or SEAM_E_DUPLICATE for a key the same
 * plugin already registered); the host records why, and a plugin with a refused registration is
 * reported broken. */
struct seam_registrar {
  uint32_t struct_size;
  uint32_t reserved;
  /* Host-private. */
  void *host_ctx;
  int32_t(SEAM_CALL *add_inference_backend)(const seam_registrar *self, const seam_backend_def *def);
  int32_t(SEAM_CALL *add_model_lister)(const seam_registrar *self, const seam_model_lister_def *def);
  /* Since 1.1. Explains why register is failing: MESSAGE (UTF-8, copied) is shown in the plugin's
   * broken row, so a user learns what to fix. Calling it fails the registration whatever register
   * then returns; return a status other than SEAM_OK as well. Returns SEAM_OK. Older hosts lack it:
   * test it with SEAM_HAS_FIELD(registrar, seam_registrar, fail). */
  int32_t(SEAM_CALL *fail)(const seam_registrar *self, const char *message);
  /* Since 1.1. Sets the plugin's lifecycle hooks (at most once per register; a second call is
   * refused with SEAM_E_DUPLICATE). Older hosts lack it, and never activate or tear down a plugin:
   * a plugin whose hooks are absent must still work, doing its set-up lazily on first use. */
  int32_t(SEAM_CALL *set_lifecycle)(const seam_registrar *self, const seam_lifecycle_def *def);
};

/* ------------------------------------------------------------------------------------------------ */
/* The plugin descriptor and its entry point                                                        */
/* ------------------------------------------------------------------------------------------------ */

/* Registers the plugin's contributions. Must be side-effect free: it calls registrar methods and
 * nothing else (no I/O, no threads, no client construction, no dependency loading). It may run more
 * than once, in different processes, and must register the same contributions every time. Returns
 * SEAM_OK, or a status that marks the plugin broken. */
typedef int32_t(SEAM_CALL *seam_register_fn)(const seam_registrar *registrar);

/* What a plugin is. Plugin-owned, static, constant, valid while the library is loaded. */
typedef struct seam_plugin_descriptor {
  /* sizeof(seam_plugin_descriptor) as the plugin was compiled. */
  uint32_t struct_size;
  /* SEAM_API_VERSION as the plugin was compiled. */
  uint32_t api_version;
  /* Unique identifier: [a-z0-9][a-z0-9_-]*, at most 64 bytes. */
  const char *name;
  /* The plugin's own version, semver ("1.2.0"). */
  const char *version;
  /* One line for `seam plugins list`. May be NULL. */
  const char *description;
  /* Who makes it. May be NULL. */
  const char *vendor;
  /* The host versions this plugin works with, as comparisons separated by commas, e.g.
   * ">=0.1.0, <2.0.0", checked against seam_host.host_version (by default the Seam release of the
   * loader). NULL means any host. */
  const char *host_version_range;
  /* Registers the contributions; see seam_register_fn. Required. */
  seam_register_fn register_plugin;
} seam_plugin_descriptor;

/* The one symbol a plugin library exports. HOST_API_VERSION is the highest API version the loader
 * speaks, so a plugin that supports several versions can return the matching descriptor; most plugins
 * ignore it. Returns a pointer to a static descriptor, or NULL to decline. */
typedef const seam_plugin_descriptor *(SEAM_CALL *seam_plugin_entry_fn)(uint32_t host_api_version);

#define SEAM_PLUGIN_ENTRY_SYMBOL "seam_plugin_entry"

/* Defines the exported entry point returning DESCRIPTOR (an expression of type
 * `const seam_plugin_descriptor *`). Write it once, at file scope, in a plugin's source:
 *     SEAM_PLUGIN(&my_descriptor)
 */
#define SEAM_PLUGIN(DESCRIPTOR)                                                                    \
  SEAM_EXTERN_C SEAM_EXPORT const seam_plugin_descriptor *SEAM_CALL seam_plugin_entry(             \
      uint32_t host_api_version);                                                                  \
  SEAM_EXTERN_C SEAM_EXPORT const seam_plugin_descriptor *SEAM_CALL seam_plugin_entry(             \
      uint32_t host_api_version) {                                                                 \
    (void)host_api_version;                                                                        \
    return (DESCRIPTOR);                                                                           \
  }

#ifdef __cplusplus
}
#endif

#endif /* SEAM_SEAM_H */
