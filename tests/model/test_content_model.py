"""The content model: valid and invalid front matter, each invalid case with its message and line."""
import datetime as dt
import re
import textwrap

import pytest

from scripts.model import content_model

import voorbeeldregio
from conftest import ROOT

VALID = """\
---
title: Kluisjes controleren
description: Wanneer de school kluisjes mag openen.
doelgroep: [docent, mentor]
thema: [recht]
eigenaar: juridisch adviseur SWV
laatst_gecontroleerd: 2026-01-15
bronnen:
  - titel: Wet wapens en munitie
    url: https://wetten.overheid.nl/BWBR0008804/
  - titel: Rijksoverheid over wapens
    url: https://www.rijksoverheid.nl/onderwerpen/wapens
---

# Kluisjes
"""


def load(tmp_path, text, rel="wetgeving/kluisjes.md"):
    docs = tmp_path / "docs"
    path = docs / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content_model.load_page(path, docs)


def messages(page):
    return [str(p) for p in page.problems]


def test_valid_page_has_no_problems(tmp_path):
    page = load(tmp_path, VALID)
    assert page.problems == []
    assert page.is_legal
    assert page.review_due() == dt.date(2027, 1, 15)


def test_missing_front_matter(tmp_path):
    page = load(tmp_path, "# Alleen een kop\n")
    assert messages(page) == [
        "docs/wetgeving/kluisjes.md:1: front matter ontbreekt: begin de pagina met '---', de velden en weer '---'"
    ]


def test_missing_required_field_is_named(tmp_path):
    page = load(tmp_path, VALID.replace("eigenaar: juridisch adviseur SWV\n", ""))
    assert len(page.problems) == 1
    assert str(page.problems[0]).startswith("docs/wetgeving/kluisjes.md:1: veld 'eigenaar' ontbreekt")


def test_unknown_doelgroep_value_names_line_and_field(tmp_path):
    page = load(tmp_path, VALID.replace("[docent, mentor]", "[docent, leraar]"))
    assert messages(page) == [
        "docs/wetgeving/kluisjes.md:4: veld 'doelgroep': onbekende waarde 'leraar' "
        "(kies uit: docent, mentor, zorgcoördinator, veiligheidscoördinator, schoolleider, bestuur, ketenpartner)"
    ]


def test_unknown_thema_value_on_its_own_line(tmp_path):
    text = VALID.replace("thema: [recht]", "thema:\n  - recht\n  - sport")
    page = load(tmp_path, text)
    assert messages(page) == [
        "docs/wetgeving/kluisjes.md:7: veld 'thema': onbekende waarde 'sport' "
        "(kies uit: preventie, signalering, curatie, crisis, recht, samenwerking)"
    ]


def test_unknown_field_is_rejected(tmp_path):
    page = load(tmp_path, VALID.replace("eigenaar:", "auteur: Jan\neigenaar:"))
    assert len(page.problems) == 1
    assert str(page.problems[0]).startswith("docs/wetgeving/kluisjes.md:6: onbekend veld 'auteur'")


@pytest.mark.parametrize("value", ["15-01-2026", "gisteren", "2026-13-01"])
def test_bad_date(tmp_path, value):
    page = load(tmp_path, VALID.replace("2026-01-15", value))
    assert messages(page) == [
        "docs/wetgeving/kluisjes.md:7: veld 'laatst_gecontroleerd' moet een datum zijn als JJJJ-MM-DD"
    ]


def test_future_date(tmp_path):
    page = load(tmp_path, VALID.replace("2026-01-15", "2999-01-01"))
    assert messages(page) == ["docs/wetgeving/kluisjes.md:7: veld 'laatst_gecontroleerd' ligt in de toekomst (2999-01-01)"]


def test_legal_page_needs_two_sources(tmp_path):
    text = VALID.split("  - titel: Rijksoverheid")[0] + "---\n# K\n"
    page = load(tmp_path, text)
    assert messages(page) == [
        "docs/wetgeving/kluisjes.md:8: veld 'bronnen': een juridische pagina heeft minstens 2 bronnen nodig"
    ]


def test_other_pages_need_no_sources(tmp_path):
    text = VALID.split("bronnen:")[0] + "---\n# K\n"
    assert load(tmp_path, text, rel="drillrap/x.md").problems == []
    assert load(tmp_path, text, rel="wetgeving/x.md").problems  # same text fails as a legal page


def test_malformed_source_url_names_its_line(tmp_path):
    page = load(tmp_path, VALID.replace("https://www.rijksoverheid.nl/onderwerpen/wapens", "www.rijksoverheid.nl"))
    assert messages(page) == ["docs/wetgeving/kluisjes.md:11: bron heeft geen geldige https-link: 'www.rijksoverheid.nl'"]


def test_source_without_title(tmp_path):
    page = load(tmp_path, VALID.replace("  - titel: Wet wapens en munitie\n    url:", "  - url:"))
    assert messages(page) == ["docs/wetgeving/kluisjes.md:9: bron moet precies de velden 'titel' en 'url' hebben"]


def test_invalid_yaml_names_line(tmp_path):
    page = load(tmp_path, VALID.replace("thema: [recht]", "thema: [recht"))
    assert len(page.problems) == 1
    assert "front matter is geen geldige YAML" in str(page.problems[0])
    bad = next(i for i, line in enumerate(VALID.splitlines(), 1) if line.startswith("thema: [recht]"))
    assert page.problems[0].line in (bad, bad + 1)  # the bad line, or the next where libyaml noticed


def test_empty_title(tmp_path):
    page = load(tmp_path, VALID.replace("title: Kluisjes controleren", "title: ''"))
    assert messages(page) == ["docs/wetgeving/kluisjes.md:2: veld 'title' is leeg"]


def test_review_periods():
    legal = content_model.Page("wetgeving/a.md", {"laatst_gecontroleerd": dt.date(2025, 2, 28)})
    other = content_model.Page("drillrap/a.md", {"laatst_gecontroleerd": dt.date(2025, 2, 28)})
    assert legal.review_due() == dt.date(2026, 2, 28)
    assert other.review_due() == dt.date(2027, 2, 28)
    assert legal.overdue(dt.date(2026, 3, 1)) and not legal.overdue(dt.date(2026, 2, 28))
    assert not other.overdue(dt.date(2026, 3, 1))
    assert content_model.add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


def test_every_real_page_is_valid():
    _, problems = content_model.check_all(ROOT / "docs")
    assert [str(p) for p in problems] == []


def test_list_item_with_colon_gets_a_hint(tmp_path):
    text = VALID.replace("eigenaar: juridisch adviseur SWV", "eigenaar: juridisch adviseur SWV\nleerdoelen:\n  - weten wat je doet\n  - kiezen: wie bel je")
    page = load(tmp_path, text)
    assert messages(page) == [
        "docs/wetgeving/kluisjes.md:9: veld 'leerdoelen': item 2 is geen tekst "
        "(bevat de tekst een dubbele punt? Zet hem dan tussen aanhalingstekens)"
    ]


def test_numbers_are_fine_as_search_words(tmp_path):
    page = load(tmp_path, VALID.replace("eigenaar:", "zoekwoorden: [112, alarm]\neigenaar:"))
    assert page.problems == []


@pytest.mark.parametrize("source, url", [
    ("index.md", ""), ("wetgeving/index.md", "wetgeving/"), ("wetgeving/mag-ik.md", "wetgeving/mag-ik/"),
    ("wetgeving/mag-ik.md#kluisjes", "wetgeving/mag-ik/#kluisjes"), ("./regio/over/colofon.md", "regio/over/colofon/"),
])
def test_page_url_follows_directory_urls(source, url):
    assert content_model.page_url(source) == url


@pytest.mark.parametrize("source, with_dirs, without", [
    ("index.md", "", "index.html"), ("wetgeving/index.md", "wetgeving/", "wetgeving/index.html"),
    ("wetgeving/mag-ik.md", "wetgeving/mag-ik/", "wetgeving/mag-ik.html"),
])
def test_a_pages_address_is_its_file_without_directory_urls(source, with_dirs, without):
    """As MkDocs names page.url in mkdocs-offline.yml (and the search index's locations there)."""
    assert content_model.page_address(source) == with_dirs
    assert content_model.page_address(source, directory_urls=False) == without


def test_directory_urls_are_read_through_inherit(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (tmp_path / "offline.yml").write_text("INHERIT: mkdocs.yml\nuse_directory_urls: false\n", encoding="utf-8")
    assert content_model.directory_urls(tmp_path) is True
    assert content_model.directory_urls(tmp_path, "offline.yml") is False


def test_the_builds_page_is_checked_by_the_one_loader_with_its_lines(tmp_path):
    meta = load(tmp_path / "bron", VALID).meta
    docs = tmp_path / "docs"
    path = docs / "wetgeving" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_text(VALID, encoding="utf-8")
    page = content_model.page_from_meta(path, docs, meta)
    assert page.problems == [] and page.meta == meta and page.is_legal
    text = VALID.replace("laatst_gecontroleerd:", "laatst_gecontroleerd: 2026-13-01\noud:", 1)
    path.write_text(text, encoding="utf-8")
    problems = content_model.page_from_meta(path, docs, dict(meta, laatst_gecontroleerd="2026-13-01")).problems
    line = text.splitlines().index("laatst_gecontroleerd: 2026-13-01") + 1
    assert problems and all(p.path == "docs/wetgeving/x.md" for p in problems)
    assert any(p.line == line for p in problems), [str(p) for p in problems]
    assert [str(p) for p in problems] == [str(p) for p in content_model.load_page(path, docs).problems]


BODY_EXAMPLE = """---
title: Voorbeeld
---
# Kop

Tekst met <!-- toets: x -->.

````markdown
```
<!-- toets: y -->
```
````
~~~
nog code
~~~
Slot
"""


def test_body_lines_leave_out_front_matter_and_fenced_code_and_keep_line_numbers():
    lines = content_model.body_lines(BODY_EXAMPLE)
    assert lines == [(4, "# Kop"), (5, ""), (6, "Tekst met <!-- toets: x -->."), (7, ""), (16, "Slot")]
    with_meta = content_model.body_lines(BODY_EXAMPLE, front_matter=True)
    assert with_meta[:3] == [(1, "---"), (2, "title: Voorbeeld"), (3, "---")]
    assert with_meta[3:] == lines
    found = [(n, m.group(0)) for n, m in content_model.finditer_outside_code(re.compile(r"toets: \w"), BODY_EXAMPLE)]
    assert found == [(6, "toets: x")]  # the one inside the four-backtick block is an example, not a marker


# --- masking: what readers never see as text is never a marker, an open place or a rule ---------

OPEN = "[nog in te vullen door het SWV: nummer]"
MASK_PAGE = f"""Tekst met {OPEN}.

Inline: `{OPEN}` en ``dubbel `{OPEN}` ``.

```text
{OPEN}
```

    {OPEN}

!!! note "Een blok"

    In een blok: {OPEN}

- Een lijst

    Vervolg van het item: {OPEN}

**Woord** {{#woord}}
:   Betekenis.

    Nog een alinea: {OPEN}

<!-- een voorbeeld: {OPEN} -->
<!--
{OPEN}
-->
<!-- toets: module -->
"""


def test_masking_leaves_only_what_readers_read():
    seen = [number for number, match in content_model.finditer_outside_code(content_model.PLACEHOLDER_RE, MASK_PAGE)]
    lines = MASK_PAGE.splitlines()
    expected = [i + 1 for i, line in enumerate(lines)
                if OPEN in line and not line.startswith(("Inline", "```", "    [", "<!--"))
                and line != OPEN]
    assert seen == expected
    # the admonition, the list item and the definition keep their indented text; the code does not
    assert [lines[n - 1].strip()[:8] for n in seen] == ["Tekst me", "In een b", "Vervolg ", "Nog een "]


def test_masked_text_keeps_positions_and_markers():
    masked = content_model.masked_text(MASK_PAGE)
    assert len(masked) == len(MASK_PAGE) and masked.count("\n") == MASK_PAGE.count("\n")
    assert "<!-- toets: module -->" in masked
    assert "een voorbeeld" not in masked


def test_sub_outside_code_replaces_only_outside_code():
    text = f"a {OPEN}\n\n```\n{OPEN}\n```\n`{OPEN}`\n"
    out = content_model.sub_outside_code(content_model.PLACEHOLDER_RE, lambda m: "X", text)
    assert out == f"a X\n\n```\n{OPEN}\n```\n`{OPEN}`\n"


def test_page_anchors_from_headings_attributes_and_rules(tmp_path):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "p.md"
    page.write_text("---\ntitle: t\n---\n# Titel\n\n## Een kopje\n\n**Woord** {#woord}\n:   Uitleg.\n", encoding="utf-8")
    anchors = content_model.page_anchors(page, tmp_path)
    assert {"een-kopje", "woord"} <= anchors
    assert "bestaat-niet" not in anchors


def test_a_legal_page_is_owned_by_the_role_its_section_names(tmp_path):
    voorbeeldregio.install(tmp_path)
    page = load(tmp_path, VALID.replace("eigenaar: juridisch adviseur SWV", "eigenaar: redactie SWV"))
    owner = voorbeeldregio.profile().role(content_model.SECTION_RULES["wetgeving"].owner)
    assert messages(page) == [f"docs/wetgeving/kluisjes.md:6: veld 'eigenaar': een pagina in wetgeving/ wordt "
                              f"gecontroleerd door de {owner}; zet 'eigenaar: {owner}'"]


def test_the_build_and_the_check_find_the_same_problems(tmp_path):
    """page_from_meta (the build, with MkDocs' values) and load_page (the check, with the nodes) apply one schema."""
    bad = VALID.replace("doelgroep: [docent", "doelgroep: [leraar").replace("eigenaar: juridisch adviseur SWV\n", "")
    path = tmp_path / "docs" / "wetgeving" / "kluisjes.md"
    path.parent.mkdir(parents=True)
    path.write_text(bad, encoding="utf-8")
    checked = content_model.load_page(path, tmp_path / "docs")
    built = content_model.page_from_meta(path, tmp_path / "docs", checked.meta)
    assert [str(p) for p in built.problems] == [str(p) for p in checked.problems] != []


def test_rule_includes_names_the_rules_a_page_takes_in_also_through_a_rule(tmp_path):
    (tmp_path / "regels").mkdir()
    (tmp_path / "regels" / "tas.md").write_text('De tas.\n\n--8<-- "jas.md"\n', encoding="utf-8")
    (tmp_path / "regels" / "jas.md").write_text("De jas.\n", encoding="utf-8")
    (tmp_path / "regels" / "los.md").write_text("Los.\n", encoding="utf-8")
    body = textwrap.dedent('''\
        # Pagina

        --8<-- "tas.md"

        ```
        --8<-- "los.md"
        ```

        ;--8<-- "los.md"
        --8<-- "bestaat-niet.md"
            --8<-- "tas.md"
        ''')
    assert content_model.rule_includes(tmp_path)(body) == ["regels/tas.md", "regels/jas.md"]
    assert content_model.rule_includes(tmp_path)("Geen regel.\n") == []
