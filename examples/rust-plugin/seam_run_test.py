#!/usr/bin/env python3
"""The Rust example plugin works with the `seam` command like any C plugin: it is discovered and
registered (`seam plugins list --json`), its lister answers (`seam models list`), and a configured
model streams through it (`seam run`). Exits 1 with what went wrong."""
import argparse
import json
import subprocess
import sys
from pathlib import Path

CONFIG = """# Written by examples/rust-plugin/seam_run_test.py
[plugins]
paths = ["{plugin_dir}"]

[backends.rusty]
sdk = "rust-upper"

[models.shout]
backend = "rusty"
family = "llm"
model_id = "upper-1"
"""


def seam(args, exe, config):
    done = subprocess.run([str(exe), "--config", str(config), *args], capture_output=True,
                          text=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seam", required=True, type=Path)
    parser.add_argument("--plugin-dir", required=True, type=Path)
    parser.add_argument("--work", required=True, type=Path)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    config = args.work / "seam.toml"
    config.write_text(CONFIG.format(plugin_dir=args.plugin_dir.as_posix()))
    failures = []

    code, out, err = seam(["plugins", "list", "--json"], args.seam, config)
    rows = [p for p in json.loads(out or "{}").get("plugins", []) if p.get("name") == "rust-upper"]
    if code != 0 or len(rows) != 1 or rows[0].get("state") != "registered":
        failures.append(f"plugins list: rust-upper is not registered (exit {code}): {rows or err}")
    else:
        labels = sorted(c["label"] for c in rows[0]["contributions"])
        if labels != ["lister:rust-upper", "llm:rust-upper"]:
            failures.append(f"plugins list: unexpected contributions {labels}")

    code, out, err = seam(["models", "list", "rusty", "--json"], args.seam, config)
    if code != 0 or "upper-1" not in out:
        failures.append(f"models list rusty: no upper-1 (exit {code}): {out}{err}")

    code, out, err = seam(["run", "--model", "shout", "hello from rust"], args.seam, config)
    if code != 0 or out != "HELLO FROM RUST\n":
        failures.append(f"run --model shout: expected 'HELLO FROM RUST', got {out!r} "
                        f"(exit {code}): {err}")

    for failure in failures:
        print(f"FAIL {failure}")
    if not failures:
        print("ok   the Rust plugin registers, lists its model and streams through `seam run`")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
