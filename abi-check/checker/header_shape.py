"""Check header-shape: the SDK headers keep the hand-written layout plugin authors read.

The headers are documentation as much as code, and a formatter once damaged them: every section
banner was split by a stray ` */` line and bullet continuations lost their indent. The rules here
are the shape abi-check/frozen/v1/seam.h shows:

  - a banner line (`/* ---- ... ---- */`) is opened and closed on its own line, and every banner
    line of a header has the same width;
  - a bullet (` *  - ` in a block comment, `//  - ` in a line comment) continues on lines indented
    to its text (` *    `, `//    `), never back at the comment's margin;
  - clang-format with the repository's configuration leaves every SDK header unchanged (so
    `make format` cannot damage them again).

To show the rules can fail, the check also damages a copy of each header the way the formatter did
and requires the damage to be found.
"""
import re
import shutil
import subprocess
from pathlib import Path

from tools import CheckFailed, say

_DASHES = re.compile(r"^/\* -{4,}")
_BULLET = {"block": re.compile(r"^ \*  - \S"), "line": re.compile(r"^//  - \S")}
_CONTINUATION = {"block": re.compile(r"^ \*    \S"), "line": re.compile(r"^//    \S")}
_MARGIN_TEXT = {"block": re.compile(r"^ \* {0,3}\S"), "line": re.compile(r"^// {0,3}\S")}


def _comment_kind(line: str):
    if line.startswith(" *") and not line.startswith(" */"):
        return "block"
    if line.startswith("//"):
        return "line"
    return None


def problems(name: str, text: str) -> list:
    """Sentences naming each place where TEXT leaves the shape, as NAME:LINE: what."""
    found = []
    lines = text.splitlines()
    dash_lines = set()
    for number, line in enumerate(lines, 1):
        if _DASHES.match(line):
            if not line.rstrip().endswith("*/"):
                found.append(f"{name}:{number}: banner line is not closed on its own line "
                             f"(a stray ' */' follows it)")
            dash_lines.add(len(line.rstrip()))
            following = lines[number] if number < len(lines) else ""
            if following.strip() == "*/":
                found.append(f"{name}:{number + 1}: stray ' */' line splits a banner")
    if len(dash_lines) > 1:
        found.append(f"{name}: banner lines differ in width ({sorted(dash_lines)} characters)")
    in_bullet = None
    for number, line in enumerate(lines, 1):
        kind = _comment_kind(line)
        if kind is None or line.strip() in ("*", "//"):
            in_bullet = None
            continue
        if _BULLET[kind].match(line):
            in_bullet = kind
            continue
        if in_bullet == kind and not _CONTINUATION[kind].match(line):
            if _MARGIN_TEXT[kind].match(line):
                found.append(f"{name}:{number}: bullet continuation lost its indent: "
                             f"{line.strip()[:60]!r}")
            in_bullet = None
    return found


def _clang_format_changes(header: Path, source_dir: Path) -> list:
    """What clang-format, run as `make format` runs it, would change in HEADER (none expected)."""
    tool = shutil.which("clang-format")
    if tool is None:
        say("note: clang-format is not installed; the formatter rule was not exercised")
        return []
    formatted = subprocess.run([tool, str(header)], cwd=source_dir, capture_output=True,
                               text=True, check=False)
    if formatted.returncode != 0:
        return [f"clang-format failed on {header.name}: {formatted.stderr.strip()}"]
    if formatted.stdout != header.read_text():
        return [f"{header.name}: clang-format would reformat it; sdk/include/.clang-format must keep "
                f"DisableFormat: true (or `make format` must skip sdk/include)"]
    return []


def _damaged(text: str) -> str:
    """TEXT as the formatter left it: banners split, bullet continuations pulled to the margin."""
    text = re.sub(r"^(/\* -{4,}.*?) \*/$", r"\1\n */", text, flags=re.M)
    return re.sub(r"^ \*    (\S)", r" * \1", text, flags=re.M)


def check(include: Path, source_dir: Path) -> None:
    headers = sorted((include / "seam").glob("*.h")) + sorted((include / "seam").glob("*.hpp"))
    if not headers:
        raise CheckFailed(f"no SDK headers under {include / 'seam'}")
    found = []
    for header in headers:
        text = header.read_text()
        found += problems(header.name, text)
        found += _clang_format_changes(header, source_dir)
        if "/* ---" in text and not problems(header.name, _damaged(text)):
            raise CheckFailed(f"the shape rules do not notice a damaged copy of {header.name}: "
                              f"the check itself is broken")
    if found:
        raise CheckFailed("the SDK headers lost their shape (see abi-check/frozen/v1/seam.h for "
                          "the intended form):\n  " + "\n  ".join(found))
    say(f"ok   {len(headers)} SDK headers keep their banners and bullet indentation, and "
        f"clang-format leaves them alone")
