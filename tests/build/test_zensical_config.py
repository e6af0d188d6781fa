"""The config Zensical reads is derived from mkdocs.yml (scripts/build/zensical_config.py): no tag
Zensical cannot read, the region's settings filled in from its profile, its own site folder; a tag
with no fixed folder stops it with file and line. On a small mkdocs.yml of its own."""
from __future__ import annotations

import textwrap

import pytest
import yaml

import voorbeeldregio
from scripts.build import zensical_config
from scripts.model import region

CONFIG = textwrap.dedent("""\
    site_name: Testsite
    site_url: !ENV [TEST_ZENSICAL_URL, "https://standaard.example/"]
    extra:
      pdf: !ENV [TEST_ZENSICAL_PDF, false]
    markdown_extensions:
      - admonition
      - pymdownx.snippets:
          base_path: !relative $config_dir/regels
          check_paths: true
    nav:
      - Start: index.md
    """)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    voorbeeldregio.install(tmp_path)
    return tmp_path


def written(project, *args) -> tuple[str, dict]:
    out = project / zensical_config.OUT_FILE
    assert zensical_config.main(["--config", str(project / "mkdocs.yml"), *args]) == 0
    text = out.read_text(encoding="utf-8")
    return text, yaml.safe_load(text)


def test_tags_are_resolved_and_none_is_left(project, monkeypatch):
    monkeypatch.delenv("TEST_ZENSICAL_URL", raising=False)
    monkeypatch.setenv("TEST_ZENSICAL_PDF", "true")
    text, config = written(project)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert "!ENV" not in body and "!relative" not in body and "!" not in body.replace("!=", "")
    snippets = next(e["pymdownx.snippets"] for e in config["markdown_extensions"] if isinstance(e, dict))
    assert snippets == {"base_path": str((project / "regels").resolve()), "check_paths": True}
    assert config["extra"]["pdf"] is True  # the variable's text read as YAML, as MkDocs does
    assert config["site_url"] == "https://standaard.example/"  # the fallback; the region keeps a set address
    assert config["nav"][0] == {"Start": "index.md"} and config["site_dir"] == zensical_config.SITE_DIR


def test_region_settings_come_from_the_profile(project):
    profile = voorbeeldregio.profile()
    _, config = written(project, "--site-dir", "elders")
    assert config["site_name"] == profile.site_naam  # the region step, as in the MkDocs build
    assert config["extra"]["regio"]["naam"] == profile.naam
    assert config["nav"] == region.with_menu([{"Start": "index.md"}], profile.menu)  # the region's menu
    assert config["site_dir"] == "elders"


def test_relative_without_a_fixed_folder_stops_with_file_and_line(project, capsys):
    (project / "mkdocs.yml").write_text(CONFIG.replace("!relative $config_dir/regels", "!relative"),
                                        encoding="utf-8")
    assert zensical_config.main(["--config", str(project / "mkdocs.yml")]) == 1
    line = next(n for n, text in enumerate(CONFIG.splitlines(), start=1) if "!relative" in text)
    assert f"mkdocs.yml:{line}: !relative" in capsys.readouterr().err
    assert not (project / zensical_config.OUT_FILE).exists()


def test_a_broken_profile_stops_with_its_file(project, capsys):
    profile = next(project.rglob("profiel.yml"))
    profile.write_text("naam: [\n", encoding="utf-8")
    assert zensical_config.main(["--config", str(project / "mkdocs.yml")]) == 1
    assert "profiel.yml" in capsys.readouterr().err


OFFLINE = "INHERIT: mkdocs.yml\nuse_directory_urls: false\nextra:\n  uitvoer: map\n"


def test_the_offline_variant_inherits_the_site_and_turns_directory_urls_off(project):
    (project / "mkdocs-offline.yml").write_text(OFFLINE, encoding="utf-8")
    _, site = written(project)
    out = project / "mkdocs-zensical-offline.yml"
    assert zensical_config.main(["--config", str(project / "mkdocs-offline.yml"), "--out", str(out),
                                 "--site-dir", "build/offline"]) == 0
    offline = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert "INHERIT" not in offline
    assert offline["use_directory_urls"] is False and "use_directory_urls" not in site
    assert offline["extra"]["uitvoer"] == "map"
    assert offline["extra"]["regio"] == site["extra"]["regio"]  # the inherited extra is merged, not replaced
    assert offline["site_dir"] == "build/offline"
    same = {key: value for key, value in offline.items() if key not in ("use_directory_urls", "extra", "site_dir")}
    assert same == {key: value for key, value in site.items() if key not in ("extra", "site_dir")}


def test_a_relative_without_a_fixed_folder_in_the_inherited_file_is_named_there(project, capsys):
    (project / "mkdocs.yml").write_text(CONFIG.replace("!relative $config_dir/regels", "!relative"),
                                        encoding="utf-8")
    (project / "mkdocs-offline.yml").write_text(OFFLINE, encoding="utf-8")
    assert zensical_config.main(["--config", str(project / "mkdocs-offline.yml")]) == 1
    line = next(n for n, text in enumerate(CONFIG.splitlines(), start=1) if "!relative" in text)
    assert f"mkdocs.yml:{line}: !relative" in capsys.readouterr().err
