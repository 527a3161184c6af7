#!/usr/bin/env python3
"""Ties fenced code blocks in the docs to files, so the examples a reader copies cannot rot.

A block is found by an HTML comment on the line before it (invisible in rendered Markdown):

  <!-- source: PATH -->    the block must be byte-for-byte the repository file PATH
  <!-- example: NAME -->   the block is extracted to a file and compiled by the tests

Usage:
  doc_blocks.py check   --root REPO --doc docs/x.md --source examples/hello/hello.c
  doc_blocks.py extract --doc /abs/docs/x.md --name host_example.cpp --output FILE
"""
import argparse
import difflib
import pathlib
import sys


class Failure(Exception):
    pass


def find_block(doc_text: str, marker: str, doc_name: str) -> str:
    lines = doc_text.splitlines()
    hits = [i for i, line in enumerate(lines) if line.strip() == marker]
    if len(hits) != 1:
        raise Failure(f"{doc_name} must contain the line '{marker}' exactly once (found {len(hits)})")
    i = hits[0] + 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or not lines[i].startswith("```"):
        raise Failure(f"{doc_name}:{hits[0] + 1}: '{marker}' is not followed by a fenced code block")
    fence = lines[i][: len(lines[i]) - len(lines[i].lstrip("`"))]
    body = []
    for j in range(i + 1, len(lines)):
        if lines[j].startswith(fence) and not lines[j].strip("`").strip():
            return "\n".join(body) + "\n"
        body.append(lines[j])
    raise Failure(f"{doc_name}:{i + 1}: the code block is never closed")


def check(args) -> None:
    doc_path = args.root / args.doc
    source_path = args.root / args.source
    for path in (doc_path, source_path):
        if not path.is_file():
            raise Failure(f"{path} does not exist")
    block = find_block(doc_path.read_text(encoding="utf-8"), f"<!-- source: {args.source} -->", args.doc)
    source = source_path.read_text(encoding="utf-8")
    if not source.strip():
        raise Failure(f"{args.source} is empty")
    if block != source:
        diff = "".join(difflib.unified_diff(
            source.splitlines(keepends=True), block.splitlines(keepends=True),
            fromfile=args.source, tofile=f"{args.doc} (code block)"))
        raise Failure(f"the code block in {args.doc} differs from {args.source}; "
                      f"copy one onto the other:\n{diff}")
    print(f"ok: the code block in {args.doc} is {args.source} ({len(source.splitlines())} lines)")


def extract(args) -> None:
    block = find_block(args.doc.read_text(encoding="utf-8"), f"<!-- example: {args.name} -->",
                       str(args.doc))
    # Rewrite only on change, so the build does not recompile an unchanged example.
    if not args.output.is_file() or args.output.read_text(encoding="utf-8") != block:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(block, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check")
    p.add_argument("--root", required=True, type=pathlib.Path)
    p.add_argument("--doc", required=True)
    p.add_argument("--source", required=True)
    p = sub.add_parser("extract")
    p.add_argument("--doc", required=True, type=pathlib.Path)
    p.add_argument("--name", required=True)
    p.add_argument("--output", required=True, type=pathlib.Path)
    args = parser.parse_args()
    try:
        check(args) if args.command == "check" else extract(args)
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr if args.command == "extract" else sys.stdout)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
