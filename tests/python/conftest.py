"""Fixtures shared by the Python package's tests: where the build put things, plugin folders made
of copies of built plugins, and the loopback server."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loopback import LoopbackServer  # noqa: E402

PLUGINS = Path(os.environ["SEAM_PLUGIN_OUTPUT_DIR"])
ECHO = PLUGINS / "echo" / "seam-echo.so"
FIXTURES = PLUGINS / "fixtures"


def fixture(stem: str, folder: str = "") -> Path:
    path = FIXTURES / (folder or stem) / f"{stem}.so"
    assert path.is_file(), f"{path} was not built"
    return path


def folder_of(tmp_path: Path, *files: Path) -> Path:
    """A fresh plugin folder holding copies of FILES (a copy is a distinct file for dlopen)."""
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    for file in files:
        shutil.copy(file, folder)
    return folder


@pytest.fixture
def good_folder(tmp_path: Path) -> Path:
    return folder_of(tmp_path, fixture("good"))


@pytest.fixture
def rejected_folder(tmp_path: Path) -> Path:
    """good.so with a broken plugin and a duplicate pair beside it."""
    return folder_of(tmp_path, fixture("good"), fixture("register-fails"),
                     fixture("dup-a", "duplicate-backend"), fixture("dup-b", "duplicate-backend"))


@pytest.fixture
def loopback() -> Iterator[LoopbackServer]:
    with LoopbackServer() as server:
        yield server


@pytest.fixture(autouse=True)
def private_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keeps every test's registry cache in its own folder, never the user's."""
    monkeypatch.setenv("SEAM_REGISTRY", str(tmp_path / "registry.cache"))
    monkeypatch.delenv("SEAM_PLUGIN_PATH", raising=False)
