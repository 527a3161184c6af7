"""Check abi-json: sdk/abi/seam-abi.json, the machine-readable description of seam.h, says exactly
what the header says.

The JSON lists every constant (with its value and C type), status, function-like macro, inline
function, opaque type, function-pointer typedef (with its signature) and struct (with every field's
C type, or the signature of a function-pointer field), each with `since`: "API.STEP", the API
version and the append step that introduced it (SEAM_API_STEP; "1.0" is the first v1 header).
Bindings for other languages are generated from it (sdk/abi/gen_rust_bindings.py).

The check reads the header itself and fails on any member that is in one and not the other, on any
type or value that differs, and on a `since` that history contradicts: a member of the frozen vN
header is "N.0", any other is later than "N.0" and no later than today's step. Struct sizes and
field offsets on 64-bit targets ("layout_64") must equal the committed expected layout. To prove
the comparison can fail, it also drops a field from a copy of the JSON and requires that noticed.

`abi_check.py write-abi-json` rewrites the file from the header, keeping every recorded `since`
and giving new members today's step.
"""
import copy
import json
import re
from pathlib import Path

import constants
import layout
import layout_dump
from frozen import frozen_headers
from header_model import read_header
from selftest import stage
from tools import CheckFailed, say

SOURCE_DIR = Path(__file__).resolve().parent.parent.parent
ABI_JSON = SOURCE_DIR / "sdk" / "abi" / "seam-abi.json"

_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_FUNCTION_TYPEDEF = re.compile(
    r"\btypedef\s+([^;{}]*?)\(\s*SEAM_CALL\s*\*\s*(\w+)\s*\)\s*\(([^;{}]*?)\)\s*;")
_FUNCTION_FIELD = re.compile(r"^(.*?)\(\s*SEAM_CALL\s*\*\s*(\w+)\s*\)\s*\((.*)\)$")
_OPAQUE = re.compile(r"\btypedef\s+struct\s+(\w+)\s+\1\s*;")
_INLINE = re.compile(r"\bstatic\s+inline\s+[^;{}()]*?\b(\w+)\s*\(")
_STATUS = re.compile(r"^SEAM_(OK|E_\w+)$")


def canonical_type(text: str) -> str:
    """A C type written one way: tokens separated by single spaces, '*' its own token."""
    return " ".join(text.replace("*", " * ").split())


def _parameter(text: str) -> dict:
    words = canonical_type(text)
    match = re.match(r"^(.*?)\s*\b(\w+)$", words)
    if not match or not match.group(1):
        raise CheckFailed(f"cannot read the parameter '{text}'")
    return {"name": match.group(2), "type": match.group(1)}


def _signature(returns: str, parameters: str) -> dict:
    params = parameters.strip()
    return {"returns": canonical_type(returns),
            "parameters": [] if params in ("", "void") else
            [_parameter(p) for p in params.split(",")]}


def describe(include: Path, work: Path) -> dict:
    """What seam.h declares, in the JSON's shape, without `since` and layout."""
    header = include / "seam" / "seam.h"
    text = _COMMENT.sub(" ", header.read_text())
    model = read_header(header)
    constants_text = constants.dump(include, work / "constants")
    ints, strings, macros = [], [], []
    for line in constants_text.splitlines():
        name = line.split(" ", 1)[0]
        if name == "SEAM_SEAM_H":
            continue
        integer = re.match(r"^(\w+) = (-?\d+) (u?int)(\d+)$", line)
        string = re.match(r'^(\w+) = "(.*)" string$', line)
        function_like = re.match(r"^(\w+)\(([^)]*)\) function-like macro$", line)
        if integer:
            ints.append({"name": name, "value": int(integer.group(2)),
                         "type": f"{integer.group(3)}{integer.group(4)}_t"})
        elif string:
            strings.append({"name": name, "value": string.group(2), "type": "string"})
        elif function_like:
            macros.append({"name": name, "parameters": function_like.group(2).split(",")})
        else:
            macros.append({"name": name, "parameters": None})
    statuses = [c for c in ints if _STATUS.match(c["name"])]
    structs = []
    array_elements = set(layout.array_element_structs(model))
    for struct in model.structs:
        fields = []
        for f in struct.fields:
            match = _FUNCTION_FIELD.match(f.declaration)
            if match:
                fields.append({"name": f.name, "function": _signature(match.group(1),
                                                                      match.group(3))})
            else:
                fields.append({"name": f.name,
                               "type": canonical_type(re.sub(r"\b" + f.name + r"\s*$", "",
                                                             f.declaration))})
        entry = {"name": struct.name, "fields": fields}
        if struct.name in array_elements:
            entry["frozen"] = "array element: never grows, not even by appending"
        structs.append(entry)
    return {
        "constants": [c for c in ints + strings if not _STATUS.match(c["name"])],
        "statuses": statuses,
        "macros": macros,
        "inline_functions": [{"name": n} for n in _INLINE.findall(text)],
        "opaque_types": [{"name": n} for n in _OPAQUE.findall(text)
                         if n not in {s.name for s in model.structs}],
        "function_types": [dict({"name": m.group(2)}, **_signature(m.group(1), m.group(3)))
                           for m in _FUNCTION_TYPEDEF.finditer(text)],
        "structs": structs,
    }


_KINDS = ("constants", "statuses", "macros", "inline_functions", "opaque_types",
          "function_types", "structs")


def _without(entry: dict, keys) -> dict:
    return {k: v for k, v in entry.items() if k not in keys}


def compare(recorded: dict, actual: dict) -> list:
    """Sentences for every difference between the JSON (RECORDED) and the header (ACTUAL)."""
    problems = []
    for kind in _KINDS:
        have = {e["name"]: e for e in recorded.get(kind, [])}
        want = {e["name"]: e for e in actual[kind]}
        for name in want.keys() - have.keys():
            problems.append(f"{kind}: '{name}' is in seam.h but not in seam-abi.json")
        for name in have.keys() - want.keys():
            problems.append(f"{kind}: '{name}' is in seam-abi.json but not in seam.h")
        for name in want.keys() & have.keys():
            if kind != "structs":
                if _without(have[name], ("since", "doc")) != want[name]:
                    problems.append(f"{kind}: '{name}' differs: seam-abi.json says "
                                    f"{json.dumps(_without(have[name], ('since', 'doc')))}, "
                                    f"seam.h says {json.dumps(want[name])}")
                continue
            got = [_without(f, ("since", "offset_64", "size_64")) for f in have[name]["fields"]]
            if got != want[name]["fields"]:
                names_json = [f["name"] for f in got]
                names_header = [f["name"] for f in want[name]["fields"]]
                if names_json != names_header:
                    problems.append(f"struct {name}: fields {names_json} in seam-abi.json, "
                                    f"{names_header} in seam.h")
                else:
                    for a, b in zip(got, want[name]["fields"]):
                        if a != b:
                            problems.append(f"struct {name}.{a['name']}: seam-abi.json says "
                                            f"{json.dumps(a)}, seam.h says {json.dumps(b)}")
            if have[name].get("frozen") != want[name].get("frozen"):
                problems.append(f"struct {name}: 'frozen' is {have[name].get('frozen')!r} in "
                                f"seam-abi.json, {want[name].get('frozen')!r} by the header")
    return problems


def _step_of(include: Path) -> tuple:
    text = (include / "seam" / "seam.h").read_text()
    version = int(re.search(r"^#define SEAM_API_VERSION (\d+)", text, re.M).group(1))
    step = re.search(r"^#define SEAM_API_STEP (\d+)", text, re.M)
    return version, int(step.group(1)) if step else 0


def _members(description: dict):
    """(label, entry) of every member that carries a `since`."""
    for kind in _KINDS:
        for entry in description.get(kind, []):
            yield f"{kind}: '{entry['name']}'", entry
            for f in entry.get("fields", []):
                yield f"struct {entry['name']}.{f['name']}", f


def _since(value: str):
    match = re.match(r"^(\d+)\.(\d+)$", value or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def history(include: Path, work: Path) -> dict:
    """{label: the API version of the frozen header that first has it} over every frozen header."""
    first = {}
    for version, header in sorted(frozen_headers().items()):
        include = stage(header.read_text(), work / f"frozen-v{version}" / "include")
        for label, _ in _members(describe(include, work / f"frozen-v{version}")):
            first.setdefault(label, version)
    return first


def since_problems(recorded: dict, include: Path, first_seen: dict) -> list:
    version, step = _step_of(include)
    problems = []
    for label, entry in _members(recorded):
        since = _since(entry.get("since"))
        if since is None:
            problems.append(f"{label}: 'since' must be \"API.STEP\", is {entry.get('since')!r}")
            continue
        if label in first_seen:
            if since != (first_seen[label], 0):
                problems.append(f"{label}: the frozen v{first_seen[label]} header has it, so its "
                                f"'since' is \"{first_seen[label]}.0\", not \"{entry['since']}\"")
        elif not ((version, 0) < since <= (version, step)):
            problems.append(f"{label}: appended after the frozen v{version} header, so its 'since' "
                            f"lies in {version}.1..{version}.{step}, not \"{entry['since']}\"")
    return problems


def layout_problems(recorded: dict) -> list:
    expected = layout_dump.parse(layout.expected_file("x86_64-linux-gnu").read_text())
    problems = []
    for struct in recorded.get("structs", []):
        known = expected.get(struct["name"])
        if known is None:
            problems.append(f"struct {struct['name']}: not in the expected x86_64 layout")
            continue
        if struct.get("size_64") != known.size:
            problems.append(f"struct {struct['name']}: size_64 is {struct.get('size_64')}, the "
                            f"x86_64 layout says {known.size}")
        offsets = {f.name: f.offset for f in known.fields}
        for f in struct["fields"]:
            if f.get("offset_64") != offsets.get(f["name"]):
                problems.append(f"struct {struct['name']}.{f['name']}: offset_64 is "
                                f"{f.get('offset_64')}, the x86_64 layout says "
                                f"{offsets.get(f['name'])}")
    return problems


def check(include: Path, work: Path) -> None:
    if not ABI_JSON.exists():
        raise CheckFailed(f"{ABI_JSON} is missing; write it with "
                          f"`python3 abi-check/abi_check.py write-abi-json`")
    recorded = json.loads(ABI_JSON.read_text())
    actual = describe(include, work / "today")
    version, step = _step_of(include)
    problems = compare(recorded, actual)
    if (recorded.get("api_version"), recorded.get("api_step")) != (version, step):
        problems.append(f"api_version/api_step are {recorded.get('api_version')}."
                        f"{recorded.get('api_step')} in seam-abi.json, {version}.{step} in seam.h")
    problems += since_problems(recorded, include, history(include, work))
    problems += layout_problems(recorded)
    if problems:
        raise CheckFailed("sdk/abi/seam-abi.json does not describe seam.h (fix the JSON, or run "
                          "`python3 abi-check/abi_check.py write-abi-json`):\n  "
                          + "\n  ".join(problems))
    # The negative twin: a JSON that lost a field must be caught.
    damaged = copy.deepcopy(recorded)
    damaged["structs"][-1]["fields"].pop()
    if not compare(damaged, actual):
        raise CheckFailed("abi-json: a copy of the JSON without a field passed the comparison; "
                          "the check itself is broken")
    members = sum(1 for _ in _members(recorded))
    say(f"ok   seam-abi.json describes seam.h: {members} members, each with a 'since' history "
        f"agrees with, and the x86_64 layout")


def write(include: Path, work: Path) -> None:
    """Rewrites the JSON from the header, keeping recorded `since`s; new members get today's."""
    old = json.loads(ABI_JSON.read_text()) if ABI_JSON.exists() else {}
    old_since = {label: entry.get("since") for label, entry in _members(old)}
    version, step = _step_of(include)
    first_seen = history(include, work)
    description = describe(include, work / "today")
    expected = layout_dump.parse(layout.expected_file("x86_64-linux-gnu").read_text())
    for label, entry in _members(description):
        if label in first_seen:
            entry["since"] = f"{first_seen[label]}.0"
        else:
            entry["since"] = old_since.get(label) or f"{version}.{step}"
    for struct in description["structs"]:
        known = expected[struct["name"]]
        struct["size_64"] = known.size
        offsets = {f.name: f.offset for f in known.fields}
        for f in struct["fields"]:
            f["offset_64"] = offsets[f["name"]]
    document = {
        "format": 1,
        "about": "Every member of sdk/include/seam/seam.h. 'since' is API.STEP: the "
                 "SEAM_API_VERSION and the SEAM_API_STEP that introduced the member. size_64 and "
                 "offset_64 are the x86_64 (LP64 and LLP64 agree) layout. Checked against the "
                 "header by abi-check (abi.abi_json); see docs/abi.md.",
        "header": "seam/seam.h",
        "api_version": version,
        "api_step": step,
        **description,
    }
    ABI_JSON.parent.mkdir(parents=True, exist_ok=True)
    ABI_JSON.write_text(json.dumps(document, indent=2) + "\n")
    say(f"wrote {ABI_JSON.relative_to(SOURCE_DIR)}")
