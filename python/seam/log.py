"""The loader's log (process-wide: one per process, shared by every Loader) sent to Python."""

from __future__ import annotations

import sys
import traceback
from typing import Callable, Optional

from . import _capi
from ._capi import text

LEVELS = {"trace": 0, "debug": 1, "info": 2, "warn": 3, "error": 4, "off": 5}
_NAMES = {number: name for name, number in LEVELS.items()}
_current: Optional[object] = None  # the ctypes callback C holds; must stay alive


def set_log(callback: Optional[Callable[[str, str], None]], level: str = "warn") -> None:
    """Sends the loader's log lines at LEVEL and above (trace, debug, info, warn, error, off) to
    ``callback(level_name, message)`` instead of stderr; ``None`` goes back to stderr. Lines of
    plugins begin with "[name] ". The callback runs on whatever thread logs; an exception in it is
    printed to stderr, never passed into C. Call it before creating loaders."""
    global _current
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")

    def forward(ctx: object, number: int, message: bytes) -> None:
        try:
            callback(_NAMES.get(number, "error"), text(message))  # type: ignore[misc]
        except BaseException:  # noqa: BLE001 - never into C
            traceback.print_exc(file=sys.stderr)

    c_callback = _capi.LOG_FN(forward) if callback is not None else _capi.LOG_FN()
    _capi.lib().seam_loader_set_log(c_callback, None, LEVELS[level])
    _current = c_callback
