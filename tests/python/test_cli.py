"""python -m seam plugins list prints the table `seam plugins list` prints, with its exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ECHO


def both(folder: Path, cwd: Path) -> "tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]":
    cpp = subprocess.run([os.environ["SEAM_EXECUTABLE"], "plugins", "list", "--plugin-path",
                          str(folder)], capture_output=True, text=True, cwd=cwd, timeout=60)
    # The seam command links echo in as a core builtin; the Python host links the same plugin in.
    python = subprocess.run([sys.executable, "-m", "seam", "plugins", "list", "--plugin-path",
                             str(folder), "--builtin", str(ECHO)], capture_output=True, text=True,
                            cwd=cwd, timeout=60)
    return cpp, python


@pytest.mark.parametrize("name", ["good_folder", "rejected_folder"])
def test_the_table_and_exit_code_are_the_seam_commands(name: str, request: pytest.FixtureRequest,
                                                       tmp_path: Path) -> None:
    folder = request.getfixturevalue(name)
    cpp, python = both(folder, tmp_path)
    print(python.stdout)
    # The same report, except that the seam command names its configuration keys where the loader
    # names its options for a host without that file.
    in_loader_words = cpp.stdout.replace("[plugins] disabled", "disabled").replace(
        "[plugins] prefer", "prefer")
    assert python.stdout == in_loader_words
    assert python.returncode == cpp.returncode == (0 if name == "good_folder" else 3)
    assert "echo" in python.stdout and "good" in python.stdout
