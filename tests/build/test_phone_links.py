"""Tap to call (scripts/build/phone_links.py, build step "phone" of scripts/build/plugin.py): every number on the
allowlist (config/toegestane-nummers.txt, read by personal_data.Allowlist) is a tel: link where
it appears in a page's content; never inside a heading, code or an existing link; the href is
E.164; a number off the allowlist stays text. Numbers come from the allowlist and the built site,
never from this file. That every visible tel: link is big enough to tap at 320 px (WCAG 2.5.8) is
measured in the accessibility sweep of every page, tests/content/test_accessibility.py.
"""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import phonenumbers
import pytest
import yaml

from scripts.model import personal_data
from scripts.build import phone_links
from scripts.build import plugin
from conftest import ROOT, mkdocs_build

ALLOW = personal_data.Allowlist.load(ROOT / "config")
NO_LINK_INSIDE = {"a", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label",
                  "summary", "script", "style", "textarea", "title", "option", "select", "svg", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def is_short(national: int) -> bool:
    """A number without trunk prefix (112): valid as a short number, not as a full number."""
    parsed = phonenumbers.PhoneNumber(country_code=31, national_number=national)
    return phonenumbers.shortnumberinfo.is_valid_short_number(parsed) and not phonenumbers.is_valid_number(parsed)


SHORT = {n for n in ALLOW.numbers if is_short(n)}


def expected_href(national: int) -> str:
    return f"tel:{national}" if national in SHORT else f"tel:+31{national}"


def written(national: int) -> str:
    """How an editor writes the number (0800 2000 style, or 112)."""
    if national in SHORT:
        return str(national)
    parsed = phonenumbers.PhoneNumber(country_code=31, national_number=national)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


class Content(HTMLParser):
    """The page content (<article>): tel links with their ancestors, and the text outside links,
    headings and code, one string per text node."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.in_article = 0
        self.links: list[tuple[str, str, list[str]]] = []  # (href, text, ancestor tags)
        self.free_text: list[str] = []
        self._link: list | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "article":
            self.in_article += 1
        if tag in VOID:
            return
        if tag == "a" and a.get("href", "").startswith("tel:") and self.in_article:
            self._link = [a["href"], "", [t for t, _ in self.stack]]
        self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            top, _ = self.stack.pop()
            if top == "a" and self._link is not None:
                self.links.append(tuple(self._link))
                self._link = None
            if top == tag:
                break
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        elif self.in_article and not any(t in NO_LINK_INSIDE for t, _ in self.stack):
            self.free_text.append(data)


def parse(html: str) -> Content:
    c = Content()
    c.feed(html)
    return c


def unlinked_numbers(text: str) -> list[str]:
    """Allowlisted numbers in a text node, found the way the personal-data check finds numbers
    (phonenumbers' matcher), and short numbers as a whole word not after 'art.'/'artikel'/'lid'."""
    found = [m.raw_string for m in phonenumbers.PhoneNumberMatcher(text, "NL")
             if m.number.national_number in ALLOW.numbers]
    for n in SHORT:
        for m in re.finditer(rf"(?<![\w.,/+\-–]){n}(?![\w]|[-.,/]\w|\s\d)", text):
            if not re.search(r"(?:\bart\.?|\bartikel|\blid|\bnr\.?|§)\s*$", text[:m.start()], re.I):
                found.append(m.group(0))
    return found


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


# ---- The built site ------------------------------------------------------------------------


def test_allowlist_is_read_and_has_numbers():
    assert ALLOW.numbers, "config/toegestane-nummers.txt levert geen nummers op"


def test_step_is_in_the_build():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "kennisbank" in config["plugins"]  # every step, the order of scripts/build/plugin.py
    assert plugin.STEPS["phone"] is phone_links.TapToCall
    assert any("phone" in slot.steps for slot in plugin.ORDER["page_content"])


def test_every_allowlisted_number_on_a_page_is_a_tel_link(built_site):
    problems, linked = [], 0
    for html_file in pages(built_site):
        content = parse(html_file.read_text(encoding="utf-8"))
        where = html_file.parent.relative_to(built_site).as_posix()
        for text in content.free_text:
            for number in unlinked_numbers(text):
                problems.append(f"/{where}: '{number}' staat er zonder tel:-link ({text.strip()[:80]!r})")
        for href, text, ancestors in content.links:
            linked += 1
            national = phonenumbers.parse(text, "NL").national_number
            if national not in ALLOW.numbers:
                problems.append(f"/{where}: tel:-link voor '{text}', dat niet op de lijst staat")
            elif href != expected_href(national):
                problems.append(f"/{where}: '{text}' linkt naar {href}, verwacht {expected_href(national)}")
            bad = sorted(set(ancestors) & NO_LINK_INSIDE)
            if bad:
                problems.append(f"/{where}: tel:-link '{text}' binnen <{bad[0]}>")
    assert linked, "geen enkele tel:-link in de gebouwde site"
    assert problems == [], "\n".join(problems)


def test_no_tel_link_in_attributes_or_outside_the_content(built_site):
    for html_file in pages(built_site):
        html = html_file.read_text(encoding="utf-8")
        assert not re.search(r'="[^"]*<a class="tel"', html), html_file
        outside = re.sub(r"<article\b.*?</article>", "", html, flags=re.S)
        assert 'href="tel:' not in outside, f"{html_file}: tel:-link buiten de pagina-inhoud"


# ---- A planted page, built with the step --------------------------------------------------


def not_allowed_number() -> str:
    for candidate in range(201234567, 201234667):  # 020 numbers, made up; first one not on the list
        if candidate not in ALLOW.numbers:
            return "0" + str(candidate)
    raise AssertionError("geen vrij nummer gevonden")


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    project = tmp_path_factory.mktemp("tel")
    (project / "config").mkdir()
    shutil.copy(ROOT / "config" / personal_data.NUMBERS_FILE, project / "config" / personal_data.NUMBERS_FILE)
    (project / "docs").mkdir()
    numbers = sorted(ALLOW.numbers)
    lines = ["# Bellen", ""]
    for n in numbers:
        lines += [f"Bel **{written(n)}** als het nodig is.", "",
                  f"## Kop met {written(n)}", "", f"Code: `{written(n)}` en [{written(n)}](https://example.org/).", ""]
    lines += ["| Wie | Nummer |", "| --- | --- |"] + [f"| partner | {written(n)} |" for n in numbers]
    lines += ["", f"Geen nummer van de lijst: {not_allowed_number()}.", "", "Wetsartikel: art. 112 Sr.", ""]
    (project / "docs" / "index.md").write_text("\n".join(lines), encoding="utf-8")
    (project / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "tel-test", "use_directory_urls": True,
        "plugins": [{"kennisbank": {"steps": ["phone"]}}],
        "markdown_extensions": ["tables"],
    }), encoding="utf-8")
    run = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    return (project / "site" / "index.html").read_text(encoding="utf-8"), numbers


def test_planted_page_gets_its_links(planted):
    html, numbers = planted
    body = html[html.index("<h1"):]
    content = parse(f"<article>{body}</article>")
    hrefs = [href for href, _text, _anc in content.links]
    for n in numbers:
        # once in the paragraph, once in the table; not in the heading, the code or the link
        assert hrefs.count(expected_href(n)) == 2, (n, hrefs)
    assert all(not set(anc) & NO_LINK_INSIDE for _h, _t, anc in content.links)
    assert not_allowed_number() in body and f'>{not_allowed_number()}<' not in body
    assert "art. 112 Sr" in body or not SHORT


# ---- The rules, on small pieces of HTML ----------------------------------------------------


@pytest.fixture(scope="module")
def linker():
    return phone_links.linker(ROOT / "config")


def test_text_nodes_only(linker):
    n = min(ALLOW.numbers - SHORT) if ALLOW.numbers - SHORT else min(ALLOW.numbers)
    w = written(n)
    html = (f'<p title="{w}">Bel {w}.</p><h3>{w}</h3><pre><code>{w}</code></pre>'
            f'<a href="x">{w}</a><script>var x = "{w}";</script><!-- {w} --><label>{w}</label>')
    out = linker.link_html(html)
    assert out.count('href="tel:') == 1
    assert f'<p title="{w}">Bel <a class="tel" href="{expected_href(n)}">{w}</a>.</p>' in out
    assert out.replace(f'<a class="tel" href="{expected_href(n)}">{w}</a>', w) == html


def test_separators_and_neighbours(linker):
    long_numbers = sorted(ALLOW.numbers - SHORT)
    if not long_numbers:
        pytest.skip("geen lang nummer op de lijst")
    n = long_numbers[0]
    digits = "0" + str(n)
    for shown in (digits, digits[:4] + "-" + digits[4:], digits[:4] + "&nbsp;" + digits[4:], "+31 " + digits[1:]):
        assert f'href="{expected_href(n)}">{shown}</a>' in linker.link_html(f"<p>({shown})</p>"), shown
    # more digits right after it: a different number, not linked
    assert "tel:" not in linker.link_html(f"<p>{digits}7</p>")
    assert "tel:" not in linker.link_html(f"<p>{digits} 12</p>")


def test_short_number_is_not_an_article_number(linker):
    if not SHORT:
        pytest.skip("geen kort nummer op de lijst")
    n = min(SHORT)
    assert linker.link_html(f"<p>art. {n} Sr en artikel {n}</p>") == f"<p>art. {n} Sr en artikel {n}</p>"
    assert f'href="tel:{n}"' in linker.link_html(f"<p>Bel {n}.</p>")
    assert "tel:" not in linker.link_html(f"<p>{n}1 en 1{n}</p>")


def test_number_off_the_list_is_not_linked(linker):
    assert "tel:" not in linker.link_html(f"<p>Bel {not_allowed_number()}.</p>")


def test_step_does_not_read_the_allowlist_itself():
    source = (ROOT / "scripts" / "build" / "phone_links.py").read_text(encoding="utf-8")
    code = source.split('"""', 2)[2]
    assert "toegestane-nummers" not in code and "NUMBERS_FILE" not in code, "de stap leest de lijst niet zelf"
    assert "open(" not in code and "read_text" not in code


# ---- Target size on a phone ----------------------------------------------------------------


def test_printed_cards_show_the_number_without_an_address(browser, built_site, site_url):
    """On paper (print media) a tel link is the number itself: no href printed after it."""
    cards = [p for p in pages(built_site) if 'class="stapkaart"' in p.read_text(encoding="utf-8")
             and 'class="tel"' in p.read_text(encoding="utf-8")]
    assert cards, "geen stapkaart met een tel:-link gevonden"
    context = browser.new_context()
    page = context.new_page()
    try:
        for html_file in cards:
            page.goto(site_url + html_file.parent.relative_to(built_site).as_posix() + "/", wait_until="load")
            page.emulate_media(media="print")
            shown = page.evaluate("""() => [...document.querySelectorAll('.stapkaart a[href^="tel:"]')].map(a => ({
                text: a.innerText, after: getComputedStyle(a, '::after').content}))""")
            assert shown, html_file
            for link in shown:
                assert link["text"].strip() and link["after"] in ("none", "normal", ""), (html_file, link)
    finally:
        context.close()
