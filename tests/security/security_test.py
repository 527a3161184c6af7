#!/usr/bin/env python3
"""Seam against a hostile environment: secure mode, trusted locations, the scanner found safely,
the registry cache and capture files, secrets in output, odd configuration inputs.

Each step is a CTest test (tests/security/CMakeLists.txt). They run the real `seam` (and a host
that links the loader statically, as a setuid program must) against real files with real owners
and modes; steps that need root to set an owner say SKIPPED (exit 77) without it. Every negative
case has its twin next to it.
"""

import argparse
import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVER = HERE.parent / "http" / "loopback_server.py"
SKIP = 77


class Failed(Exception):
    pass


class Skipped(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def run(cmd, env=None, cwd=None, timeout=60, executable=None):
    return subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, executable=executable,
                          errors="replace")


def other_user():
    if os.geteuid() != 0:
        raise Skipped("needs root to give files another owner")
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        raise Skipped("no user 'nobody' to own files")


class World:
    def __init__(self, args):
        self.seam = Path(args.seam)
        self.probe = Path(args.probe)
        self.plugin = Path(args.plugin)  # a calm plugin named "hello"
        self.crasher = Path(args.crasher)  # a plugin that crashes while it registers
        self.root = Path(tempfile.mkdtemp(prefix="seam-security-"))
        os.chmod(self.root, 0o755)  # the other user must be able to reach its files

    def folder(self, name, mode=0o755):
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, mode)
        return path

    def env(self, **extra):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("SEAM_", "XDG_")) and k != "SSLKEYLOGFILE"}
        home = self.folder("home", 0o700)
        env.update(HOME=str(home), XDG_CACHE_HOME=str(home / "cache"))
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def plugins(self, *args, env=None, cwd=None):
        proc = run([self.seam, *args, "plugins", "list", "--json"] if "--json" not in args else
                   [self.seam, *args], env=env or self.env(), cwd=cwd)
        try:
            listing = json.loads(proc.stdout)
        except ValueError:
            raise Failed(f"no JSON from seam (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return {r["name"]: r for r in listing["plugins"]}, proc

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)


def with_plugin(w, name, mode=0o755):
    folder = w.folder(name, mode)
    shutil.copy(w.plugin, folder / "hello.so")
    os.chmod(folder, mode)
    return folder


# -- secure mode ----------------------------------------------------------------------------------

def step_setuid(w):
    """A setuid copy of a host ignores SEAM_PLUGIN_PATH and the caller's HOME; a plain copy does not."""
    nobody = other_user()
    plugins = with_plugin(w, "caller-plugins")
    bin_dir = w.folder("setuid-bin")
    setuid, plain = bin_dir / "probe-setuid", bin_dir / "probe-plain"
    for copy in (setuid, plain):
        shutil.copy(w.probe, copy)
    os.chown(setuid, nobody.pw_uid, nobody.pw_gid)
    os.chmod(setuid, 0o4755)
    env = w.env(SEAM_PLUGIN_PATH=plugins, XDG_DATA_HOME=w.folder("caller-data"))
    proc = run([setuid], env=env)
    check(proc.returncode == 0, f"the setuid probe failed:\n{proc.stdout}{proc.stderr}")
    seen = json.loads(proc.stdout)
    check(seen["elevated"] and seen["secure_mode"], f"setuid, not in secure mode: {seen}")
    check(not any(r["name"] == "hello" for r in seen["rows"]),
          f"the setuid host loaded the caller's plugin: {seen['rows']}")
    check("SEAM_PLUGIN_PATH" in seen["ignored"] and "XDG_DATA_HOME" in seen["ignored"],
          f"ignored: {seen['ignored']}")
    check(not any(f["origin"] in ("env", "user") for f in seen["folders"]),
          f"folders searched in secure mode: {seen['folders']}")
    # Twin: the same program, not elevated, honours the variable.
    seen = json.loads(run([plain], env=env).stdout)
    check(not seen["secure_mode"], f"a plain copy is in secure mode: {seen}")
    check(any(r["name"] == "hello" and r["state"] == "registered" for r in seen["rows"]),
          f"the plain copy did not load SEAM_PLUGIN_PATH's plugin: {seen['rows']}")


def step_secure_flag(w):
    """seam --secure ignores SEAM_PLUGIN_PATH, SEAM_CONFIG and says so at -v; without it, both count."""
    plugins = with_plugin(w, "env-plugins")
    config = w.folder("cfg") / "seam.toml"
    config.write_text('[plugins]\ndisabled = ["hello"]\n')
    env = w.env(SEAM_PLUGIN_PATH=plugins, SEAM_CONFIG=config)
    rows, _ = w.plugins("--secure", "--no-default-folders", env=env)
    check("hello" not in rows, f"--secure listed SEAM_PLUGIN_PATH's plugin: {list(rows)}")
    proc = run([w.seam, "--secure", "-v", "plugins", "list"], env=env)
    check("Secure mode: on" in proc.stdout and "SEAM_PLUGIN_PATH" in proc.stdout
          and "SEAM_CONFIG" in proc.stdout, f"-v does not say what secure mode ignored:\n{proc.stdout}")
    rows, _ = w.plugins("--no-default-folders", env=env)
    check(rows.get("hello", {}).get("state") == "disabled",
          f"without --secure, SEAM_PLUGIN_PATH and SEAM_CONFIG count: {rows}")


# -- the scanner ----------------------------------------------------------------------------------

DECOY = "#!/bin/sh\ntouch '{marker}'\nexit 0\n"


def step_scanner_decoys(w):
    """Files named seam and seam-plugin-scanner in the current folder, on PATH and in argv[0] are
    never run: the scanner comes from the loader's own location."""
    decoys = w.folder("decoys")
    marker = decoys / "ran"
    for name in ("seam", "seam-plugin-scanner"):
        (decoys / name).write_text(DECOY.format(marker=marker))
        os.chmod(decoys / name, 0o755)
    plugins = with_plugin(w, "decoy-plugins")
    env = w.env(PATH=f"{decoys}:{os.environ.get('PATH', '')}")
    proc = run([decoys / "seam", "--no-default-folders", "plugins", "list", "--plugin-path",
                plugins], env=env, cwd=decoys, executable=str(w.seam))
    check(proc.returncode == 0 and "hello" in proc.stdout, f"seam failed:\n{proc.stdout}{proc.stderr}")
    check("without isolation" not in proc.stderr, f"seam lost its own scanner:\n{proc.stderr}")
    # The statically linked probe: argv[0] says decoys/, its own file says otherwise.
    proc = run([decoys / "seam"], env=dict(env, SEAM_PLUGIN_PATH=str(plugins)), cwd=decoys,
               executable=str(w.probe))
    check(proc.returncode == 0, f"the probe failed:\n{proc.stderr}")
    check(not marker.exists(), "a decoy ran")
    # Twin: the real scanner, named explicitly, does run and registers the plugin.
    scanner = w.seam.parent.parent / "libexec" / "seam" / "seam-plugin-scanner"
    seen = json.loads(run([w.probe, scanner], env=dict(env, SEAM_PLUGIN_PATH=str(plugins))).stdout)
    check(any(r["name"] == "hello" and r["state"] == "registered" for r in seen["rows"]),
          f"with the real scanner the plugin is not registered: {seen['rows']}")


# -- trusted locations ----------------------------------------------------------------------------

def step_untrusted_folder(w):
    """A world-writable plugin folder, a group-writable plugin file and a folder owned by someone
    else are refused by name; the same plugin in a private folder, or trusted explicitly, loads."""
    cases = []
    open_folder = with_plugin(w, "world-writable", 0o777)
    cases.append((open_folder, "writable by others"))
    group_file = with_plugin(w, "group-file")
    os.chmod(group_file / "hello.so", 0o775)
    cases.append((group_file, "writable by its group"))
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        foreign = with_plugin(w, "foreign")
        os.chown(foreign, nobody.pw_uid, nobody.pw_gid)
        cases.append((foreign, "is owned by user"))
    for folder, words in cases:
        rows, proc = w.plugins("--no-default-folders", "plugins", "list", "--json", "--plugin-path",
                               folder)
        row = rows.get("hello", {})
        check(row.get("state") == "untrusted" and words in row.get("reason", "")
              and str(folder) in row.get("reason", ""),
              f"{folder}: expected an untrusted row naming it ({words}): {row}")
        check(str(folder) in proc.stderr, f"no warning names {folder}:\n{proc.stderr}")
        config = w.folder("trusting") / "seam.toml"
        config.write_text(f'[plugins]\npaths = ["{folder}"]\ntrusted = ["{folder}"]\n')
        rows, _ = w.plugins("--no-default-folders", "--config", config, "plugins", "list", "--json")
        check(rows.get("hello", {}).get("state") == "registered",
              f"[plugins] trusted does not relax {folder}: {rows.get('hello')}")
    private = with_plugin(w, "private")
    rows, proc = w.plugins("--no-default-folders", "plugins", "list", "--json", "--plugin-path",
                           private)
    check(rows.get("hello", {}).get("state") == "registered" and "untrusted" not in proc.stderr,
          f"the twin in a private folder: {rows.get('hello')}\n{proc.stderr}")


def step_implicit_config(w):
    """./seam.toml is read only when it is trusted, never in secure mode; -v names the file read."""
    folder = w.folder("implicit")
    (folder / "seam.toml").write_text('[plugins]\ndisabled = ["nothing-at-all"]\n')
    os.chmod(folder / "seam.toml", 0o666)
    proc = run([w.seam, "--no-default-folders", "-v", "plugins", "list"], env=w.env(), cwd=folder)
    check("./seam.toml is not read" in proc.stderr and "writable by others" in proc.stderr,
          f"a world-writable ./seam.toml was read or not reported:\n{proc.stderr}")
    check("Configuration file: none" in proc.stdout, proc.stdout)
    os.chmod(folder / "seam.toml", 0o644)
    proc = run([w.seam, "--no-default-folders", "-v", "plugins", "list"], env=w.env(), cwd=folder)
    check("Configuration file: seam.toml" in proc.stdout and "not read" not in proc.stderr,
          f"the twin: a private ./seam.toml is read and named:\n{proc.stdout}{proc.stderr}")
    proc = run([w.seam, "--secure", "--no-default-folders", "-v", "plugins", "list"], env=w.env(),
               cwd=folder)
    check("Configuration file: none" in proc.stdout, f"secure mode read ./seam.toml:\n{proc.stdout}")


# -- the registry cache ---------------------------------------------------------------------------

def cache_run(w, cache, folder):
    return run([w.seam, "--no-default-folders", "plugins", "list", "--plugin-path", folder],
               env=w.env(SEAM_REGISTRY=cache))


def step_cache_private(w):
    """A fresh cache is a 0600 file in a 0700 folder; one owned by someone else or writable by
    the group is not believed (and is replaced); our own private one is used quietly."""
    plugins = with_plugin(w, "cache-plugins")
    cache = w.root / "fresh-cache" / "nested" / "registry.cache"
    proc = cache_run(w, cache, plugins)
    check(proc.returncode == 0, proc.stderr)
    check(stat.S_IMODE(cache.stat().st_mode) == 0o600, f"cache mode {oct(cache.stat().st_mode)}")
    check(stat.S_IMODE(cache.parent.stat().st_mode) == 0o700,
          f"cache folder mode {oct(cache.parent.stat().st_mode)}")
    proc = cache_run(w, cache, plugins)
    check("registry cache" not in proc.stderr, f"our own cache was not used quietly:\n{proc.stderr}")
    os.chmod(cache, 0o660)
    proc = cache_run(w, cache, plugins)
    check("is ignored and rebuilt" in proc.stderr and "writable by its group" in proc.stderr,
          f"a group-writable cache was believed:\n{proc.stderr}")
    check(stat.S_IMODE(cache.stat().st_mode) == 0o600, "the rebuilt cache is not private")
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(cache, nobody.pw_uid, nobody.pw_gid)
        proc = cache_run(w, cache, plugins)
        check("is ignored and rebuilt" in proc.stderr and "owned by user" in proc.stderr,
              f"a cache owned by another user was believed:\n{proc.stderr}")
        check(cache.stat().st_uid == os.geteuid(), "the cache was not rebuilt as ours")
    open_folder = w.folder("open-cache-folder", 0o777)
    proc = cache_run(w, open_folder / "registry.cache", plugins)
    check("is not used" in proc.stderr and not (open_folder / "registry.cache").exists(),
          f"a cache in a world-writable folder was used:\n{proc.stderr}")


def step_cache_symlink(w):
    """A symbolic link planted at the cache's name is never followed: its target stays as it was."""
    plugins = with_plugin(w, "link-plugins")
    folder = w.folder("link-cache", 0o700)
    victim = w.root / "victim.txt"
    victim.write_text("precious\n")
    (folder / "registry.cache").symlink_to(victim)
    proc = cache_run(w, folder / "registry.cache", plugins)
    check(proc.returncode == 0, proc.stderr)
    check(victim.read_text() == "precious\n", "the cache was written through a planted link")
    check("symbolic link" in proc.stderr, f"the planted link was not reported:\n{proc.stderr}")
    check(not (folder / "registry.cache").is_symlink(), "the link is still the cache")
    leftovers = [p.name for p in folder.iterdir() if p.name != "registry.cache"]
    check(not leftovers, f"temporary files left beside the cache: {leftovers}")


# -- secrets --------------------------------------------------------------------------------------

KEY = "sk-live-0123456789abcdef"
HEADER_SECRET = "hdr-secret-42"


def start_server():
    server = subprocess.Popen([sys.executable, str(SERVER), "--lifetime", "60", "--idle", "30"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline().split()
    check(len(line) == 2 and line[0] == "PORT", f"the loopback server said {line}")
    return server, f"http://127.0.0.1:{line[1]}"


def step_secrets(w):
    """A server that echoes the key and a configured header back: no output of seam shows them."""
    server, base = start_server()
    try:
        folder = w.folder("secrets")
        capture = folder / "capture.jsonl"
        config = folder / "seam.toml"
        config.write_text(f'''
[backends.leaky]
sdk = "openai"
base_url = "{base}/leaky/v1"
api_key_env = "LEAKY_KEY"
options = {{ headers = {{ "X-Custom-Auth" = "{HEADER_SECRET}" }} }}

[backends.honest]
sdk = "openai"
base_url = "{base}/v1"
api_key_env = "LEAKY_KEY"

[models.leaky]
backend = "leaky"

[models.mirror]
backend = "honest"
model_id = "echo-headers"
''')
        for key in (KEY, KEY + "\n"):
            env = w.env(LEAKY_KEY=key)
            outputs = [
                run([w.seam, "--config", config, "run", "--model", "leaky", "hi"], env=env),
                run([w.seam, "--config", config, "run", "--model", "leaky", "--json",
                     "--capture", capture, "hi"], env=env),
                run([w.seam, "--config", config, "run", "--model", "mirror", "--json", "hi"],
                    env=env),
                run([w.seam, "--config", config, "models", "list", "leaky"], env=env),
                run([w.seam, "--config", config, "models", "list", "leaky", "--json"], env=env),
                run([w.seam, "--config", config, "-vv", "models", "list", "--csv"], env=env),
            ]
            texts = [p.stdout + p.stderr for p in outputs] + [capture.read_text()]
            for text in texts:
                check(KEY not in text and HEADER_SECRET not in text,
                      f"a secret reached the output:\n{text}")
            # The twin: the same outputs do say what happened, with the secret hidden.
            # With the key as given the server's 401 echoes it; with a trailing newline the request
            # is refused before it is sent, by a message that quotes the header.
            said = "Key not accepted" if key == KEY else "must be \"Name: value\""
            check("[REDACTED]" in outputs[0].stderr and said in outputs[0].stderr,
                  f"the error message is gone, not redacted:\n{outputs[0].stderr}")
            check("[REDACTED]" in outputs[2].stdout and "Bearer" in outputs[2].stdout,
                  f"the mirrored headers are gone, not redacted:\n{outputs[2].stdout}")
        check(stat.S_IMODE(capture.stat().st_mode) == 0o600,
              f"the capture file is {oct(capture.stat().st_mode)}, not 0600")
    finally:
        server.stdin.close()
        server.wait(timeout=10)


def step_capture_symlink(w):
    """--capture never writes through a symbolic link; a plain file is written."""
    folder = w.folder("capture-link")
    victim = w.root / "capture-victim.txt"
    victim.write_text("precious\n")
    (folder / "capture.jsonl").symlink_to(victim)
    proc = run([w.seam, "--no-default-folders", "run", "--model", "echo", "--capture",
                folder / "capture.jsonl", "hi"], env=w.env())
    check(proc.returncode != 0 and "symbolic link" in proc.stderr, proc.stderr)
    check(victim.read_text() == "precious\n", "the capture was written through the link")
    proc = run([w.seam, "--no-default-folders", "run", "--model", "echo", "--capture",
                folder / "plain.jsonl", "hi"], env=w.env())
    check(proc.returncode == 0 and (folder / "plain.jsonl").exists(), proc.stderr)


# -- odd inputs -----------------------------------------------------------------------------------

def step_odd_config(w):
    """A FIFO, a folder or a device as --config is a ConfigError naming it, at once; a folder whose
    name is not UTF-8 is no library exception; an unknown SEAM_LOG is a warning."""
    folder = w.folder("odd")
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    for config in (fifo, folder, Path("/dev/zero")):
        proc = run([w.seam, "--config", config, "plugins", "list"], env=w.env(), timeout=20)
        check(proc.returncode == 1 and "ConfigError" in proc.stderr and str(config) in proc.stderr
              and "not a regular file" in proc.stderr, f"--config {config}:\n{proc.stderr}")
    odd = Path(os.fsdecode(bytes(folder).__add__(b"/caf\xe9")))
    odd.mkdir()
    (odd / "seam.toml").write_text('[backends.b]\nsdk = "openai"\nbase_url = "http://127.0.0.1:9"\n')
    proc = run([w.seam, "--config", odd / "seam.toml", "plugins", "list"], env=w.env())
    check("json.exception" not in proc.stderr and proc.returncode in (0, 3),
          f"a non-UTF-8 folder name:\n{proc.stderr}")
    proc = run([w.seam, "--no-default-folders", "plugins", "list"], env=w.env(SEAM_LOG="verbose"))
    check("SEAM_LOG='verbose' is not a log level" in proc.stderr and "trace, debug" in proc.stderr,
          f"an unknown SEAM_LOG was silent:\n{proc.stderr}")
    proc = run([w.seam, "--no-default-folders", "plugins", "list"], env=w.env(SEAM_LOG="warn"))
    check("SEAM_LOG" not in proc.stderr, f"a valid SEAM_LOG warned:\n{proc.stderr}")


STEPS = {name[len("step_"):]: fn for name, fn in globals().items() if name.startswith("step_")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=sorted(STEPS))
    for flag in ("--seam", "--probe", "--plugin", "--crasher"):
        parser.add_argument(flag, required=True)
    args = parser.parse_args()
    w = World(args)
    try:
        STEPS[args.step](w)
    except Skipped as e:
        print(f"SKIPPED security.{args.step}: {e}")
        return SKIP
    except Failed as e:
        print(f"FAIL security.{args.step}: {e}", file=sys.stderr)
        return 1
    finally:
        w.cleanup()
    print(f"ok security.{args.step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
