"""The loader for Python hosts: seam.Loader and what it hands out."""

from __future__ import annotations

import ctypes
import json
import os
import queue
import sys
import threading
import traceback
import weakref
from dataclasses import dataclass, field
from typing import (Any, TypeVar, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence,
                    Tuple, Union)

from . import _capi
from ._capi import text
from .errors import SeamError, error_for

_Self = TypeVar("_Self", bound="_Closing")
PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Dependency:
    """An optional library a contribution declared."""
    name: str
    candidates: Tuple[str, ...]
    install_hint: str


@dataclass(frozen=True)
class Contribution:
    """One thing a plugin registered: a backend ("llm:echo") or a model lister ("lister:echo")."""
    kind: str  # "backend" or "lister"
    family: str
    sdk: str
    label: str
    flags: int
    dependencies: Tuple[Dependency, ...]


@dataclass(frozen=True)
class PluginRow:
    """One candidate plugin and what the loader decided, as `seam plugins list` shows it."""
    name: str
    version: str
    description: str
    vendor: str
    api_version: int
    origin: str
    builtin: bool
    core_unconditional: bool
    state: str  # registered, disabled, broken, incompatible, duplicate, untrusted, shadowed, filtered
    reason: str
    error_kind: str
    contributions: Tuple[Contribution, ...]


@dataclass(frozen=True)
class Loser:
    """A candidate that lost a key: shadowed by a pin, an overridden builtin, or a duplicate."""
    name: str
    origin: str  # "builtin" or the plugin file


@dataclass(frozen=True)
class Choice:
    """Who serves one key of the registry, and why, as `seam plugins which KEY` says it."""
    key: str  # "llm:echo" for a backend, "lister:echo" for a model lister
    plugin: str
    origin: str  # "builtin" or the plugin file
    why: str  # "only candidate", "pin", "builtin override" or "first found"
    losers: Tuple[Loser, ...]


@dataclass(frozen=True)
class Problem:
    """A rejected plugin or a configuration problem: what a lookup fails with under on_error="fail"."""
    kind: str
    message: str


@dataclass(frozen=True)
class ModelInfo:
    """A model a lister found."""
    id: str
    family: str
    display_name: str
    extra: Dict[str, Any]


@dataclass
class Model:
    """A model on a backend instance: what `loader.run` and `loader.list_models` are told.

    ``config`` is the backend instance's parameters (e.g. ``{"base_url": ...}`` for openai);
    ``model_id`` defaults to ``name``, ``name`` to the sdk."""
    sdk: str
    model_id: Optional[str] = None
    family: str = "llm"
    name: Optional[str] = None
    options: Dict[str, Any] = field(default_factory=dict)
    config: Dict[str, Any] = field(default_factory=dict)
    backend_name: Optional[str] = None

    def spec(self) -> Tuple[_capi.WorkerSpec, Tuple[bytes, ...]]:
        name = self.name or self.model_id or self.sdk
        model = {"name": name, "model_id": self.model_id or name, "options": self.options}
        keep = (os.fsencode(self.backend_name or self.sdk), json.dumps(model).encode(),
                json.dumps(self.config).encode())
        spec = _capi.WorkerSpec(ctypes.sizeof(_capi.WorkerSpec), 0, *keep)
        return spec, keep


Target = Union[Model, Tuple[str, str]]


def _raise(error: ctypes.c_void_p) -> None:
    lib = _capi.lib()
    raise error_for(text(lib.seam_loader_error_kind(error)), text(lib.seam_loader_error_message(error)),
                    lib.seam_loader_error_status(error))


class _Error:
    """A C error object for the calls of one thread."""

    def __init__(self) -> None:
        self.handle = ctypes.c_void_p(_capi.lib().seam_loader_error_create())
        if not self.handle:
            raise MemoryError("seam_loader_error_create")

    def check(self, status: int) -> None:
        if status != _capi.SEAM_OK:
            _raise(self.handle)

    def __enter__(self) -> "_Error":
        return self

    def __exit__(self, *exc: object) -> None:
        _capi.lib().seam_loader_error_destroy(self.handle)


class _Closing:
    """close() on leaving a ``with`` block and when dropped."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self: "_Self") -> "_Self":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


class _Invocation:
    """One request running on its own thread. Kept apart from EventStream so that the thread does
    not keep the stream alive: dropping the stream closes it."""

    END = object()

    def __init__(self, worker: ctypes.c_void_p, request: bytes) -> None:
        self.worker = worker
        self.queue: "queue.Queue[Any]" = queue.Queue(maxsize=256)
        self.closed = threading.Event()
        self.cancelled = False
        self.callback = _capi.EVENT_FN(self.on_event)
        self.thread = threading.Thread(target=self.run, args=(request,), daemon=True,
                                       name="seam-invoke")
        self.thread.start()

    def on_event(self, ctx: object, data: Any, length: int) -> int:
        # Runs on the invoke thread, inside C: it never lets an exception through.
        try:
            if self.closed.is_set():
                return 1
            event = json.loads(ctypes.string_at(data, length).decode("utf-8"))
            return 0 if self.put(event) else 1
        except BaseException as e:  # noqa: BLE001 - a bad event ends the request, not the process
            self.put(SeamError(f"an event could not be read: {e}", "InternalError"))
            return 1

    def put(self, item: Any) -> bool:
        """Hands ITEM over, waiting while the queue is full; False once the stream is closed."""
        while not self.closed.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run(self, request: bytes) -> None:
        final: Any = self.END
        try:
            with _Error() as error:
                status = _capi.lib().seam_loader_worker_invoke(self.worker, request, self.callback,
                                                               None, error.handle)
                if status == _capi.SEAM_E_CANCELLED:
                    self.cancelled = True
                else:
                    error.check(status)
        except BaseException as e:  # noqa: BLE001 - handed to the consumer
            final = e
        self.put(final)

    def stop(self) -> None:
        """Cancels the request, waits for the plugin to return, frees the worker."""
        if self.worker is None:
            return
        self.closed.set()
        _capi.lib().seam_loader_worker_cancel(self.worker)
        self.thread.join()
        _capi.lib().seam_loader_worker_destroy(self.worker)
        self.worker = None


class EventStream(_Closing, Iterator[Dict[str, Any]]):
    """The events of one request, as dicts, in the order the plugin emits them.

    The request runs on a thread of its own and each event is handed over as it is emitted;
    closing the stream (``close()``, leaving a ``with`` block, or dropping it) cancels the request
    and waits for the plugin to stop. A plugin failure is raised from ``next()`` as a WorkerError
    after the events that came before it. ``cancelled`` tells whether the plugin stopped early."""

    def __init__(self, loader: "Loader", worker: ctypes.c_void_p, request: bytes) -> None:
        self._loader = loader  # the worker must not outlive it
        self._run = _Invocation(worker, request)
        self._done = False

    @property
    def cancelled(self) -> bool:
        return self._run.cancelled

    def __iter__(self) -> "EventStream":
        return self

    def __next__(self) -> Dict[str, Any]:
        if self._done:
            raise StopIteration
        item = self._run.queue.get()
        if item is _Invocation.END or isinstance(item, BaseException):
            self._done = True
            self.close()
            if isinstance(item, BaseException):
                raise item
            raise StopIteration
        return item

    def close(self) -> None:
        """Cancels the request if it still runs and frees the worker. Idempotent."""
        self._done = True
        self._run.stop()
        self._loader._forget(self)


class Loader(_Closing):
    """Discovers, checks and registers Seam plugins, through libseam-loader's C API.

    Never fails because of a plugin: every problem is a row in ``report()`` and an entry in
    ``problems()``. Under ``on_error="fail"`` (the default) a lookup (``run``, ``list_models``)
    raises the first problem; under ``"skip"`` rejected plugins are left out.

    ``paths`` are folders searched in order, ``files`` plugin files named explicitly,
    ``disabled`` a denylist of file stems or plugin names, ``builtins`` plugin library files whose
    descriptors are linked in as builtins (``(file, True)`` marks one core-unconditional),
    ``http`` offers the HTTP service (``seam.http/1``) to plugins, ``services`` other services by
    id (the address of a C table), ``usage`` receives ``(plugin, usage_dict)`` on the plugin's
    thread. ``use_environment`` also reads SEAM_PLUGIN_PATH, SEAM_REGISTRY, SEAM_REGISTRY_UPDATE,
    SEAM_PLUGINS_DISABLE and SEAM_PLUGINS_SELECT like the ``seam`` command. ``default_folders``
    also searches the user folder ($XDG_DATA_HOME/seam/plugins) and the installation's
    lib/seam/plugins, as ``seam`` does; ``secure_mode`` ignores the environment (on by itself in an
    elevated process).

    ``prefer`` pins keys several plugins contribute: ``{"llm:openai": "my-openai"}`` makes
    my-openai serve llm:openai and every other contributor ``shadowed`` (not a problem); a pin
    naming a plugin that does not serve its key is a ConfigError problem naming the candidates.
    ``disable_filters`` and ``select_filters`` are globs on plugin names and file stems: a match of
    a disable glob is ``filtered``, and when select globs are given so is every plugin matching
    none of them; core-unconditional builtins are never filtered. ``disable_filters=["*"]`` is
    safe mode: builtins only. ``choices()`` and ``which()`` say who serves each key and why.

    One Loader may be used from many threads at once."""

    def __init__(self, paths: Iterable[PathLike] = (), *, files: Iterable[PathLike] = (),
                 disabled: Iterable[str] = (), on_error: str = "fail",
                 builtins: Iterable[Union[PathLike, Tuple[PathLike, bool]]] = (),
                 http: bool = True, services: Optional[Mapping[str, int]] = None,
                 host_version: Optional[str] = None, registry_cache: Optional[PathLike] = None,
                 trust_registry_cache: bool = False, isolate: bool = True,
                 scanner: Optional[PathLike] = None, scan_budget_ms: int = 0,
                 use_environment: bool = False, default_folders: bool = False,
                 secure_mode: bool = False,
                 usage: Optional[Callable[[str, Dict[str, Any]], None]] = None,
                 prefer: Optional[Mapping[str, str]] = None, disable_filters: Iterable[str] = (),
                 select_filters: Iterable[str] = ()) -> None:
        if on_error not in ("fail", "skip"):
            raise ValueError(f'on_error must be "fail" or "skip", not {on_error!r}')
        lib = _capi.lib()
        self._handle: Optional[ctypes.c_void_p] = None
        self._http: Optional[ctypes.c_void_p] = None
        self._streams: "weakref.WeakSet[EventStream]" = weakref.WeakSet()
        self._streams_lock = threading.Lock()  # runs start and end on many threads
        self._builtin_libraries: List[ctypes.CDLL] = []
        keep: List[Any] = []  # everything C reads during seam_loader_create

        def strings(items: Iterable[Any]) -> Any:
            array = _capi.string_array([os.fspath(i) for i in items])
            keep.append(array)
            return ctypes.cast(array, _capi.c_char_pp)

        def optional(value: Optional[PathLike]) -> Optional[bytes]:
            return os.fsencode(value) if value is not None else None

        options = _capi.Options()
        options.struct_size = ctypes.sizeof(options)
        options.on_error = _capi.ON_ERROR_SKIP if on_error == "skip" else _capi.ON_ERROR_FAIL
        options.search_paths = strings(paths)
        options.plugin_files = strings(files)
        options.disabled = strings(disabled)
        options.disable_filters = strings(disable_filters)
        options.select_filters = strings(select_filters)
        pins = list((prefer or {}).items())
        pin_array = (_capi.Pin * max(1, len(pins)))()
        for i, (key, plugin) in enumerate(pins):
            pin_array[i] = _capi.Pin(ctypes.sizeof(_capi.Pin), 0, key.encode(), plugin.encode())
        keep.append(pin_array)
        options.prefer = pin_array
        options.prefer_count = len(pins)

        builtin_list = [(b, False) if not isinstance(b, tuple) else b for b in builtins]
        builtin_array = (_capi.Builtin * max(1, len(builtin_list)))()
        for i, (file, core) in enumerate(builtin_list):
            builtin_array[i] = _capi.Builtin(ctypes.sizeof(_capi.Builtin), int(bool(core)),
                                             self._descriptor_of(file))
        options.builtins = builtin_array
        options.builtin_count = len(builtin_list)

        service_items: List[Tuple[bytes, int]] = [(k.encode(), v) for k, v in (services or {}).items()]
        with _Error() as error:
            if http:
                handle = ctypes.c_void_p()
                error.check(lib.seam_loader_http_create(None, ctypes.byref(handle), error.handle))
                self._http = handle
                service_items.append((_capi.HTTP_SERVICE_ID, lib.seam_loader_http_table(handle)))
            service_array = (_capi.Service * max(1, len(service_items)))()
            for i, (sid, table) in enumerate(service_items):
                service_array[i] = _capi.Service(ctypes.sizeof(_capi.Service), 0, sid, table)
            options.services = service_array
            options.service_count = len(service_items)

            options.host_version = host_version.encode() if host_version else None
            options.registry_cache = optional(registry_cache)
            options.scanner_path = optional(scanner)
            options.trust_registry_cache = int(trust_registry_cache)
            options.scan_in_process = int(not isolate)
            options.scan_budget_ms = scan_budget_ms
            options.use_environment = int(use_environment)
            options.default_folders = _capi.YES if default_folders else _capi.NO
            options.secure_mode = _capi.YES if secure_mode else _capi.DEFAULT
            self._usage = _capi.USAGE_FN(self._usage_callback(usage)) if usage else _capi.USAGE_FN()
            options.usage = self._usage

            handle = ctypes.c_void_p()
            try:
                error.check(lib.seam_loader_create(ctypes.byref(options), ctypes.byref(handle),
                                                   error.handle))
            except BaseException:
                self.close()
                raise
            self._handle = handle

    @staticmethod
    def _usage_callback(usage: Callable[[str, Dict[str, Any]], None]) -> Callable[..., None]:
        def call(ctx: object, plugin: bytes, usage_json: bytes) -> None:
            try:
                usage(text(plugin), json.loads(text(usage_json)))
            except BaseException:  # noqa: BLE001 - never into C; reported like ctypes would
                traceback.print_exc(file=sys.stderr)
        return call

    def _descriptor_of(self, file: PathLike) -> int:
        library = ctypes.CDLL(os.fspath(file))
        entry = library.seam_plugin_entry
        entry.restype = ctypes.c_void_p
        entry.argtypes = [ctypes.c_uint32]
        descriptor = entry(_capi.SEAM_API_VERSION)
        if not descriptor:
            raise ValueError(f"{os.fspath(file)}: seam_plugin_entry returned no descriptor")
        self._builtin_libraries.append(library)  # the descriptor lives as long as the library
        return descriptor

    # -- the report ------------------------------------------------------------------------------

    def report(self) -> List[PluginRow]:
        """One row per candidate plugin: builtins first, then files in discovery order."""
        lib, handle = _capi.lib(), self._live()
        rows = []
        for r in range(lib.seam_loader_report_count(handle)):
            row = _capi.PluginRow(struct_size=ctypes.sizeof(_capi.PluginRow))
            lib.seam_loader_report_row(handle, r, ctypes.byref(row))
            contributions = []
            for c in range(row.contribution_count):
                con = _capi.Contribution(struct_size=ctypes.sizeof(_capi.Contribution))
                lib.seam_loader_report_contribution(handle, r, c, ctypes.byref(con))
                dependencies = []
                for d in range(con.dependency_count):
                    dep = _capi.Dependency(struct_size=ctypes.sizeof(_capi.Dependency))
                    lib.seam_loader_report_dependency(handle, r, c, d, ctypes.byref(dep))
                    candidates = []
                    i = 0
                    while dep.candidates[i]:
                        candidates.append(text(dep.candidates[i]))
                        i += 1
                    dependencies.append(Dependency(text(dep.name), tuple(candidates),
                                                   text(dep.install_hint)))
                contributions.append(Contribution("lister" if con.kind == 1 else "backend",
                                                  text(con.family), text(con.sdk), text(con.label),
                                                  con.flags, tuple(dependencies)))
            rows.append(PluginRow(text(row.name), text(row.version), text(row.description),
                                  text(row.vendor), row.api_version, text(row.origin),
                                  bool(row.builtin), bool(row.core_unconditional),
                                  text(row.state_name), text(row.reason), text(row.error_kind),
                                  tuple(contributions)))
        return rows

    def problems(self) -> List[Problem]:
        """The error of every rejected plugin and configuration problem, in report order."""
        lib, handle = _capi.lib(), self._live()
        out = []
        for i in range(lib.seam_loader_problem_count(handle)):
            p = _capi.Problem(struct_size=ctypes.sizeof(_capi.Problem))
            lib.seam_loader_report_problem(handle, i, ctypes.byref(p))
            out.append(Problem(text(p.kind), text(p.message)))
        return out

    def choices(self) -> List[Choice]:
        """Who serves each key of the registry (backends and listers) and why, in report order."""
        _capi.require("seam_loader_report_choice")
        lib, handle = _capi.lib(), self._live()
        out = []
        for i in range(lib.seam_loader_choice_count(handle)):
            c = _capi.Choice(struct_size=ctypes.sizeof(_capi.Choice))
            lib.seam_loader_report_choice(handle, i, ctypes.byref(c))
            losers = []
            for k in range(c.loser_count):
                loser = _capi.ChoiceLoser(struct_size=ctypes.sizeof(_capi.ChoiceLoser))
                lib.seam_loader_report_choice_loser(handle, i, k, ctypes.byref(loser))
                losers.append(Loser(text(loser.name), text(loser.origin)))
            out.append(Choice(text(c.key), text(c.plugin), text(c.origin), text(c.why_name),
                              tuple(losers)))
        return out

    def which(self, key: str) -> Optional[Choice]:
        """Who serves KEY ("llm:openai", "lister:openai") and why; None when no plugin does
        (``report()`` then says what became of its contributors)."""
        return next((c for c in self.choices() if c.key == key), None)

    @property
    def ok(self) -> bool:
        """True when no plugin was rejected."""
        return _capi.lib().seam_loader_problem_count(self._live()) == 0

    # -- running ---------------------------------------------------------------------------------

    def run(self, target: Target, request: Union[Mapping[str, Any], str]) -> EventStream:
        """Runs REQUEST (a dict, or JSON text) on TARGET: a ``Model``, or ``(family, sdk)`` for a
        model named after the sdk with no configuration. Returns the stream of event dicts.

        Raises InferenceBackendNotFoundError, MissingDependencyError, BrokenPluginError or
        WorkerError (make_worker failed) at once; the first problem under on_error="fail"."""
        model = target if isinstance(target, Model) else Model(sdk=target[1], family=target[0])
        body = request if isinstance(request, str) else json.dumps(request)
        lib, handle = _capi.lib(), self._live()
        with _Error() as error:
            backend = ctypes.c_void_p()
            error.check(lib.seam_loader_find_backend(handle, model.family.encode(),
                                                     model.sdk.encode(), ctypes.byref(backend),
                                                     error.handle))
            spec, _keep = model.spec()
            worker = ctypes.c_void_p()
            error.check(lib.seam_loader_backend_make_worker(backend, ctypes.byref(spec),
                                                            ctypes.byref(worker), error.handle))
        stream = EventStream(self, worker, body.encode())
        with self._streams_lock:
            self._streams.add(stream)
        return stream

    def list_models(self, target: Union[Model, str]) -> List[ModelInfo]:
        """The models the backend instance TARGET (a ``Model``, or an sdk) can serve. Raises
        ModelListingUnsupportedError when its sdk has no lister or the lister cannot list."""
        model = target if isinstance(target, Model) else Model(sdk=target)
        lib, handle = _capi.lib(), self._live()
        found: List[ModelInfo] = []
        failure: List[BaseException] = []

        def on_model(ctx: object, record: Any) -> int:
            try:
                r = record.contents
                found.append(ModelInfo(text(r.id), text(r.family), text(r.display_name),
                                       json.loads(text(r.extra_json) or "{}")))
                return 0
            except BaseException as e:  # noqa: BLE001 - never into C
                failure.append(e)
                return 1

        callback = _capi.MODEL_FN(on_model)
        with _Error() as error:
            lister = ctypes.c_void_p()
            error.check(lib.seam_loader_find_lister(handle, model.sdk.encode(),
                                                    ctypes.byref(lister), error.handle))
            spec, _keep = model.spec()
            error.check(lib.seam_loader_lister_list(lister, ctypes.byref(spec), callback, None,
                                                    error.handle))
        if failure:
            raise failure[0]
        return found

    # -- lifetime --------------------------------------------------------------------------------

    def _forget(self, stream: EventStream) -> None:
        with self._streams_lock:
            self._streams.discard(stream)

    def _live(self) -> ctypes.c_void_p:
        if self._handle is None:
            raise ValueError("the Loader is closed")
        return self._handle

    def close(self) -> None:
        """Cancels and closes every open stream, then frees the loader and its HTTP service."""
        with self._streams_lock:
            streams = list(self._streams)
        for stream in streams:
            stream.close()
        lib = _capi.lib()
        if self._handle is not None:
            lib.seam_loader_destroy(self._handle)
            self._handle = None
        if self._http is not None:
            lib.seam_loader_http_destroy(self._http)
            self._http = None

