#!/usr/bin/env python3
"""The seam command pays for libcurl only when a command needs HTTP (issue 15).

Each step is a CTest test (tests/http/CMakeLists.txt) that runs the real `seam` with the dynamic
linker's own account of every object it maps (LD_DEBUG=files, one log per process), and reads the
log of the seam process itself:

  version     `seam --version` maps no libcurl, no TLS library and not the HTTP module
  warm_list   a warm `seam plugins list` (served from the registry cache) maps none of them and no
              plugin file either: it activates no plugin
  echo_run    `seam run` against the builtin echo model, which makes no request, maps none of them
  http_run    the twin: `seam run` against the openai plugin and the loopback server maps the HTTP
              module and libcurl, and streams the server's answer

Every "maps none" log is checked to list libseam-loader.so.0, so an empty or unread log cannot pass.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVER = HERE / "loopback_server.py"
# What comes with libcurl, as file names in the linker's log.
HTTP_LIBRARIES = ("libcurl.so", "libssl.so", "libcrypto.so", "libnghttp2.so", "seam-http-curl.so")


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


class World:
    def __init__(self, args):
        self.seam = Path(args.seam)
        self.root = Path(tempfile.mkdtemp(prefix="seam-on-demand-"))
        self.logs = self.root / "ld"
        self.logs.mkdir()
        home = self.root / "home"
        home.mkdir()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("SEAM_", "XDG_"))}
        self.env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                        XDG_CACHE_HOME=str(home / "cache"),
                        SEAM_REGISTRY=str(self.root / "registry.cache"))

    def seam_mapping(self, *args, timeout=60):
        """Runs seam with ARGS; returns the finished process and the files its own process mapped."""
        for old in self.logs.iterdir():
            old.unlink()
        env = dict(self.env, LD_DEBUG="files", LD_DEBUG_OUTPUT=str(self.logs / "ld"))
        proc = subprocess.Popen([str(self.seam), *map(str, args)], env=env, text=True,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, errors="replace")
        stdout, stderr = proc.communicate(timeout=timeout)
        proc.stdout_text, proc.stderr_text = stdout, stderr
        log = self.logs / f"ld.{proc.pid}"
        check(log.is_file(), f"no linker log for seam (pid {proc.pid}) in {self.logs}: "
                             f"{sorted(p.name for p in self.logs.iterdir())}")
        mapped = [line.split("file=", 1)[1].split(" ", 1)[0]
                  for line in log.read_text(errors="replace").splitlines() if "file=" in line]
        check(any(Path(f).name == "libseam-loader.so.0" for f in mapped),
              f"the linker log of seam lists no libseam-loader.so.0, so it cannot be trusted:\n"
              f"{mapped}")
        return proc, mapped

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)


def http_objects(mapped):
    return sorted({Path(f).name for f in mapped if any(lib in f for lib in HTTP_LIBRARIES)})


def step_version(w):
    proc, mapped = w.seam_mapping("--version")
    check(proc.returncode == 0 and proc.stdout_text.startswith("seam "),
          f"seam --version failed:\n{proc.stdout_text}{proc.stderr_text}")
    check(not http_objects(mapped), f"seam --version mapped {http_objects(mapped)}")


def step_warm_list(w):
    proc, _ = w.seam_mapping("plugins", "list")
    check(proc.returncode == 0, f"the cold plugins list failed:\n{proc.stderr_text}")
    for args in (["plugins", "list"], ["plugins", "list", "--explain"]):
        proc, mapped = w.seam_mapping(*args)
        check(proc.returncode == 0 and "openai" in proc.stdout_text,
              f"the warm {' '.join(args)} does not list openai:\n{proc.stdout_text}"
              f"{proc.stderr_text}")
        check(not http_objects(mapped), f"a warm {' '.join(args)} mapped {http_objects(mapped)}")
        plugins = [f for f in mapped if "/plugins/" in f]
        check(not plugins, f"a warm {' '.join(args)} opened plugin files (activated plugins): "
                           f"{plugins}")
    # The explained run says it was warm: every file a cache hit.
    check("openai: cache hit" in proc.stdout_text and "cache miss" not in proc.stdout_text,
          f"the second plugins list was not served from the cache:\n{proc.stdout_text}")


def step_echo_run(w):
    proc, mapped = w.seam_mapping("--no-default-folders", "run", "--model", "echo", "hello there")
    check(proc.returncode == 0 and "hello there" in proc.stdout_text,
          f"seam run --model echo failed:\n{proc.stdout_text}{proc.stderr_text}")
    check(not http_objects(mapped), f"a run that makes no request mapped {http_objects(mapped)}")


def step_http_run(w):
    server = subprocess.Popen([sys.executable, str(SERVER), "--lifetime", "60", "--idle", "30"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline().split()
        check(len(line) == 2 and line[0] == "PORT", f"the loopback server said {line}")
        config = w.root / "seam.toml"
        config.write_text(f'[backends.loop]\nsdk = "openai"\n'
                          f'base_url = "http://127.0.0.1:{line[1]}/v1"\n\n'
                          f'[models.chat]\nbackend = "loop"\nmodel_id = "basic"\n')
        proc, mapped = w.seam_mapping("--config", config, "run", "--model", "chat", "hi")
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    check(proc.returncode == 0 and "Hello from the loopback server." in proc.stdout_text,
          f"seam run against the loopback server failed:\n{proc.stdout_text}{proc.stderr_text}")
    found = http_objects(mapped)
    check("seam-http-curl.so" in found and "libcurl.so.4" in found,
          f"seam run with an HTTP backend did not map the HTTP module and libcurl: {found}")


STEPS = {name[len("step_"):]: fn for name, fn in globals().items() if name.startswith("step_")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--seam", required=True)
    args = parser.parse_args()
    w = World(args)
    try:
        STEPS[args.step](w)
    except Failed as e:
        print(f"FAIL http.on_demand.{args.step}: {e}", file=sys.stderr)
        return 1
    finally:
        w.cleanup()
    print(f"ok http.on_demand.{args.step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
