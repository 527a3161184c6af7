#!/usr/bin/env python3
"""abi-check: proof that the Seam plugin ABI holds. One subcommand per check; CTest runs each as
its own test (abi-check/CMakeLists.txt) and `make abi-check` runs them all.

    matrix          seam.h/seam.hpp through every compiler and language standard
    layout          sizeof/alignof/offsetof: gcc = clang = tcc = expected file; frozen v1 a prefix
    layout-windows  the same under mingw-w64, run with wine
    constants       every #define value; additions only
    abidiff         libabigail against the committed baseline of this API version
    frozen          abi-check/frozen/v<N>/seam.h equals the first v<N> seam.h in git history
    old-plugins     a v1 plugin built by gcc/clang/tcc works with today's loader, slot by slot
    exports         every example plugin exports exactly seam_plugin_entry
    selftest        deliberate breaks in a copy of seam.h each fail the checks
    windows         the loader cross-built with mingw-w64, its Windows tests and the v1 fixture
                    DLL run under wine (the build folder is kept between runs)
    loader-*        the same checks for seam_loader.h, the loader's C API (checker/loader_api.py):
                    loader-layout, loader-constants, loader-abidiff, loader-frozen, loader-matrix,
                    loader-exports (--library), loader-selftest, loader-record (writes loader-api/'s files)
    update-expected record appended fields/constants in the expected files (never a change)
    regenerate      after an API version bump: write the new baseline and expected files

Exit codes: 0 passed, 1 a break was found (the message names it), 77 skipped (a tool is missing).
See docs/abi.md."""
import argparse
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(HERE / "checker"))

import abi_baseline  # noqa: E402
import constants  # noqa: E402
import exports  # noqa: E402
import frozen  # noqa: E402
import frozen_asserts  # noqa: E402
import layout  # noqa: E402
import layout_dump  # noqa: E402
import loader_api  # noqa: E402
import matrix  # noqa: E402
import old_plugins  # noqa: E402
import selftest  # noqa: E402
import windows_build  # noqa: E402
from tools import SKIP, CheckFailed, Skipped, say, warn  # noqa: E402

SOURCE_DIR = HERE.parent
SDK_INCLUDE = SOURCE_DIR / "sdk" / "include"


def frozen_include(work: Path, version: int = 1) -> Path:
    """An include dir holding the frozen vN header as seam/seam.h, as the probes include it."""
    header = frozen.FROZEN_DIR / f"v{version}" / "seam.h"
    return selftest.stage(header.read_text(), work / f"frozen-v{version}-include")


def header_checks(work: Path) -> dict:
    """The checks that read only the header, as the self-test runs them on its copies."""
    return {
        "layout": lambda include, w: layout.check_host(include, frozen_include(work), w),
        "constants": constants.check,
        "abidiff": abi_baseline.check,
        "static-asserts": frozen_asserts.check,
    }


def update_expected(include: Path, work: Path) -> None:
    """Records additions; refuses anything else (that needs an API version bump)."""
    target = layout.host_target()
    current = layout.dump("gcc", "gcc", include, work / "layout")
    old = layout.expected_file(target)
    breaks, _ = layout_dump.compare_append_only(layout_dump.parse(old.read_text()),
                                                layout_dump.parse(current))
    c_breaks, _ = constants.compare(constants.EXPECTED.read_text(),
                                    constants.dump(include, work / "constants"))
    append_only, report = abi_baseline.diff_is_append_only(include, work / "abidiff")
    if breaks or c_breaks or not append_only:
        raise CheckFailed("update-expected only records additions; these are changes, which need "
                          "an API version bump and `regenerate`:\n  "
                          + "\n  ".join(breaks + c_breaks + ([report] if not append_only else [])))
    write_expected(include, work)
    abi_baseline.write_baseline(include, work / "abidiff-write")
    say("recorded the additions in the expected files and the baseline; commit them")


def write_expected(include: Path, work: Path) -> None:
    note = ("# Expected layout of seam.h on {target}, written by abi_check.py; see docs/abi.md.\n"
            "# Within an API version this file only grows (appended fields, new structs).\n")
    target = layout.host_target()
    layout.expected_file(target).write_text(
        note.format(target=target) + layout.dump("gcc", "gcc", include, work / "layout"))
    try:
        text = layout.dump_windows(include, work / "layout-windows", work / "wineprefix")
        layout.expected_file(layout.WINDOWS_TARGET).write_text(
            note.format(target=layout.WINDOWS_TARGET) + text)
    except Skipped as skipped:
        warn(f"warning: {layout.WINDOWS_TARGET} layout not written: {skipped}")
    constants.EXPECTED.parent.mkdir(parents=True, exist_ok=True)
    constants.EXPECTED.write_text(
        "# Every macro of seam.h and its value, written by abi_check.py; see docs/abi.md.\n"
        "# Within an API version lines are only added, never changed or removed.\n"
        + constants.dump(include, work / "constants"))


def regenerate(include: Path, work: Path) -> None:
    version = abi_baseline.api_version(include)
    path = abi_baseline.baseline_path(version)
    if path.exists():
        raise CheckFailed(f"{path.name} already exists: API version {version} is recorded, and a "
                          f"recorded API version never changes. Bump SEAM_API_VERSION in seam.h "
                          f"first (and freeze the old header, see docs/abi.md).")
    write_expected(include, work)
    abi_baseline.write_baseline(include, work / "abidiff")
    say(f"wrote {path.name}, the expected layouts and constants for API version {version}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check")
    parser.add_argument("--include", type=Path, default=SDK_INCLUDE,
                        help="directory holding seam/seam.h (default: the SDK's)")
    parser.add_argument("--work", type=Path, default=SOURCE_DIR / "build" / "abi-check-work",
                        help="scratch directory")
    parser.add_argument("--host-exe", type=Path, help="old_plugin_host (old-plugins)")
    parser.add_argument("--plugins", type=Path, nargs="+",
                        help="the folders of the example plugins (exports)")
    parser.add_argument("--library", type=Path, help="libseam-loader (loader-exports)")
    args = parser.parse_args()
    include, work = args.include.resolve(), args.work.resolve() / args.check
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)

    checks = {
        "matrix": lambda: matrix.check(include, work, SOURCE_DIR / "examples" / "cpp-plugin" /
                                       "cpp_plugin.cpp"),
        "layout": lambda: layout.check_host(include, frozen_include(work), work),
        "layout-windows": lambda: layout.check_windows(include, work,
                                                       args.work.resolve() / "wineprefix"),
        "constants": lambda: constants.check(include, work),
        "abidiff": lambda: abi_baseline.check(include, work),
        "frozen": lambda: frozen.check(SOURCE_DIR),
        "old-plugins": lambda: old_plugins.check(include, args.host_exe, work),
        "exports": lambda: (exports.check(SOURCE_DIR, args.plugins),
                            exports.check_mingw_echo(SOURCE_DIR, work / "mingw")),
        "selftest": lambda: selftest.check(include, work, header_checks(work)),
        "windows": lambda: windows_build.check(args.work.resolve() / "windows-build",
                                               args.work.resolve() / "wineprefix"),
        "loader-layout": lambda: loader_api.check_layout(SOURCE_DIR, work),
        "loader-constants": lambda: loader_api.check_constants(SOURCE_DIR, work),
        "loader-abidiff": lambda: loader_api.check_abidiff(SOURCE_DIR, work),
        "loader-frozen": lambda: loader_api.check_frozen(SOURCE_DIR),
        "loader-matrix": lambda: loader_api.check_matrix(SOURCE_DIR, work),
        "loader-exports": lambda: loader_api.check_exports(SOURCE_DIR, args.library),
        "loader-selftest": lambda: loader_api.check_selftest(SOURCE_DIR, work),
        "loader-record": lambda: loader_api.record(SOURCE_DIR, work),
        "update-expected": lambda: update_expected(include, work),
        "regenerate": lambda: regenerate(include, work),
    }
    if args.check not in checks:
        parser.error(f"unknown check '{args.check}'; one of: {', '.join(checks)}")
    if args.check == "old-plugins" and not args.host_exe:
        parser.error("old-plugins needs --host-exe")
    if args.check == "loader-exports" and not args.library:
        parser.error("loader-exports needs --library")
    if args.check == "exports" and not args.plugins:
        parser.error("exports needs --plugins")
    try:
        checks[args.check]()
    except Skipped as skipped:
        say(f"SKIPPED abi.{args.check}: {skipped}")
        return SKIP
    except CheckFailed as failure:
        warn(f"ABI CHECK FAILED: abi.{args.check}\n{failure}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
