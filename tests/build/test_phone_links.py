"""Tap to call (scripts/build/phone_links.py, run by the output pass scripts/build/output_pass.py): every number on the
allowlist (config/toegestane-nummers.txt, read by the phone rule scripts/model/phones.py) is a tel: link where
it appears in a page's content; never inside a heading, code or an existing link; the href is a valid
RFC 3966 URI that calls the number (judged by tests/phone_fixtures.py, without the model): E.164 for a
number that can be called from abroad, a local number with phone-context=+31 for one that cannot (14 070),
tel:112; a number off the allowlist, or a mobile number, stays text.

The real site is swept for the rule only (whatever numbers it holds); the planted page and the pieces of
HTML use the fixture numbers of tests/phone_fixtures.py. That every visible tel: link is big enough to
tap at 320 px (WCAG 2.5.8) is measured in the accessibility sweep of every page,
tests/content/test_accessibility.py.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import phone_fixtures as fx
from scripts.model import personal_data, phones
from scripts.build import output_pass
from scripts.build import phone_links
from scripts.build import plugin
from conftest import ROOT, mkdocs_build

ALLOW = personal_data.Allowlist.load(ROOT / "config")
NO_LINK_INSIDE = {"a", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label",
                  "summary", "script", "style", "textarea", "title", "option", "select", "svg", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def href_of(written: str) -> str:
    """The href the build gives a number (the model's), checked against the RFC on its own."""
    phone = phones.parse(written)
    assert phone is not None, written
    problem = fx.tel_problem(phone.href, phone.national)
    assert problem is None, problem
    return phone.href


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


def unlinked_numbers(text: str, allow: personal_data.Allowlist) -> list[str]:
    """Allowed numbers in a text node, found the way the personal-data check finds numbers (the phone
    rule's finder, with the allowlist's short numbers such as 112)."""
    return [f.raw for f in phones.find(text, allow.numbers)
            if allow.phones.allows(f.phone) and not phones.written_problem(f)]


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


# ---- The built site ------------------------------------------------------------------------


def test_allowlist_is_read_with_every_kind_of_number(tmp_path):
    allow = personal_data.Allowlist.load(fx.write_config(tmp_path / "config"))
    assert allow.phones.problems == []
    assert allow.numbers == {national for _w, national, _a in fx.NUMBERS}
    assert [f.raw for f in phones.find("Bel 14 070 of 088 123 4567.")] == ["14 070", "088 123 4567"]


def test_step_is_in_the_build():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "kennisbank" in config["plugins"]  # every step, the order of scripts/build/plugin.py
    assert plugin.STEPS["output_pass"] is output_pass.OutputPass
    assert any("output_pass" in slot.steps for slot in plugin.ORDER["post_build"])


def test_every_allowlisted_number_on_a_page_is_a_tel_link(built_site):
    problems, linked = [], 0
    for html_file in pages(built_site):
        content = parse(html_file.read_text(encoding="utf-8"))
        where = html_file.parent.relative_to(built_site).as_posix()
        for text in content.free_text:
            for number in unlinked_numbers(text, ALLOW):
                problems.append(f"/{where}: '{number}' staat er zonder tel:-link ({text.strip()[:80]!r})")
        for href, text, ancestors in content.links:
            linked += 1
            phone = phones.parse(text)
            if phone is None or not ALLOW.phones.allows(phone):
                problems.append(f"/{where}: tel:-link voor '{text}', dat niet op de lijst staat")
            elif problem := fx.tel_problem(href, phone.national):
                problems.append(f"/{where}: '{text}': {problem}")
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


# ---- A planted page, built with the step (fixture numbers) -------------------------------


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    project = tmp_path_factory.mktemp("tel")
    fx.write_config(project / "config")
    (project / "docs").mkdir()
    lines = ["# Bellen (testpagina met verzonnen nummers)", ""]
    for written, _n, _abroad in fx.NUMBERS:
        lines += [f"Bel **{written}** als het nodig is.", "",
                  f"## Kop met {written}", "", f"Code: `{written}` en [{written}](https://example.org/).", ""]
    lines += ["| Wie | Nummer |", "| --- | --- |"] + [f"| partner | {w} |" for w, _n, _a in fx.NUMBERS]
    lines += ["", f"Geen nummer van de lijst: {fx.OFF_THE_LIST}.", "", f"Een mobiel nummer: {fx.MOBILE}.", "",
              f"Verkeerd geschreven: +31 {fx.MUNICIPAL[0]}.", "", "Wetsartikel: art. 112 Sr.", ""]
    (project / "docs" / "index.md").write_text("\n".join(lines), encoding="utf-8")
    (project / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "tel-test", "use_directory_urls": True,
        "plugins": [{"kennisbank": {"steps": ["output_pass"]}}],
        "markdown_extensions": ["tables"],
    }), encoding="utf-8")
    run = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    return (project / "site" / "index.html").read_text(encoding="utf-8")


def test_planted_page_gets_its_links(planted):
    body = planted[planted.index("<h1"):]
    content = parse(f"<article>{body}</article>")
    hrefs = [href for href, _text, _anc in content.links]
    for written, _n, _abroad in fx.NUMBERS:
        # once in the paragraph, once in the table; not in the heading, the code or the link
        assert hrefs.count(href_of(written)) == 2, (written, hrefs)
    assert all(not set(anc) & NO_LINK_INSIDE for _h, _t, anc in content.links)
    for text in (fx.OFF_THE_LIST, fx.MOBILE, f"+31 {fx.MUNICIPAL[0]}", "art. 112 Sr"):
        assert text in body and f">{text}<" not in body, text
    assert len(hrefs) == 2 * len(fx.NUMBERS), hrefs


def test_planted_numbers_that_work_only_in_the_netherlands_have_a_phone_context(planted):
    """14 + area code: a local number with its context, never the undiallable +3114070."""
    for written, national, _abroad in (fx.MUNICIPAL, fx.MUNICIPAL_LONG):
        assert f'href="tel:{national};phone-context=+31">{written}</a>' in planted
        assert f"tel:+31{national}" not in planted
    written, national, _abroad = fx.COMPANY
    assert f'href="tel:+31{national}">{written}</a>' in planted


# ---- The rules, on small pieces of HTML (fixture numbers) ------------------------------------


@pytest.fixture(scope="module")
def linker(tmp_path_factory):
    return phone_links.linker(fx.write_config(tmp_path_factory.mktemp("tel-config") / "config"))


@pytest.mark.parametrize("number", [fx.GEOGRAPHIC, fx.MUNICIPAL], ids=["070", "14-0xx"])
def test_text_nodes_only(linker, number):
    w = number[0]
    html = (f'<p title="{w}">Bel {w}.</p><h3>{w}</h3><pre><code>{w}</code></pre>'
            f'<a href="x">{w}</a><script>var x = "{w}";</script><!-- {w} --><label>{w}</label>')
    out = linker.link_html(html)
    assert out.count('href="tel:') == 1
    assert f'<p title="{w}">Bel <a class="tel" href="{href_of(w)}">{w}</a>.</p>' in out
    assert out.replace(f'<a class="tel" href="{href_of(w)}">{w}</a>', w) == html


def test_separators_and_neighbours(linker):
    digits = "0" + str(fx.GEOGRAPHIC[1])
    href = href_of(digits)
    for shown in (digits, digits[:3] + "-" + digits[3:], digits[:3] + "&nbsp;" + digits[3:], "+31 " + digits[1:],
                  "+31 (0)" + digits[1:], "0031 " + digits[1:]):
        assert f'href="{href}">{shown}</a>' in linker.link_html(f"<p>({shown})</p>"), shown
    # more digits right after it: a different number, not linked
    assert "tel:" not in linker.link_html(f"<p>{digits}7</p>")
    assert "tel:" not in linker.link_html(f"<p>{digits} 12</p>")


def test_number_without_trunk_zero_is_linked_only_as_dialled_in_the_netherlands(linker):
    written, national, _abroad = fx.MUNICIPAL
    for shown in (written, str(national), written.replace(" ", "&nbsp;")):
        assert f'href="{href_of(written)}">{shown}</a>' in linker.link_html(f"<p>Bel {shown}.</p>"), shown
    for wrong in (f"+31 {written}", f"0031 {national}", f"0{national}"):
        assert "tel:" not in linker.link_html(f"<p>Bel {wrong}.</p>"), wrong


def test_short_number_is_not_an_article_number(linker):
    for written, national, _abroad in (fx.ALARM, fx.HARMONISED):
        n = str(national)
        assert linker.link_html(f"<p>art. {n} Sr en artikel {n}</p>") == f"<p>art. {n} Sr en artikel {n}</p>"
        assert f'href="{href_of(written)}"' in linker.link_html(f"<p>Bel {written}.</p>")
        assert "tel:" not in linker.link_html(f"<p>{n}1 en 1{n}</p>")


def test_number_off_the_list_or_mobile_is_not_linked(linker, tmp_path):
    assert "tel:" not in linker.link_html(f"<p>Bel {fx.OFF_THE_LIST}.</p>")
    # A mobile number is not linked even when someone puts it on the list (the check reports that line).
    config = fx.write_config(tmp_path / "config")
    with open(config / personal_data.NUMBERS_FILE, "a", encoding="utf-8") as f:
        f.write(f"{fx.MOBILE}  # iemand — bron: https://example.org/\n")
    assert "tel:" not in phone_links.linker(config).link_html(f"<p>Bel {fx.MOBILE}.</p>")


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
