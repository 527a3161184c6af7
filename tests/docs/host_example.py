#!/usr/bin/env python3
"""Runs the host example of docs/loader.md (built from the page by CMake) the way the page says.

In a fresh WORK directory it builds examples/hello/hello.c into plugins/hello.so with CC, runs the
example and checks its report line and the plugin's two events (exit 0); then removes the plugin and
checks that the example reports InferenceBackendNotFoundError (exit 1), so the first run cannot pass
by accident.
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys

EXPECTED = ['hello: registered',
            '{"type":"delta","text":"Hello from a plugin!"}',
            '{"type":"done","finish_reason":"stop"}']
NOT_FOUND = ("error: InferenceBackendNotFoundError: No inference backend registered for sdk 'hello' "
             "in the llm family. Is its plugin installed and enabled?")


def run(argv, cwd, expect_rc):
    print("$ " + " ".join(str(a) for a in argv), flush=True)
    env = {k: v for k, v in os.environ.items() if k not in ("SEAM_PLUGIN_PATH", "SEAM_LOG")}
    proc = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60)
    if proc.stdout:
        print(proc.stdout.rstrip("\n"))
    if proc.stderr:
        print("[stderr] " + proc.stderr.rstrip("\n").replace("\n", "\n[stderr] "))
    if proc.returncode != expect_rc:
        raise SystemExit(f"FAIL: exit code {proc.returncode}, expected {expect_rc}")
    return proc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--example", required=True, type=pathlib.Path)
    parser.add_argument("--cc", required=True)
    parser.add_argument("--root", required=True, type=pathlib.Path)
    parser.add_argument("--work", required=True, type=pathlib.Path)
    args = parser.parse_args()
    root = args.root.resolve()
    example = args.example.resolve()

    shutil.rmtree(args.work, ignore_errors=True)
    (args.work / "plugins").mkdir(parents=True)
    run([args.cc, "-shared", "-fPIC", "-I", root / "sdk" / "include",
         root / "examples" / "hello" / "hello.c", "-o", "plugins/hello.so"], args.work, 0)

    lines = run([example], args.work, 0).stdout.splitlines()
    if lines != EXPECTED:
        raise SystemExit(f"FAIL: the example printed {lines}, expected {EXPECTED}")

    (args.work / "plugins" / "hello.so").unlink()
    err = run([example], args.work, 1).stderr
    if NOT_FOUND not in err:
        raise SystemExit(f"FAIL: without the plugin the example did not print {NOT_FOUND!r}")
    print("ok: the host example of docs/loader.md runs as documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
