"""Check 8, Windows: the loader and its Windows tests cross-built with mingw-w64
(abi-check/windows/, cmake/toolchain-mingw64.cmake) and run under wine, loading mingw-built plugin
DLLs through LoadLibraryW, from a folder with non-ASCII characters too; the v1 fixture DLL is driven
slot by slot by the Windows build of old_plugin_host; every plugin DLL exports only
seam_plugin_entry, undecorated.

The cross build lives in a folder that is kept between runs, so only the first run compiles
everything (a few minutes on two cores); later runs rebuild what changed."""
from pathlib import Path

import exports
import old_plugins
from tools import CheckFailed, indent, require, run, say
import wine

ABI_CHECK_DIR = Path(__file__).resolve().parent.parent
SOURCE_DIR = ABI_CHECK_DIR.parent
BUILD_TIMEOUT = 1500


def windows_path(path: Path) -> str:
    """PATH as wine's Windows programs see it: drive Z: is the Linux root."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


def build(build_dir: Path) -> None:
    cmake = require("cmake", "cmake")
    require("ninja", "ninja-build")
    require("x86_64-w64-mingw32-g++-posix", "mingw-w64")
    if not (build_dir / "build.ninja").exists():
        result = run([cmake, "-S", ABI_CHECK_DIR / "windows", "-B", build_dir, "-G", "Ninja",
                      "--toolchain", SOURCE_DIR / "cmake" / "toolchain-mingw64.cmake",
                      "-DCMAKE_BUILD_TYPE=Release"], timeout=BUILD_TIMEOUT)
        if result.returncode != 0:
            raise CheckFailed("the mingw-w64 cross build does not configure:\n"
                              + indent(_tail(result.output)))
    result = run([cmake, "--build", build_dir, "-j", "2"], timeout=BUILD_TIMEOUT)
    if result.returncode != 0:
        errors = [line for line in result.output.splitlines() if "error" in line.lower()]
        raise CheckFailed("the loader does not cross-build with mingw-w64:\n"
                          + indent("\n".join(errors[:30]) or _tail(result.output)))
    say("ok   the loader and its Windows tests cross-build with mingw-w64")


def check(build_dir: Path, prefix: Path) -> None:
    wine.wine_program()  # skip early, before a long build, when wine is missing
    build(build_dir)
    plugins = build_dir / "plugins"
    for dll in [plugins / "echo" / "seam-echo.dll", plugins / "old-plugin" / "old-plugin.dll"]:
        exports.check_dll(dll)

    env = {"SEAM_WINDOWS_PLUGINS": windows_path(plugins)}
    tests = wine.run_exe(build_dir / "seam_windows_loader_tests.exe", prefix=prefix, env=env,
                         separate_stderr=False)
    if tests.returncode != 0:
        raise CheckFailed("the Windows loader tests fail under wine:\n" + indent(tests.output))
    say(indent(_tail(tests.output, 3), "  [windows tests] "))

    host = build_dir / "seam_abi_old_plugin_host.exe"
    lowest, highest = old_plugins.supported_range(SOURCE_DIR / "sdk" / "include")
    runs = [("v1-mingw", ["accept", windows_path(plugins / "old-plugin" / "old-plugin.dll")]),
            (f"v1-mingw-api{highest + 1}",
             ["refuse", windows_path(plugins / "old-plugin" / f"old-plugin-api{highest + 1}.dll"),
              str(highest + 1)]),
            (f"v1-mingw-api{lowest - 1}",
             ["refuse", windows_path(plugins / "old-plugin" / f"old-plugin-api{lowest - 1}.dll"),
              str(lowest - 1)])]
    for label, args in runs:
        result = wine.run_exe(host, args, prefix=prefix, separate_stderr=False)
        if result.returncode != 0:
            raise CheckFailed(f"old plugin {label} under wine: today's loader does not honour the "
                              f"v1 contract on Windows:\n" + indent(result.output))
        verified = [line for line in result.output.splitlines() if line.startswith("ok ")]
        say(f"ok   {label}: {len(verified)} facts verified under wine")
