"""Check 2, layout: every ABI struct has the same size, alignment and field offsets under gcc, clang
and tcc (and mingw-w64, run under wine), equal to the committed expected layout of each target, and
the v1 layout of the frozen header is still a prefix of today's. A struct that is an array's element
(seam_dependency) may not even grow by appending.

Also enforced here, because it is read from the same model: the contract's type rules (every struct
begins with uint32_t struct_size; no bool, enum, long, bitfield in an ABI struct)."""
import re
from pathlib import Path

import layout_dump
from header_model import HeaderModel, read_header
from tools import CheckFailed, indent, require, run, run_or_fail, say
import wine

ABI_CHECK_DIR = Path(__file__).resolve().parent.parent
EXPECTED_DIR = ABI_CHECK_DIR / "layout" / "expected"
WINDOWS_TARGET = "x86_64-w64-mingw32"
_FORBIDDEN = re.compile(r"\b(bool|_Bool|enum|long|float|double)\b")


def contract_problems(model: HeaderModel):
    problems = []
    for struct in model.structs:
        first = struct.fields[0]
        if first.name != "struct_size" or not first.declaration.startswith("uint32_t "):
            problems.append(f"struct {struct.name} must begin with 'uint32_t struct_size', "
                            f"begins with '{first.declaration}'")
        for f in struct.fields:
            # Function pointer parameters may name any type; only data members are restricted.
            if "(" not in f.declaration and _FORBIDDEN.search(f.declaration):
                problems.append(f"struct {struct.name}.{f.name}: '{f.declaration}' uses a type "
                                f"whose size or representation differs between compilers")
    return problems


def array_element_structs(model: HeaderModel) -> list:
    """The structs that are the element type of an array in another struct: a pointer field whose
    name matches a sibling `<name>_count` field (dependencies + dependency_count). A host steps
    through such an array with its own sizeof, so these structs may never grow (seam.h says so)."""
    struct_names = {s.name for s in model.structs}
    found = []
    for struct in model.structs:
        stems = [f.name[:-len("_count")] for f in struct.fields if f.name.endswith("_count")]
        for f in struct.fields:
            pointee = re.match(r"(?:const\s+)?(\w+)\s*\*\s*\w+$", f.declaration)
            if (pointee and pointee.group(1) in struct_names and pointee.group(1) not in found
                    and any(stem and f.name.startswith(stem[:-1]) for stem in stems)):
                found.append(pointee.group(1))
    return found


def array_element_breaks(model: HeaderModel, references: list, today: dict) -> list:
    """Sentences for every array element struct of MODEL whose layout in TODAY differs at all from
    its first recorded layout (the first of the REFERENCES, parsed layouts, that holds it)."""
    breaks = []
    for name in array_element_structs(model):
        before = next((r[name] for r in references if name in r), None)
        after = today.get(name)
        if before is None or after is None:
            continue
        if after.size != before.size or len(after.fields) != len(before.fields):
            breaks.append(f"struct {name} is the element of an array in another struct, so it is "
                          f"frozen (a host indexes an old plugin's array with its own sizeof): it "
                          f"was {before.size} bytes with {len(before.fields)} fields, is now "
                          f"{after.size} bytes with {len(after.fields)} fields. Put new data in a "
                          f"new struct reached through a pointer appended to the definition.")
    return breaks


def header_of(include: Path) -> Path:
    return include / "seam" / "seam.h"


def host_target() -> str:
    return run_or_fail([require("gcc", "gcc"), "-dumpmachine"], "gcc -dumpmachine").strip()


def expected_file(target: str) -> Path:
    return EXPECTED_DIR / f"{target}.layout"


def _write_program(include: Path, work: Path) -> Path:
    model = read_header(header_of(include))
    problems = contract_problems(model)
    if problems:
        raise CheckFailed("seam.h breaks the ABI type rules:\n  " + "\n  ".join(problems))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "layout_dump.c"
    source.write_text(layout_dump.program(model))
    return source


def dump(compiler: str, package: str, include: Path, work: Path) -> str:
    """Builds the layout dump for INCLUDE with COMPILER and returns what it prints."""
    source = _write_program(include, work)
    exe = work / f"layout_dump_{Path(compiler).name}"
    tool = require(compiler, package)
    run_or_fail([tool, "-I", include, source, "-o", exe],
                f"the layout dump does not compile with {compiler}")
    return run_or_fail([exe], f"the layout dump built by {compiler} failed")


def dump_windows(include: Path, work: Path, prefix: Path) -> str:
    source = _write_program(include, work)
    exe = work / "layout_dump_mingw.exe"
    tool = require("x86_64-w64-mingw32-gcc", "mingw-w64")
    run_or_fail([tool, "-I", include, source, "-o", exe],
                "the layout dump does not compile with x86_64-w64-mingw32-gcc")
    result = wine.run_exe(exe, prefix=prefix)
    if result.returncode != 0:
        raise CheckFailed(f"the mingw layout dump failed under wine (exit {result.returncode}):\n"
                          + indent(result.output + result.errors))
    return result.output


def _compare_with_expected(target: str, text: str, label: str) -> None:
    path = expected_file(target)
    if not path.exists():
        raise CheckFailed(f"no expected layout for target {target} ({path}); record one with "
                          f"`python3 abi-check/abi_check.py update-expected`")
    breaks, additions = layout_dump.compare_append_only(layout_dump.parse(path.read_text()),
                                                        layout_dump.parse(text))
    if breaks:
        raise CheckFailed(f"{label}: the layout differs from {path.relative_to(ABI_CHECK_DIR)}:\n  "
                          + "\n  ".join(breaks))
    for addition in additions:
        say(f"note: {label}: {addition} (allowed; record it with "
            f"`python3 abi-check/abi_check.py update-expected`)")
    say(f"ok   {label} layout matches {path.name}")


def _diff_lines(a: str, b: str) -> str:
    import difflib
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "gcc", "other"))


def check_host(include: Path, frozen_include: Path, work: Path) -> None:
    target = host_target()
    dumps = {}
    for compiler, package in (("gcc", "gcc"), ("clang", "clang"), ("tcc", "tcc")):
        dumps[compiler] = dump(compiler, package, include, work / "current")
    for compiler in ("clang", "tcc"):
        if dumps[compiler] != dumps["gcc"]:
            raise CheckFailed(f"{compiler} lays seam.h out differently from gcc on {target}:\n"
                              + indent(_diff_lines(dumps["gcc"], dumps[compiler])))
    say(f"ok   gcc, clang and tcc agree on every layout ({target})")
    _compare_with_expected(target, dumps["gcc"], target)

    if frozen_include is not None:
        frozen = dump("gcc", "gcc", frozen_include, work / "frozen")
        breaks, _ = layout_dump.compare_append_only(layout_dump.parse(frozen),
                                                    layout_dump.parse(dumps["gcc"]))
        if breaks:
            raise CheckFailed("today's seam.h is not layout-compatible with the frozen v1 header "
                              "(abi-check/frozen/v1/seam.h):\n  " + "\n  ".join(breaks))
        say("ok   the frozen v1 layout is a prefix of today's layout")
        references = [layout_dump.parse(frozen), layout_dump.parse(expected_file(target).read_text())]
        frozen_elements = array_element_breaks(read_header(header_of(include)), references,
                                               layout_dump.parse(dumps["gcc"]))
        if frozen_elements:
            raise CheckFailed("\n  ".join(frozen_elements))
        say("ok   array element structs (" + ", ".join(
            array_element_structs(read_header(header_of(include)))) + ") keep their first layout")


def check_windows(include: Path, work: Path, prefix: Path) -> None:
    text = dump_windows(include, work / "windows", prefix)
    _compare_with_expected(WINDOWS_TARGET, text, f"{WINDOWS_TARGET} (under wine)")
