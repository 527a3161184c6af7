"""tests/http/loopback_server.py as a context manager for Python tests: an OpenAI- and
Ollama-speaking server on an ephemeral port of 127.0.0.1, stopped by closing its stdin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import TracebackType
from typing import Optional, Type

SERVER = Path(__file__).resolve().parents[1] / "http" / "loopback_server.py"


class LoopbackServer:
    def __init__(self, lifetime: int = 120) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER), "--lifetime", str(lifetime)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline() if self.process.stdout else ""
        if not line.startswith("PORT "):
            self.stop()
            raise RuntimeError(f"the loopback server did not start: {line!r}")
        self.port = int(line.split()[1])

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> "LoopbackServer":
        return self

    def __exit__(self, kind: Optional[Type[BaseException]], value: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        self.stop()
