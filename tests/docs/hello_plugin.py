#!/usr/bin/env python3
"""Walks through docs/writing-a-plugin.md with one C compiler, the way a reader would.

In a fresh WORK directory it
  1. builds examples/hello/hello.c with `CC -shared -fPIC -I sdk/include hello.c -o plugins/hello.so`;
  2. runs `seam plugins list --json --plugin-path plugins` (and the table form): hello is registered
     and contributes llm:hello, next to the echo builtin; exit code 0;
  3. writes the guide's seam.toml and runs `seam --config seam.toml run --model hello "hi"`: the
     greeting on stdout, exit code 0; with --json, a delta event then a done event;
  4. denylists hello in seam.toml: `plugins list` shows it disabled (exit 0), and `run --model hello`
     fails with InferenceBackendNotFoundError (exit 1);
  5. drops a file that is not a library into plugins/: `plugins list` shows it broken with
     BrokenPluginError and exits 3; `run` fails under on_error = "fail" and works under "skip";
     denylisting the file stem makes it disabled, `plugins list` exits 0 and `run` works.

Exits 0 when every check holds, 1 on the first failure, 77 (a CTest skip) when CC is not installed.
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys

SKIP = 77
GREETING = "Hello from a plugin!"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Runner:
    def __init__(self, work):
        self.work = work
        # The reader's shell has no Seam settings; neither must the test's.
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("SEAM_CONFIG", "SEAM_PLUGIN_PATH", "SEAM_LOG")}

    def run(self, argv, expect_rc):
        shown = " ".join(str(a) for a in argv)
        print(f"$ {shown}", flush=True)
        try:
            proc = subprocess.run([str(a) for a in argv], cwd=self.work, env=self.env,
                                  capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            raise Failure(f"timed out after 60 s: {shown}")
        if proc.stdout:
            print(proc.stdout.rstrip("\n"))
        if proc.stderr:
            print("[stderr] " + proc.stderr.rstrip("\n").replace("\n", "\n[stderr] "))
        check(proc.returncode == expect_rc,
              f"exit code {proc.returncode}, expected {expect_rc}: {shown}")
        return proc


def list_json(runner, seam, global_args, list_args, expect_rc):
    proc = runner.run([*seam, *global_args, "plugins", "list", "--json", *list_args], expect_rc)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        raise Failure(f"`plugins list --json` did not print one JSON object: {e}")
    check(isinstance(report.get("plugins"), list), "the report has no 'plugins' array")
    return report


def row(report, name):
    rows = [p for p in report["plugins"] if p.get("name") == name]
    check(len(rows) == 1, f"expected one row named '{name}', found {len(rows)}: "
                          f"{[p.get('name') for p in report['plugins']]}")
    return rows[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cc", required=True, help="the compiler, or a *-NOTFOUND value")
    parser.add_argument("--seam", required=True, type=pathlib.Path)
    parser.add_argument("--root", required=True, type=pathlib.Path)
    parser.add_argument("--work", required=True, type=pathlib.Path)
    args = parser.parse_args()

    cc = args.cc if not args.cc.endswith("NOTFOUND") else ""
    cc = shutil.which(cc) if cc else None
    if not cc:
        print(f"SKIP: compiler '{args.cc}' is not installed")
        return SKIP
    check(args.seam.is_file(), f"the seam binary {args.seam} does not exist")

    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    (work / "plugins").mkdir(parents=True)
    runner = Runner(work)
    # As the guide says for a checkout: the build's own copy of hello is in the build's plugin
    # folder, so only the reader's folders are searched.
    seam = [args.seam.resolve(), "--no-default-folders"]
    root = args.root.resolve()

    # 1. Build the plugin exactly as the guide does.
    runner.run([cc, "-shared", "-fPIC", "-I", root / "sdk" / "include",
                root / "examples" / "hello" / "hello.c", "-o", "plugins/hello.so"], 0)
    check((work / "plugins" / "hello.so").is_file(), "the compiler wrote no plugins/hello.so")

    # 2. The loader finds it and registers it.
    report = list_json(runner, seam, [], ["--plugin-path", "plugins"], 0)
    check(report.get("ok") is True, f"'ok' is {report.get('ok')!r}, expected true")
    check(report.get("problems") == [], f"unexpected problems: {report.get('problems')}")
    hello = row(report, "hello")
    check(hello.get("state") == "registered", f"hello is '{hello.get('state')}': {hello.get('reason')}")
    check(hello.get("version") == "0.1.0", f"hello's version is {hello.get('version')!r}")
    check(hello.get("api_version") == 1, f"hello's api_version is {hello.get('api_version')!r}")
    check(hello.get("builtin") is False, "hello is reported as a builtin")
    check(str(hello.get("origin", "")).endswith("hello.so"),
          f"hello's origin is {hello.get('origin')!r}, expected the path of hello.so")
    labels = [c.get("label") for c in hello.get("contributions", [])]
    check(labels == ["llm:hello"], f"hello contributes {labels}, expected ['llm:hello']")
    backend = hello["contributions"][0]
    check((backend.get("kind"), backend.get("family"), backend.get("sdk")) == ("backend", "llm", "hello"),
          f"hello's contribution is {backend}")
    echo = row(report, "echo")
    check(echo.get("state") == "registered" and echo.get("builtin") is True,
          f"the echo builtin is not a registered builtin: {echo}")
    check([p["name"] for p in report["plugins"]].index("echo") <
          [p["name"] for p in report["plugins"]].index("hello"), "builtins must come first")

    table = runner.run([*seam, "plugins", "list", "--plugin-path", "plugins"], 0).stdout
    hello_lines = [line for line in table.splitlines() if "hello" in line]
    check(any("registered" in line for line in hello_lines),
          "the table has no line showing hello as registered")

    # 3. The guide's seam.toml and run command.
    (work / "seam.toml").write_text(
        '[plugins]\npaths = ["plugins"]\n\n'
        '[backends.hello]\nsdk = "hello"\n\n'
        '[models.hello]\nbackend = "hello"\n', encoding="utf-8")
    out = runner.run([*seam, "--config", "seam.toml", "run", "--model", "hello", "hi"], 0).stdout
    check(out == GREETING + "\n", f"run printed {out!r}, expected {GREETING + chr(10)!r}")

    out = runner.run([*seam, "--config", "seam.toml", "run", "--model", "hello", "--json", "hi"], 0).stdout
    try:
        events = [json.loads(line) for line in out.splitlines() if line.strip()]
    except json.JSONDecodeError as e:
        raise Failure(f"run --json printed a line that is not JSON: {e}")
    check(events == [{"type": "delta", "text": GREETING}, {"type": "done", "finish_reason": "stop"}],
          f"run --json printed {events}")

    # 4. Denylisting hello: disabled in the report, and no backend for the model.
    (work / "seam.toml").write_text(
        '[plugins]\npaths = ["plugins"]\ndisabled = ["hello"]\n\n'
        '[backends.hello]\nsdk = "hello"\n\n'
        '[models.hello]\nbackend = "hello"\n', encoding="utf-8")
    report = list_json(runner, seam, ["--config", "seam.toml"], [], 0)
    hello = row(report, "hello")
    check(hello.get("state") == "disabled", f"denylisted hello is '{hello.get('state')}'")
    check("disabled" in hello.get("reason", ""), f"the reason {hello.get('reason')!r} does not say disabled")
    err = runner.run([*seam, "--config", "seam.toml", "run", "--model", "hello", "hi"], 1).stderr
    check(err.startswith("error: InferenceBackendNotFoundError: ") and "'hello'" in err,
          f"run with hello denylisted did not report InferenceBackendNotFoundError for 'hello': {err!r}")

    # 5. A broken file: a row, exit code 3; denylisting its file stem recovers.
    (work / "plugins" / "notes.so").write_text("not a shared library\n", encoding="utf-8")
    (work / "seam.toml").write_text('[plugins]\npaths = ["plugins"]\n', encoding="utf-8")
    report = list_json(runner, seam, ["--config", "seam.toml"], [], 3)
    check(report.get("ok") is False, "'ok' is not false with a broken plugin")
    notes = row(report, "notes")
    check(notes.get("state") == "broken" and notes.get("error_kind") == "BrokenPluginError",
          f"notes.so is {notes.get('state')}/{notes.get('error_kind')}, expected broken/BrokenPluginError")
    check(row(report, "hello").get("state") == "registered", "a broken neighbour unregistered hello")
    check([p.get("kind") for p in report.get("problems", [])] == ["BrokenPluginError"],
          f"problems are {report.get('problems')}")
    models = '\n[backends.hello]\nsdk = "hello"\n\n[models.hello]\nbackend = "hello"\n'
    # Under on_error = "fail" (the default) run refuses to start; "skip" leaves the broken one out.
    (work / "seam.toml").write_text('[plugins]\npaths = ["plugins"]\n' + models, encoding="utf-8")
    err = runner.run([*seam, "--config", "seam.toml", "run", "--model", "hello", "hi"], 1).stderr
    check("error: BrokenPluginError: " in err, f"run did not fail with BrokenPluginError: {err!r}")
    (work / "seam.toml").write_text('[plugins]\npaths = ["plugins"]\non_error = "skip"\n' + models,
                                    encoding="utf-8")
    out = runner.run([*seam, "--config", "seam.toml", "run", "--model", "hello", "hi"], 0).stdout
    check(out == GREETING + "\n", f"run under on_error = \"skip\" printed {out!r}")
    # Denylisting the file stem: the file is never opened, and nothing is wrong any more.
    (work / "seam.toml").write_text('[plugins]\npaths = ["plugins"]\ndisabled = ["notes"]\n' + models,
                                    encoding="utf-8")
    report = list_json(runner, seam, ["--config", "seam.toml"], [], 0)
    check(row(report, "notes").get("state") == "disabled", "denylisting the stem 'notes' did not disable it")
    out = runner.run([*seam, "--config", "seam.toml", "run", "--model", "hello", "hi"], 0).stdout
    check(out == GREETING + "\n", f"run with notes denylisted printed {out!r}")

    print(f"ok: the guide's hello plugin works when built with {cc}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        print(f"FAIL: {failure}")
        sys.exit(1)
