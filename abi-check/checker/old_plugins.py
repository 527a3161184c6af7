"""Check 5b, old plugins: the fixture old-plugin/old_plugin.c, compiled against each frozen header
by gcc, clang and tcc (and by mingw-w64 in the Windows check), is loaded by today's loader through
old_plugin_host, which exercises every slot. The same source declaring an API version just above
the loader's maximum and just below its minimum must be refused with PluginApiVersionMismatchError.
"""
import re
from pathlib import Path

from frozen import frozen_headers
from tools import CheckFailed, indent, require, run, run_or_fail, say

ABI_CHECK_DIR = Path(__file__).resolve().parent.parent
FIXTURE = ABI_CHECK_DIR / "old-plugin" / "old_plugin.c"

# How each compiler builds a plugin: strict C99 where the compiler has the flags.
COMPILERS = {
    "gcc": ("gcc", ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared",
                    "-fvisibility=hidden"]),
    "clang": ("clang", ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared",
                        "-fvisibility=hidden"]),
    "tcc": ("tcc", ["-Wall", "-Werror", "-shared"]),
    "mingw": ("mingw-w64", ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-shared",
                            "-static-libgcc"]),
}
TOOL = {"gcc": "gcc", "clang": "clang", "tcc": "tcc", "mingw": "x86_64-w64-mingw32-gcc"}


def supported_range(include: Path):
    text = (include / "seam" / "seam.h").read_text()
    numbers = {}
    for name in ("SEAM_API_VERSION", "SEAM_API_VERSION_MIN"):
        match = re.search(rf"^#define\s+{name}\s+(\d+)\s*$", text, re.M)
        if not match:
            raise CheckFailed(f"seam.h defines no integer {name}")
        numbers[name] = int(match.group(1))
    return numbers["SEAM_API_VERSION_MIN"], numbers["SEAM_API_VERSION"]


def build(compiler: str, frozen_dir: Path, out: Path, api_version=None) -> Path:
    package, flags = COMPILERS[compiler]
    tool = require(TOOL[compiler], package)
    defines = [] if api_version is None else [f"-DOLD_PLUGIN_API_VERSION={api_version}"]
    out.parent.mkdir(parents=True, exist_ok=True)
    run_or_fail([tool, *flags, *defines, "-I", frozen_dir, FIXTURE, "-o", out],
                f"the old-plugin fixture does not build with {compiler} against {frozen_dir.name}")
    return out


def variants(include: Path):
    """[(label, api_version or None, expectation)] — None keeps the frozen header's version."""
    lowest, highest = supported_range(include)
    return [("", None, "accept"), (f"-api{highest + 1}", highest + 1, "refuse"),
            (f"-api{lowest - 1}", lowest - 1, "refuse")]


def run_host(command, label: str) -> None:
    result = run(command, separate_stderr=True)
    say(indent(result.output, f"  [{label}] "))
    if result.returncode != 0:
        raise CheckFailed(f"old plugin {label}: today's loader does not honour the v1 contract "
                          f"(the FAIL lines above name the slot):\n" + indent(result.errors))


def check(include: Path, host_exe: Path, work: Path, compilers=("gcc", "clang", "tcc")) -> None:
    for version, frozen_header in frozen_headers().items():
        for compiler in compilers:
            for suffix, api, expectation in variants(include):
                label = f"v{version}-{compiler}{suffix}"
                plugin = build(compiler, frozen_header.parent,
                               work / label / f"old-plugin-{label}.so", api)
                run_host([host_exe, expectation, plugin] + ([] if api is None else [str(api)]),
                         label)
                say(f"ok   {label}: {'loaded, every slot works' if api is None else 'refused'}")
