"""Check 7, the checker's self-test: a checker that cannot fail proves nothing. Each deliberate
break below is applied to a temporary copy of seam.h, and the header checks (layout, constants,
abidiff) are run against the copy; each break must make at least the check meant to catch it fail.
The unmodified copy must pass the same checks first, so a failure is the break's doing and not the
copy's."""
import contextlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from tools import CheckFailed, indent, say


@dataclass
class Break:
    name: str
    pattern: str       # a regex over seam.h that must match exactly once
    replacement: str
    caught_by: str     # the check that must fail: layout, constants or abidiff


BREAKS = [
    Break("reordered field: seam_worker.self and seam_worker.vtable swapped",
          r"(  void\s*\*\s*self;\n)(  const seam_worker_vtable\s*\*\s*vtable;\n)", r"\2\1",
          "layout"),
    Break("changed function-pointer signature: seam_worker_vtable.destroy gains a parameter",
          r"void\s*\(\s*SEAM_CALL\s*\*\s*destroy\s*\)\s*\(\s*void\s*\*\s*self\s*\)",
          "void(SEAM_CALL* destroy)(void* self, int32_t reason)", "abidiff"),
    Break("shrunk type: seam_backend_def.dependency_count becomes uint16_t",
          r"(typedef struct seam_backend_def \{.*?)uint32_t dependency_count;",
          r"\1uint16_t dependency_count;", "layout"),
    Break("changed constant: SEAM_E_NOT_FOUND becomes 12",
          r"#define SEAM_E_NOT_FOUND 2\b", "#define SEAM_E_NOT_FOUND 12", "constants"),
    Break("grown array element: seam_dependency gains an appended field (and loses its guard)",
          r"(  const char \*install_hint;\n)(\} seam_dependency;.*?)"
          r"typedef char seam_dependency_is_frozen\[[^\n]*\n",
          r"\1  const char *homepage;\n\2", "layout"),
    Break("moved appended field: seam_registrar.fail and set_lifecycle swapped",
          r"(  int32_t\s*\(SEAM_CALL \*fail\)[^;]*;\n)(.*?)(  int32_t\s*\(SEAM_CALL \*set_lifecycle\)[^;]*;\n)",
          r"\3\2\1", "layout"),
]


def stage(header_text: str, where: Path) -> Path:
    """An include dir at WHERE holding seam/seam.h with HEADER_TEXT."""
    if where.exists():
        shutil.rmtree(where)
    (where / "seam").mkdir(parents=True)
    (where / "seam" / "seam.h").write_text(header_text)
    return where


def apply(text: str, b: Break) -> str:
    mutated, count = re.subn(b.pattern, b.replacement, text, flags=re.S)
    if count != 1:
        raise CheckFailed(f"self-test: the break '{b.name}' matched {count} times in seam.h "
                          f"(expected once); update its pattern in abi-check/checker/selftest.py")
    return mutated


def run_checks(checks: dict, include: Path, work: Path) -> dict:
    """{check name: None when it passed, else its failure message}."""
    outcome = {}
    for name, check in checks.items():
        try:
            # The checks' own progress lines would drown the self-test's verdicts.
            with contextlib.redirect_stdout(io.StringIO()):
                check(include, work / name)
            outcome[name] = None
        except CheckFailed as failure:
            outcome[name] = str(failure)
    return outcome


def check(include: Path, work: Path, checks: dict) -> None:
    """CHECKS: {name: callable(include, work)} — the header checks to turn on the copies."""
    original = (include / "seam" / "seam.h").read_text()
    control = run_checks(checks, stage(original, work / "control" / "include"), work / "control")
    broken = {name: message for name, message in control.items() if message}
    if broken:
        raise CheckFailed("self-test: the unmodified copy of seam.h already fails "
                          f"{', '.join(broken)}, so the deliberate breaks would prove nothing:\n"
                          + indent("\n".join(broken.values())))
    say(f"ok   control: the unmodified copy passes {', '.join(checks)}")

    problems = []
    for index, b in enumerate(BREAKS, 1):
        where = work / f"break{index}"
        outcome = run_checks(checks, stage(apply(original, b), where / "include"), where)
        failed = [name for name, message in outcome.items() if message]
        if b.caught_by not in failed:
            problems.append(f"'{b.name}' was NOT caught by {b.caught_by}"
                            f" (failing checks: {', '.join(failed) or 'none'})")
            continue
        lines = [line.strip() for line in outcome[b.caught_by].splitlines()
                 if line.strip() and "summary" not in line]
        say(f"ok   break {index}: {b.name}\n       fails: {', '.join(failed)}\n       "
            f"{b.caught_by} says: " + "\n         ".join(lines[:6]))
    if problems:
        raise CheckFailed("self-test: the checker let deliberate breaks through:\n  "
                          + "\n  ".join(problems))
    say(f"self-test: all {len(BREAKS)} deliberate breaks fail the checker")
