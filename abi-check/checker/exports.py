"""Check 6, exports: every example plugin exports exactly one symbol, seam_plugin_entry
(`nm -D --defined-only`), and a mingw-built DLL exports it undecorated.

A plugin that exports more (a C++ template instance, a static helper that lost its `static`) can
interpose on the host's or another plugin's symbols; seam_plugin() in cmake/SeamTargets.cmake
prevents that with hidden visibility and an export map, and this check keeps it true."""
from pathlib import Path

from tools import CheckFailed, find, indent, require, run_or_fail, say

ENTRY = "seam_plugin_entry"


def defined_dynamic_symbols(library: Path) -> list:
    out = run_or_fail([require("nm", "binutils"), "-D", "--defined-only", library],
                      f"nm cannot read {library}")
    return sorted(line.split()[-1] for line in out.splitlines() if line.strip())


def dll_exports(dll: Path) -> list:
    out = run_or_fail([require("x86_64-w64-mingw32-objdump", "mingw-w64"), "-p", dll],
                      f"objdump cannot read {dll}")
    names, in_table = [], False
    for line in out.splitlines():
        if line.strip().startswith("[Ordinal/Name Pointer] Table"):
            in_table = True
            continue
        if in_table:
            if not line.strip():
                break
            names.append(line.split("]", 1)[1].strip())
    return sorted(names)


def example_plugins(plugin_dirs: list[Path]) -> list[Path]:
    """Every plugin file under PLUGIN_DIRS: the build's system plugin folder, where every example
    for users lands as <name>/<name>.so, and the standalone echo plugin's folder."""
    out = []
    for folder in plugin_dirs:
        out.extend(sorted(folder.rglob("*.so")) if folder.is_dir() else [])
    return out


def check(source_dir: Path, plugin_dirs: list[Path]) -> None:
    problems, checked = [], 0
    examples = [e.name for e in sorted((source_dir / "examples").iterdir())
                if (e / "CMakeLists.txt").exists() and e.name != "rust-plugin"]
    files = example_plugins(plugin_dirs)
    if len(files) < len(examples):
        problems.append(f"{len(examples)} C/C++ examples ({', '.join(examples)}) but only "
                        f"{len(files)} plugin files under {', '.join(map(str, plugin_dirs))}")
    for library in files:
        symbols = defined_dynamic_symbols(library)
        checked += 1
        if symbols != [ENTRY]:
            extra = [s for s in symbols if s != ENTRY]
            problems.append(f"{library} exports "
                            f"{', '.join(symbols) or 'nothing'}; expected exactly {ENTRY}"
                            + (f" (extra: {', '.join(extra)})" if extra else ""))
        else:
            say(f"ok   {library.name} exports only {ENTRY}")
    if problems:
        raise CheckFailed("example plugins export the wrong symbols:\n" + indent("\n".join(problems)))
    say(f"exports: {checked} example plugins export only {ENTRY}")


def check_mingw_echo(source_dir: Path, work: Path) -> None:
    """The C echo example built as a DLL by mingw-w64 exports seam_plugin_entry undecorated (the
    full Windows build, abi.windows, checks its DLLs too; this one needs no wine)."""
    mingw = find("x86_64-w64-mingw32-gcc")
    if mingw is None:
        say("note: x86_64-w64-mingw32-gcc not installed (mingw-w64): DLL exports not checked")
        return
    echo = source_dir / "examples" / "echo"
    work.mkdir(parents=True, exist_ok=True)
    dll = work / "seam-echo.dll"
    run_or_fail([mingw, "-std=c99", "-Wall", "-Wextra", "-Werror", "-shared", "-I",
                 source_dir / "sdk" / "include", echo / "echo.c", echo / "json_lite.c",
                 echo / "echo_entry.c", "-o", dll], "mingw-w64 cannot build the echo example")
    check_dll(dll)


def check_dll(dll: Path) -> None:
    names = dll_exports(dll)
    if names != [ENTRY]:
        raise CheckFailed(f"{dll.name} exports {names}; expected exactly ['{ENTRY}'], undecorated")
    say(f"ok   {dll.name} exports only {ENTRY}, undecorated")
