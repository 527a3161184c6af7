#!/usr/bin/env python3
"""Seam as an installed product, tested from the outside: a real `cmake --install` into a temporary
prefix, then third-party projects built against it exactly as docs/writing-a-plugin.md and
docs/loader.md tell their authors, and the installed `seam` run with no configuration.

Each step is a CTest test (tests/install/CMakeLists.txt); `setup` installs the prefix the others
use. Every seam run gets a HOME, XDG_DATA_HOME and XDG_CACHE_HOME of its own, so nothing outside
the work folder is searched or written.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECTS = HERE / "projects"


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def run(cmd, env=None, cwd=None, expect=0, timeout=300):
    cmd = [str(c) for c in cmd]
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)
    if expect is not None and proc.returncode != expect:
        raise Failed(f"`{' '.join(cmd)}` exited {proc.returncode} (expected {expect})\n"
                     f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc


class World:
    def __init__(self, args):
        self.build = Path(args.build_dir)
        self.work = Path(args.work)
        # A sanitizer build's loader needs its host linked with the same sanitizer.
        self.sanitize = args.sanitize
        self.prefix = self.work / "prefix"
        self.seam = self.prefix / "bin" / "seam"

    def fresh(self, name):
        """An empty folder of this step's own."""
        folder = self.work / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    def env(self, home, **extra):
        """The environment of an outside user whose home is HOME: no SEAM_* variable."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("SEAM_")}
        env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                   XDG_CACHE_HOME=str(home / "cache"))
        env.pop("XDG_CONFIG_HOME", None)
        env.update(extra)
        return env

    def install(self, prefix):
        shutil.rmtree(prefix, ignore_errors=True)
        run(["cmake", "--install", self.build, "--prefix", prefix])

    def cmake_project(self, project, prefix, build, install=False):
        run(["cmake", "-S", PROJECTS / project, "-B", build, "-G", "Ninja",
             f"-DCMAKE_PREFIX_PATH={prefix}", f"-DCMAKE_INSTALL_PREFIX={prefix}",
             *[f"-DCMAKE_{kind}_FLAGS={self.sanitize}" for kind in
               ("C", "CXX", "EXE_LINKER", "SHARED_LINKER", "MODULE_LINKER") if self.sanitize]])
        run(["cmake", "--build", build])
        if install:
            run(["cmake", "--install", build])

    def plugins(self, seam, env, *args):
        proc = run([seam, "plugins", "list", "--json", *args], env=env, expect=None)
        try:
            listing = json.loads(proc.stdout)
        except ValueError:
            raise Failed(f"plugins list --json printed no JSON (exit {proc.returncode}):\n"
                         f"{proc.stdout}\n{proc.stderr}")
        return {row["name"]: row for row in listing["plugins"]}, listing, proc


def step_setup(w):
    """The install tree holds what the docs promise, and the loader exports only its API."""
    w.install(w.prefix)
    expected = ["bin/seam", "libexec/seam/seam-plugin-scanner", "libexec/seam/seam-http-curl.so",
                "lib/libseam-loader.so.0",
                "lib/libseam-loader.so", "lib/libseam-loader.a", "lib/libseam-http.a",
                "include/seam/seam.h", "include/seam/seam.hpp", "include/seam/seam_http.h",
                "include/seam/http_service.hpp", "include/seam/loader/loader.hpp",
                "include/seam/loader/export.hpp", "include/seam/seam_loader.h",
                "include/seam/version.h", "include/seam/redactor.hpp",
                "lib/cmake/Seam/SeamConfig.cmake", "lib/cmake/Seam/SeamConfigVersion.cmake",
                "lib/cmake/Seam/SeamAddPlugin.cmake", "lib/cmake/Seam/plugin-exports.map",
                "lib/pkgconfig/seam.pc", "lib/pkgconfig/seam-loader.pc",
                "lib/seam/plugins/seam-openai/seam-openai.so",
                "lib/seam/plugins/seam-ollama/seam-ollama.so",
                "lib/seam/plugins/seam-sqlite-search/seam-sqlite-search.so"]
    missing = [p for p in expected if not (w.prefix / p).exists()]
    check(not missing, f"the installed tree lacks: {', '.join(missing)}")
    dynamic = run(["readelf", "-d", w.prefix / "lib/libseam-loader.so.0"]).stdout
    check("Library soname: [libseam-loader.so.0]" in dynamic,
          f"libseam-loader has no SONAME libseam-loader.so.0:\n{dynamic}")
    # libcurl comes with the HTTP module, at the first request: neither the command nor the loader
    # needs it to start.
    for binary, needs_curl in [("bin/seam", False), ("lib/libseam-loader.so.0", False),
                               ("libexec/seam/seam-http-curl.so", True)]:
        needed = [line for line in run(["readelf", "-d", w.prefix / binary]).stdout.splitlines()
                  if "(NEEDED)" in line]
        check(any("libcurl" in line for line in needed) == needs_curl,
              f"{binary} {'does not need' if needs_curl else 'needs'} libcurl:\n"
              + "\n".join(needed))
    symbols = run(["nm", "-D", "--defined-only", "-C", w.prefix / "lib/libseam-loader.so.0"]).stdout
    # A symbol of the loader's internals, not a public one whose signature mentions an internal type.
    names = [line.split(" ", 2)[2] for line in symbols.splitlines() if line.count(" ") >= 2]
    internal = [n for n in names if n.startswith("seam::detail::") or " for seam::detail::" in n]
    check(not internal, "libseam-loader exports internals:\n" + "\n".join(internal[:20]))
    check("seam::Loader::Loader" in symbols, "libseam-loader does not export seam::Loader")
    for text_file in ["lib/pkgconfig/seam.pc", "lib/pkgconfig/seam-loader.pc",
                      "lib/cmake/Seam/SeamConfig.cmake"]:
        check(str(w.prefix) not in (w.prefix / text_file).read_text(),
              f"{text_file} names the prefix: the tree could not be moved")


def step_c_plugin_cmake(w):
    """find_package(Seam) + seam_add_plugin(... INSTALL): installed into the prefix, the installed
    seam lists it, with no configuration at all."""
    home = w.fresh("c-plugin-home")
    w.cmake_project("c-plugin", w.prefix, w.fresh("c-plugin-build"), install=True)
    installed = w.prefix / "lib/seam/plugins/greeter/greeter.so"
    check(installed.is_file(), f"seam_add_plugin(... INSTALL) did not install {installed}")
    rows, _, proc = w.plugins(w.seam, w.env(home))
    check("greeter" in rows and rows["greeter"]["state"] == "registered",
          f"the installed greeter plugin is not listed as registered:\n{proc.stdout}{proc.stderr}")
    check(rows["greeter"]["origin"] == str(installed), f"greeter's origin: {rows['greeter']}")
    answer = run([w.seam, "run", "--model", "greeter", "hi"], env=w.env(home), expect=None)
    # No model named greeter is configured: the answer names what to do, it is not a crash.
    check(answer.returncode != 0 and "greeter" in answer.stderr, answer.stderr)
    exports = run(["nm", "-D", "--defined-only", installed]).stdout.split()
    check("seam_plugin_entry" in exports and len([e for e in exports if e.startswith("seam")]) == 1,
          f"greeter.so exports: {exports}")


def step_c_plugin_pkgconfig(w):
    """cc $(pkg-config --cflags seam), the result dropped into the user folder: listed."""
    home = w.fresh("pkgconfig-home")
    env = w.env(home, PKG_CONFIG_PATH=str(w.prefix / "lib/pkgconfig"))
    cflags = run(["pkg-config", "--cflags", "seam"], env=env).stdout.split()
    check(any(f.startswith("-I") and Path(f[2:]).resolve() == (w.prefix / "include").resolve()
              for f in cflags), f"pkg-config --cflags seam: {cflags}")
    libs = run(["pkg-config", "--libs", "seam"], env=env).stdout.split()
    check(libs == [], f"the SDK links nothing, yet pkg-config --libs seam gives {libs}")
    folder = home / "data/seam/plugins"
    folder.mkdir(parents=True)
    run(["cc", "-shared", "-fPIC", *cflags, "-DGREETER_NAME=\"pkgc-greeter\"",
         PROJECTS / "c-plugin/greeter.c", "-o", folder / "pkgc-greeter.so"], env=env)
    rows, _, proc = w.plugins(w.seam, env)
    check("pkgc-greeter" in rows and rows["pkgc-greeter"]["state"] == "registered",
          f"a plugin in the user folder is not listed:\n{proc.stdout}{proc.stderr}")
    # Twin: with the user folder pointed elsewhere the same file is not found.
    rows, _, _ = w.plugins(w.seam, w.env(home, XDG_DATA_HOME=str(home / "elsewhere")))
    check("pkgc-greeter" not in rows, "a plugin outside the user folder was listed")


def step_cpp_plugin_check(w):
    """A C++ plugin on seam.hpp built with seam_add_plugin passes plugins check cleanly."""
    build = w.fresh("cpp-plugin-build")
    w.cmake_project("cpp-plugin", w.prefix, build)
    plugin = build / "shouter.so"
    check(plugin.is_file(), f"seam_add_plugin did not build {plugin} (no lib prefix)")
    proc = run([w.seam, "plugins", "check", "--json", plugin], env=w.env(w.fresh("check-home")),
               expect=None)
    result = json.loads(proc.stdout)
    # register-time warns when register took over 10 ms of wall time: a busy machine's verdict, not
    # the package's, so this packaging check leaves it out.
    findings = [f for f in result.get("findings", [])
                if f.get("severity") in ("error", "warning") and f.get("check") != "register-time"]
    check(proc.returncode == 0 and not findings,
          f"plugins check reports problems for a seam_add_plugin C++ plugin:\n{proc.stdout}")


def embedder(w, prefix, env):
    build = w.fresh("embedder-build-" + prefix.name)
    w.cmake_project("cpp-host", prefix, build)
    return build / "embedder"


def start_server():
    server = subprocess.Popen([sys.executable, str(HERE.parent / "http" / "loopback_server.py"),
                               "--lifetime", "60", "--idle", "30"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline().split()
    check(len(line) == 2 and line[0] == "PORT", f"the loopback server said {line}")
    return server, f"http://127.0.0.1:{line[1]}/v1"


def check_embedder(exe, prefix, env):
    server, base_url = start_server()
    try:
        proc = run([exe, base_url, "tokens-3", "hello"], env=env, expect=None)
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    check(proc.returncode == 0, f"the embedder failed:\n{proc.stdout}\n{proc.stderr}")
    check("without isolation" not in proc.stderr and "scanned in this process" not in proc.stderr,
          f"the embedder's loader did not find its scanner:\n{proc.stderr}")
    lines = proc.stdout.splitlines()
    plugin_dir = prefix / "lib/seam/plugins"
    for name in ["openai", "ollama", "sqlite-search"]:
        check(any(l.startswith(f"{name} registered {plugin_dir}") for l in lines),
              f"the embedder does not list {name} as registered from {plugin_dir}:\n{proc.stdout}")
    text = "".join(json.loads(l[len("event: "):]).get("text", "")
                   for l in lines if l.startswith("event: "))
    check(text == "tok tok tok ", f"the streamed answer was {text!r}:\n{proc.stdout}")


def step_cpp_host(w):
    """An out-of-tree host on Seam::loader + Seam::http lists the installed plugins with its
    scanner found, and streams an answer from the openai plugin over loopback."""
    env = w.env(w.fresh("host-home"))
    check_embedder(embedder(w, w.prefix, env), w.prefix, env)


def seam_run_openai(seam, home, env):
    """`seam run` against the openai plugin and a loopback server: the finished process."""
    server, base_url = start_server()
    try:
        config = home / "seam.toml"
        config.write_text(f'[backends.loop]\nsdk = "openai"\nbase_url = "{base_url}"\n\n'
                          f'[models.chat]\nbackend = "loop"\nmodel_id = "basic"\n')
        return run([seam, "--config", config, "run", "--model", "chat", "hi"], env=env, expect=None)
    finally:
        server.stdin.close()
        server.wait(timeout=10)


def step_relocated(w):
    """The prefix moved with mv: seam and the embedder still find the scanner, the plugins and the
    HTTP module; without that module a request is an error naming it and what to do."""
    first, moved = w.work / "reloc-a", w.work / "reloc-b"
    shutil.rmtree(moved, ignore_errors=True)
    w.install(first)
    env = w.env(w.fresh("reloc-home"))
    exe = embedder(w, first, env)
    first.rename(moved)
    try:
        check(not first.exists(), "the first prefix still exists")
        rows, listing, proc = w.plugins(moved / "bin/seam", env, "-v")
        for name in ["openai", "ollama", "sqlite-search"]:
            check(name in rows and rows[name]["state"] == "registered"
                  and rows[name]["origin"].startswith(str(moved)),
                  f"after the move, {name} is not registered from {moved}:\n{proc.stdout}")
        system = [f for f in listing["folders"] if f["origin"] == "system"]
        check(system and system[0]["path"] == str(moved / "lib/seam/plugins")
              and system[0]["exists"], f"the system folder after the move: {listing['folders']}")
        check("without isolation" not in proc.stderr, f"seam lost its scanner:\n{proc.stderr}")
        check_embedder(exe, moved, dict(env, LD_LIBRARY_PATH=str(moved / "lib")))
        home = Path(env["HOME"])
        proc = seam_run_openai(moved / "bin/seam", home, env)
        check(proc.returncode == 0 and "Hello from the loopback server." in proc.stdout,
              f"after the move, seam run over HTTP failed:\n{proc.stdout}{proc.stderr}")
        module = moved / "libexec/seam/seam-http-curl.so"
        module.rename(home / "seam-http-curl.so")
        proc = seam_run_openai(moved / "bin/seam", home, env)
        check(proc.returncode != 0 and f"cannot load {module}" in proc.stderr
              and "SEAM_E_MISSING_DEPENDENCY" in proc.stderr and "reinstall Seam" in proc.stderr,
              f"without the HTTP module, seam run said:\n{proc.stdout}{proc.stderr}")
        # Only a request needs it: listing still works.
        rows, _, proc = w.plugins(moved / "bin/seam", env)
        check(proc.returncode == 0 and rows.get("openai", {}).get("state") == "registered",
              f"without the HTTP module, plugins list failed:\n{proc.stdout}{proc.stderr}")
    finally:
        shutil.rmtree(moved, ignore_errors=True)


def step_outside_folders(w):
    """A plugin outside every folder is not listed; named with --plugin-path, it is."""
    home = w.fresh("outside-home")
    folder = w.fresh("outside-plugins")
    env = w.env(home, PKG_CONFIG_PATH=str(w.prefix / "lib/pkgconfig"))
    cflags = run(["pkg-config", "--cflags", "seam"], env=env).stdout.split()
    run(["cc", "-shared", "-fPIC", *cflags, "-DGREETER_NAME=\"stray\"",
         PROJECTS / "c-plugin/greeter.c", "-o", folder / "stray.so"], env=env)
    rows, _, _ = w.plugins(w.seam, env)
    check("stray" not in rows, "a plugin in no searched folder was listed")
    rows, listing, _ = w.plugins(w.seam, env, "--plugin-path", folder)
    check("stray" in rows and rows["stray"]["state"] == "registered",
          f"the twin: --plugin-path {folder} does not list the plugin")
    check(listing["folders"][0] == {"path": str(folder), "origin": "option", "exists": True},
          f"folders: {listing['folders']}")


def step_missing_folder(w):
    """A configured folder that does not exist is a warning naming it; an existing one is not."""
    home = w.fresh("missing-home")
    config = home / "seam.toml"
    config.write_text('[plugins]\npaths = ["not-there"]\n')
    proc = run([w.seam, "--config", config, "plugins", "list"], env=w.env(home))
    missing = home / "not-there"
    check(f"plugin folder '{missing}'" in proc.stderr and "does not exist" in proc.stderr
          and "[plugins] paths" in proc.stderr,
          f"no warning for the missing configured folder:\n{proc.stderr}")
    proc = run([w.seam, "--no-default-folders", "plugins", "list", "--plugin-path",
                home / "nor-this"], env=w.env(home))
    check("nor-this" in proc.stderr and "--plugin-path" in proc.stderr, proc.stderr)
    missing.mkdir()
    proc = run([w.seam, "--config", config, "plugins", "list"], env=w.env(home))
    check("does not exist" not in proc.stderr, f"a warning for an existing folder:\n{proc.stderr}")


def step_python_package(w):
    """The Python package installed under the prefix lists what the installed seam lists."""
    home = w.fresh("python-home")
    site = w.prefix / f"lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
    check((site / "seam" / "__init__.py").is_file(), f"no Python package under {site}")
    env = w.env(home, PYTHONPATH=str(site))
    env.pop("SEAM_LOADER_LIBRARY", None)
    proc = run([sys.executable, "-m", "seam", "plugins", "list", "--json"], env=env, cwd=home)
    rows = {row["name"]: row for row in json.loads(proc.stdout)["plugins"]}
    for name in ["openai", "ollama", "sqlite-search"]:
        check(name in rows and rows[name]["state"] == "registered"
              and rows[name]["origin"].startswith(str(w.prefix)),
              f"python -m seam from the prefix does not list {name}:\n{proc.stdout}")


def step_c_host(w):
    """examples/c-host built with plain cc and pkg-config against the installed package lists the
    installed plugins and streams the openai plugin's answer from the loopback server."""
    home = w.fresh("c-host-home")
    env = w.env(home, PKG_CONFIG_PATH=str(w.prefix / "lib/pkgconfig"))
    flags = run(["pkg-config", "--cflags", "--libs", "seam-loader"], env=env).stdout.split()
    exe = home / "c-host"
    run(["cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic",
         HERE.parent.parent / "examples/c-host/c_host.c", "-o", exe, *flags,
         *([w.sanitize] if w.sanitize else []),
         f"-Wl,-rpath,{w.prefix / 'lib'}"], env=env)
    server, base_url = start_server()
    try:
        proc = run([exe, w.prefix / "lib/seam/plugins", "openai", "hi",
                    json.dumps({"base_url": base_url})], env=env, expect=None)
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    check(proc.returncode == 0 and "answers: Hello from the loopback server." in proc.stdout,
          f"the C host against the installed package:\n{proc.stdout}{proc.stderr}")
    check("openai" in proc.stdout and "registered" in proc.stdout, proc.stdout)


STEPS = {name[len("step_"):]: fn for name, fn in globals().items() if name.startswith("step_")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--sanitize", default="", help="the build's -fsanitize= flag, if any")
    args = parser.parse_args()
    try:
        STEPS[args.step](World(args))
    except Failed as e:
        print(f"FAIL install.{args.step}: {e}", file=sys.stderr)
        return 1
    print(f"ok install.{args.step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
