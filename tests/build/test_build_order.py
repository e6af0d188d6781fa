"""The build order of scripts/build/plugin.py (issue 16): ORDER is what MkDocs really runs, with the
real plugin list of every config, and each build starts with fresh step objects."""
from __future__ import annotations

import os
import textwrap

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT
from scripts.build import plugin

CONFIGS = ["mkdocs.yml", "mkdocs-serve.yml", "mkdocs-offline.yml"]


def test_order_runs_every_handler_of_every_step():
    assert plugin.unlisted_handlers() == []


def test_a_handler_missing_from_order_is_found(monkeypatch):
    extra = type("Extra", (plugin.tables.Tables,), {"on_post_build": lambda self, config: None})
    monkeypatch.setitem(plugin.STEPS, "tables", extra)
    assert plugin.unlisted_handlers() == ["stap tables: on_post_build staat niet in ORDER"]


def _loaded(name: str):
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(ROOT / name))


def _sequence(config, event: str) -> list[tuple[str, str]]:
    """(plugin, handler) of one event, in the order MkDocs runs them."""
    origins = config.plugins._event_origins
    return [(origins.get(m, "?"), m.__name__) for m in config.plugins.events[event]]


@pytest.mark.parametrize("name", CONFIGS)
def test_mkdocs_runs_the_steps_in_the_order_of_ORDER(name):
    config = _loaded(name)
    assert "kennisbank" in config.plugins, f"{name}: '- kennisbank' ontbreekt onder plugins"
    for event, slots in plugin.ORDER.items():
        run = _sequence(config, event)
        ours = [handler for origin, handler in run if origin == "kennisbank" and handler != "_new_build"]
        assert ours == [step for slot in slots for step in slot.steps], (name, event, run)
        for slot in slots:
            for step in slot.steps:
                at = run.index(("kennisbank", step))
                for other in slot.after + slot.before:
                    theirs = [i for i, (origin, _) in enumerate(run) if origin == other]
                    assert theirs, f"{name}: {other} heeft geen on_{event}: de reden bij {step} klopt niet meer"
                    if other in slot.after:
                        assert max(theirs) < at, f"{name}: on_{event} van {step} moet na {other} komen: {run}"
                    else:
                        assert min(theirs) > at, f"{name}: on_{event} van {step} moet voor {other} komen: {run}"
    assert _sequence(config, "config")[0] == ("kennisbank", "_new_build")  # fresh steps before anything else


def test_steps_run_in_the_listed_order_for_a_page_and_start_fresh_each_build(tmp_path, monkeypatch):
    """A real build of one page with every step replaced by one that records its calls."""
    calls: list[tuple[str, str]] = []
    made: list[object] = []

    def recorder(name: str, cls: type) -> type:
        def handler(event):
            def record(self, *item, **kwargs):
                calls.append((event, name))
            return record

        def init(self):
            made.append(self)

        events = {attr: handler(attr[3:]) for attr in dir(cls) if attr.startswith("on_")}
        return type(f"Recorded{cls.__name__}", (), {"__init__": init, **events})

    for name, cls in list(plugin.STEPS.items()):
        monkeypatch.setitem(plugin.STEPS, name, recorder(name, cls))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Een pagina\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Volgorde
        theme: {name: mkdocs}
        plugins: [kennisbank]
        """), encoding="utf-8")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    expected = [(event, step) for event, slots in plugin.ORDER.items() for slot in slots for step in slot.steps]
    by_event = {event: [c for c in calls if c[0] == event] for event in plugin.ORDER}
    for event, slots in plugin.ORDER.items():
        # post_template: once per template without a page (404.html, sitemap.xml): the same order each time
        per_call = [step for slot in slots for step in slot.steps]
        steps = [step for _, step in by_event[event]]
        assert steps and steps == per_call * (len(steps) // len(per_call)), (event, steps)
    assert {c for c in calls} == set(expected)
    first = list(made)
    assert len(first) == len(plugin.STEPS)
    build(config)  # `make serve`: the same plugin object builds again
    assert len(made) == 2 * len(first) and not set(map(id, first)) & set(map(id, made[len(first):]))
