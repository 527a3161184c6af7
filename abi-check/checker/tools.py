"""Running compilers and programs for the checks: one place that finds the tools, runs them with a
time limit, and turns a failure into a message that names the command and shows its output."""
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# The exit code CTest is told (SKIP_RETURN_CODE) means "skipped", for a check whose tool is absent.
SKIP = 77

# Generous per-command limit: every command here takes well under a second; only a hung tool
# (or wine creating its prefix) comes near it.
COMMAND_TIMEOUT = 120


class CheckFailed(Exception):
    """A check found a break. The message names what broke."""


class Skipped(Exception):
    """A check cannot run here (a tool is missing); the message says which and how to get it."""


@dataclass
class Result:
    returncode: int
    output: str       # stdout and stderr interleaved, or stdout alone when asked to keep apart
    errors: str = ""  # stderr, when kept apart


def find(tool: str):
    """The path of TOOL on PATH (or in ~/.cargo/bin for cargo), or None."""
    found = shutil.which(tool)
    if found is None and tool in ("cargo", "rustc"):
        candidate = Path.home() / ".cargo" / "bin" / tool
        if candidate.exists():
            found = str(candidate)
    return found


def require(tool: str, package: str) -> str:
    path = find(tool)
    if path is None:
        raise Skipped(f"'{tool}' is not installed (Debian package: {package}; `make deps` "
                      f"installs it)")
    return path


def run(command, cwd=None, env=None, timeout=COMMAND_TIMEOUT, input_text=None,
        separate_stderr=False) -> Result:
    """Runs COMMAND and returns its exit code and output (stdout and stderr combined, unless
    SEPARATE_STDERR); never raises on failure."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    try:
        completed = subprocess.run([str(c) for c in command], cwd=cwd, env=full_env,
                                   stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE if separate_stderr else subprocess.STDOUT,
                                   input=input_text, text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        out = expired.output or ""
        if isinstance(out, bytes):
            out = out.decode(errors="replace")
        return Result(124, f"{out}\n(timed out after {timeout}s)")
    return Result(completed.returncode, completed.stdout, completed.stderr or "")


def run_or_fail(command, what: str, **kwargs) -> str:
    """Runs COMMAND; on a non-zero exit raises CheckFailed saying WHAT failed, with the command
    line and its output."""
    result = run(command, **kwargs)
    if result.returncode != 0:
        line = " ".join(str(c) for c in command)
        raise CheckFailed(f"{what}\n  command: {line}\n  exit code: {result.returncode}\n"
                          + indent(result.output))
    return result.output


def indent(text: str, prefix: str = "    ") -> str:
    return "".join(prefix + line + "\n" for line in text.rstrip().splitlines())


def say(message: str) -> None:
    print(message, flush=True)


def warn(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
