#!/usr/bin/env python3
"""Runs `seam plugins check --json FILE` and checks its verdict.

usage: expect_check.py SEAM FILE pass
       expect_check.py SEAM FILE (error|warning|accepted) CHECK TEXT

`pass` wants exit 0 and no error finding. `error` wants exit 3 and an error finding of CHECK whose
message contains TEXT; `warning` wants a warning finding of CHECK containing TEXT (and no error).
`accepted` wants an ok finding of CHECK containing TEXT and no error or warning of CHECK that
mentions it (whatever the other checks say).
"""
import json
import subprocess
import sys


def main():
    seam, plugin, verdict = sys.argv[1:4]
    proc = subprocess.run([seam, "plugins", "check", "--json", "--timeout", "20", plugin],
                          capture_output=True, text=True, timeout=120)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.exit(f"FAIL: no JSON from seam (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    findings = report["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    shown = json.dumps(findings, indent=2)
    if verdict == "pass":
        if proc.returncode != 0 or errors or not report["ok"]:
            sys.exit(f"FAIL: expected a pass, got exit {proc.returncode}:\n{shown}")
    elif verdict == "accepted":
        check, text = sys.argv[4:6]
        about = [f for f in findings if f["check"] == check and text in f["message"]]
        if not any(f["severity"] == "ok" for f in about):
            sys.exit(f"FAIL: no ok finding of '{check}' mentioning '{text}':\n{shown}")
        if any(f["severity"] in ("error", "warning") for f in about):
            sys.exit(f"FAIL: '{check}' flags '{text}':\n{shown}")
    else:
        check, text = sys.argv[4:6]
        hits = [f for f in findings
                if f["severity"] == verdict and f["check"] == check and text in f["message"]]
        if not hits:
            sys.exit(f"FAIL: no {verdict} finding of '{check}' mentioning '{text}':\n{shown}")
        want_exit = 3 if verdict == "error" else 0
        if proc.returncode != want_exit:
            sys.exit(f"FAIL: expected exit {want_exit}, got {proc.returncode}:\n{shown}")
    print(f"ok: {plugin}: {verdict}")


if __name__ == "__main__":
    main()
