"""Seam for Python hosts: the whole plugin loader (discovery, version gate, scanner, duplicates,
denylist, dependency probing, HTTP service) through libseam-loader's C API, standard library only.

    import seam
    with seam.Loader(["plugins"], on_error="skip") as loader:
        for row in loader.report():
            print(row.name, row.state, row.reason)
        for event in loader.run(("llm", "echo"), {"messages": [{"role": "user", "content": "hi"}]}):
            print(event)
"""

from .errors import (BrokenPluginError, ConfigError, CoreUnconditionalPluginDisabledError,
                     DuplicateInferenceBackendError, DuplicateModelListerError,
                     DuplicatePluginError, HttpServiceError, InferenceBackendNotFoundError,
                     InternalError, InvalidArgumentError, MissingDependencyError,
                     ModelListingUnsupportedError, PluginApiVersionMismatchError, SeamError,
                     UnsupportedOptionError, WorkerError)
from .log import set_log
from .loader import (Choice, Contribution, Dependency, EventStream, Loader, Loser, Model, ModelInfo,
                     PluginRow, Problem)

__all__ = [
    "BrokenPluginError", "Choice", "ConfigError", "Contribution",
    "CoreUnconditionalPluginDisabledError", "Dependency", "DuplicateInferenceBackendError",
    "DuplicateModelListerError", "DuplicatePluginError", "EventStream", "HttpServiceError",
    "InferenceBackendNotFoundError", "InternalError", "InvalidArgumentError", "Loader", "Loser",
    "MissingDependencyError", "Model", "ModelInfo", "ModelListingUnsupportedError",
    "PluginApiVersionMismatchError", "PluginRow", "Problem", "SeamError", "UnsupportedOptionError",
    "WorkerError", "set_log",
]
