"""The theme's templates compiled once and kept (scripts/build/template_cache.py, build step
TemplateCache): a warm build compiles no template, an edited override is compiled again and shows,
the cache is off with KENNISBANK_BUILD_CACHE=uit, and environments that compile differently never
share an entry. A small Material project with one override; the builds run in this process, so the
test counts Jinja's compilations itself."""
from __future__ import annotations

import os

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from scripts.build import build_cache, template_cache

CONFIG = """site_name: Proef
theme:
  name: material
  language: nl
  custom_dir: overrides
plugins:
  - kennisbank:
      steps: [template_cache]
"""
OVERRIDE = '{% extends "base.html" %}\n{% block content %}<p id="merk">MERK</p>{{ super() }}{% endblock %}\n'


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.delenv(build_cache.ENV, raising=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Proef\n\nEen pagina.\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(OVERRIDE.replace("MERK", "eerste"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from source, in the order it does."""
    names: list[str] = []
    parse = jinja2.Environment._parse

    def counting(self, source, name, filename):
        names.append(name)
        return parse(self, source, name, filename)

    monkeypatch.setattr(jinja2.Environment, "_parse", counting)
    return names


def build_once(project) -> str:
    old = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    finally:
        os.chdir(old)
    return (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_warm_build_compiles_no_template_and_an_edited_one_again(project, compiled):
    first = build_once(project)
    assert "eerste" in first
    assert len(compiled) > 10, compiled  # base.html, main.html, the partials
    assert any((project / ".cache" / "build" / template_cache.FOLDER).iterdir())

    compiled.clear()
    assert "eerste" in build_once(project)
    assert compiled == []

    (project / "overrides" / "main.html").write_text(OVERRIDE.replace("MERK", "tweede"), encoding="utf-8")
    compiled.clear()
    page = build_once(project)
    assert '<p id="merk">tweede</p>' in page and "eerste" not in page
    assert compiled == ["main.html"]


def test_the_cache_is_off_with_the_build_cache(project, compiled, monkeypatch):
    monkeypatch.setenv(build_cache.ENV, "uit")
    build_once(project)
    compiled.clear()
    build_once(project)
    assert len(compiled) > 10, compiled
    assert not (project / ".cache").exists()


def test_environments_that_compile_differently_do_not_share_an_entry(tmp_path):
    cache = template_cache.EnvironmentKeyedCache(str(tmp_path))
    source = "{{ tekst }}"
    plain, escaping = jinja2.Environment(), jinja2.Environment(autoescape=True)
    assert plain.from_string(source).render(tekst="<b>") != escaping.from_string(source).render(tekst="<b>")

    def key(env):
        return cache.get_bucket(env, "a.html", "/t/a.html", source).key

    assert key(plain) == key(jinja2.Environment())
    assert key(plain) != key(escaping)
    assert key(plain) != key(jinja2.Environment(trim_blocks=True))
