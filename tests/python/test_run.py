"""loader.run streams event dicts and cancels when closed; loader.list_models; typed exceptions,
each with its positive twin."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import seam
from conftest import ECHO, fixture, folder_of
from loopback import LoopbackServer

REQUEST = {"messages": [{"role": "user", "content": "one two three"}]}
DEPS = Path(os.environ["SEAM_PLUGIN_OUTPUT_DIR"]) / "deps"
OPENAI = Path(os.environ["SEAM_OPENAI_PLUGIN_DIR"])


def text_of(events: "list[dict]") -> str:
    return "".join(e["text"] for e in events if e["type"] == "delta")


def test_echo_answers_with_deltas_then_done() -> None:
    with seam.Loader([ECHO.parent]) as loader:
        events = list(loader.run(("llm", "echo"), REQUEST))
    assert text_of(events) == "one two three"
    assert events[-1]["type"] == "done"
    assert all(isinstance(e, dict) for e in events)


def test_openai_streams_from_the_loopback_server(loopback: LoopbackServer) -> None:
    model = seam.Model(sdk="openai", model_id="basic", config={"base_url": loopback.url("/v1")})
    with seam.Loader([OPENAI]) as loader:
        stream = loader.run(model, REQUEST)
        events = list(stream)
    assert text_of(events) == "Hello from the loopback server."
    assert events[0] == {"type": "delta", "text": "Hello"}
    assert events[-1] == {"type": "done", "finish_reason": "stop"}
    assert not stream.cancelled


def test_closing_the_iterator_cancels_a_stream_that_would_run_on(loopback: LoopbackServer) -> None:
    # "forever" sends a token every 50 ms for 20 s: events arrive while the request runs, and
    # closing stops it long before the server would.
    model = seam.Model(sdk="openai", model_id="forever", config={"base_url": loopback.url("/v1")})
    with seam.Loader([OPENAI]) as loader:
        stream = loader.run(model, REQUEST)
        first = [next(stream) for _ in range(3)]
        stream.close()
        assert stream.cancelled
        assert list(stream) == []
        assert first == [{"type": "delta", "text": "tick "}] * 3
        # The worker was freed and the loader still serves.
        assert text_of(list(loader.run(seam.Model(sdk="openai", model_id="basic",
                                                  config={"base_url": loopback.url("/v1")}),
                                       REQUEST))) == "Hello from the loopback server."


def test_leaving_a_with_block_cancels_too(loopback: LoopbackServer) -> None:
    model = seam.Model(sdk="openai", model_id="forever", config={"base_url": loopback.url("/v1")})
    with seam.Loader([OPENAI]) as loader:
        with loader.run(model, REQUEST) as stream:
            assert next(stream)["type"] == "delta"
        assert stream.cancelled


def test_a_missing_backend_is_inference_backend_not_found() -> None:
    with seam.Loader([ECHO.parent]) as loader:
        with pytest.raises(seam.InferenceBackendNotFoundError) as caught:
            loader.run(("llm", "nowhere"), REQUEST)
        assert "nowhere" in str(caught.value) and "llm" in str(caught.value)
        assert caught.value.kind == "InferenceBackendNotFoundError"
        # Twin: the backend that is there.
        assert text_of(list(loader.run(("llm", "echo"), REQUEST))) == "one two three"


def test_a_missing_dependency_is_missing_dependency_error() -> None:
    with seam.Loader([DEPS / "absent"]) as loader:
        with pytest.raises(seam.MissingDependencyError) as caught:
            loader.run(("llm", "needs-absent"), REQUEST)
        assert "needs-absent" in str(caught.value)
    # Twin: the plugin whose library is installed runs.
    with seam.Loader([DEPS / "present"]) as loader:
        [event] = list(loader.run(("llm", "needs-sqlite"), REQUEST))
        assert event["version"]  # the sqlite version the plugin found through the host


def test_a_broken_plugin_fails_lookups_under_fail_and_not_under_skip(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, ECHO, fixture("register-fails"))
    with seam.Loader([folder]) as loader:
        with pytest.raises(seam.BrokenPluginError, match="register-fails"):
            loader.run(("llm", "echo"), REQUEST)
    with seam.Loader([folder], on_error="skip") as loader:
        assert text_of(list(loader.run(("llm", "echo"), REQUEST))) == "one two three"


def test_a_failing_plugin_raises_worker_error_after_its_events(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, fixture("invoke-fails"), fixture("good"))
    with seam.Loader([folder]) as loader:
        events = []
        with pytest.raises(seam.WorkerError) as caught:
            for event in loader.run(("llm", "invoke-fails"), REQUEST):
                events.append(event)
        assert caught.value.status == 7  # SEAM_E_BACKEND
        assert "invoke-fails" in str(caught.value)
        # Twin: good completes.
        assert list(loader.run(("llm", "good"), REQUEST))


def test_list_models_and_an_sdk_without_a_lister() -> None:
    with seam.Loader([ECHO.parent]) as loader:
        models = loader.list_models("echo")
        assert models and all(isinstance(m, seam.ModelInfo) for m in models)
        assert all(m.family and m.id for m in models)
        with pytest.raises(seam.ModelListingUnsupportedError, match="nowhere"):
            loader.list_models("nowhere")


def test_an_exception_in_a_python_callback_never_crosses_into_c(
        capfd: pytest.CaptureFixture[str]) -> None:
    def usage(plugin: str, report: dict) -> None:
        raise RuntimeError(f"usage callback broke on {plugin}")

    with seam.Loader([ECHO.parent], usage=usage) as loader:
        events = list(loader.run(("llm", "echo"), REQUEST))
    assert events[-1]["type"] == "done"
    assert "usage callback broke on echo" in capfd.readouterr().err

    seen = []
    with seam.Loader([ECHO.parent], usage=lambda plugin, report: seen.append((plugin, report))) as loader:
        list(loader.run(("llm", "echo"), REQUEST))
    assert seen and seen[0][0] == "echo" and "output_tokens" in seen[0][1]


def test_closing_the_loader_cancels_its_open_streams_first(loopback: LoopbackServer) -> None:
    model = seam.Model(sdk="openai", model_id="forever", config={"base_url": loopback.url("/v1")})
    loader = seam.Loader([OPENAI])
    stream = loader.run(model, REQUEST)
    assert next(stream)["type"] == "delta"
    loader.close()
    assert stream.cancelled
    assert list(stream) == []
    with pytest.raises(ValueError, match="closed"):
        loader.run(model, REQUEST)
