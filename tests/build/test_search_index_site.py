"""The search index made from a finished site (python -m scripts.build.search_index --site), as after a
Zensical build: each page's own content from its <article>, its front matter from the model. On a small
site folder of its own."""
from __future__ import annotations

from scripts.build import search_index, search_tuning

PAGE = """<html><body><header><h1>Kop van het thema</h1></header><article class="md-content__inner">
<a class="md-content__button" href="#">Wijzig deze pagina</a>
<h1 id="wapens">Wapens<a class="headerlink" href="#wapens">&para;</a></h1><p>Een vlindermes is verboden.</p>
<h2 id="straf">Straf</h2><p>Een boete.</p>
<aside class="pagina-info"><h2 id="bronnen">Bronnen</h2><p>Laatst gecontroleerd</p></aside>
</article></body></html>"""


def test_pages_are_indexed_from_their_article_with_front_matter(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "wetgeving").mkdir(parents=True)
    (docs / "wetgeving" / "wapens.md").write_text("---\ntitle: Wapens en de wet\nzoekwoorden: [mes]\n---\n\n# Wapens\n",
                                                  encoding="utf-8")
    (site / "wetgeving" / "wapens").mkdir(parents=True)
    (site / "wetgeving" / "wapens" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "index.html").write_text("<html><body><p>Geen artikel.</p></body></html>", encoding="utf-8")
    (site / "404").mkdir()
    (site / "404" / "index.html").write_text("<article><p>Niet gevonden</p></article>", encoding="utf-8")

    entries = search_index.site_entries(site, docs)
    assert [e["location"] for e in entries] == ["wetgeving/wapens/", "wetgeving/wapens/#straf"]
    first = entries[0]
    assert first["title"] == "Wapens"  # the page's <h1>, as the MkDocs step indexes it
    assert "vlindermes" in first["text"]
    assert first[search_tuning.KEYWORD_FIELD] == search_tuning.keywords_text({"zoekwoorden": ["mes"]})  # front matter
    assert not any("Wijzig" in e["text"] or "gecontroleerd" in e["text"] for e in entries)

    assert search_index.main(["--site", str(site)]) == 0
    written = search_tuning.read_index(site / search_tuning.INDEX_FILE)
    assert len(written["docs"]) == 2


def test_a_folder_that_is_no_site_stops_with_its_name(tmp_path, capsys):
    assert search_index.main(["--site", str(tmp_path / "leeg")]) == 1
    assert "leeg: geen gebouwde site" in capsys.readouterr().err


def test_without_directory_urls_each_page_is_its_own_html_file(tmp_path):
    """The offline folder (mkdocs-offline.yml): x/y.html, indexed at that address as MkDocs indexes it
    there; the theme's 404.html, an article with a title, is no page."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "wetgeving").mkdir(parents=True)
    (docs / "wetgeving" / "wapens.md").write_text("---\ntitle: Wapens en de wet\nzoekwoorden: [mes]\n---\n\n# Wapens\n",
                                                  encoding="utf-8")
    (site / "wetgeving").mkdir(parents=True)
    (site / "wetgeving" / "wapens.html").write_text(PAGE, encoding="utf-8")
    (site / "index.html").write_text("<html><body><p>Geen artikel.</p></body></html>", encoding="utf-8")
    (site / "404.html").write_text("<article><h1>404 - Niet gevonden</h1></article>", encoding="utf-8")

    entries = search_index.site_entries(site, docs, directory_urls=False)
    assert [e["location"] for e in entries] == ["wetgeving/wapens.html", "wetgeving/wapens.html#straf"]
    assert entries[0][search_tuning.KEYWORD_FIELD] == search_tuning.keywords_text({"zoekwoorden": ["mes"]})

    assert search_index.main(["--site", str(site), "--config", "mkdocs-offline.yml"]) == 0  # the project's own
    written = search_tuning.read_index(site / search_tuning.INDEX_FILE)
    assert [d["location"] for d in written["docs"]] == ["wetgeving/wapens.html", "wetgeving/wapens.html#straf"]
