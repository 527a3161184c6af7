// seam.hpp — header-only C++17 helpers for writing a Seam plugin on top of seam.h.
//
// What it gives a plugin author:
//  - an exception barrier: every callback into the plugin runs inside seam::plugin::guard, which
//    turns any C++ exception into a status code and a message, so nothing ever unwinds into the
//    host;
//  - RAII workers: derive from seam::plugin::Worker, implement invoke(), and the helpers own the
//    object (created by your factory, deleted by the host's destroy call);
//  - typed registration: Registrar::add_backend<MyWorker>("llm", "my-sdk") or with a captureless
//    lambda returning std::unique_ptr<Worker>; add_lister with a plain function; lifecycle hooks
//    with Registrar::set_lifecycle<&activate, &teardown>();
//  - explained failures: an exception thrown while registering reaches the plugin's report row
//    with its message (on hosts of API 1 step 1 and later);
//  - cancellation: Events::cancelled() tells a worker in a long silent phase that the host wants
//    it to stop.
//
// Nothing here needs linking, and nothing here changes the ABI: the plugin still exports one
// seam_plugin_entry through SEAM_PLUGIN(&descriptor).
#ifndef SEAM_SEAM_HPP
#define SEAM_SEAM_HPP

#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include "seam.h"

namespace seam::plugin {

// Throw to fail a call with STATUS (a SEAM_E_* code) and a message for the user.
class Failure : public std::runtime_error {
 public:
  Failure(std::int32_t status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  std::int32_t status() const noexcept { return status_; }

 private:
  std::int32_t status_;
};

// Thrown by Events::emit when the host asked to stop; the barrier turns it into SEAM_E_CANCELLED.
class Cancelled : public Failure {
 public:
  Cancelled() : Failure(SEAM_E_CANCELLED, "cancelled by the host") {}
};

// A lister throws this when its client variant cannot enumerate models (a soft outcome).
class Unsupported : public Failure {
 public:
  explicit Unsupported(const std::string& why) : Failure(SEAM_E_UNSUPPORTED, why) {}
};

// Runs BODY (which returns a status) and turns every exception into a status and a message in
// ERROR. Use it around every function the host calls.
template <class Body>
std::int32_t guard(seam_error* error, Body&& body) noexcept {
  try {
    return body();
  } catch (const Failure& e) {
    return seam_error_set(error, e.status(), e.what());
  } catch (const std::bad_alloc&) {
    return seam_error_set(error, SEAM_E_NO_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return seam_error_set(error, SEAM_E_INTERNAL, e.what());
  } catch (...) {
    return seam_error_set(error, SEAM_E_INTERNAL, "unknown C++ exception");
  }
}

// The host's services, as seen from C++.
class Host {
 public:
  explicit Host(const seam_host* host) : host_(host) {}

  void log(std::int32_t level, const std::string& message) const {
    if (host_ && host_->log) host_->log(host_, level, message.c_str());
  }
  // The optional service with this versioned id, or nullptr.
  const void* service(const char* id) const {
    return host_ && host_->get_service ? host_->get_service(host_, id) : nullptr;
  }
  // Resolves a declared dependency; throws Failure(SEAM_E_MISSING_DEPENDENCY) with the host's
  // message (which carries the install hint) when it is missing.
  seam_library* require(const seam_dependency& dependency) const {
    seam_library* library = nullptr;
    Message message;
    std::int32_t status = host_->require(host_, &dependency, &library, message.slot());
    if (status != SEAM_OK) throw Failure(status, message.text);
    return library;
  }
  // The function NAME in LIBRARY as type Fn; throws Failure(SEAM_E_NOT_FOUND) when absent.
  template <class Fn>
  Fn symbol(seam_library* library, const char* name) const {
    seam_proc proc = host_->symbol(host_, library, name);
    if (!proc) throw Failure(SEAM_E_NOT_FOUND, std::string("symbol '") + name + "' not found");
    return reinterpret_cast<Fn>(proc);
  }
  void report_usage(const std::string& usage_json) const {
    if (host_ && host_->report_usage) host_->report_usage(host_, usage_json.c_str());
  }
  const seam_host* get() const noexcept { return host_; }

 private:
  // A seam_error that keeps the message, for host calls made from the plugin.
  struct Message {
    seam_error error{sizeof(seam_error), 0, this, &Message::set};
    std::string text;
    seam_error* slot() { return &error; }
    static void SEAM_CALL set(seam_error* self, std::int32_t, const char* message) {
      try {
        static_cast<Message*>(self->host_ctx)->text = message ? message : "";
      } catch (...) {
      }
    }
  };
  const seam_host* host_;
};

// What make_worker was told.
class WorkerArgs {
 public:
  explicit WorkerArgs(const seam_make_worker_args* args) : args_(args) {}
  std::string_view family() const { return args_->family; }
  std::string_view sdk() const { return args_->sdk; }
  std::string_view backend_name() const { return args_->backend_name; }
  std::string_view model_json() const { return args_->model_json; }
  std::string_view backend_config_json() const { return args_->backend_config_json; }
  Host host() const { return Host(args_->host); }
  const seam_make_worker_args* get() const noexcept { return args_; }

 private:
  const seam_make_worker_args* args_;
};

// Where a worker streams its events.
class Events {
 public:
  explicit Events(const seam_event_sink* sink) : sink_(sink) {}
  // Sends one JSON event; throws Cancelled when the host asks to stop.
  void emit(std::string_view event_json) const {
    if (sink_->emit(sink_->ctx, event_json.data(), event_json.size()) != 0) throw Cancelled();
  }
  // True once the host wants this invoke to stop. Cheap, callable from any thread; poll it where
  // the worker emits nothing for a while. Always false on hosts older than API 1 step 1, which
  // say stop only through emit.
  bool cancelled() const {
    return SEAM_HAS_FIELD(sink_, seam_event_sink, is_cancelled) && sink_->is_cancelled != nullptr &&
           sink_->is_cancelled(sink_->ctx) != 0;
  }
  // Throws Cancelled when cancelled() is true.
  void throw_if_cancelled() const {
    if (cancelled()) throw Cancelled();
  }

 private:
  const seam_event_sink* sink_;
};

// Derive from this and implement invoke; throw Failure (or anything) to fail the request.
class Worker {
 public:
  virtual ~Worker() = default;
  virtual void invoke(std::string_view request_json, const Events& events) = 0;
};

using WorkerFactory = std::unique_ptr<Worker> (*)(const WorkerArgs& args);

// What a lister was told, and where it sends models.
class ListArgs {
 public:
  explicit ListArgs(const seam_list_models_args* args) : args_(args) {}
  std::string_view sdk() const { return args_->sdk; }
  std::string_view backend_name() const { return args_->backend_name; }
  std::string_view backend_config_json() const { return args_->backend_config_json; }
  Host host() const { return Host(args_->host); }

 private:
  const seam_list_models_args* args_;
};

class Models {
 public:
  explicit Models(const seam_model_sink* sink) : sink_(sink) {}
  // Sends one model; throws Cancelled when the host asks to stop.
  void emit(const std::string& id, const std::string& family, const std::string& display_name = {},
            const std::string& extra_json = "{}") const {
    seam_model_record record{};
    record.struct_size = sizeof(record);
    record.id = id.c_str();
    record.family = family.c_str();
    record.display_name = display_name.empty() ? nullptr : display_name.c_str();
    record.extra_json = extra_json.c_str();
    if (sink_->emit(sink_->ctx, &record) != 0) throw Cancelled();
  }

 private:
  const seam_model_sink* sink_;
};

using ListFunction = void (*)(const ListArgs& args, const Models& models);

namespace detail {

// The host passes user_data back untouched; a function pointer travels in it by value.
template <class Fn>
void* to_user_data(Fn fn) noexcept {
  static_assert(sizeof(Fn) == sizeof(void*), "function pointers must fit in user_data");
  void* data = nullptr;
  std::memcpy(&data, &fn, sizeof(fn));
  return data;
}

template <class Fn>
Fn from_user_data(void* data) noexcept {
  Fn fn = nullptr;
  std::memcpy(&fn, &data, sizeof(fn));
  return fn;
}

inline std::int32_t SEAM_CALL invoke_worker(void* self, const char* request_json,
                                            const seam_event_sink* sink, seam_error* error) {
  return guard(error, [&] {
    static_cast<Worker*>(self)->invoke(request_json, Events(sink));
    return SEAM_OK;
  });
}

inline void SEAM_CALL destroy_worker(void* self) {
  delete static_cast<Worker*>(self);
}

inline const seam_worker_vtable worker_vtable = {sizeof(seam_worker_vtable), 0, &invoke_worker,
                                                 &destroy_worker};

inline std::int32_t SEAM_CALL make_worker(const seam_make_worker_args* args, seam_worker* out,
                                          seam_error* error) {
  return guard(error, [&] {
    auto factory = from_user_data<WorkerFactory>(args->user_data);
    std::unique_ptr<Worker> worker = factory(WorkerArgs(args));
    if (!worker) throw Failure(SEAM_E_INTERNAL, "the worker factory returned no worker");
    out->self = worker.release();
    out->vtable = &worker_vtable;
    return SEAM_OK;
  });
}

inline std::int32_t SEAM_CALL list_models(const seam_list_models_args* args,
                                          const seam_model_sink* sink, seam_error* error) {
  return guard(error, [&] {
    from_user_data<ListFunction>(args->user_data)(ListArgs(args), Models(sink));
    return SEAM_OK;
  });
}

template <class W>
std::unique_ptr<Worker> construct(const WorkerArgs& args) {
  return std::make_unique<W>(args);
}

using ActivateFunction = void (*)(const Host& host);
using TeardownFunction = void (*)(const Host& host);

template <ActivateFunction Activate>
std::int32_t SEAM_CALL activate(void*, const seam_host* host, seam_error* error) {
  return guard(error, [&] {
    Activate(Host(host));
    return SEAM_OK;
  });
}

template <TeardownFunction Teardown>
void SEAM_CALL teardown(void*, const seam_host* host) {
  try {
    Teardown(Host(host));
  } catch (const std::exception& e) {
    Host(host).log(SEAM_LOG_ERROR, std::string("teardown failed: ") + e.what());
  } catch (...) {
    Host(host).log(SEAM_LOG_ERROR, "teardown failed with an unknown C++ exception");
  }
}

// The C hooks for the C++ ones, nullptr for none.
template <ActivateFunction Activate>
constexpr seam_activate_fn activate_hook() {
  return &activate<Activate>;
}
template <>
constexpr seam_activate_fn activate_hook<nullptr>() {
  return nullptr;
}
template <TeardownFunction Teardown>
constexpr seam_teardown_fn teardown_hook() {
  return &teardown<Teardown>;
}
template <>
constexpr seam_teardown_fn teardown_hook<nullptr>() {
  return nullptr;
}

// A seam_error that hands its message to seam_registrar.fail, so the barrier around register can
// explain a failure the way it does everywhere else.
struct RegistrarFailure {
  seam_error error;
  const seam_registrar* registrar;

  explicit RegistrarFailure(const seam_registrar* r)
      : error{sizeof(seam_error), 0, this, &RegistrarFailure::set}, registrar(r) {}
  static void SEAM_CALL set(seam_error* self, std::int32_t, const char* message) {
    const seam_registrar* r = static_cast<RegistrarFailure*>(self->host_ctx)->registrar;
    if (SEAM_HAS_FIELD(r, seam_registrar, fail) && r->fail != nullptr) r->fail(r, message);
  }
};

}  // namespace detail

// Optional parts of a backend definition.
struct BackendOptions {
  std::uint32_t flags = 0;
  const seam_dependency* dependencies = nullptr;
  std::uint32_t dependency_count = 0;
};

// The registrar, as seen from C++: each add_* throws Failure when the host refuses the call, which
// makes register fail with that status.
class Registrar {
 public:
  explicit Registrar(const seam_registrar* registrar) : registrar_(registrar) {}

  // Registers FACTORY (a function or captureless lambda) for (FAMILY, SDK).
  void add_backend(const char* family, const char* sdk, WorkerFactory factory,
                   const BackendOptions& options = {}) const {
    seam_backend_def def{};
    def.struct_size = sizeof(def);
    def.flags = options.flags;
    def.family = family;
    def.sdk = sdk;
    def.make_worker = &detail::make_worker;
    def.user_data = detail::to_user_data(factory);
    def.dependencies = options.dependencies;
    def.dependency_count = options.dependency_count;
    check(registrar_->add_inference_backend(registrar_, &def), "add_inference_backend");
  }

  // Registers W, constructed from the WorkerArgs, for (FAMILY, SDK).
  template <class W>
  void add_backend(const char* family, const char* sdk, const BackendOptions& options = {}) const {
    add_backend(family, sdk, &detail::construct<W>, options);
  }

  void add_lister(const char* sdk, ListFunction list) const {
    seam_model_lister_def def{};
    def.struct_size = sizeof(def);
    def.sdk = sdk;
    def.list_models = &detail::list_models;
    def.user_data = detail::to_user_data(list);
    check(registrar_->add_model_lister(registrar_, &def), "add_model_lister");
  }

  // Sets the lifecycle hooks: ACTIVATE runs once per process before the plugin's first use (throw
  // to fail it, with the message shown to the user); TEARDOWN runs at the host's teardown. Either
  // may be nullptr. Hosts older than API 1 step 1 have no hooks: then this does nothing, and a
  // plugin must cope (e.g. by setting up lazily).
  template <detail::ActivateFunction Activate, detail::TeardownFunction Teardown = nullptr>
  void set_lifecycle() const {
    if (!SEAM_HAS_FIELD(registrar_, seam_registrar, set_lifecycle)) return;
    seam_lifecycle_def def{};
    def.struct_size = sizeof(def);
    def.activate = detail::activate_hook<Activate>();
    def.teardown = detail::teardown_hook<Teardown>();
    check(registrar_->set_lifecycle(registrar_, &def), "set_lifecycle");
  }

 private:
  static void check(std::int32_t status, const char* method) {
    if (status != SEAM_OK) {
      throw Failure(status, std::string(method) + " was refused (" + seam_status_name(status) + ")");
    }
  }
  const seam_registrar* registrar_;
};

// Runs BODY(Registrar&) behind the exception barrier; returns the status for register_plugin. An
// exception's message goes to seam_registrar.fail, so the user reads it in the report.
template <class Body>
std::int32_t register_with(const seam_registrar* registrar, Body&& body) noexcept {
  detail::RegistrarFailure failure(registrar);
  return guard(&failure.error, [&] {
    Registrar r(registrar);
    body(r);
    return SEAM_OK;
  });
}

}  // namespace seam::plugin

#endif  // SEAM_SEAM_HPP
