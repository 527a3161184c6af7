"""The checks of seam_loader.h, the loader's C API (loader/include/seam/seam_loader.h), as the
checks of seam.h cover the plugin ABI: the same rules, the same tools, its own expected files under
abi-check/loader-api/.

    layout     every struct of seam_loader.h: gcc = clang = tcc = loader-api/<target>.layout, the
               contract's type rules, and the frozen v1 layout a prefix of today's
    constants  every SEAM_LOADER_ macro: additions only (loader-api/constants.txt)
    abidiff    libabigail's view of every struct, callback type and function signature against
               loader-api/seam-loader-c-api-v<N>.abi
    frozen     loader-api/frozen/v<N>/seam_loader.h equals the first v<N> header in git history
    selftest   deliberate breaks of a copy each fail the check that should catch them
    matrix     the header as C99/C11/C17 and C++11..20 under gcc, clang, tcc, mingw
    exports    libseam-loader exports exactly the functions the header declares, and every one of
               loader-api/exports.txt (additions only)
"""
import re
from pathlib import Path

import abi_baseline
import constants
import frozen
import layout
import layout_dump
import matrix
from header_model import read_header
from tools import CheckFailed, Skipped, find, indent, require, run, run_or_fail, say

ABI_CHECK_DIR = Path(__file__).resolve().parent.parent
HERE = ABI_CHECK_DIR / "loader-api"
HEADER = "seam/seam_loader.h"
HEADER_IN_REPO = "loader/include/" + HEADER
VERSION_MACRO = "SEAM_LOADER_C_API_VERSION"
CONSTANTS = HERE / "constants.txt"
EXPORTS = HERE / "exports.txt"
USE_SOURCE = HERE / "seam_loader_use.c"
_FUNCTION = re.compile(r"SEAM_LOADER_API\s+[^;(]*?\bSEAM_CALL\s+(seam_loader_\w+)\s*\(", re.S)


def includes(source_dir: Path) -> list:
    """-I flags for the header (seam_loader.h includes seam.h from the SDK)."""
    return ["-I", source_dir / "loader" / "include", "-I", source_dir / "sdk" / "include"]


def header_path(source_dir: Path) -> Path:
    return source_dir / "loader" / "include" / HEADER


def version(source_dir: Path) -> int:
    found = frozen._api_version(header_path(source_dir).read_text(), VERSION_MACRO)
    if found is None:
        raise CheckFailed(f"{HEADER} defines no integer {VERSION_MACRO}")
    return found


def declared_functions(source_dir: Path) -> list:
    return sorted(set(_FUNCTION.findall(header_path(source_dir).read_text())))


# -- layout ---------------------------------------------------------------------------------------

def _layout_dump(compiler: str, source_dir: Path, header_file: Path, work: Path) -> str:
    model = read_header(header_file)
    problems = layout.contract_problems(model)
    if problems:
        raise CheckFailed(f"{header_file.name} breaks the ABI type rules:\n  " + "\n  ".join(problems))
    work.mkdir(parents=True, exist_ok=True)
    staged = work / "include" / "seam"
    staged.mkdir(parents=True, exist_ok=True)
    (staged / "seam_loader.h").write_text(header_file.read_text())
    source = work / "layout_dump.c"
    source.write_text(layout_dump.program(model, HEADER))
    exe = work / f"layout_dump_{compiler}"
    run_or_fail([require(compiler, compiler), "-I", work / "include",
                 "-I", source_dir / "sdk" / "include", source, "-o", exe],
                f"the {header_file.name} layout dump does not compile with {compiler}")
    return run_or_fail([exe], f"the layout dump built by {compiler} failed")


def expected_layout(target: str) -> Path:
    return HERE / f"{target}.layout"


def check_layout(source_dir: Path, work: Path) -> None:
    target = layout.host_target()
    dumps = {c: _layout_dump(c, source_dir, header_path(source_dir), work / c)
             for c in ("gcc", "clang", "tcc")}
    for compiler in ("clang", "tcc"):
        if dumps[compiler] != dumps["gcc"]:
            raise CheckFailed(f"{compiler} lays {HEADER} out differently from gcc")
    say(f"ok   gcc, clang and tcc agree on every {HEADER} layout ({target})")
    path = expected_layout(target)
    if not path.exists():
        raise CheckFailed(f"no expected layout {path}; record it with "
                          f"`python3 abi-check/abi_check.py loader-record`")
    breaks, additions = layout_dump.compare_append_only(layout_dump.parse(path.read_text()),
                                                        layout_dump.parse(dumps["gcc"]))
    if breaks:
        raise CheckFailed(f"{HEADER}: the layout differs from {path.name}:\n  " + "\n  ".join(breaks))
    for addition in additions:
        say(f"note: {addition} (allowed; record it with abi_check.py loader-record)")
    say(f"ok   {HEADER} layout matches {path.name}")
    for frozen_header in sorted((HERE / "frozen").glob("v*/seam_loader.h")):
        old = _layout_dump("gcc", source_dir, frozen_header, work / f"frozen-{frozen_header.parent.name}")
        breaks, _ = layout_dump.compare_append_only(layout_dump.parse(old),
                                                    layout_dump.parse(dumps["gcc"]))
        if breaks:
            raise CheckFailed(f"today's {HEADER} is not layout-compatible with "
                              f"{frozen_header.relative_to(ABI_CHECK_DIR)}:\n  " + "\n  ".join(breaks))
        say(f"ok   the frozen {frozen_header.parent.name} layout is a prefix of today's")


# -- constants ------------------------------------------------------------------------------------

def _constants(source_dir: Path, work: Path) -> str:
    staged = work / "include"
    (staged / "seam").mkdir(parents=True, exist_ok=True)
    (staged / "seam" / "seam_loader.h").write_text(header_path(source_dir).read_text())
    (staged / "seam" / "seam.h").write_text((source_dir / "sdk" / "include" / "seam" / "seam.h").read_text())
    return constants.dump(staged, work, HEADER, "SEAM_LOADER_")


def check_constants(source_dir: Path, work: Path) -> None:
    actual = _constants(source_dir, work)
    if not CONSTANTS.exists():
        raise CheckFailed(f"{CONSTANTS} is missing; record it with abi_check.py loader-record")
    breaks, additions = constants.compare(CONSTANTS.read_text(), actual)
    if breaks:
        raise CheckFailed(f"{HEADER} changed constants that compiled hosts depend on:\n  "
                          + "\n  ".join(breaks))
    for addition in additions:
        say(f"note: {addition} (allowed; record it with abi_check.py loader-record)")
    say(f"ok   {len(constants._by_name(actual))} constants match {CONSTANTS.name}")


# -- abidiff --------------------------------------------------------------------------------------

def baseline_path(source_dir: Path) -> Path:
    return HERE / f"seam-loader-c-api-v{version(source_dir)}.abi"


def anchor_source(source_dir: Path) -> str:
    """One exported function per struct and callback type, and one per declared function taking
    a pointer to it, so that DWARF describes every type and every signature in full."""
    model = read_header(header_path(source_dir))
    lines = ["/* Generated by abi-check/checker/loader_api.py. */", f"#include <{HEADER}>", ""]
    for name in [s.name for s in model.structs] + model.function_typedefs:
        lines.append(f"SEAM_EXPORT void seam_abi_anchor_{name}({name}* value);")
        lines.append(f"SEAM_EXPORT void seam_abi_anchor_{name}({name}* value) {{ (void)value; }}")
    for name in declared_functions(source_dir):
        lines.append(f"SEAM_EXPORT void seam_abi_anchor_fn_{name}(__typeof__(&{name}) f);")
        lines.append(f"SEAM_EXPORT void seam_abi_anchor_fn_{name}(__typeof__(&{name}) f) "
                     f"{{ (void)f; }}")
    return "\n".join(lines) + "\n"


def abi_xml(source_dir: Path, work: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    source = work / "abi_anchor.c"
    source.write_text(anchor_source(source_dir))
    library = work / "libseam_loader_abi_anchor.so"
    run_or_fail([require("gcc", "gcc"), "-shared", "-fPIC", "-g", "-O0",
                 "-fno-eliminate-unused-debug-types", *includes(source_dir), source.name, "-o",
                 library], "the abidiff anchor library does not build", cwd=work)
    out = work / "current.abi"
    run_or_fail([require("abidw", "abigail-tools"), *abi_baseline.ABIDW_OPTIONS, "--out-file", out,
                 library], "abidw cannot read the anchor library")
    return out


def check_abidiff(source_dir: Path, work: Path) -> None:
    baseline = baseline_path(source_dir)
    if not baseline.exists():
        raise CheckFailed(f"no abidiff baseline {baseline}; write it with abi_check.py loader-record")
    result = run([require("abidiff", "abigail-tools"), *abi_baseline.ABIDIFF_OPTIONS, baseline,
                  abi_xml(source_dir, work)])
    if result.returncode != 0:
        raise CheckFailed(f"abidiff: {HEADER} differs from {baseline.name} (exit "
                          f"{result.returncode}):\n" + indent(result.output))
    say(f"ok   abidiff finds no change against {baseline.name}")


# -- frozen ---------------------------------------------------------------------------------------

def check_frozen(source_dir: Path) -> None:
    headers = sorted((HERE / "frozen").glob("v*/seam_loader.h"))
    if not headers:
        raise CheckFailed(f"no frozen {HEADER} under {HERE / 'frozen'}")
    history = frozen.first_header_per_version(source_dir, HEADER_IN_REPO, VERSION_MACRO)
    for path in headers:
        v = int(path.parent.name[1:])
        if v not in history:
            raise CheckFailed(f"{path} is frozen C API v{v}, but no commit of {HEADER_IN_REPO} "
                              f"ever declared {VERSION_MACRO} {v}")
        commit, text = history[v]
        if path.read_text() != text:
            raise CheckFailed(f"{path.relative_to(ABI_CHECK_DIR)} differs from {HEADER_IN_REPO} at "
                              f"{commit[:12]}, the first commit of C API v{v}; restore it with\n"
                              f"  git show {commit[:12]}:{HEADER_IN_REPO} > {path}")
        say(f"ok   {path.relative_to(ABI_CHECK_DIR)} equals {HEADER_IN_REPO} at {commit[:12]}")


# -- matrix ---------------------------------------------------------------------------------------

def check_matrix(source_dir: Path, work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    cells = []
    for compiler in ("gcc", "clang"):
        for std in ("c99", "c11", "c17"):
            cells.append((f"{compiler} -std={std}", compiler,
                          [f"-std={std}", *matrix.STRICT, *matrix.C_EXTRA, "-x", "c"]))
    for compiler in ("g++", "clang++"):
        for std in ("c++11", "c++14", "c++17", "c++20"):
            cells.append((f"{compiler} -std={std}", compiler,
                          [f"-std={std}", *matrix.STRICT, *matrix.CXX_EXTRA, "-x", "c++"]))
    cells.append(("tcc", "tcc", ["-Wall", "-Werror"]))
    cells.append(("x86_64-w64-mingw32-gcc -std=c99", "x86_64-w64-mingw32-gcc",
                  ["-std=c99", *matrix.STRICT, *matrix.C_EXTRA]))
    failures, missing = [], []
    for name, tool, args in cells:
        path = find(tool)
        if path is None:
            missing.append(f"{name}: '{tool}' not installed")
            continue
        obj = work / (name.replace(" ", "_").replace("/", "_") + ".o")
        result = run([path, *includes(source_dir), *args, USE_SOURCE, "-c", "-o", obj])
        if result.returncode != 0:
            failures.append(f"FAIL {name}\n{indent(result.output)}")
        else:
            say(f"ok   {name}")
    if failures:
        raise CheckFailed(f"{HEADER} does not compile cleanly in the matrix:\n" + "\n".join(failures))
    if missing:
        raise Skipped("compile matrix incomplete:\n  " + "\n  ".join(missing))
    say(f"{HEADER} compile matrix: {len(cells)} cells passed")


# -- exports --------------------------------------------------------------------------------------

def check_exports(source_dir: Path, library: Path) -> None:
    import exports
    # The C API's functions: the library also exports the C++ API (mangled names), which this
    # header does not describe.
    symbols = [s for s in exports.defined_dynamic_symbols(library) if not s.startswith("_Z")]
    declared = declared_functions(source_dir)
    problems = []
    extra = [s for s in symbols if s not in declared]
    absent = [s for s in declared if s not in symbols]
    if extra:
        problems.append(f"{library.name} exports what {HEADER} does not declare: {', '.join(extra)}")
    if absent:
        problems.append(f"{library.name} does not export: {', '.join(absent)}")
    recorded = [line.strip() for line in EXPORTS.read_text().splitlines()
                if line.strip() and not line.startswith("#")] if EXPORTS.exists() else None
    if recorded is None:
        problems.append(f"{EXPORTS} is missing; record it with abi_check.py loader-record")
    else:
        removed = [s for s in recorded if s not in symbols]
        if removed:
            problems.append(f"exported functions were removed (hosts link against them): "
                            f"{', '.join(removed)}")
        for s in symbols:
            if s not in recorded:
                say(f"note: new export {s} (allowed; record it with abi_check.py loader-record)")
    if problems:
        raise CheckFailed("\n".join(problems))
    say(f"ok   {library.name} exports exactly the {len(symbols)} functions of {HEADER}")


# -- recording ------------------------------------------------------------------------------------

# Besides abi_baseline's append-only lines (appended fields, new types), the anchor of a new
# function: an addition the C API's version allows.
_NEW_FUNCTION_LINE = re.compile(r"^\[A\] 'function void seam_abi_anchor_fn_\w+\(.*\)'\s+\{\w+\}$")


def _abidiff_additions_only(source_dir: Path, baseline: Path, work: Path):
    """(True, report) when today's header differs from BASELINE by additions only: appended
    fields, new types and new functions."""
    result = run([require("abidiff", "abigail-tools"), *abi_baseline.ABIDIFF_OPTIONS, baseline,
                  abi_xml(source_dir, work)])
    if result.returncode == 0:
        return True, ""
    other = [line for line in result.output.splitlines()
             if line.strip() and not abi_baseline._APPEND_ONLY_LINE.match(line.strip())
             and not _NEW_FUNCTION_LINE.match(line.strip())]
    return not other and result.returncode == 4, result.output


def record(source_dir: Path, work: Path) -> None:
    """Writes the expected layout, constants, export list and the baseline. Refuses a change to
    what is recorded; additions only."""
    baseline = baseline_path(source_dir)
    if baseline.exists():
        additions_only, report = _abidiff_additions_only(source_dir, baseline, work / "abidiff-check")
        if not additions_only:
            raise CheckFailed("loader-record only records additions; abidiff reports changes:\n"
                              + indent(report))
    target = layout.host_target()
    current = _layout_dump("gcc", source_dir, header_path(source_dir), work / "layout")
    old = expected_layout(target)
    if old.exists():
        breaks, _ = layout_dump.compare_append_only(layout_dump.parse(old.read_text()),
                                                    layout_dump.parse(current))
        if breaks:
            raise CheckFailed("loader-record only records additions:\n  " + "\n  ".join(breaks))
    note = (f"# Expected layout of {HEADER} on {target}, written by abi_check.py loader-record.\n"
            "# Within a C API version this file only grows.\n")
    old.write_text(note + current)
    current_constants = _constants(source_dir, work / "constants")
    if CONSTANTS.exists():
        breaks, _ = constants.compare(CONSTANTS.read_text(), current_constants)
        if breaks:
            raise CheckFailed("loader-record only records additions:\n  " + "\n  ".join(breaks))
    CONSTANTS.write_text(f"# Every SEAM_LOADER_ macro of {HEADER}; lines are only added.\n"
                         + current_constants)
    EXPORTS.write_text(f"# The functions libseam-loader exports ({HEADER}); lines are only added.\n"
                       + "".join(f"{name}\n" for name in declared_functions(source_dir)))
    baseline.write_text(abi_xml(source_dir, work / "abidiff").read_text())
    say(f"recorded {old.name}, {CONSTANTS.name}, {EXPORTS.name} and {baseline.name}; commit them")


# -- self-test ------------------------------------------------------------------------------------

# (what, the text to replace, its replacement, the check that must fail)
_BREAKS = [
    ("a field inserted mid-struct", "  uint32_t on_error;\n  /* Directories",
     "  uint32_t on_error;\n  uint32_t inserted;\n  /* Directories", "layout"),
    ("a bool field", "  uint32_t trust_registry_cache;", "  _Bool trust_registry_cache;", "layout"),
    ("a changed constant", "#define SEAM_LOADER_E_PLUGIN 64", "#define SEAM_LOADER_E_PLUGIN 65",
     "constants"),
    ("a changed signature", "seam_loader_worker_cancel(seam_loader_worker* worker);",
     "seam_loader_worker_cancel(seam_loader_worker* worker, uint32_t how);", "abidiff"),
    ("a changed callback type",
     "typedef int32_t(SEAM_CALL* seam_loader_event_fn)(void* ctx, const char* event_json, size_t len);",
     "typedef int32_t(SEAM_CALL* seam_loader_event_fn)(void* ctx, const char* event_json, uint32_t len);",
     "abidiff"),
]


def check_selftest(source_dir: Path, work: Path) -> None:
    """Each deliberate break of a copy of seam_loader.h fails the check that should catch it, and
    the unbroken copy passes them all."""
    import shutil

    def staged(text: str, name: str) -> Path:
        root = work / name
        (root / "loader" / "include" / "seam").mkdir(parents=True)
        shutil.copytree(source_dir / "sdk" / "include", root / "sdk" / "include")
        (root / "loader" / "include" / HEADER).write_text(text)
        return root

    checks = {"layout": check_layout, "constants": check_constants, "abidiff": check_abidiff}
    original = header_path(source_dir).read_text()
    copy = staged(original, "unbroken")
    for name, check in checks.items():
        check(copy, work / f"unbroken-{name}")
    for index, (what, old, new, check_name) in enumerate(_BREAKS):
        if old not in original:
            raise CheckFailed(f"self-test: the break '{what}' no longer applies to {HEADER}")
        broken = staged(original.replace(old, new, 1), f"break-{index}")
        try:
            checks[check_name](broken, work / f"break-{index}-{check_name}")
        except CheckFailed:
            say(f"ok   {what}: caught by loader-{check_name}")
            continue
        raise CheckFailed(f"self-test: {what} was not caught by loader-{check_name}")
    # loader-record's judgement: a new function and an appended field are additions; a changed
    # signature is not.
    end = "\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* SEAM_SEAM_LOADER_H */"
    last = "\n} seam_loader_options;"
    appended = (last, "\n  uint32_t selftest_appended;" + last)
    if end not in original or appended[0] not in original:
        raise CheckFailed(f"self-test: the additions no longer apply to {HEADER}")
    added = original.replace(end, "\nSEAM_LOADER_API uint32_t SEAM_CALL seam_loader_selftest_added(void);\n"
                             + end, 1)
    for what, text, allowed in (
            ("a new function", added, True),
            ("a new function and an appended field", added.replace(*appended, 1), True),
            ("a changed signature", original.replace(_BREAKS[3][1], _BREAKS[3][2], 1), False)):
        copy = staged(text, "record-" + what.replace(" ", "-"))
        ok, report = _abidiff_additions_only(copy, baseline_path(copy),
                                             work / ("record-" + what.replace(" ", "-") + "-abidiff"))
        if ok != allowed:
            raise CheckFailed(f"self-test: loader-record would {'refuse' if allowed else 'record'} "
                              f"{what}:\n" + indent(report))
        say(f"ok   {what}: loader-record {'records' if allowed else 'refuses'} it")
