"""The editor's job: on a copy of the repository, make each routine edit that CONTRIBUTING.md
describes, then run what the merge request pipeline runs (the strict build, `make check`'s
checks and the content tests). A routine edit must never turn the pipeline red; a planted bad
edit must, with the file and line.

Everything is derived from the copy itself (which page is legal, which route has an open phone
number), so the test keeps working while editors change the content. The phone numbers filled in are
the invented ones of tests/phone_fixtures.py: a gemeente's 14 + area code number and an 088 number, each
added to config/toegestane-nummers.txt with its source as CONTRIBUTING says (issue 31).
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from scripts.model import clock
from scripts.model import content_model
from scripts import new_page
from scripts.model import personal_data
from scripts.model import quiz_model
import phone_fixtures as fx
import voorbeeldregio
from conftest import mkdocs_build

# The tests that read the real content and assert its rules (no browser needed).
CONTENT_TESTS = [
    "tests/model/test_content_model.py",
    "tests/model/test_quiz_model.py",
    "tests/model/test_registers.py",
    "tests/model/test_key_facts.py",
    "tests/checks/test_placeholders.py",
    "tests/model/test_personal_data.py",
    "tests/model/test_phones.py",
    # The built site's tel: links and the sociale kaart on a phone (browser): what the 14 0xx number broke.
    "tests/build/test_phone_links.py",
    "tests/content/test_sociale_kaart_browser.py",
]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} niet gevonden in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def run_checks(root: Path, site: Path) -> subprocess.CompletedProcess:
    build = mkdocs_build(root / "mkdocs.yml", site)
    assert build.returncode == 0, build.stdout + build.stderr
    # `-m` from the copy: the copy's own code runs (a script path would import the checkout's package).
    return subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(root), "--site", str(site)],
                          capture_output=True, text=True, cwd=root)


def make_and_fill_a_legal_page(root: Path) -> str:
    """`make pagina` in wetgeving, then what CONTRIBUTING §2 asks: the summary, two real sources, text."""
    path = new_page.scaffold(root, "wetgeving", "Camera's op school")
    law = content_model.list_file(root / "config" / "wetten.txt")[0].split()[0]
    url = f"https://wetten.overheid.nl/{law}"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^bronnen:\n(?:(?:- |  ).*\n)+", f"bronnen:\n- titel: De wet van deze pagina (voorbeeld)\n  url: {url}\n"
                  f"- titel: Rijksoverheid (voorbeeld)\n  url: https://www.rijksoverheid.nl/onderwerpen\n", text,
                  count=1, flags=re.M)
    text = re.sub(r"\[nog in te vullen door het SWV: [^\]]*\]", f"De kern van deze pagina, met de [wet]({url}) (voorbeeld).",
                  text, count=1)
    text += "\n## Wat mag de school?\n\nEen verzonnen voorbeeld van een uitleg.\n"
    path.write_text(text, encoding="utf-8")
    return path.relative_to(root / "docs").as_posix()


def add_a_gemeente_to_the_sociale_kaart(root: Path) -> str:
    """A gemeente joins the samenwerkingsverband: into the region's profile, then a route for it. Its name
    is one of the invented region's (tests/voorbeeldregio/): the only names a test may write itself."""
    from scripts.model import region

    name = voorbeeldregio.profile().gemeenten[0]
    profile = root / region.PROFILE_FILE
    edit(profile, "gemeenten: [", f"gemeenten: [{name}, ")
    path = root / "regio" / "data" / "sociale-kaart.yml"
    path.write_text(path.read_text(encoding="utf-8") + (
        f"\n- partner: Leerplicht {name}\n  gemeente: {name}\n  wanneer: Zorgen over verzuim (voorbeeld).\n"
        f"  route: Via de leerplichtambtenaar van de gemeente.\n"
        f"  telefoon: \"[nog in te vullen door het SWV: nummer leerplicht {name}]\"\n"), encoding="utf-8")
    return name


def add_a_sixth_module(root: Path) -> str:
    """A new training module: its page (a copy of a module page) and its bank, with ids of its own."""
    banks, _ = quiz_model.load_banks(root)
    first = banks[0]
    page = (root / "docs" / first.page).read_text(encoding="utf-8")
    page = re.sub(r"^title: .*$", "title: 'Module 6: Een nieuwe module'", page, count=1, flags=re.M)
    page = re.sub(r"^# .*$", "# Module 6: Een nieuwe module", page, count=1, flags=re.M)
    page = page.replace(f"<!-- toets: {first.name} -->", "<!-- toets: een-nieuwe-module -->")
    rel = first.page.rsplit("/", 1)[0] + "/een-nieuwe-module.md"
    (root / "docs" / rel).write_text(page, encoding="utf-8")
    bank = (root / first.path).read_text(encoding="utf-8")
    bank = re.sub(r"^titel: .*$", "titel: 'Module 6: Een nieuwe module'", bank, count=1, flags=re.M)
    bank = re.sub(r"^pagina: .*$", f"pagina: {rel}", bank, count=1, flags=re.M)
    bank = re.sub(r"(\bid: )(\S+)", r"\1m6-\2", bank)
    (root / "quizzes" / "een-nieuwe-module.yml").write_text(bank, encoding="utf-8")
    # CONTRIBUTING: a new module also gets its row in the table of modules on the section's index page.
    index = root / "docs" / rel.split("/", 1)[0] / "index.md"
    text = index.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if f'data-module="{first.name}"' in line)
    new_row = (row.replace(first.page.rsplit("/", 1)[1], "een-nieuwe-module.md")
               .replace(f'data-module="{first.name}"', 'data-module="een-nieuwe-module"'))
    new_row = re.sub(r"\[[^\]]*\]", "[6. Een nieuwe module]", new_row, count=1)
    index.write_text(text.replace(row, row + "\n" + new_row, 1), encoding="utf-8")
    config = root / "mkdocs.yml"
    section = rel.split("/", 1)[0]
    config.write_text(new_page.add_to_nav(config.read_text(encoding="utf-8"), section, "Module 6: Een nieuwe module",
                                          rel), encoding="utf-8")
    return rel


def change_a_rule(root: Path) -> None:
    rule = sorted((root / content_model.RULES_DIR).glob("*.md"))[0]
    rule.write_text(rule.read_text(encoding="utf-8").rstrip("\n") + " Dit is een verzonnen aanvulling van de redactie.\n",
                    encoding="utf-8")


def recheck_a_legal_page(root: Path) -> None:
    page = next(p for p in content_model.iter_pages(root / "docs") if p.is_legal and not p.problems)
    path = root / "docs" / page.path
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^laatst_gecontroleerd: .*$", f"laatst_gecontroleerd: {clock.today().isoformat()}",
                           text, count=1, flags=re.M), encoding="utf-8")


def add_a_question_at_the_top(root: Path) -> None:
    banks, problems = quiz_model.load_banks(root)
    assert problems == []
    bank = banks[0]
    question = f"""vragen:
  - id: redactie-nieuwe-vraag
    soort: enkelvoudig
    vraag: Een nieuwe vraag van de redactie (voorbeeld)?
    opties:
      - tekst: Het goede antwoord
        goed: true
      - tekst: Een fout antwoord
        feedback: Nee, dit antwoord is fout, want het is een voorbeeld.
    uitleg: Uitleg bij de nieuwe vraag.
    lees: {bank.page}

"""
    edit(root / bank.path, "vragen:\n", question)


def finish_a_follow_up_step(root: Path) -> None:
    path = root / "regio" / "data" / "vervolgstappen.yml"
    text = path.read_text(encoding="utf-8")
    first = text.index("\n- id:")
    head, rest = text[:first], text[first:]
    rest = re.sub(r"status: \S+", "status: afgerond", rest, count=1)
    rest = re.sub(r"bijgewerkt: \S+", f"bijgewerkt: {clock.today().isoformat()}", rest, count=1)
    rest = re.sub(r"toelichting: .*", "toelichting: 'Afgerond volgens het verslag van het SWV (voorbeeld).'", rest, count=1)
    path.write_text(head + rest, encoding="utf-8")


def fill_in_a_gemeente_number_and_an_088_number(root: Path) -> list[str]:
    """Two open phone places of the sociale kaart get a number with its source, and each number goes
    on the allowlist with its source (CONTRIBUTING, section 6). Returns the numbers as written."""
    allowlist = root / "config" / personal_data.NUMBERS_FILE
    path = root / "regio" / "data" / "sociale-kaart.yml"
    numbers = [fx.MUNICIPAL[0], fx.COMPANY[0]]
    for i, number in enumerate(numbers):
        source = f"https://example.org/verzonnen-bron-{i}"
        text = path.read_text(encoding="utf-8")
        match = re.search(r'^  telefoon: "\[nog in te vullen door het SWV: [^\]]*\]"\n', text, flags=re.M)
        assert match, "geen open telefoonnummer meer in de sociale kaart"
        filled = f'  telefoon: "{number}"\n  bron: {source}\n'
        path.write_text(text[:match.start()] + filled + text[match.end():], encoding="utf-8")
        with open(allowlist, "a", encoding="utf-8") as f:
            f.write(f"{number:<15}# testorganisatie (verzonnen) — bron: {source}\n")
    return numbers


def add_a_glossary_term(root: Path) -> None:
    path = root / "docs" / "drillrap" / "begrippenlijst.md"
    text = path.read_text(encoding="utf-8")
    first_term = re.search(r"^\*\*[^*]+\*\* \{#[a-z0-9-]+\}$", text, flags=re.M)
    term = ("**Voorbeeldwoord** {#voorbeeldwoord}\n"
            ":   **Betekenis:** een woord dat de redactie toevoegt (verzonnen voorbeeld).\n\n"
            "    **Waar je het tegenkomt:** nergens; dit is een voorbeeld voor de test.\n\n"
            "    **Bron:** [Voorbeeldbron (2026)](https://www.rijksoverheid.nl/onderwerpen)\n\n")
    text = text[:first_term.start()] + term + text[first_term.start():]
    # CONTRIBUTING: the word also goes in the page's zoekwoorden, so search finds the list.
    text = re.sub(r"^zoekwoorden: \[", "zoekwoorden: [voorbeeldwoord, ", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def add_a_template(root: Path) -> None:
    source = next(p for p in sorted((root / "docs" / "convenanten").glob("*.md")) if p.name != "index.md")
    rel = "convenanten/nieuw-sjabloon.md"
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"^download: .*$", "download: nieuw-sjabloon.docx", text, count=1, flags=re.M)
    text = re.sub(r"^title: .*$", "title: Nieuw sjabloon", text, count=1, flags=re.M)
    text = re.sub(r"^# .*$", "# Nieuw sjabloon", text, count=1, flags=re.M)
    (root / "docs" / rel).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(new_page.add_to_nav(config.read_text(encoding="utf-8"), "convenanten", "Nieuw sjabloon", rel),
                      encoding="utf-8")


def test_every_routine_edit_keeps_the_pipeline_green(scratch_copy, tmp_path):
    root = scratch_copy
    recheck_a_legal_page(root)
    new_page.scaffold(root, "handelen", "Een nieuwe situatie")
    new_page.scaffold(root, "nieuws", "Een nieuw bericht van de redactie")
    add_a_question_at_the_top(root)
    finish_a_follow_up_step(root)
    numbers = fill_in_a_gemeente_number_and_an_088_number(root)
    add_a_glossary_term(root)
    add_a_template(root)
    legal = make_and_fill_a_legal_page(root)
    gemeente = add_a_gemeente_to_the_sociale_kaart(root)
    module = add_a_sixth_module(root)
    change_a_rule(root)

    check = run_checks(root, tmp_path / "site")
    assert check.returncode == 0, check.stdout + check.stderr
    assert (tmp_path / "site" / content_model.page_url(legal) / "index.html").is_file()
    assert (tmp_path / "site" / content_model.page_url(module) / "index.html").is_file()
    assert (tmp_path / "site" / "handelen" / "een-nieuwe-situatie" / "index.html").is_file()
    assert (tmp_path / "site" / "convenanten" / "downloads" / "nieuw-sjabloon.docx").is_file()
    kaart = (tmp_path / "site" / "regio" / "samenwerking" / "sociale-kaart" / "index.html").read_text(encoding="utf-8")
    assert f">{gemeente}<" in kaart  # the new gemeente has its own group
    for number, href in zip(numbers, (f"tel:{fx.MUNICIPAL[1]};phone-context=+31", f"tel:+31{fx.COMPANY[1]}")):
        assert f'href="{href}">{number}</a>' in kaart, number

    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *CONTENT_TESTS],
                           capture_output=True, text=True, cwd=root)
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_planted_bad_edits_fail_with_file_and_line(scratch_copy, tmp_path):
    root = scratch_copy
    # 1. A legal page loses its sources.
    legal = next(p for p in content_model.iter_pages(root / "docs") if p.is_legal and not p.problems)
    path = root / "docs" / legal.path
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^bronnen:\n(?:[ -].*\n)+", "", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    # 2. A private mobile number in a page.
    private = root / "docs" / "regio" / "over" / "colofon.md"
    private.write_text(private.read_text(encoding="utf-8") + "\nBel mij op 06-12345678.\n", encoding="utf-8")
    # 2b. A mobile number put on the allowlist of phone numbers.
    allowlist = root / "config" / personal_data.NUMBERS_FILE
    with open(allowlist, "a", encoding="utf-8") as f:
        f.write(f"{fx.MOBILE}  # iemand — bron: https://example.org/\n")
    # 3. A status the register does not know.
    steps = root / "regio" / "data" / "vervolgstappen.yml"
    edit(steps, "status: ", "status: bijna-klaar  # ", 1)
    bad_status = line_of(steps, "bijna-klaar")

    run = subprocess.run([sys.executable, str(root / "scripts" / "check.py"), "--root", str(root)],
                         capture_output=True, text=True, cwd=root)
    assert run.returncode == 1
    out = run.stdout
    assert re.search(rf"^docs/{re.escape(legal.path)}:\d+: veld 'bronnen': een juridische pagina heeft minstens", out, re.M), out
    assert f"docs/regio/over/colofon.md:{line_of(private, '06-12345678')}: mogelijk persoonsgegeven (telefoonnummer)" in out, out
    assert f"config/toegestane-nummers.txt:{line_of(allowlist, fx.MOBILE)}: '{fx.MOBILE}' is een mobiel" in out, out
    assert re.search(rf"^regio/data/vervolgstappen\.yml:{bad_status}: .*bijna-klaar", out, re.M), out
