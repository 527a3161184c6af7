"""docs/python.md's complete host, extracted from the page and run as written: against the built
echo and openai plugins (with a broken plugin beside them) and the loopback server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ECHO, fixture
from loopback import LoopbackServer

ROOT = Path(os.environ["SEAM_SOURCE_DIR"])
sys.path.insert(0, str(ROOT / "tests" / "docs"))
from doc_blocks import find_block  # noqa: E402


def run_example(tmp_path: Path, env: dict) -> "subprocess.CompletedProcess[str]":
    script = tmp_path / "python_host.py"
    script.write_text(find_block((ROOT / "docs" / "python.md").read_text(),
                                 "<!-- example: python_host.py -->", "docs/python.md"))
    folder = tmp_path / "plugins"
    folder.mkdir()
    for file in (ECHO, Path(os.environ["SEAM_OPENAI_PLUGIN_DIR"]) / "seam-openai.so",
                 fixture("register-fails")):
        shutil.copy(file, folder)
    done = subprocess.run([sys.executable, str(script), str(folder)], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=60)
    print(done.stdout, done.stderr)
    return done


def test_the_python_host_example_runs_as_written(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        done = run_example(tmp_path, {"OPENAI_BASE_URL": server.url("/v1")})
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert any(line.startswith("echo ") and "registered" in line for line in lines)
    assert any(line.startswith("register-fails ") and "broken" in line for line in lines)
    assert "    BrokenPluginError: " in done.stdout
    assert "echo: Hello from Python" in lines
    assert "openai: Hello from the loopback server." in lines
    assert lines[-1].startswith("InferenceBackendNotFoundError: ") and "nowhere" in lines[-1]


def test_without_a_server_url_the_example_skips_openai(tmp_path: Path,
                                                      monkeypatch: "pytest.MonkeyPatch") -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    done = run_example(tmp_path, {})
    assert done.returncode == 0 and "openai:" not in done.stdout
    assert "echo: Hello from Python" in done.stdout
