"""The frozen-layout static_asserts (loader/src/abi_layout_v<N>.hpp, compiled into the loader) run
against a given seam.h: used by the self-test to show that the compile-time freeze catches the
deliberate breaks too, not only the run-time checks."""
from pathlib import Path

from tools import CheckFailed, require, run

SOURCE_DIR = Path(__file__).resolve().parent.parent.parent


def check(include: Path, work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    sources = sorted((SOURCE_DIR / "loader" / "src").glob("abi_layout_v*.cpp"))
    if not sources:
        raise CheckFailed("no loader/src/abi_layout_v*.cpp holds the frozen-layout asserts")
    for source in sources:
        result = run([require("g++", "g++"), "-std=c++17", "-fsyntax-only", "-I", include, source])
        if result.returncode != 0:
            errors = [l for l in result.output.splitlines() if "static assertion failed" in l
                      or "error:" in l]
            raise CheckFailed(f"{source.name}: the frozen layout asserts fail:\n  "
                              + "\n  ".join(errors[:8]))
