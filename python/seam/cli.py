"""``python -m seam plugins list``: the report as ``seam plugins list`` prints it, from Python."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Dict, List, Optional, Sequence, TextIO

from .loader import Loader, PluginRow

EXIT_OK = 0
EXIT_PLUGIN_PROBLEMS = 3  # as the seam command


def format_table(rows: Sequence[PluginRow]) -> str:
    """The table of ``seam plugins list``: one line per plugin, its reason indented below, and a
    count per state."""
    header = ["NAME", "VERSION", "API", "STATE", "ORIGIN", "CONTRIBUTES"]
    cells = [[r.name, r.version or "-", str(r.api_version) if r.api_version else "-", r.state,
              r.origin, ", ".join(c.label for c in r.contributions) or "-"] for r in rows]
    width = [max([len(header[i])] + [len(line[i]) for line in cells]) for i in range(len(header))]

    def line(values: List[str]) -> str:
        return "".join(v + (" " * (width[i] - len(v) + 2) if i + 1 < len(values) else "")
                       for i, v in enumerate(values))

    out = [line(header)]
    counts: Dict[str, int] = {}
    for row, values in zip(rows, cells):
        out.append(line(values))
        if row.reason:
            out.append("    " + row.reason)
        counts[row.state] = counts.get(row.state, 0) + 1
    summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
    return "\n".join(out) + f"\n\n{len(rows)} plugin(s): {summary}\n"


def main(argv: Optional[Sequence[str]] = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(prog="python -m seam", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    plugins = commands.add_parser("plugins", help="Inspect plugins")
    plugins_commands = plugins.add_subparsers(dest="plugins_command", required=True)
    listing = plugins_commands.add_parser("list", help="Every discovered plugin with its state")
    listing.add_argument("--plugin-path", action="append", default=[],
                         help="Also search this directory (repeatable)")
    listing.add_argument("--builtin", action="append", default=[],
                         help="Link this plugin library in as a core builtin (repeatable); the "
                              "seam command links echo in this way")
    listing.add_argument("--disable", action="append", default=[], help="Deny a plugin")
    listing.add_argument("--json", action="store_true", help="Print JSON")
    listing.add_argument("--no-default-folders", action="store_true",
                         help="Search only the folders named, not the user and system folders")
    args = parser.parse_args(argv)

    # As the seam command: SEAM_PLUGIN_PATH and the registry cache from the environment, then the
    # user and system plugin folders.
    with Loader(args.plugin_path, builtins=[(b, True) for b in args.builtin],
                disabled=args.disable, on_error="skip", use_environment=True,
                default_folders=not args.no_default_folders) as loader:
        rows = loader.report()
        problems = loader.problems()
        if args.json:
            json.dump({"ok": not problems, "plugins": [asdict(r) for r in rows],
                       "problems": [asdict(p) for p in problems]}, out, indent=2)
            out.write("\n")
        else:
            out.write(format_table(rows))
        return EXIT_OK if not problems else EXIT_PLUGIN_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
