#!/usr/bin/env python3
"""The C++ example plugin (seam.hpp) through the real `seam run`: a worker that throws reaches the
host as a clean WorkerError naming the backend and the exception's message (exit 1, no crash), and
its twin with an ordinary prompt streams the reversed text.

usage: throwing_worker_test.py SEAM PLUGIN_DIR
"""
import subprocess
import sys
import tempfile
from pathlib import Path


def run(seam, config, plugins, prompt):
    return subprocess.run([seam, "--config", str(config), "run", "--plugin-path", plugins,
                           "--model", "rev", prompt], capture_output=True, text=True, timeout=60)


def main():
    seam, plugins = sys.argv[1:3]
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "seam.toml"
        config.write_text('[backends.rev]\nsdk = "reverse"\n[models.rev]\nbackend = "rev"\n')

        ok = run(seam, config, plugins, "hello world")
        if ok.returncode != 0 or ok.stdout != "dlrow olleh\n":
            sys.exit(f"FAIL twin: exit {ok.returncode}, stdout {ok.stdout!r}, stderr {ok.stderr!r}")

        bad = run(seam, config, plugins, "please fail")
        if bad.returncode != 1:
            sys.exit(f"FAIL: expected exit 1 from a throwing worker, got {bad.returncode}: {bad.stderr!r}")
        for part in ("error: WorkerError", "llm:reverse", "cpp-reverse",
                     'asked to fail (the prompt contains "fail")'):
            if part not in bad.stderr:
                sys.exit(f"FAIL: stderr lacks {part!r}: {bad.stderr!r}")
    print("ok: the throwing worker is a clean WorkerError, its twin answers")


if __name__ == "__main__":
    main()
