"""Exceptions named like the loader's C++ error kinds (docs/errors.md)."""

from __future__ import annotations

from typing import Dict, Type


class SeamError(Exception):
    """A failure the loader reported: ``kind`` names the error class, ``status`` is the SEAM_E_*
    code (for a ``WorkerError`` the plugin's own), and the message names the plugin, the file and
    what to do."""

    def __init__(self, message: str, kind: str = "", status: int = 0) -> None:
        super().__init__(message)
        self.kind = kind or type(self).__name__
        self.status = status
        self.message = message


class PluginApiVersionMismatchError(SeamError):
    """A plugin was built for an API version (or host range) this loader does not accept."""


class DuplicateInferenceBackendError(SeamError):
    """Two plugins registered the same (family, sdk)."""


class DuplicateModelListerError(SeamError):
    """Two plugins registered a model lister for the same sdk."""


class CoreUnconditionalPluginDisabledError(SeamError):
    """The denylist names a builtin the host marked core-unconditional."""


class DuplicatePluginError(SeamError):
    """Two plugins declare the same name."""


class BrokenPluginError(SeamError):
    """A plugin file could not be loaded, or its descriptor or register failed."""


class InferenceBackendNotFoundError(SeamError):
    """No backend is registered for a (family, sdk)."""


class MissingDependencyError(SeamError):
    """An optional library a backend needs is not installed."""


class ModelListingUnsupportedError(SeamError):
    """A backend has no model lister, or its lister cannot list (soft: report it as a note)."""


class ConfigError(SeamError):
    """A configuration value is malformed."""


class WorkerError(SeamError):
    """A plugin's make_worker, invoke or list_models failed; ``status`` is its SEAM_E_* code."""


class InvalidArgumentError(SeamError, ValueError):
    """An argument the C API refused (a NULL, a malformed option)."""


class UnsupportedOptionError(SeamError):
    """An option this build of the loader does not have."""


class HttpServiceError(SeamError):
    """The HTTP service could not start (libcurl, the capture file)."""


class InternalError(SeamError):
    """A bug in the loader or out of memory."""


_BY_KIND: Dict[str, Type[SeamError]] = {
    cls.__name__: cls
    for cls in (
        PluginApiVersionMismatchError, DuplicateInferenceBackendError, DuplicateModelListerError,
        CoreUnconditionalPluginDisabledError, DuplicatePluginError, BrokenPluginError,
        InferenceBackendNotFoundError, MissingDependencyError, ModelListingUnsupportedError,
        ConfigError, WorkerError, InvalidArgumentError, UnsupportedOptionError, HttpServiceError,
        InternalError,
    )
}
_BY_KIND["OutOfMemoryError"] = InternalError


def error_for(kind: str, message: str, status: int) -> SeamError:
    """The exception of the class named KIND (SeamError for a kind this package does not know)."""
    return _BY_KIND.get(kind, SeamError)(message, kind, status)
