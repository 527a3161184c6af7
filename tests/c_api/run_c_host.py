#!/usr/bin/env python3
"""Runs examples/c-host as a user would: on the echo plugin with a broken plugin beside it, on the
openai plugin against the loopback server, and (the negative twin) on an sdk no plugin serves.

usage: run_c_host.py C_HOST_BINARY PLUGIN_OUTPUT_DIR"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
from loopback import LoopbackServer  # noqa: E402

host, plugins, openai_plugin = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
failures = []


def run(*args):
    done = subprocess.run([host, *args], capture_output=True, text=True, timeout=60)
    print(f"$ c-host {' '.join(args)}\n{done.stdout}{done.stderr}(exit {done.returncode})\n")
    return done


def expect(condition, what):
    if not condition:
        failures.append(what)


with tempfile.TemporaryDirectory() as tmp:
    folder = Path(tmp)
    shutil.copy(plugins / "echo" / "seam-echo.so", folder)
    shutil.copy(plugins / "fixtures" / "register-fails" / "register-fails.so", folder)
    shutil.copy(openai_plugin, folder)

    echo = run(str(folder), "echo", "one two three")
    expect(echo.returncode == 0, "echo run exits 0")
    expect("register-fails" in echo.stdout and "BrokenPluginError" in echo.stdout,
           "the broken plugin is listed with its kind")
    expect(any(line.startswith("echo ") and "registered" in line for line in echo.stdout.splitlines()),
           "echo is listed as registered")
    expect("echo (plugin echo) answers: one two three" in echo.stdout, "echo's answer is streamed")

    with LoopbackServer() as server:
        openai = run(str(folder), "openai", "hi", '{"base_url":"%s"}' % server.url("/v1"))
    expect(openai.returncode == 0, "openai run exits 0")
    expect("answers: Hello from the loopback server." in openai.stdout,
           "openai's answer is streamed from the loopback server")

    missing = run(str(folder), "nowhere")
    expect(missing.returncode == 1, "an unserved sdk exits 1")
    expect("InferenceBackendNotFoundError" in missing.stderr and "nowhere" in missing.stderr,
           "an unserved sdk names the error kind and the sdk")

for failure in failures:
    print("FAILED:", failure)
sys.exit(1 if failures else 0)
