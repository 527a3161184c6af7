"""One Loader used from several Python threads at once: echo and the openai plugin side by side."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import List

import seam
from conftest import ECHO
from loopback import LoopbackServer
from test_run import OPENAI, REQUEST, text_of


def test_several_threads_run_requests_at_once(loopback: LoopbackServer) -> None:
    openai = seam.Model(sdk="openai", model_id="basic", config={"base_url": loopback.url("/v1")})
    results: List[str] = []
    errors: List[BaseException] = []
    lock = threading.Lock()
    with seam.Loader([ECHO.parent, OPENAI]) as loader:
        def work(index: int) -> None:
            try:
                for _ in range(5):
                    target = openai if index % 2 else ("llm", "echo")
                    answer = text_of(list(loader.run(target, REQUEST)))
                    with lock:
                        results.append(answer)
            except BaseException as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    assert sorted(set(results)) == ["Hello from the loopback server.", "one two three"]
    assert len(results) == 40
