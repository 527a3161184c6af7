"""What seam.h declares, read from its text: the ABI structs with their fields in order, and the
function-pointer typedefs.

The checks generate their probe programs from this model instead of from hand-written lists, so a
struct or a field added to the header is covered the moment it is added, and a field that is
renamed or moved shows up as a difference rather than as a compile error in a stale list.

The reader is deliberately simple and strict: seam.h is written in a small, regular style (one
declarator per field, no nested structs, no bitfields), and anything outside that style is an
error here, naming the declaration, rather than a silent gap in the checks.
"""
import re
from dataclasses import dataclass, field
from pathlib import Path


class HeaderModelError(Exception):
    pass


@dataclass
class Field:
    name: str
    declaration: str  # the declaration as written, whitespace-normalised, without the ';'


@dataclass
class Struct:
    name: str
    fields: list = field(default_factory=list)


@dataclass
class HeaderModel:
    structs: list          # [Struct] in header order
    function_typedefs: list  # [str] names of `typedef R (SEAM_CALL *name)(...)` in header order


_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_STRUCT = re.compile(r"\bstruct\s+(\w+)\s*\{(.*?)\}", re.S)
_FUNCTION_TYPEDEF = re.compile(r"\btypedef\b[^;{}]*?\(\s*(?:SEAM_CALL\s*)?\*\s*(\w+)\s*\)\s*\(")
_FUNCTION_POINTER_NAME = re.compile(r"\(\s*(?:SEAM_CALL\s*)?\*\s*(\w+)\s*\)\s*\(")
_PLAIN_NAME = re.compile(r"(\w+)\s*$")


def _strip_preprocessor(text: str) -> str:
    """Drops preprocessor lines (with their continuations), so macro bodies such as SEAM_PLUGIN's
    are never mistaken for declarations."""
    out, continuing = [], False
    for line in text.splitlines():
        starts = line.lstrip().startswith("#")
        if starts or continuing:
            continuing = line.rstrip().endswith("\\")
            continue
        out.append(line)
    return "\n".join(out)


def _field_of(struct_name: str, declaration: str) -> Field:
    decl = " ".join(declaration.split())
    if ":" in decl:
        raise HeaderModelError(f"{struct_name}: bitfield '{decl}' is not allowed in an ABI struct")
    if "(" in decl:
        match = _FUNCTION_POINTER_NAME.search(decl)
        if not match:
            raise HeaderModelError(f"{struct_name}: cannot read the field name of '{decl}'")
        return Field(match.group(1), decl)
    if "," in decl:
        raise HeaderModelError(f"{struct_name}: declare one field per line, not '{decl}'")
    bare = re.sub(r"\[[^\]]*\]\s*$", "", decl)
    match = _PLAIN_NAME.search(bare)
    if not match:
        raise HeaderModelError(f"{struct_name}: cannot read the field name of '{decl}'")
    return Field(match.group(1), decl)


def read_header(path: Path) -> HeaderModel:
    text = _strip_preprocessor(_COMMENT.sub(" ", Path(path).read_text()))
    structs = []
    for match in _STRUCT.finditer(text):
        struct = Struct(match.group(1))
        for declaration in match.group(2).split(";"):
            if declaration.strip():
                struct.fields.append(_field_of(struct.name, declaration))
        if not struct.fields:
            raise HeaderModelError(f"struct {struct.name} has no fields")
        structs.append(struct)
    if not structs:
        raise HeaderModelError(f"{path}: no struct definitions found")
    typedefs = _FUNCTION_TYPEDEF.findall(text)
    return HeaderModel(structs, typedefs)
