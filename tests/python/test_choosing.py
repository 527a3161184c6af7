"""Choosing among plugins from Python: prefer pins with shadowed rows, select and disable filters
with filtered rows, and who serves each key (choices, which). Each with its twin."""

from __future__ import annotations

from pathlib import Path

import pytest

import seam
from conftest import ECHO, fixture, folder_of


@pytest.fixture
def dup_folder(tmp_path: Path) -> Path:
    return folder_of(tmp_path, fixture("dup-a", "duplicate-backend"),
                     fixture("dup-b", "duplicate-backend"))


def states(loader: seam.Loader) -> dict:
    return {row.name: row.state for row in loader.report()}


def test_a_pin_serves_the_key_and_shadows_the_other_contributor(dup_folder: Path) -> None:
    with seam.Loader([dup_folder], prefer={"llm:dup": "dup-b"}) as loader:
        assert loader.ok
        assert states(loader) == {"dup-a": "shadowed", "dup-b": "registered"}
        shadowed = next(r for r in loader.report() if r.name == "dup-a")
        assert "'dup-b'" in shadowed.reason and 'prefer "llm:dup" = "dup-b"' in shadowed.reason
        choice = loader.which("llm:dup")
        assert isinstance(choice, seam.Choice)
        assert (choice.plugin, choice.why) == ("dup-b", "pin")
        assert choice.origin == str(dup_folder / "dup-b.so")
        assert choice.losers == (seam.Loser("dup-a", str(dup_folder / "dup-a.so")),)
        [event, *_] = loader.run(("llm", "dup"), {"messages": []})
        assert event == {"type": "delta", "text": "dup-b"}


def test_without_a_pin_the_pair_is_a_duplicate_and_the_first_found_serves(dup_folder: Path) -> None:
    with seam.Loader([dup_folder], on_error="skip") as loader:
        assert not loader.ok
        assert states(loader) == {"dup-a": "registered", "dup-b": "duplicate"}
        choice = loader.which("llm:dup")
        assert choice is not None and (choice.plugin, choice.why) == ("dup-a", "first found")
        assert [loser.name for loser in choice.losers] == ["dup-b"]
        assert loader.which("llm:nothing") is None


def test_a_pin_naming_a_plugin_that_does_not_serve_the_key_is_a_config_error(
        dup_folder: Path) -> None:
    with seam.Loader([dup_folder], builtins=[(ECHO, True)], on_error="skip",
                     prefer={"llm:dup": "echo"}) as loader:
        with pytest.raises(seam.ConfigError) as raised:
            loader.run(("llm", "echo"), {"messages": []})
    message = str(raised.value)
    assert '"llm:dup" = "echo"' in message and "dup-a" in message and "dup-b" in message
    # The loader speaks of the host's option, not of a configuration file the host may not have.
    assert "[plugins]" not in message


def test_disable_and_select_globs_make_filtered_rows(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, fixture("good"), fixture("marker-file"))
    with seam.Loader([folder]) as loader:
        assert states(loader) == {"good": "registered", "marker": "registered"}
    with seam.Loader([folder], disable_filters=["mark*"]) as loader:
        assert loader.ok
        assert states(loader) == {"good": "registered", "marker-file": "filtered"}
        row = next(r for r in loader.report() if r.state == "filtered")
        assert "disable_filters ('mark*'" in row.reason
    with seam.Loader([folder], builtins=[(ECHO, True)], select_filters=["g*"]) as loader:
        assert states(loader) == {"echo": "registered", "good": "registered",
                                  "marker": "filtered"}
    with seam.Loader([folder], builtins=[(ECHO, True)], disable_filters=["*"]) as loader:
        assert states(loader) == {"echo": "registered", "good": "filtered",
                                  "marker-file": "filtered"}
        assert [c.key for c in loader.choices()] == ["llm:echo", "lister:echo"]


def test_use_environment_reads_the_filter_variables(good_folder: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEAM_PLUGINS_DISABLE", "go*")
    with seam.Loader([good_folder], use_environment=True) as loader:
        [row] = loader.report()
        assert row.state == "filtered" and "SEAM_PLUGINS_DISABLE" in row.reason
    with seam.Loader([good_folder]) as loader:
        assert states(loader) == {"good": "registered"}
