"""loader.report() and problems(): the rows and kinds the C++ host reports, as dataclasses."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict

import pytest

import seam
from conftest import ECHO


def seam_json(folder: Path, cwd: Path) -> Dict[str, Any]:
    done = subprocess.run([os.environ["SEAM_EXECUTABLE"], "--no-default-folders", "plugins", "list", "--json",
                           "--plugin-path", str(folder)], capture_output=True, text=True, cwd=cwd,
                          timeout=60)
    return json.loads(done.stdout)


def in_loader_words(text: str) -> str:
    """A reason of the seam command with its configuration keys put back as the loader's option
    names, which a host without that file (this one) sees."""
    return text.replace("[plugins] disabled", "disabled").replace("[plugins] prefer", "prefer")


def test_a_good_folder_has_full_rows_and_no_problems(good_folder: Path) -> None:
    with seam.Loader([good_folder]) as loader:
        assert loader.ok
        assert loader.problems() == []
        [row] = loader.report()
    assert isinstance(row, seam.PluginRow)
    assert (row.name, row.version, row.vendor, row.state) == ("good", "1.0.0", "seam-tests",
                                                             "registered")
    assert row.origin == str(good_folder / "good.so")
    assert row.api_version == 1 and not row.builtin and row.reason == "" and row.error_kind == ""
    assert [c.label for c in row.contributions] == ["llm:good", "lister:good"]
    assert [c.kind for c in row.contributions] == ["backend", "lister"]


def test_rejected_plugins_are_rows_and_problems_as_the_cpp_host_reports(
        rejected_folder: Path, tmp_path: Path) -> None:
    expected = seam_json(rejected_folder, tmp_path)
    with seam.Loader([rejected_folder], builtins=[(ECHO, True)], on_error="skip") as loader:
        rows = loader.report()
        problems = loader.problems()
        assert not loader.ok
    assert [r.name for r in rows] == [r["name"] for r in expected["plugins"]]
    for row, want in zip(rows, expected["plugins"]):
        assert (row.state, row.error_kind, row.reason, row.origin, row.version) == (
            want["state"], want["error_kind"], in_loader_words(want["reason"]), want["origin"],
            want["version"])
        assert [c.label for c in row.contributions] == [c["label"] for c in want["contributions"]]
    assert [(p.kind, p.message) for p in problems] == [(p["kind"], in_loader_words(p["message"]))
                                                       for p in expected["problems"]]
    assert all("[plugins]" not in p.message for p in problems)
    kinds = {r.name: r.error_kind for r in rows}
    assert kinds["register-fails"] == "BrokenPluginError"
    assert "DuplicateInferenceBackendError" in kinds.values()
    broken = next(r for r in rows if r.name == "register-fails")
    assert "register-fails.so" in broken.reason or "register-fails" in broken.reason


def test_dependencies_are_reported_with_their_candidates() -> None:
    absent = Path(os.environ["SEAM_PLUGIN_OUTPUT_DIR"]) / "deps" / "absent"
    with seam.Loader([absent]) as loader:
        [row] = loader.report()
    [dependency] = row.contributions[0].dependencies
    assert dependency.name and dependency.candidates
    assert isinstance(dependency, seam.Dependency)


def test_a_bad_option_is_a_value_error_and_a_good_one_is_not(good_folder: Path) -> None:
    with pytest.raises(ValueError, match="on_error"):
        seam.Loader([good_folder], on_error="ignore")
    with seam.Loader([good_folder], on_error="skip") as loader:
        assert loader.ok


def test_the_loaders_log_reaches_python_and_goes_back_to_stderr(
        rejected_folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    lines = []
    seam.set_log(lambda level, message: lines.append((level, message)), "warn")
    try:
        with seam.Loader([rejected_folder], on_error="skip") as loader:
            loader.run(("llm", "good"), {"messages": []}).close()  # the first lookup logs problems
    finally:
        seam.set_log(None, "warn")
    assert any(level == "warn" and "register-fails" in message for level, message in lines)
    assert "register-fails" not in capfd.readouterr().err
    # Twin: with no callback the warnings are on stderr again.
    count = len(lines)
    with seam.Loader([rejected_folder], on_error="skip") as loader:
        loader.run(("llm", "good"), {"messages": []}).close()
    assert len(lines) == count
    assert "register-fails" in capfd.readouterr().err
    with pytest.raises(ValueError, match="level"):
        seam.set_log(None, "loud")
