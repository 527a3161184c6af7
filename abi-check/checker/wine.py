"""Running Windows programs built by mingw-w64 under wine, quietly and in a prefix of our own.

The prefix lives in the build tree (created on first use, which takes wine some seconds) so that
the checks never touch a user's ~/.wine and a clean build starts from a clean prefix."""
from pathlib import Path

from tools import Result, Skipped, find, run

# No Gecko/Mono installer dialogs, no debug chatter on stderr.
_QUIET = {"WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml=", "DISPLAY": ""}


def wine_program() -> str:
    for name in ("wine64", "wine"):
        path = find(name)
        if path:
            return path
    raise Skipped("wine is not installed (Debian packages: wine wine64), so the Windows builds "
                  "cannot be run; `make deps` installs them")


def run_exe(exe: Path, args=(), prefix: Path = None, env=None, timeout=180,
            separate_stderr=True) -> Result:
    full_env = dict(_QUIET)
    if prefix is not None:
        prefix.mkdir(parents=True, exist_ok=True)
        full_env["WINEPREFIX"] = str(prefix)
    if env:
        full_env.update(env)
    result = run([wine_program(), exe, *args], env=full_env, timeout=timeout,
                 separate_stderr=separate_stderr)
    # Windows programs write CRLF on their text-mode stdout.
    result.output = result.output.replace("\r\n", "\n")
    return result
