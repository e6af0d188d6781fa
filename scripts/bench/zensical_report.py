"""Which features of the site work in the Zensical build (issue 34), checked in Chromium.

`make zensical-rapport` builds the site with Zensical (`make zensical`: site-zensical/), serves it on
127.0.0.1 and checks each feature the way a reader uses it, with Playwright and Debian's Chromium (the
helpers of the browser tests: scripts/bench/browser.py). What a check looks for comes from the models
(banks, pages, phone numbers, review dates, change notes, search questions, templates), never from a
fixed page or count. It writes a table, feature -> werkt / werkt niet / niet te toetsen and why, as
Markdown and JSON:

    python -m scripts.bench.zensical_report --site site-zensical [--log build/zensical] [--out zensical-rapport]

The site is served under the path of its published address (e.g. /kennisbank/), as GitLab Pages
serves it. The offline zip (downloads/kennisbank-offline.zip, the second Zensical build of
mkdocs-offline.yml) is judged as a reader uses it: unpacked, opened from file://. It reports; it does not fail on a feature that does not work (exit 1 only when the site is missing or the
browser cannot start). The GitLab job `zensical` keeps both files as its artifacts.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scripts.bench.browser import CHROMIUM, CHROMIUM_ARGS, serve_dir
from scripts.model import content_model, git_dates, project, quiz_model, quiz_order

WORKS, BROKEN, UNTESTED = "werkt", "werkt niet", "niet te toetsen"
QUIZ = "div.quiz[id^='quiz-']"
PROGRESS_PREFIX = "quiz_progress_"  # mkdocs-quiz's localStorage keys (docs/assets/voortgang.js reads them)
NOTICE = ".controle-verlopen"
CHANGES = ".pagina-wijzigingen li"

@dataclass
class Row:
    feature: str
    status: str
    why: str
    measured: dict | None = None


def page_with(marker: str, docs: Path) -> str | None:
    """The docs path of the first page whose source holds ``marker`` (as the browser tests find theirs)."""
    for path in sorted(docs.rglob("*.md")):
        if marker in path.read_text(encoding="utf-8"):
            return path.relative_to(docs).as_posix()
    return None


def _errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


class Report:
    def __init__(self, site: Path, url: str, browser, log: Path | None, root: Path):
        self.site, self.url, self.browser, self.log, self.root = site, url, browser, log, root
        self.docs = root / "docs"
        banks, problems = quiz_model.load_banks(root)
        self.banks = quiz_order.in_module_order(banks) if not problems else []

    def new_page(self, day: dt.date | None = None, **options):
        context = self.browser.new_context(**options)
        page = context.new_page()
        if day is not None:
            page.clock.set_fixed_time(dt.datetime.combine(day, dt.time(12, 0)))
        return page

    def downloads_log(self, kind: str) -> str:
        """Why scripts/exports/all.py could not make a kind, from its log (make zensical)."""
        log = self.log / "downloads.log" if self.log else None
        if not log or not log.is_file():
            return ""
        for line in log.read_text(encoding="utf-8").splitlines():
            if line.startswith(f"{kind}: niet gemaakt:"):
                return line.split(":", 2)[2].strip()
        return ""

    # --- the features ------------------------------------------------------------------------------

    def quizzes(self) -> Row:
        name = "toetsen en voortgang"
        if not self.banks:
            return Row(name, UNTESTED, "de vragenbanken kloppen niet (make check)")
        bank = self.banks[0]
        page = self.new_page()
        errors = _errors(page)
        page.goto(self.url + content_model.page_url(bank.page))
        quizzes = page.locator(QUIZ)
        shown = quizzes.count()
        measured = {"module": bank.name, "vragen_in_bank": len(bank.questions), "vragen_op_pagina": shown}
        if shown == 0:
            comment = "<!-- toets:" in page.content()
            page.context.close()
            return Row(name, BROKEN, f"geen toets op docs/{bank.page} ({len(bank.questions)} vragen in de bank)"
                       + ("; de markering <!-- toets: ... --> staat er nog als commentaar" if comment else ""), measured)
        quiz = quizzes.nth(0)
        blank = quiz.locator("input.quiz-blank-input")
        if blank.count():
            blank.fill(blank.get_attribute("data-answer") or "")
        else:
            for option in quiz.locator('input[name="answer"][data-correct="true"]').all():
                option.check()
        quiz.locator('button[type="submit"]').click()
        page.reload()
        kept = page.locator(QUIZ).nth(0).locator(".quiz-feedback-item.correct").count() > 0
        keys = page.evaluate(f"() => Object.keys(localStorage).filter(k => k.startsWith('{PROGRESS_PREFIX}'))")
        progress_path = page_with('id="voortgang-overzicht"', self.docs)
        status = None
        if progress_path:
            page.goto(self.url + content_model.page_url(progress_path))
            row = page.locator(f"tr[data-module='{bank.name}']")
            status = row.get_attribute("data-status") if row.count() else None
        page.context.close()
        measured.update(bewaard_na_herladen=kept, sleutels=len(keys), voortgangspagina=status, fouten=errors)
        if shown == len(bank.questions) and kept and keys and status not in (None, "niet-begonnen") and not errors:
            return Row(name, WORKS, f"{shown} vragen op de pagina; een antwoord blijft na herladen bewaard en de "
                                    f"voortgangspagina toont de module als '{status}'", measured)
        return Row(name, BROKEN, f"{shown} van {len(bank.questions)} vragen; bewaard na herladen: {kept}; "
                                 f"voortgang: {status}; fouten: {errors[:2]}", measured)

    def social_map(self) -> Row:
        name = "sociale kaart"
        src = page_with("<!-- tabel: sociale-kaart", self.docs)
        if src is None:
            return Row(name, UNTESTED, "geen pagina met <!-- tabel: sociale-kaart -->")
        measured = {}
        for label, viewport in (("breed", {"width": 1280, "height": 900}), ("telefoon", {"width": 390, "height": 844})):
            page = self.new_page(viewport=viewport)
            page.goto(self.url + content_model.page_url(src))
            measured[label] = page.evaluate("""() => ({
              rijen: document.querySelectorAll('.sk-groep tbody tr').length,
              kaarten: [...document.querySelectorAll('.sk-groep tbody tr')]
                         .filter(tr => getComputedStyle(tr).display === 'block').length,
              kop_zichtbaar: [...document.querySelectorAll('.sk-groep thead')].some(h => h.offsetParent !== null),
              commentaar: document.documentElement.innerHTML.includes('<!-- tabel: sociale-kaart')})""")
            page.context.close()
        wide, phone = measured["breed"], measured["telefoon"]
        if wide["rijen"] and wide["kop_zichtbaar"] and not wide["kaarten"] and phone["kaarten"] == phone["rijen"] > 0:
            return Row(name, WORKS, f"{wide['rijen']} routes: een tabel op een breed scherm, kaarten op een telefoon",
                       measured)
        why = ("de tabel ontbreekt; de markering staat er nog als commentaar" if wide["commentaar"] and not wide["rijen"]
               else f"{wide['rijen']} routes; tabelkop op een breed scherm: {wide['kop_zichtbaar']}; "
                    f"kaarten op een telefoon: {phone['kaarten']}")
        return Row(name, BROKEN, f"docs/{src}: {why}", measured)

    def tel_links(self) -> Row:
        import lxml.html

        from scripts.build.phone_links import SKIP_TAGS
        from scripts.model import personal_data, phones

        name = "tel:-links"
        # Where the build links no number (phone_links.SKIP_TAGS): a number there is not missing its link.
        no_link_inside = " or ".join(f"ancestor::{tag}" for tag in sorted(SKIP_TAGS))
        allow = personal_data.Allowlist.load(self.root / "config")
        linked, unlinked, best = 0, [], (0, None)
        for html_file in sorted(self.site.rglob("index.html")):
            tree = lxml.html.fromstring(html_file.read_bytes())
            articles = tree.xpath("//article")
            if not articles:
                continue
            article = articles[0]
            links = len(article.xpath(".//a[starts-with(@href, 'tel:')]"))
            linked += links
            if links > best[0]:
                best = (links, html_file.parent.relative_to(self.site).as_posix())
            for text in article.xpath(f".//text()[not({no_link_inside})]"):
                for found in phones.find(str(text), allow.numbers):
                    if allow.phones.allows(found.phone) and not phones.written_problem(found):
                        unlinked.append(f"/{html_file.parent.relative_to(self.site).as_posix()}/: {found.raw}")
        measured = {"tel_links": linked, "nummers_zonder_link": len(unlinked), "voorbeelden": unlinked[:5]}
        if best[1] is not None:
            page = self.new_page(viewport={"width": 390, "height": 844})
            page.goto(self.url + best[1] + "/")
            measured["zichtbaar_op_" + best[1]] = page.locator("article a[href^='tel:']").count()
            page.context.close()
        if linked and not unlinked:
            return Row(name, WORKS, f"{linked} tel:-links; geen nummer van de lijst zonder link", measured)
        return Row(name, BROKEN, f"{linked} tel:-links, {len(unlinked)} nummers van de lijst zonder link "
                                 f"(bijvoorbeeld {', '.join(unlinked[:2])})", measured)

    def ageing(self) -> Row:
        name = "veroudering (melding na de controledatum)"
        pages = [p for p in content_model.iter_pages(self.docs) if not p.problems and p.is_legal and p.review_due()]
        if not pages:
            return Row(name, UNTESTED, "geen juridische pagina zonder fouten in de front matter")
        chosen = max(pages, key=lambda p: p.review_due())
        due = chosen.review_due()
        shown = {}
        for label, day in (("op_de_datum", due), ("dag_erna", due + dt.timedelta(days=1))):
            page = self.new_page(day=day)
            page.goto(self.url + content_model.page_url(chosen.path))
            notice = page.locator(NOTICE)
            shown[label] = notice.count() > 0 and notice.first.is_visible()
            shown[label + "_attribuut"] = notice.first.get_attribute("data-controle-voor") if notice.count() else None
            page.context.close()
        measured = {"pagina": chosen.path, "controle_voor": due.isoformat(), **shown}
        if not shown["op_de_datum"] and shown["dag_erna"]:
            return Row(name, WORKS, f"docs/{chosen.path}: geen melding op {due.isoformat()}, wel de dag erna", measured)
        attribute = shown["op_de_datum_attribuut"]
        why = ("de melding ontbreekt" if attribute is None and not shown["dag_erna"]
               else f"data-controle-voor is '{attribute}' (de build zet de datum niet); de melding staat "
                    f"{'ook al op de datum zelf' if shown['op_de_datum'] else 'de dag erna niet'} aan")
        return Row(name, BROKEN, f"docs/{chosen.path}: {why}", measured)

    def change_notes(self) -> Row:
        name = "wijzigingen voor lezers"
        changes = git_dates.history(self.root)
        with_notes = sorted(path for path, listed in changes.items()
                            if listed and path.startswith("docs/") and path.endswith(".md")
                            and (self.root / path).is_file() and "/posts/" not in path)
        if not with_notes:
            return Row(name, UNTESTED, "geen pagina met een commit met 'Wijziging:' in de geschiedenis (ondiepe kopie?)")
        rel = with_notes[0][len("docs/"):]
        page = self.new_page()
        page.goto(self.url + content_model.page_url(rel))
        count = page.locator(CHANGES).count()
        page.context.close()
        measured = {"paginas_met_wijzigingen": len(with_notes), "pagina": rel, "getoond": count}
        if count:
            return Row(name, WORKS, f"docs/{rel}: {count} wijzigingen onder de pagina", measured)
        return Row(name, BROKEN, f"docs/{rel} heeft {len(changes['docs/' + rel])} wijzigingen voor lezers in git, de "
                                 "pagina toont er geen", measured)

    def search(self) -> Row:
        from scripts.bench import search_bench

        name = "zoeken"
        path = self.root / search_bench.QUERIES
        queries = search_bench.load_queries(path, group="vragen") or search_bench.load_queries(path)
        page = self.new_page()
        run = search_bench.browser_results(page, self.url, [q.text for q in queries])
        page.context.close()
        if run["errors"] or len(run["pages"]) != len(queries):
            return Row(name, BROKEN, f"de zoekfunctie in de kop geeft geen resultaten: {run['errors'][:1]}",
                       {"fouten": run["errors"][:3]})
        figures = search_bench.evaluate(search_bench.Recorded(queries, run["pages"]), queries)
        measured = {"vragen": figures["queries"], "mrr": figures["mrr"], "top5": figures["top5"]}
        if figures["mrr"] > 0:
            return Row(name, WORKS, f"{figures['queries']} zoekvragen: MRR {figures['mrr']}, top 5 {figures['top5']}",
                       measured)
        return Row(name, BROKEN, "de zoekfunctie vindt niets", measured)

    def step_cards(self) -> Row:
        from scripts.build.print_builds import CARDS_DIR

        name = "stapkaarten"
        cards = [p.relative_to(self.docs).as_posix() for p in sorted((self.docs / CARDS_DIR).glob("*.md"))
                 if 'class="stapkaart"' in p.read_text(encoding="utf-8")]
        if not cards:
            return Row(name, UNTESTED, f"geen stapkaart in docs/{CARDS_DIR}")
        shown, printed = 0, 0
        for rel in cards:
            page = self.new_page()
            page.goto(self.url + content_model.page_url(rel))
            card = page.locator("div.stapkaart")
            shown += card.count() > 0 and card.first.is_visible()
            page.emulate_media(media="print")
            printed += card.count() > 0 and card.first.is_visible() and not page.locator("h1").first.is_visible()
            page.context.close()
        measured = {"kaarten": len(cards), "op_scherm": shown, "geprint_alleen_de_kaart": printed}
        if shown == len(cards) and printed == len(cards):
            return Row(name, WORKS, f"{len(cards)} kaarten op het scherm; geprint staat alleen de kaart op papier",
                       measured)
        return Row(name, BROKEN, f"{shown} van {len(cards)} kaarten op het scherm, {printed} printen alleen de kaart",
                   measured)

    def word_files(self) -> Row:
        import docx

        from scripts.exports import templates_docx

        name = "Word-bestanden (sjablonen)"
        pages = templates_docx.template_pages(self.docs)
        opened, linked, missing = 0, 0, []
        page = self.new_page()
        for src in pages:
            rel = src.relative_to(self.docs).as_posix()
            path = self.site / templates_docx.download_rel_path(rel)
            if not path.is_file():
                missing.append(rel)
                continue
            document = docx.Document(io.BytesIO(path.read_bytes()))
            opened += sum(1 for p in document.paragraphs if p.text.strip()) > 0
            page.goto(self.url + content_model.page_url(rel))
            button = page.locator("p.sjabloon-download a[href]")
            if button.count():
                response = page.request.get(urljoin(page.url, button.first.get_attribute("href")))
                linked += response.ok and response.body()[:2] == b"PK"
        page.context.close()
        measured = {"sjablonen": len(pages), "geopend": opened, "knop_werkt": linked}
        if pages and opened == len(pages) and linked == len(pages):
            return Row(name, WORKS, f"{opened} Word-bestanden openen (python-docx), elke pagina heeft een werkende "
                                    "downloadknop", measured)
        why = self.downloads_log("word")
        return Row(name, BROKEN, f"{opened} van {len(pages)} openen, {linked} knoppen werken"
                   + (f"; ontbreekt: {', '.join(missing[:3])}" if missing else "") + (f"; {why}" if why else ""),
                   measured)

    def lms_files(self) -> tuple[Row, Row]:
        import lxml.etree

        from scripts.exports import quiz_export, scorm_export

        folder = self.site / quiz_export.EXPORT_DIR
        expected = [f"{quiz_export.ALL_NAME}.moodle.xml", f"{quiz_export.ALL_NAME}.gift.txt"]
        for bank in self.banks:
            expected += [f"{bank.name}.moodle.xml", f"{bank.name}.gift.txt"]
        qti = [f"{stem}.{version}.zip" for stem in [quiz_export.ALL_NAME, *(b.name for b in self.banks)]
               for version in ("qti12", "qti21")]
        scorm = scorm_export.export_names(self.banks)
        links = self._export_links()

        def check(names: list[str]) -> tuple[int, list[str]]:
            good, bad = 0, []
            for file_name in names:
                path = folder / file_name
                try:
                    if file_name.endswith(".zip"):
                        with zipfile.ZipFile(path) as archive:
                            ok = archive.testzip() is None and any(n.endswith(".xml") for n in archive.namelist())
                    elif file_name.endswith(".xml"):
                        ok = lxml.etree.parse(str(path)).getroot() is not None
                    else:
                        ok = "::" in path.read_text(encoding="utf-8")
                except (OSError, zipfile.BadZipFile, lxml.etree.XMLSyntaxError):
                    ok = False
                good += ok
                if not ok:
                    bad.append(file_name)
            return good, bad

        rows = []
        for label, names, kind in (("LMS-bestanden (Moodle XML, GIFT, QTI)", expected + qti, "lms"),
                                   ("SCORM-pakketten", scorm, "scorm")):
            good, bad = check(names)
            broken_links = [href for href in links.get("kapot", []) if any(href.endswith(n) for n in names)]
            measured = {"bestanden": len(names), "in_orde": good, "links_kapot": broken_links}
            if good == len(names) and not broken_links:
                rows.append(Row(label, WORKS, f"{good} bestanden, elk geldig (zip, XML of GIFT); de links ernaar werken",
                                measured))
            else:
                why = self.downloads_log(kind)
                rows.append(Row(label, BROKEN, f"{good} van {len(names)} in orde"
                                + (f"; niet gemaakt: {why}" if why else f"; ontbreekt of kapot: {', '.join(bad[:3])}"),
                                measured))
        return rows[0], rows[1]

    def _export_links(self) -> dict:
        """Every link into the exports folder from a built page, and which of them lead nowhere."""
        import lxml.html

        from scripts.exports import quiz_export

        broken, count = [], 0
        for html_file in sorted(self.site.rglob("index.html")):
            tree = lxml.html.fromstring(html_file.read_bytes())
            for href in tree.xpath("//article//a/@href"):
                if quiz_export.EXPORT_DIR.rsplit("/", 1)[-1] + "/" not in href or "://" in href:
                    continue
                count += 1
                target = (html_file.parent / href.split("#")[0]).resolve()
                if not target.is_file():
                    broken.append(href)
        return {"links": count, "kapot": broken}

    def links(self) -> Row:
        """Every relative link and script or stylesheet of the pages' content leads to a file of the site,
        resolved as the browser does, without going above the site's folder (on the published address,
        under /<project>/, such a link would leave the site)."""
        import posixpath

        import lxml.html

        name = "links en scripts in de pagina's"
        checked, broken = 0, []
        for html_file in sorted(self.site.rglob("index.html")):
            page_dir = html_file.parent.relative_to(self.site).as_posix()
            page_dir = "" if page_dir == "." else page_dir
            tree = lxml.html.fromstring(html_file.read_bytes())
            for element, attribute in (("a", "href"), ("script", "src"), ("link", "href"), ("img", "src")):
                for value in tree.xpath(f"//article//{element}/@{attribute}"):
                    target = value.split("#")[0].split("?")[0]
                    if not target or "://" in target or target.startswith(("mailto:", "tel:", "data:", "//", "/")):
                        continue
                    checked += 1
                    joined = posixpath.normpath(posixpath.join(page_dir, target))
                    path = self.site / joined
                    if joined.startswith("..") or not (path.is_file() or (path / "index.html").is_file()):
                        broken.append(f"/{page_dir}/: {value}")
        measured = {"gecontroleerd": checked, "kapot": len(broken), "voorbeelden": broken[:5]}
        if checked and not broken:
            return Row(name, WORKS, f"{checked} relatieve links en bestanden in de inhoud, alle in de site", measured)
        return Row(name, BROKEN, f"{len(broken)} van {checked} leiden niet naar een bestand van de site (bijvoorbeeld "
                                 f"{', '.join(broken[:2])})", measured)

    def pdfs(self) -> tuple[Row, Row]:
        from pypdf import PdfReader

        from scripts.build.print_builds import CARDS_DIR, DOWNLOADS, pdf_path

        cards = [p.relative_to(self.docs).as_posix() for p in sorted((self.docs / CARDS_DIR).glob("*.md"))
                 if 'class="stapkaart"' in p.read_text(encoding="utf-8")]
        one_page = 0
        for rel in cards:
            path = self.site / pdf_path(rel)
            if path.is_file() and len(PdfReader(str(path)).pages) == 1:
                one_page += 1
        linked = 0
        index = self.site / content_model.page_url(CARDS_DIR + "index.md") / "index.html"
        if index.is_file():
            html = index.read_text(encoding="utf-8")
            linked = sum(Path(pdf_path(rel)).name in html for rel in cards)
        measured = {"kaarten": len(cards), "pdf_een_a4": one_page, "gelinkt_op_het_overzicht": linked}
        if cards and one_page == len(cards) and linked == len(cards):
            card_row = Row("pdf's van de stapkaarten", WORKS, f"{one_page} pdf's van één A4, gelinkt", measured)
        elif cards and one_page == len(cards):
            card_row = Row("pdf's van de stapkaarten", BROKEN,
                           f"{one_page} pdf's van één A4 gemaakt, maar geen pagina linkt ernaar (dat doet de stap "
                           "print_builds alleen in MkDocs)", measured)
        else:
            why = self.downloads_log("pdf")
            card_row = Row("pdf's van de stapkaarten", BROKEN, f"{one_page} van {len(cards)} als pdf van één A4"
                           + (f"; {why}" if why else ""), measured)
        pdf = next(target for target, _ in DOWNLOADS if target.endswith(".pdf"))
        pdf_ok, pdf_why, measured_pdf = self.whole_pdf(pdf)
        whole_row = Row("hele kennisbank als pdf", WORKS if pdf_ok else BROKEN, pdf_why, measured_pdf)
        return card_row, whole_row

    def offline_folder(self) -> Row:
        """The zip judged by what it is: unpacked into a temporary folder, its start page opened from
        file:// in Chromium; a page link leads to a page file (no directory URL), the search box finds a
        page of the content model by a word of its title and opens it, and nothing is asked of a server."""
        from scripts.build.print_builds import DOWNLOADS
        from scripts.exports import offline_zip

        name = "hele kennisbank als map (zip)"
        target = next(target for target, _ in DOWNLOADS if target.endswith(".zip"))
        path = self.site / target
        if not path.is_file():
            why = self.zip_log()
            return Row(name, BROKEN, f"{target} staat niet in de site" + (f": {why}" if why else ""), {target: False})
        with tempfile.TemporaryDirectory() as tmp:
            try:
                with zipfile.ZipFile(path) as archive:
                    names = archive.namelist()
                    archive.extractall(tmp)
            except zipfile.BadZipFile as exc:
                return Row(name, BROKEN, f"{target} is geen zip: {exc}", {target: True})
            measured = {"bestanden": len(names), "mb": round(path.stat().st_size / 1e6, 1),
                        "buiten_de_map": [n for n in names if not n.startswith(offline_zip.FOLDER + "/")][:5]}
            folder = Path(tmp) / offline_zip.FOLDER
            if not (folder / "index.html").is_file():
                return Row(name, BROKEN, f"{target}: geen {offline_zip.FOLDER}/index.html in de zip", measured)
            measured.update(self._from_disk(folder))
        problems = []
        if measured["buiten_de_map"]:
            problems.append(f"bestanden buiten {offline_zip.FOLDER}/: {', '.join(measured['buiten_de_map'][:2])}")
        if not measured["startpagina"]:
            problems.append("de startpagina toont geen titel")
        if measured["directory_links"]:
            problems.append(f"{len(measured['directory_links'])} links naar een map in plaats van een pagina "
                            f"(bijvoorbeeld {measured['directory_links'][0]})")
        if measured["links_kapot"]:
            problems.append(f"{len(measured['links_kapot'])} links naar een bestand dat ontbreekt "
                            f"(bijvoorbeeld {measured['links_kapot'][0]})")
        if not measured["link_opent_pagina"]:
            problems.append("een link op de startpagina opent geen pagina")
        if measured["zoekpagina"] is None:
            problems.append("geen pagina van docs/ staat als eigen .html-bestand in de map (om op te zoeken)")
        elif not measured["zoeken_vindt"]:
            problems.append(f"zoeken op '{measured['zoekvraag']}' vindt docs/{measured['zoekpagina']} niet"
                            f" (resultaten: {measured['resultaten'][:3]})")
        elif not measured["resultaat_opent_pagina"]:
            problems.append("een zoekresultaat opent geen pagina")
        if measured["andere_host"]:
            problems.append(f"vraagt iets van een andere host: {measured['andere_host'][0]}")
        if measured["fouten"]:
            problems.append(f"fouten in de pagina: {measured['fouten'][0]}")
        if problems:
            return Row(name, BROKEN, f"{target} ({measured['bestanden']} bestanden), uitgepakt en vanaf schijf "
                                     f"geopend: " + "; ".join(problems), measured)
        return Row(name, WORKS, f"{measured['bestanden']} bestanden, {measured['mb']} MB; uitgepakt en vanaf schijf "
                                f"(file://) geopend: {measured['links']} links naar pagina's, geen naar een map; "
                                f"zoeken op '{measured['zoekvraag']}' vindt docs/{measured['zoekpagina']} en opent "
                                "hem; niets van een andere host", measured)

    def zip_log(self) -> str:
        """Why scripts/exports/offline_zip.py made no zip, from its log (make zensical)."""
        log = self.log / "offline-zip.log" if self.log else None
        if not log or not log.is_file():
            return ""
        return "; ".join(line.strip() for line in log.read_text(encoding="utf-8").splitlines()[:2] if line.strip())

    def search_target(self, folder: Path) -> tuple[str, str] | None:
        """A page of the content model that the folder holds, and the longest word of its title."""
        import re

        for page in content_model.iter_pages(self.docs):
            title = str(page.meta.get("title") or "")
            words = re.findall(r"\w{4,}", title)
            if page.problems or not words or page.path.endswith("index.md"):
                continue
            if (folder / content_model.page_file(page.path, directory_urls=False)).is_file():
                return page.path, max(words, key=len)
        return None

    def _from_disk(self, folder: Path) -> dict:
        """The unpacked folder in Chromium from file://: its start page, its links, its search."""
        from urllib.parse import unquote, urlparse

        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        local = ("file:", "data:", "blob:", "about:")
        elsewhere: list[str] = []

        def guard(route):
            if route.request.url.startswith(local):
                route.continue_()
            else:
                elsewhere.append(route.request.url)
                route.abort()

        page = self.new_page(viewport={"width": 1280, "height": 900})
        page.context.route("**/*", guard)
        errors = _errors(page)
        root_uri = folder.as_uri() + "/"
        page.goto(root_uri + "index.html")
        found: dict = {"startpagina": page.locator("h1").first.is_visible()}
        hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        pages = sorted({h.split("#")[0] for h in hrefs if h.startswith(root_uri)}
                       - {root_uri + "index.html"})
        pages = [h for h in pages if h.endswith(".html") or h.endswith("/")]
        found["links"] = len(pages)
        found["directory_links"] = [h[len(root_uri):] or "./" for h in pages if h.endswith("/")]
        found["links_kapot"] = [h[len(root_uri):] for h in pages
                                if h.endswith(".html") and not Path(unquote(urlparse(h).path)).is_file()]
        link = page.locator("article a[href$='.html']:visible").first
        opened = False
        if link.count():
            link.click()
            page.wait_for_load_state("load")
            opened = page.url.startswith(root_uri) and page.url.split("#")[0].endswith(".html") \
                and page.locator("h1").first.is_visible()
        found["link_opent_pagina"] = opened
        target = self.search_target(folder)
        found.update(zoekpagina=target[0] if target else None, zoekvraag=target[1] if target else None,
                     resultaten=[], zoeken_vindt=False, resultaat_opent_pagina=False)
        if target:
            page.goto(root_uri + "index.html")
            box = page.locator(".md-search__input")
            if not box.is_visible():
                page.locator("label[for='__search']").first.click()
            box.fill(target[1])
            results = page.locator(".md-search-result__item a")
            try:
                results.first.wait_for(state="visible", timeout=15000)
            except PlaywrightTimeout:  # no result shown
                pass
            hrefs = [h.split("?")[0].split("#")[0] for h in results.evaluate_all("els => els.map(a => a.href)")]
            found["resultaten"] = list(dict.fromkeys(h[len(root_uri):] if h.startswith(root_uri) else h
                                                     for h in hrefs))[:10]
            found["zoeken_vindt"] = content_model.page_file(target[0], directory_urls=False) in found["resultaten"]
            if hrefs:
                results.first.click()
                page.wait_for_load_state("load")
                found["resultaat_opent_pagina"] = page.url.startswith(root_uri) \
                    and page.locator("h1").first.is_visible()
        page.context.close()
        found.update(andere_host=elsewhere[:5], fouten=errors[:3])
        return found

    def whole_pdf(self, target: str) -> tuple[bool, str, dict]:
        """The whole-site PDF by what it is: there, more than one page, and its outline holds the nav's
        sections and page titles in order (scripts/exports/print_page.py's outline of this site)."""
        from pypdf import PdfReader

        from scripts.exports import print_page

        path = self.site / target
        if not path.is_file():
            log = self.log / "kennisbank-pdf.log" if self.log else None
            why = log.read_text(encoding="utf-8").strip().splitlines()[-1:] if log and log.is_file() else []
            return False, "niet gemaakt" + (f" ({why[0]})" if why else ""), {"bestand": False}
        reader = PdfReader(str(path))
        got: list[str] = []

        def walk(items):
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    got.append(" ".join(item.title.replace("¶", "").split()))

        walk(reader.outline)
        try:
            expected = [" ".join(title.split()) for title in print_page.outline(self.site, self.root)]
        except print_page.PrintPageError as exc:
            return False, f"de navigatie past niet bij de site: {exc}", {"bestand": True}
        missing, at = [], 0
        for title in expected:
            if title in got[at:]:
                at = got.index(title, at) + 1
            else:
                missing.append(title)
        measured = {"bestand": True, "paginas": len(reader.pages), "kopjes_in_de_navigatie": len(expected),
                    "ontbreken_of_verkeerde_volgorde": missing[:10]}
        if len(reader.pages) <= 1:
            return False, f"de pdf heeft {len(reader.pages)} pagina", measured
        if missing:
            return False, f"{len(missing)} van {len(expected)} kopjes van de navigatie niet (op volgorde) in de " \
                          f"inhoud van de pdf, bijvoorbeeld '{missing[0]}'", measured
        return True, f"de pdf heeft {len(reader.pages)} pagina's en alle {len(expected)} kopjes van de navigatie " \
                     "op volgorde", measured

    def run(self) -> list[Row]:
        rows = [self.quizzes(), self.social_map(), self.tel_links(), self.ageing(), self.change_notes(),
                self.search(), self.step_cards(), self.word_files(), *self.lms_files(), *self.pdfs(), self.offline_folder(),
                self.links()]
        return rows


def markdown(rows: list[Row], version: str, when: str) -> str:
    lines = [f"# Functies van de site in de build met Zensical {version}", "",
             f"Gemeten op {when} in Chromium (`make zensical-rapport`, scripts/bench/zensical_report.py).", "",
             "| functie | werkt het? | waarom |", "|---|---|---|"]
    lines += [f"| {r.feature} | {r.status} | {r.why.replace('|', '/')} |" for r in rows]
    works = sum(r.status == WORKS for r in rows)
    lines += ["", f"{works} van {len(rows)} functies werken.", ""]
    return "\n".join(lines)


def site_prefix(root: Path) -> str:
    """The path of the published site's address (the region's site_adres or SITE_URL), e.g. 'kennisbank'."""
    from scripts.model import region

    return urlsplit(region.site_url(root)).path.strip("/")


def zensical_version(root: Path) -> str:
    venv = root / ".venv-zensical" / "bin" / "zensical"
    if not venv.exists():
        return "?"
    import subprocess

    run = subprocess.run([str(venv), "--version"], capture_output=True, text=True)
    return run.stdout.strip() or "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    project.project_argument(parser)
    parser.add_argument("--site", type=Path, default=Path("site-zensical"))
    parser.add_argument("--log", type=Path, default=Path("build") / "zensical", help="de logs van make zensical")
    parser.add_argument("--out", type=Path, default=Path("zensical-rapport"), help="zonder extensie: .md en .json")
    parser.add_argument("--chromium", default=CHROMIUM)
    args = project.parse_args(parser, argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: geen gebouwde site (draai make zensical)", file=sys.stderr)
        return 1
    if not Path(args.chromium).exists():
        print(f"{args.chromium} ontbreekt: installeer Debian's chromium (make browser)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    from scripts.model import clock

    prefix = site_prefix(args.root)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        # Served under the path the published site has (GitLab Pages: /<project>/), not at the root:
        # a link with one '../' too many still works at the root (the browser stops there), not there.
        root = args.site
        if prefix:
            link = Path(tmp) / prefix
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(args.site.resolve(), target_is_directory=True)
            root = Path(tmp)
        with serve_dir(root) as root_url:
            url = root_url + (f"{prefix}/" if prefix else "")
            browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS, headless=True)
            try:
                rows = Report(args.site, url, browser, args.log, args.root).run()
            finally:
                browser.close()
    version, when = zensical_version(args.root), clock.today().isoformat()
    text = markdown(rows, version, when)
    args.out.with_suffix(".md").write_text(text, encoding="utf-8")
    data = {"zensical": version, "datum": when, "functies": [asdict(r) for r in rows]}
    args.out.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
