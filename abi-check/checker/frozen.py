"""Check 5a, the frozen headers: abi-check/frozen/v<N>/seam.h must be byte-for-byte the seam.h that
first declared SEAM_API_VERSION N in git history, so that the old-plugin fixtures are built against
what plugin authors really had, not against a copy someone "fixed" later.

(That today's header is still layout-compatible with each frozen one is checked by the layout and
old-plugin checks.)"""
import re
from pathlib import Path

from tools import CheckFailed, Skipped, find, run, say

ABI_CHECK_DIR = Path(__file__).resolve().parent.parent
FROZEN_DIR = ABI_CHECK_DIR / "frozen"
HEADER_IN_REPO = "sdk/include/seam/seam.h"


def frozen_headers():
    """{api version: path} of every frozen header."""
    out = {}
    for path in sorted(FROZEN_DIR.glob("v*/seam.h")):
        out[int(path.parent.name[1:])] = path
    return out


def _api_version(text: str, macro: str = "SEAM_API_VERSION"):
    match = re.search(r"^#define\s+" + macro + r"\s+(\d+)\s*$", text, re.M)
    return int(match.group(1)) if match else None


def first_header_per_version(source_dir: Path, header_in_repo: str = HEADER_IN_REPO,
                             macro: str = "SEAM_API_VERSION") -> dict:
    """{version: (commit, header text)} for the first commit of HEADER_IN_REPO that declared each
    value of MACRO."""
    git = find("git")
    if git is None:
        raise Skipped("git is not installed, so the frozen headers cannot be compared with history")
    inside = run([git, "-C", source_dir, "rev-parse", "--is-inside-work-tree"])
    if inside.returncode != 0 or inside.output.strip() != "true":
        raise Skipped(f"{source_dir} is not a git checkout; the frozen headers cannot be compared "
                      f"with history")
    log = run([git, "-C", source_dir, "log", "--reverse", "--format=%H", "--", header_in_repo])
    if log.returncode != 0 or not log.output.strip():
        raise Skipped(f"git has no history of {header_in_repo} here (a shallow clone?)")
    firsts = {}
    for commit in log.output.split():
        shown = run([git, "-C", source_dir, "show", f"{commit}:{header_in_repo}"])
        if shown.returncode != 0:
            continue  # the commit deleted or moved the header
        version = _api_version(shown.output, macro)
        if version is not None and version not in firsts:
            firsts[version] = (commit, shown.output)
    return firsts


def check(source_dir: Path) -> None:
    frozen = frozen_headers()
    if not frozen:
        raise CheckFailed(f"no frozen header under {FROZEN_DIR}")
    history = first_header_per_version(source_dir)
    for version, path in frozen.items():
        if version not in history:
            raise CheckFailed(f"{path} is frozen API v{version}, but no commit of "
                              f"{HEADER_IN_REPO} ever declared SEAM_API_VERSION {version}")
        commit, text = history[version]
        if path.read_text() != text:
            raise CheckFailed(f"{path.relative_to(ABI_CHECK_DIR)} differs from {HEADER_IN_REPO} "
                              f"at {commit[:12]}, the first commit of API v{version}. A frozen "
                              f"header is never edited; restore it with\n"
                              f"  git show {commit[:12]}:{HEADER_IN_REPO} > {path}")
        say(f"ok   frozen/v{version}/seam.h equals {HEADER_IN_REPO} at {commit[:12]}")
