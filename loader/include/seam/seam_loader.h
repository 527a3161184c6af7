/*
 * seam_loader.h — the C face of the Seam plugin loader, for hosts in any language.
 *
 * A host written in C, Python (ctypes), Rust, Go, Zig ... links libseam-loader and gets the whole
 * loader through this header: discovery, the version gate, the scanner, duplicate detection, the
 * denylist, dependency probing, the client cache, the report, and the HTTP service. It is the same
 * implementation as the C++ API (seam/loader/ *.hpp): every function here is a thin layer over it.
 *
 * Rules that hold for every declaration below (they are seam.h's rules, seen from the host):
 *
 *  - One prefix. Every exported symbol, type and constant starts with seam_loader_ / SEAM_LOADER_.
 *  - Versioning. SEAM_LOADER_C_API_VERSION is the version this header describes;
 *    seam_loader_c_api_version() is the library's. Within one version the ABI only grows by
 *    appending functions, constants and struct fields.
 *  - Self-describing structs. Every struct that crosses begins with `uint32_t struct_size`, set by
 *    whoever fills it to sizeof() of the layout it was compiled with. The library reads a caller's
 *    struct only up to its struct_size (missing fields take their zero meaning) and writes an out
 *    struct only up to the struct_size the caller set. A zeroed struct with struct_size set always
 *    means "the defaults".
 *  - Portable types. Fixed-width integers, pointers, size_t for byte lengths. No bool, no C enum,
 *    no bitfields, no long; padding is written out as `reserved` fields, which are zero.
 *  - Strings are UTF-8 and NUL-terminated. A string passed in is borrowed for the duration of the
 *    call (the library copies what it keeps). A string handed out is owned by the library and
 *    stays valid for the lifetime stated at the function (usually: until the loader is destroyed).
 *  - Memory. Whoever creates destroys: every *_create has its *_destroy; handles handed out by a
 *    lookup (backend, lister) are borrowed from their loader.
 *  - Errors. Functions that can fail return an int32_t status (SEAM_OK or a SEAM_E_* code from
 *    seam.h, or SEAM_LOADER_E_PLUGIN) and explain it in an optional seam_loader_error the caller
 *    created: a kind string naming the C++ error class ("InferenceBackendNotFoundError",
 *    "MissingDependencyError", "WorkerError" ...; docs/errors.md) and a message naming the plugin,
 *    the file and what to do. Passing NULL for the error is allowed; the status still tells.
 *  - No C++ exception crosses into the caller, and a callback must not unwind (C++ exception, Rust
 *    panic, longjmp) through the library.
 *  - Calling convention. Every function and function pointer type is SEAM_CALL (__cdecl on
 *    Windows).
 *  - Threads. Functions on distinct objects may run concurrently. A loader, its backends and its
 *    listers may be used from many threads at once; a worker by one thread at a time (except
 *    seam_loader_worker_cancel, which is meant for another thread).
 */
#ifndef SEAM_SEAM_LOADER_H
#define SEAM_SEAM_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include <seam/seam.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------------
 */
/* Versions and platform macros */
/* ------------------------------------------------------------------------------------------------
 */

/* The C API version this header describes. */
#define SEAM_LOADER_C_API_VERSION 1

/* Marks the functions libseam-loader exports. Defining SEAM_LOADER_BUILDING (the library's own
 * build does) exports them; a host imports them. */
#if defined(_WIN32)
#if defined(SEAM_LOADER_BUILDING)
#define SEAM_LOADER_API __declspec(dllexport)
#else
#define SEAM_LOADER_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__) || defined(__TINYC__)
#define SEAM_LOADER_API __attribute__((visibility("default")))
#else
#define SEAM_LOADER_API
#endif

/* The C API version the library was built with (SEAM_LOADER_C_API_VERSION of its header). A host
 * built against a newer header than the library it runs with may call only what that version has.
 * Any thread. */
SEAM_LOADER_API uint32_t SEAM_CALL seam_loader_c_api_version(void);

/* The SEAM_API_VERSION range of plugins the library accepts, [*min, *max]. Any thread. */
SEAM_LOADER_API void SEAM_CALL seam_loader_plugin_api_range(uint32_t* out_min, uint32_t* out_max);

/* ------------------------------------------------------------------------------------------------
 */
/* Status codes and errors */
/* ------------------------------------------------------------------------------------------------
 */

/* Besides seam.h's SEAM_OK and SEAM_E_*: the loader refused a plugin (broken, incompatible,
 * duplicate, or a denied core builtin) and on_error is "fail"; the kind says which. */
#define SEAM_LOADER_E_PLUGIN 64

typedef struct seam_loader_error seam_loader_error;

/* A caller-owned error object: the last failure of the calls it was passed to. Create one per
 * thread (an error object is not shared between concurrent calls). Returns NULL when out of
 * memory. */
SEAM_LOADER_API seam_loader_error* SEAM_CALL seam_loader_error_create(void);
/* Frees ERROR (NULL is allowed). */
SEAM_LOADER_API void SEAM_CALL seam_loader_error_destroy(seam_loader_error* error);
/* The status of the last failure, SEAM_OK when the last call passed it succeeded. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_error_status(const seam_loader_error* error);
/* The error class, e.g. "MissingDependencyError"; "" after a success. For a plugin's own failure
 * (kind "WorkerError") the status is the SEAM_E_* the plugin returned. Valid until the next call
 * that is passed ERROR, or its destruction. */
SEAM_LOADER_API const char* SEAM_CALL seam_loader_error_kind(const seam_loader_error* error);
/* The message; "" after a success. Same lifetime as the kind. */
SEAM_LOADER_API const char* SEAM_CALL seam_loader_error_message(const seam_loader_error* error);

/* Records STATUS, KIND and MESSAGE (NULL: "") in ERROR (NULL is allowed), for libraries layered on
 * this API (the HTTP service below is one); returns STATUS. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_error_set(seam_loader_error* error, int32_t status,
                                                        const char* kind, const char* message);

/* ------------------------------------------------------------------------------------------------
 */
/* Logging (process-wide) */
/* ------------------------------------------------------------------------------------------------
 */

/* Log levels: seam.h's SEAM_LOG_TRACE ... SEAM_LOG_ERROR, and this one to silence the loader. */
#define SEAM_LOADER_LOG_OFF 5

/* Receives one log line of the loader and of plugins (plugins' lines begin "[name] "). Called on
 * whatever thread logs, possibly several at once; MESSAGE is borrowed for the call. */
typedef void(SEAM_CALL* seam_loader_log_fn)(void* ctx, int32_t level, const char* message);

/* Sends the loader's log at LEVEL and above to FN(CTX, ...) instead of stderr; FN NULL goes back to
 * stderr. The log is process-wide (one per process, shared by every loader), so call this before
 * creating loaders and not while another thread logs. */
SEAM_LOADER_API void SEAM_CALL seam_loader_set_log(seam_loader_log_fn fn, void* ctx, int32_t level);

/* ------------------------------------------------------------------------------------------------
 */
/* Options */
/* ------------------------------------------------------------------------------------------------
 */

/* seam_loader_options.on_error */
#define SEAM_LOADER_ON_ERROR_FAIL 0 /* a lookup fails with the first problem (fail loud) */
#define SEAM_LOADER_ON_ERROR_SKIP 1 /* a rejected plugin is logged and left out */

/* Three-way switches (default_folders, secure_mode): 0 is the loader's default. */
#define SEAM_LOADER_DEFAULT 0
#define SEAM_LOADER_YES 1
#define SEAM_LOADER_NO 2

/* A plugin linked into the host. It rides the same registrar as a plugin file. */
typedef struct seam_loader_builtin {
  uint32_t struct_size;
  /* 1: denying it is a configuration error (CoreUnconditionalPluginDisabledError), not a no-op. */
  uint32_t core_unconditional;
  /* Its descriptor; must stay valid while the loader lives. */
  const seam_plugin_descriptor* descriptor;
} seam_loader_builtin;

/* An optional service handed to plugins by seam_host.get_service. */
typedef struct seam_loader_service {
  uint32_t struct_size;
  uint32_t reserved;
  /* The versioned id, e.g. "seam.http/1". */
  const char* id;
  /* The service's table; must stay valid while the loader and its workers live. */
  const void* table;
} seam_loader_service;

/* Receives seam_host.report_usage calls: the plugin's name and the usage JSON, both borrowed for
 * the call. Called on the plugin's thread (the one running invoke), possibly several at once. */
typedef void(SEAM_CALL* seam_loader_usage_fn)(void* ctx, const char* plugin, const char* usage_json);

/* A pin: of the plugins that contribute KEY, the one that serves it. */
typedef struct seam_loader_pin {
  uint32_t struct_size;
  uint32_t reserved;
  /* "family:sdk" for a backend ("llm:openai"), "lister:sdk" for a model lister. */
  const char* key;
  /* The plugin's name (its descriptor's name). */
  const char* plugin;
} seam_loader_pin;

/* What a host tells the loader; all of it is copied by seam_loader_create. Lists of strings are
 * NULL-terminated arrays; NULL means empty. */
typedef struct seam_loader_options {
  uint32_t struct_size;
  /* SEAM_LOADER_ON_ERROR_*. */
  uint32_t on_error;
  /* Directories searched for plugin files (.so/.dll/.dylib), in order. The current directory is
   * never searched unless listed. */
  const char* const* search_paths;
  /* Plugin files named explicitly; they come after the search paths. */
  const char* const* plugin_files;
  /* Denylist: file stems or plugin names. */
  const char* const* disabled;
  /* Builtins (BUILTIN_COUNT of them); they come before every file. */
  const seam_loader_builtin* builtins;
  uint32_t builtin_count;
  /* Number of SERVICES. */
  uint32_t service_count;
  const seam_loader_service* services;
  /* Checked against plugins' host_version_range and handed to them; NULL: the loader's default. */
  const char* host_version;
  /* The registry cache file; NULL or "": no cache (every start scans every file). */
  const char* registry_cache;
  /* The seam-plugin-scanner executable; NULL or "": the one beside the loader library. */
  const char* scanner_path;
  /* 1: use cached records without checking the files (SEAM_REGISTRY_UPDATE=no). */
  uint32_t trust_registry_cache;
  /* 1: scan plugin files in this process instead of the scanner process (a crashing plugin then
   * takes the host down). */
  uint32_t scan_in_process;
  /* How long one plugin may take to load and register in the scanner; 0: the default (5000). */
  uint32_t scan_budget_ms;
  /* 1: also read the environment as the seam command does: SEAM_PLUGIN_PATH folders after
   * search_paths, SEAM_REGISTRY / XDG_CACHE_HOME for the cache when registry_cache is NULL,
   * SEAM_REGISTRY_UPDATE, and SEAM_PLUGINS_DISABLE / SEAM_PLUGINS_SELECT (see disable_filters). */
  uint32_t use_environment;
  /* SEAM_LOADER_YES: after search_paths, also search the user folder ($XDG_DATA_HOME/seam/plugins)
   * and the installation's system folder (<prefix>/lib/seam/plugins, found relative to the
   * library). DEFAULT and NO: only the folders named. */
  uint32_t default_folders;
  /* SEAM_LOADER_YES: secure mode for the rest of the process: every environment variable and the
   * user folder are ignored (seam/loader/security.hpp). It is on by itself in an elevated process;
   * NO cannot turn it off. */
  uint32_t secure_mode;
  /* See seam_loader_usage_fn; NULL: usage is logged at debug level. */
  seam_loader_usage_fn usage;
  void* usage_ctx;
  /* Pins (PREFER_COUNT of them; a key at most once): when several plugins contribute a pinned key,
   * the pinned plugin serves it and every other one is SEAM_LOADER_STATE_SHADOWED, naming the
   * winner and the pin (not a problem). A pin naming a plugin that does not serve its key is a
   * problem of kind "ConfigError" naming the candidates, which fails every lookup under both
   * policies with SEAM_E_INVALID_ARGUMENT.
   * Without a pin, two plugins contributing one key are a duplicate problem. */
  const seam_loader_pin* prefer;
  uint32_t prefer_count;
  uint32_t reserved;
  /* Filters, as the Vulkan loader's: globs (* ? [a-z] [!a-z]) matched against plugin names and
   * file stems. A plugin matching a disable glob is SEAM_LOADER_STATE_FILTERED (one whose file stem
   * matches is never opened); then, when select_filters is not empty, so is every plugin matching
   * none of its globs. Core-unconditional builtins are never filtered. disable_filters = {"*",
   * NULL} is safe mode: builtins only. With use_environment, the globs of SEAM_PLUGINS_DISABLE and
   * SEAM_PLUGINS_SELECT (comma-separated) are added, unless in secure mode. */
  const char* const* disable_filters;
  const char* const* select_filters;
} seam_loader_options;

/* ------------------------------------------------------------------------------------------------
 */
/* The loader */
/* ------------------------------------------------------------------------------------------------
 */

typedef struct seam_loader seam_loader;

/* Discovers, scans, gates and registers plugins as OPTIONS say (NULL: no plugins but builtins,
 * which means none). Never fails because of a plugin: every problem becomes a report row and a
 * problem entry. Fails only for bad arguments (SEAM_E_INVALID_ARGUMENT, e.g. a NULL builtin
 * descriptor), an unsupported switch or no memory. On success *OUT_LOADER is the caller's to
 * destroy. Any thread. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_create(const seam_loader_options* options,
                                                      seam_loader** out_loader,
                                                      seam_loader_error* error);

/* Frees LOADER (NULL is allowed). Destroy every worker made through it first. Plugin code is
 * never unmapped. Not concurrently with any other use of LOADER. */
SEAM_LOADER_API void SEAM_CALL seam_loader_destroy(seam_loader* loader);

/* ------------------------------------------------------------------------------------------------
 */
/* The report */
/* ------------------------------------------------------------------------------------------------
 */

/* seam_loader_plugin_row.state, and the names seam_loader_state_name gives them. */
#define SEAM_LOADER_STATE_REGISTERED 0   /* "registered": in the registry */
#define SEAM_LOADER_STATE_DISABLED 1     /* "disabled": denied by configuration */
#define SEAM_LOADER_STATE_BROKEN 2       /* "broken": cannot load, bad descriptor, failed register */
#define SEAM_LOADER_STATE_INCOMPATIBLE 3 /* "incompatible": API or host version refused */
#define SEAM_LOADER_STATE_DUPLICATE 4    /* "duplicate": lost a conflict */
#define SEAM_LOADER_STATE_UNTRUSTED 5    /* "untrusted": its file may be changed by others */
#define SEAM_LOADER_STATE_SHADOWED 6     /* "shadowed": lost every key to a pinned plugin */
#define SEAM_LOADER_STATE_FILTERED 7     /* "filtered": removed by a select or disable glob */

/* seam_loader_contribution.kind */
#define SEAM_LOADER_CONTRIBUTION_BACKEND 0
#define SEAM_LOADER_CONTRIBUTION_LISTER 1

/* One candidate plugin and what was decided. Strings belong to the loader. */
typedef struct seam_loader_plugin_row {
  uint32_t struct_size;
  /* SEAM_LOADER_STATE_*. */
  uint32_t state;
  /* The descriptor's name; the file stem while the descriptor could not be read. */
  const char* name;
  /* "" when unknown. */
  const char* version;
  const char* description;
  const char* vendor;
  /* "builtin", or the plugin file's path. */
  const char* origin;
  /* Why it is not registered ("" when it is), and the kind of the matching error. */
  const char* reason;
  const char* error_kind;
  /* "registered", "broken" ... */
  const char* state_name;
  /* 0 while the descriptor could not be read. */
  uint32_t api_version;
  uint32_t builtin;
  uint32_t core_unconditional;
  uint32_t contribution_count;
} seam_loader_plugin_row;

/* One thing a plugin registered. Strings belong to the loader. */
typedef struct seam_loader_contribution {
  uint32_t struct_size;
  /* SEAM_LOADER_CONTRIBUTION_*. */
  uint32_t kind;
  /* "" for a lister. */
  const char* family;
  const char* sdk;
  /* "llm:echo" for a backend, "lister:echo" for a lister. */
  const char* label;
  /* SEAM_BACKEND_* flags. */
  uint32_t flags;
  uint32_t dependency_count;
} seam_loader_contribution;

/* A declared optional library. Strings and the array belong to the loader. */
typedef struct seam_loader_dependency {
  uint32_t struct_size;
  uint32_t reserved;
  const char* name;
  /* NULL-terminated. */
  const char* const* candidates;
  /* "" when none. */
  const char* install_hint;
} seam_loader_dependency;

/* A rejected plugin or a configuration problem: the error a lookup would fail with. */
typedef struct seam_loader_problem {
  uint32_t struct_size;
  uint32_t reserved;
  const char* kind;
  const char* message;
} seam_loader_problem;

/* The number of report rows: builtins first, then files in discovery order. Any thread. */
SEAM_LOADER_API uint32_t SEAM_CALL seam_loader_report_count(const seam_loader* loader);

/* Fills OUT_ROW (the caller sets its struct_size) with row INDEX. Returns SEAM_OK, or
 * SEAM_E_INVALID_ARGUMENT for an index past the end or a NULL argument. The strings live as long
 * as LOADER. Any thread. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_row(const seam_loader* loader, uint32_t index,
                                                          seam_loader_plugin_row* out_row);

/* Contribution CONTRIBUTION of row ROW. Same rules as seam_loader_report_row. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_contribution(
    const seam_loader* loader, uint32_t row, uint32_t contribution,
    seam_loader_contribution* out_contribution);

/* Dependency DEPENDENCY of that contribution. Same rules as seam_loader_report_row. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_dependency(
    const seam_loader* loader, uint32_t row, uint32_t contribution, uint32_t dependency,
    seam_loader_dependency* out_dependency);

/* The number of problems (0 when every plugin was accepted), in report order. Any thread. */
SEAM_LOADER_API uint32_t SEAM_CALL seam_loader_problem_count(const seam_loader* loader);

/* Problem INDEX. Same rules as seam_loader_report_row. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_problem(const seam_loader* loader, uint32_t index,
                                                       seam_loader_problem* out_problem);

/* seam_loader_choice.why, and the names seam_loader_choice.why_name gives them. */
#define SEAM_LOADER_WHY_ONLY_CANDIDATE 0   /* "only candidate": no other plugin contributes it */
#define SEAM_LOADER_WHY_PIN 1              /* "pin": seam_loader_options.prefer chose it */
#define SEAM_LOADER_WHY_BUILTIN_OVERRIDE 2 /* "builtin override": it replaced a builtin's */
#define SEAM_LOADER_WHY_FIRST_FOUND 3      /* "first found": the others are duplicate problems */

/* Who serves one key of the registry, and why (what `seam plugins which KEY` prints). Strings
 * belong to the loader. */
typedef struct seam_loader_choice {
  uint32_t struct_size;
  /* SEAM_LOADER_WHY_*. */
  uint32_t why;
  /* "llm:echo" for a backend, "lister:echo" for a model lister. */
  const char* key;
  /* The plugin that serves it, and "builtin" or its file. */
  const char* plugin;
  const char* origin;
  /* "only candidate", "pin", "builtin override" or "first found". */
  const char* why_name;
  /* The candidates that lost the key: shadowed by the pin, the overridden builtin, or the
   * duplicates. */
  uint32_t loser_count;
  uint32_t reserved;
} seam_loader_choice;

/* A candidate that lost a key. Strings belong to the loader. */
typedef struct seam_loader_choice_loser {
  uint32_t struct_size;
  uint32_t reserved;
  const char* name;
  /* "builtin" or the plugin file. */
  const char* origin;
} seam_loader_choice_loser;

/* The number of keys in the registry (backends and listers), in report order. Any thread. */
SEAM_LOADER_API uint32_t SEAM_CALL seam_loader_choice_count(const seam_loader* loader);

/* Fills OUT_CHOICE (the caller sets its struct_size) with key INDEX. Same rules as
 * seam_loader_report_row. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_choice(const seam_loader* loader,
                                                             uint32_t index,
                                                             seam_loader_choice* out_choice);

/* Loser LOSER of key CHOICE. Same rules as seam_loader_report_row. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_choice_loser(
    const seam_loader* loader, uint32_t choice, uint32_t loser,
    seam_loader_choice_loser* out_loser);

/* The name of a SEAM_LOADER_STATE_* ("registered" ...); "unknown" for others. Static. */
SEAM_LOADER_API const char* SEAM_CALL seam_loader_state_name(uint32_t state);

/* The name of a status, e.g. "SEAM_E_BACKEND"; static storage. Any thread. */
SEAM_LOADER_API const char* SEAM_CALL seam_loader_status_name(int32_t status);

/* ------------------------------------------------------------------------------------------------
 */
/* Backends, workers and model listers */
/* ------------------------------------------------------------------------------------------------
 */

typedef struct seam_loader_backend seam_loader_backend;
typedef struct seam_loader_worker seam_loader_worker;
typedef struct seam_loader_lister seam_loader_lister;

/* What make_worker and a lister are told about the configured backend instance and model. */
typedef struct seam_loader_worker_spec {
  uint32_t struct_size;
  uint32_t reserved;
  /* The configured instance name; NULL: "". */
  const char* backend_name;
  /* {"name":..., "model_id":..., "options":{...}}; NULL: "{}". */
  const char* model_json;
  /* The instance's parameters as a JSON object; NULL: "{}". */
  const char* backend_config_json;
} seam_loader_worker_spec;

/* Looks up the backend for (FAMILY, SDK). Under SEAM_LOADER_ON_ERROR_FAIL a loader with problems
 * fails every lookup with SEAM_LOADER_E_PLUGIN and the first problem's kind; a denied core builtin
 * fails it under both policies. A miss is SEAM_E_NOT_FOUND, kind
 * "InferenceBackendNotFoundError", naming both. On success *OUT_BACKEND is borrowed from LOADER
 * (valid until it is destroyed). Any thread, concurrently. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_find_backend(const seam_loader* loader,
                                                            const char* family, const char* sdk,
                                                            const seam_loader_backend** out_backend,
                                                            seam_loader_error* error);

/* The backend's family, sdk and plugin name; they live as long as its loader. */
SEAM_LOADER_API const char* SEAM_CALL seam_loader_backend_family(const seam_loader_backend* backend);
SEAM_LOADER_API const char* SEAM_CALL seam_loader_backend_sdk(const seam_loader_backend* backend);
SEAM_LOADER_API const char* SEAM_CALL seam_loader_backend_plugin(const seam_loader_backend* backend);

/* Builds a worker, loading the plugin's code on its first use and probing the backend's declared
 * dependencies. Fails with SEAM_E_MISSING_DEPENDENCY ("MissingDependencyError", naming the library
 * and how to install it), SEAM_LOADER_E_PLUGIN ("BrokenPluginError") or the plugin's own status
 * ("WorkerError"). On success *OUT_WORKER is the caller's to destroy, before the loader. Any
 * thread, concurrently. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_backend_make_worker(
    const seam_loader_backend* backend, const seam_loader_worker_spec* spec,
    seam_loader_worker** out_worker, seam_loader_error* error);

/* Receives one event of a running request: a JSON object of LEN bytes, NUL-terminated, borrowed
 * for the call. Return 0 to go on, non-zero to cancel the request. Called on the invoking thread. */
typedef int32_t(SEAM_CALL* seam_loader_event_fn)(void* ctx, const char* event_json, size_t len);

/* Runs one request (a JSON object; docs/spi.md gives each family's schema), streaming its events to
 * ON_EVENT(CTX, ...) on this thread. Returns SEAM_OK when the request completed, SEAM_E_CANCELLED
 * when ON_EVENT or seam_loader_worker_cancel stopped it (not an error: ERROR is left clear), or the
 * plugin's failure status (kind "WorkerError"). One thread at a time per worker. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_worker_invoke(seam_loader_worker* worker,
                                                             const char* request_json,
                                                             seam_loader_event_fn on_event,
                                                             void* ctx, seam_loader_error* error);

/* Asks the worker's running invoke to stop at its next event; when none runs, the next invoke
 * stops at its first event. The request ends with SEAM_E_CANCELLED. Any thread, concurrently with
 * invoke. */
SEAM_LOADER_API void SEAM_CALL seam_loader_worker_cancel(seam_loader_worker* worker);

/* Frees WORKER (NULL is allowed); not while it is invoked. */
SEAM_LOADER_API void SEAM_CALL seam_loader_worker_destroy(seam_loader_worker* worker);

/* One model a lister found. Strings borrowed for the call. */
typedef struct seam_loader_model {
  uint32_t struct_size;
  uint32_t reserved;
  const char* id;
  const char* family;
  /* The id when the lister gave none. */
  const char* display_name;
  /* A JSON object ("{}" when none). */
  const char* extra_json;
} seam_loader_model;

/* Receives one model. Return 0 to go on, non-zero to stop listing. On the listing thread. */
typedef int32_t(SEAM_CALL* seam_loader_model_fn)(void* ctx, const seam_loader_model* model);

/* The model lister for SDK. Fails like seam_loader_find_backend for a loader with problems; a
 * missing lister is SEAM_E_UNSUPPORTED, kind "ModelListingUnsupportedError" (soft: report it as a
 * note). *OUT_LISTER is borrowed from LOADER. Any thread. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_find_lister(const seam_loader* loader,
                                                           const char* sdk,
                                                           const seam_loader_lister** out_lister,
                                                           seam_loader_error* error);

/* Streams the models of the backend instance SPEC describes to ON_MODEL(CTX, ...). Returns SEAM_OK
 * (also when ON_MODEL stopped it), SEAM_E_UNSUPPORTED ("ModelListingUnsupportedError") when the
 * lister cannot list this instance, or the plugin's status ("WorkerError"). Any thread,
 * concurrently. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_lister_list(const seam_loader_lister* lister,
                                                           const seam_loader_worker_spec* spec,
                                                           seam_loader_model_fn on_model,
                                                           void* ctx, seam_loader_error* error);

/* ------------------------------------------------------------------------------------------------
 */
/* The HTTP service ("seam.http/1" on libcurl) */
/* ------------------------------------------------------------------------------------------------
 */

/* The id to offer it under in seam_loader_options.services (seam_http.h's SEAM_HTTP_SERVICE_ID). */
#define SEAM_LOADER_HTTP_SERVICE_ID "seam.http/1"

typedef struct seam_loader_http seam_loader_http;

typedef struct seam_loader_http_options {
  uint32_t struct_size;
  /* 1: a new connection for every request (default 0: reuse connections). */
  uint32_t no_connection_reuse;
  /* Append one JSON line per exchange to this file; NULL: no capture. */
  const char* capture_file;
  /* Values redacted from captures and error messages (API keys); NULL-terminated, NULL: none. */
  const char* const* secrets;
  /* A CA bundle that replaces the system's; NULL: the system's. Verification is always on. */
  const char* ca_bundle;
  /* NULL: "seam". */
  const char* user_agent;
  /* For requests that leave connect_timeout_ms at 0; 0: 10000. */
  uint32_t default_connect_timeout_ms;
  uint32_t reserved;
} seam_loader_http_options;

/* Starts the HTTP service (OPTIONS NULL: the defaults). Fails with SEAM_E_INTERNAL when the capture
 * file cannot be opened. libcurl is not loaded yet: the first request loads it, from the
 * installation's libexec/seam/seam-http-curl.so, and when that fails every request returns
 * SEAM_E_MISSING_DEPENDENCY naming the file. *OUT_HTTP is the caller's to destroy, after every
 * loader it was offered to. Any thread. */
SEAM_LOADER_API int32_t SEAM_CALL seam_loader_http_create(const seam_loader_http_options* options,
                                                           seam_loader_http** out_http,
                                                           seam_loader_error* error);

/* The table to offer as SEAM_LOADER_HTTP_SERVICE_ID (a const seam_http_service*); lives as long as
 * HTTP. */
SEAM_LOADER_API const void* SEAM_CALL seam_loader_http_table(const seam_loader_http* http);

/* Cancels every running request and every later one while ON is 1 (Ctrl-C); 0 lets requests run
 * again. Any thread; running requests notice within a second. */
SEAM_LOADER_API void SEAM_CALL seam_loader_http_cancel_all(seam_loader_http* http, uint32_t on);

/* Frees HTTP (NULL is allowed). */
SEAM_LOADER_API void SEAM_CALL seam_loader_http_destroy(seam_loader_http* http);

#ifdef __cplusplus
}
#endif

#endif /* SEAM_SEAM_LOADER_H */
