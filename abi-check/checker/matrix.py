"""Check 1, the compile matrix: seam.h compiles cleanly as every C and C++ standard a plugin author
may use, under every compiler the project names, and seam.hpp under C++17 and C++20.

A plugin author compiles seam.h with their own compiler and flags, not ours; the matrix stands in
for them. Each cell is one compiler invocation on a small translation unit that uses everything the
header declares (matrix/seam_h_use.c, matrix/seam_hpp_use.cpp)."""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tools import CheckFailed, Skipped, find, indent, run, say

MATRIX_DIR = Path(__file__).resolve().parent.parent / "matrix"
STRICT = ["-pedantic", "-Wall", "-Wextra", "-Werror"]
# Warnings plugin authors commonly turn on; a header that trips them forces its users to relax
# their own flags.
C_EXTRA = ["-Wstrict-prototypes", "-Wmissing-prototypes", "-Wshadow"]
CXX_EXTRA = ["-Wshadow"]


@dataclass
class Cell:
    name: str       # e.g. "gcc -std=c11"
    tool: str       # the program
    package: str    # the Debian package that provides it
    args: list      # everything after the program, except the include path and the output


def cells(sdk_include: Path, cpp_example: Path = None):
    c_source = MATRIX_DIR / "seam_h_use.c"
    cxx_source = MATRIX_DIR / "seam_h_use.cpp"
    hpp_source = MATRIX_DIR / "seam_hpp_use.cpp"
    out = []
    for compiler, package in (("gcc", "gcc"), ("clang", "clang")):
        for std in ("c99", "c11", "c17"):
            out.append(Cell(f"{compiler} -std={std}", compiler, package,
                            [f"-std={std}", *STRICT, *C_EXTRA, str(c_source)]))
    for compiler, package in (("g++", "g++"), ("clang++", "clang")):
        for std in ("c++11", "c++14", "c++17", "c++20"):
            out.append(Cell(f"{compiler} -std={std} (seam.h)", compiler, package,
                            [f"-std={std}", *STRICT, *CXX_EXTRA, str(cxx_source)]))
        for std in ("c++17", "c++20"):
            out.append(Cell(f"{compiler} -std={std} (seam.hpp)", compiler, package,
                            [f"-std={std}", *STRICT, *CXX_EXTRA, str(hpp_source)]))
            if cpp_example is not None and cpp_example.exists():
                out.append(Cell(f"{compiler} -std={std} ({cpp_example.name})", compiler, package,
                                [f"-std={std}", *STRICT, str(cpp_example)]))
    # tcc has no -pedantic or -Wextra; -Wall -Werror is its strictest.
    out.append(Cell("tcc", "tcc", "tcc", ["-Wall", "-Werror", str(c_source)]))
    out.append(Cell("x86_64-w64-mingw32-gcc -std=c99", "x86_64-w64-mingw32-gcc", "mingw-w64",
                    ["-std=c99", *STRICT, *C_EXTRA, str(c_source)]))
    out.append(Cell("x86_64-w64-mingw32-g++ -std=c++17 (seam.hpp)", "x86_64-w64-mingw32-g++",
                    "mingw-w64", ["-std=c++17", *STRICT, *CXX_EXTRA, str(hpp_source)]))
    return out


def _compile(cell: Cell, sdk_include: Path, out_dir: Path):
    tool = find(cell.tool)
    if tool is None:
        return cell, None
    obj = out_dir / (cell.name.replace(" ", "_").replace("/", "_") + ".o")
    result = run([tool, "-I", sdk_include, *cell.args, "-c", "-o", obj])
    return cell, result


def check(sdk_include: Path, work: Path, cpp_example: Path = None) -> None:
    work.mkdir(parents=True, exist_ok=True)
    failures, missing = [], []
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda c: _compile(c, sdk_include, work),
                                cells(sdk_include, cpp_example)))
    for cell, result in results:
        if result is None:
            missing.append(f"{cell.name}: '{cell.tool}' not installed (package {cell.package})")
        elif result.returncode != 0:
            failures.append(f"FAIL {cell.name}\n{indent(result.output)}")
        else:
            say(f"ok   {cell.name}")
    for line in missing:
        say(f"MISSING {line}")
    if failures:
        raise CheckFailed("seam.h does not compile cleanly in the matrix:\n" + "\n".join(failures))
    if missing:
        # A matrix with holes proves less than it claims, so it is reported as skipped, never as
        # passed; `make deps` installs every compiler.
        raise Skipped("compile matrix incomplete; install the missing compilers:\n  "
                      + "\n  ".join(missing))
    say(f"compile matrix: {len(results)} cells passed")
