"""ctypes declarations of seam/seam_loader.h, and finding libseam-loader.

The struct layouts mirror the header field by field; abi-check compares the header's layouts across
compilers, and tests/python runs this module against the built library.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path
from typing import List, Optional

C_API_VERSION = 1
SEAM_API_VERSION = 1

SEAM_OK = 0
SEAM_E_CANCELLED = 6
SEAM_E_UNSUPPORTED = 5
ON_ERROR_FAIL = 0
ON_ERROR_SKIP = 1
DEFAULT, YES, NO = 0, 1, 2
HTTP_SERVICE_ID = b"seam.http/1"

c_char_pp = ctypes.POINTER(ctypes.c_char_p)
LOG_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int32, ctypes.c_char_p)
USAGE_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p)
EVENT_FN = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.POINTER(ctypes.c_char),
                            ctypes.c_size_t)


class Builtin(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("core_unconditional", ctypes.c_uint32),
                ("descriptor", ctypes.c_void_p)]


class Service(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("reserved", ctypes.c_uint32),
                ("id", ctypes.c_char_p), ("table", ctypes.c_void_p)]


class Pin(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("reserved", ctypes.c_uint32),
                ("key", ctypes.c_char_p), ("plugin", ctypes.c_char_p)]


class Options(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_uint32), ("on_error", ctypes.c_uint32),
        ("search_paths", c_char_pp), ("plugin_files", c_char_pp), ("disabled", c_char_pp),
        ("builtins", ctypes.POINTER(Builtin)), ("builtin_count", ctypes.c_uint32),
        ("service_count", ctypes.c_uint32), ("services", ctypes.POINTER(Service)),
        ("host_version", ctypes.c_char_p), ("registry_cache", ctypes.c_char_p),
        ("scanner_path", ctypes.c_char_p), ("trust_registry_cache", ctypes.c_uint32),
        ("scan_in_process", ctypes.c_uint32), ("scan_budget_ms", ctypes.c_uint32),
        ("use_environment", ctypes.c_uint32), ("default_folders", ctypes.c_uint32),
        ("secure_mode", ctypes.c_uint32), ("usage", USAGE_FN), ("usage_ctx", ctypes.c_void_p),
        ("prefer", ctypes.POINTER(Pin)), ("prefer_count", ctypes.c_uint32),
        ("reserved", ctypes.c_uint32), ("disable_filters", c_char_pp),
        ("select_filters", c_char_pp),
    ]


class PluginRow(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_uint32), ("state", ctypes.c_uint32),
        ("name", ctypes.c_char_p), ("version", ctypes.c_char_p), ("description", ctypes.c_char_p),
        ("vendor", ctypes.c_char_p), ("origin", ctypes.c_char_p), ("reason", ctypes.c_char_p),
        ("error_kind", ctypes.c_char_p), ("state_name", ctypes.c_char_p),
        ("api_version", ctypes.c_uint32), ("builtin", ctypes.c_uint32),
        ("core_unconditional", ctypes.c_uint32), ("contribution_count", ctypes.c_uint32),
    ]


class Contribution(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_uint32), ("kind", ctypes.c_uint32),
        ("family", ctypes.c_char_p), ("sdk", ctypes.c_char_p), ("label", ctypes.c_char_p),
        ("flags", ctypes.c_uint32), ("dependency_count", ctypes.c_uint32),
    ]


class Dependency(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("reserved", ctypes.c_uint32),
                ("name", ctypes.c_char_p), ("candidates", c_char_pp),
                ("install_hint", ctypes.c_char_p)]


class Problem(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("reserved", ctypes.c_uint32),
                ("kind", ctypes.c_char_p), ("message", ctypes.c_char_p)]


class Choice(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("why", ctypes.c_uint32),
                ("key", ctypes.c_char_p), ("plugin", ctypes.c_char_p), ("origin", ctypes.c_char_p),
                ("why_name", ctypes.c_char_p), ("loser_count", ctypes.c_uint32),
                ("reserved", ctypes.c_uint32)]


class ChoiceLoser(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("reserved", ctypes.c_uint32),
                ("name", ctypes.c_char_p), ("origin", ctypes.c_char_p)]


class WorkerSpec(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("reserved", ctypes.c_uint32),
                ("backend_name", ctypes.c_char_p), ("model_json", ctypes.c_char_p),
                ("backend_config_json", ctypes.c_char_p)]


class ModelRecord(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("reserved", ctypes.c_uint32),
                ("id", ctypes.c_char_p), ("family", ctypes.c_char_p),
                ("display_name", ctypes.c_char_p), ("extra_json", ctypes.c_char_p)]


MODEL_FN = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.POINTER(ModelRecord))


class HttpOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("no_connection_reuse", ctypes.c_uint32),
                ("capture_file", ctypes.c_char_p), ("secrets", c_char_pp),
                ("ca_bundle", ctypes.c_char_p), ("user_agent", ctypes.c_char_p),
                ("default_connect_timeout_ms", ctypes.c_uint32), ("reserved", ctypes.c_uint32)]


def library_candidates() -> List[str]:
    """Where libseam-loader is looked for, in order."""
    found: List[str] = []
    env = os.environ.get("SEAM_LOADER_LIBRARY")
    if env:
        found.append(env)
    here = Path(__file__).resolve().parent
    # Beside the package, then prefix/lib for prefix/lib/pythonX.Y/site-packages/seam.
    for folder in [here] + ([here.parents[2]] if len(here.parents) > 2 else []):
        for name in sorted(folder.glob("libseam-loader.so*")) + sorted(folder.glob("seam-loader.dll")):
            found.append(str(name))
    system = ctypes.util.find_library("seam-loader")
    found.append(system or ("seam-loader.dll" if sys.platform == "win32" else "libseam-loader.so"))
    return found


def _declare(lib: ctypes.CDLL) -> None:
    P = ctypes.c_void_p
    u32, i32 = ctypes.c_uint32, ctypes.c_int32
    table = {
        "seam_loader_c_api_version": (u32, []),
        "seam_loader_plugin_api_range": (None, [ctypes.POINTER(u32), ctypes.POINTER(u32)]),
        "seam_loader_error_create": (P, []),
        "seam_loader_error_destroy": (None, [P]),
        "seam_loader_error_status": (i32, [P]),
        "seam_loader_error_kind": (ctypes.c_char_p, [P]),
        "seam_loader_error_message": (ctypes.c_char_p, [P]),
        "seam_loader_set_log": (None, [LOG_FN, P, i32]),
        "seam_loader_create": (i32, [ctypes.POINTER(Options), ctypes.POINTER(P), P]),
        "seam_loader_destroy": (None, [P]),
        "seam_loader_report_count": (u32, [P]),
        "seam_loader_report_row": (i32, [P, u32, ctypes.POINTER(PluginRow)]),
        "seam_loader_report_contribution": (i32, [P, u32, u32, ctypes.POINTER(Contribution)]),
        "seam_loader_report_dependency": (i32, [P, u32, u32, u32, ctypes.POINTER(Dependency)]),
        "seam_loader_problem_count": (u32, [P]),
        "seam_loader_report_problem": (i32, [P, u32, ctypes.POINTER(Problem)]),
        "seam_loader_status_name": (ctypes.c_char_p, [i32]),
        "seam_loader_find_backend": (i32, [P, ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(P), P]),
        "seam_loader_backend_plugin": (ctypes.c_char_p, [P]),
        "seam_loader_backend_make_worker": (i32, [P, ctypes.POINTER(WorkerSpec), ctypes.POINTER(P), P]),
        "seam_loader_worker_invoke": (i32, [P, ctypes.c_char_p, EVENT_FN, P, P]),
        "seam_loader_worker_cancel": (None, [P]),
        "seam_loader_worker_destroy": (None, [P]),
        "seam_loader_find_lister": (i32, [P, ctypes.c_char_p, ctypes.POINTER(P), P]),
        "seam_loader_lister_list": (i32, [P, ctypes.POINTER(WorkerSpec), MODEL_FN, P, P]),
        "seam_loader_http_create": (i32, [ctypes.POINTER(HttpOptions), ctypes.POINTER(P), P]),
        "seam_loader_http_table": (P, [P]),
        "seam_loader_http_cancel_all": (None, [P, u32]),
        "seam_loader_http_destroy": (None, [P]),
    }
    # Added within C API version 1: a library from before them lacks them, and only the methods
    # that need them fail (see require()).
    added = {
        "seam_loader_choice_count": (u32, [P]),
        "seam_loader_report_choice": (i32, [P, u32, ctypes.POINTER(Choice)]),
        "seam_loader_report_choice_loser": (i32, [P, u32, u32, ctypes.POINTER(ChoiceLoser)]),
    }
    for name, (restype, argtypes) in list(table.items()) + list(added.items()):
        fn = getattr(lib, name, None)
        if fn is None and name in added:
            continue
        if fn is None:
            raise AttributeError(f"{lib._name}: no function {name}")
        fn.restype = restype
        fn.argtypes = argtypes


_lib: Optional[ctypes.CDLL] = None


def lib() -> ctypes.CDLL:
    """libseam-loader, loaded and declared on first use."""
    global _lib
    if _lib is None:
        errors = []
        for candidate in library_candidates():
            try:
                loaded = ctypes.CDLL(candidate)
            except OSError as e:
                errors.append(f"{candidate}: {e}")
                continue
            _declare(loaded)
            version = loaded.seam_loader_c_api_version()
            if version < C_API_VERSION:
                errors.append(f"{candidate}: C API version {version}, this package needs "
                              f"{C_API_VERSION} or later")
                continue
            _lib = loaded
            break
        else:
            raise OSError("libseam-loader not found; set SEAM_LOADER_LIBRARY to its path or "
                          "install Seam (cmake --install). Tried: " + "; ".join(errors))
    return _lib


def require(name: str) -> None:
    """Raises a clear error when the loaded libseam-loader is older than function NAME."""
    if not hasattr(lib(), name):
        raise OSError(f"{lib()._name} has no {name}: it is older than this package; use the "
                      f"libseam-loader of the same Seam release")


def string_array(items: List[str]) -> "ctypes.Array[ctypes.c_char_p]":
    """A NULL-terminated char* array of ITEMS (keep it alive as long as C may read it)."""
    array = (ctypes.c_char_p * (len(items) + 1))()
    for i, item in enumerate(items):
        array[i] = os.fsencode(item) if not isinstance(item, bytes) else item
    return array


def text(value: Optional[bytes]) -> str:
    return value.decode("utf-8", "replace") if value else ""
