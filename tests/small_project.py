"""A small project of its own, written into a temporary folder, that passes every check of
`make check`: the fixture the tests of the content rules plant their faults in. Nothing here is
read from the real content; each file holds the least that the checks ask for. It is not built: a
link may point at a page it does not have (the situation page's template), as the links check
(`--site`) is not run on it.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import voorbeeldregio
from conftest import ROOT
from scripts.checks import glossary, names
from scripts.model import mag_ik

CHECKED = "2026-11-01"  # the pages' laatst_gecontroleerd: before the suite's "today"


def front(title: str, *, legal: bool = False, extra: str = "") -> str:
    sources = ("bronnen:\n"
               "  - titel: Wet wapens en munitie, artikel 2\n"
               "    url: https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel2\n"
               "  - titel: Wet wapens en munitie, artikel 13\n"
               "    url: https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel13\n") if legal else ""
    return (f"---\ntitle: {title}\ndescription: Een pagina van het testproject.\ndoelgroep: [docent]\n"
            f"thema: [recht]\neigenaar: juridisch adviseur SWV\nlaatst_gecontroleerd: {CHECKED}\n"
            f"{sources}{extra}---\n\n# {title}\n\n")


LEGAL_BODY = ('!!! abstract "In het kort"\n    Een samenvatting met de wet '
              "([Wwm, art. 2](https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel2)).\n\n"
              "## Wat zegt de wet?\n\nTekst.\n\n## Wat betekent dit voor jou?\n\nTekst.\n")

RULE = ("- Een medewerker vraagt de leerling de tas zelf te openen "
        "([Wwm, art. 52](https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel52)).\n")


def glossary_page() -> str:
    terms = "".join(
        f"**Woord{i}** {{#woord{i}}}\n:   **Betekenis:** iets.\n\n    **Waar je het tegenkomt:** in teksten.\n\n"
        f"    **Bron:** [Een onderzoek (2020)](https://www.example.org/onderzoek{i})\n\n"
        for i in range(glossary.MIN_TERMS + 1))
    words = ", ".join(f"woord{i}" for i in range(glossary.MIN_TERMS + 1))
    return front("Begrippenlijst", extra=f"zoekwoorden: [{words}]\n") + terms


def mag_ik_page() -> str:
    questions = "".join(f"### Mag ik vraag {i} stellen?\n\n**Ja.** Zie [Wapens](wapens.md).\n\n"
                        for i in range(mag_ik.MIN_QUESTIONS))
    return front("Mag ik ...?", legal=True) + '!!! abstract "In het kort"\n    Vragen.\n\n' + questions


# A made-up name on the project's list of names that may never appear (config/verboden-namen.txt).
LISTED_NAME = "Testnaam Voorbeeldig"

WEAPONS_TABLE = """\
| Voorwerp | Categorie | Wat betekent dat? | Wetsartikel |
|---|---|---|---|
| Vlindermes | I | Altijd verboden. | [Wwm, art. 2](https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel2) |
| Taser of ander stroomstootwapen (ook een elektrische wapenstok) | II | Verboden. | [Wwm, art. 2](https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel2) |
| Keukenmes | Geen vaste categorie; soms IV | Door de omstandigheden. | [Wwm, art. 2](https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel2) |
"""

SITUATION = """\
Zo doe je het:

1. Vraag de leerling de tas zelf te openen.

    --8<-- "tas-jas-zakken.md"

2. Bel zo nodig de politie: zie de [sociale kaart](../regio/samenwerking/sociale-kaart.md).

## Wie doet wat?

Lees [wat de wet zegt](../wetgeving/wapens.md) en leg het vast met het [protocol](../convenanten/protocol.md).
"""

FILES = {
    "config/wetten.txt": "BWBR0008804  # Wet wapens en munitie\n",
    "config/kernfeiten.yml": "[]\n",
    "config/toegestane-nummers.txt": "0800-2000  # Veilig Thuis — bron: https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld\n",
    "config/verboden-namen.txt": f"# alleen hashes\n{names.name_hash(LISTED_NAME)}\n",
    "config/wapencategorieen.txt": "vlindermes I\ntaser II\nwapenstok IV\nkeukenmes -  # omstandigheden\n",
    "regio/data/vervolgstappen.yml": textwrap.dedent("""\
        - id: VS-01
          wat: Iets afstemmen.
          wie: SWV
          status: gepland
          bijgewerkt: 2026-10-01
          toelichting: Uit het verslag.
        """),
    "regio/data/sociale-kaart.yml": textwrap.dedent("""\
        - partner: Veilig Thuis
          gemeente: landelijk
          wanneer: Zorgen over thuis.
          route: Bel het landelijke nummer.
          telefoon: "0800-2000"
          bron: https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld
        """),
    "regels/tas-jas-zakken.md": RULE,
    "docs/index.md": front("Start") + "Welkom.\n",
    "docs/drillrap/begrippenlijst.md": glossary_page(),
    "docs/wetgeving/mag-ik.md": mag_ik_page(),
    "docs/wetgeving/wapens.md": front("Wapens", legal=True) + LEGAL_BODY + "\n" + WEAPONS_TABLE
    + "\nTestnaam alleen, of voorbeeldig alleen, is geen naam.\n",
    "docs/wetgeving/vaste-regels.md": front("Vaste regels", legal=True)
    + '## Tas, jas en zakken {#tas-jas-zakken}\n\n--8<-- "tas-jas-zakken.md"\n',
    "docs/handelen/tas.md": front("Een tas controleren") + SITUATION,
    "docs/handelen/stapkaarten/tas.md": front("Stapkaart een tas controleren")
    + 'Samenvatting van [Een tas controleren](../tas.md).\n\n1. Vraag de leerling de tas te openen.\n\n'
    '    --8<-- "tas-jas-zakken.md"\n',
    "docs/regio/samenwerking/sociale-kaart.md": front("Sociale kaart") + "<!-- tabel: sociale-kaart -->\n",
}


def make(root: Path, files: dict[str, str] | None = None) -> Path:
    """The small project in ``root``, with ``files`` (path -> text) added or replaced."""
    voorbeeldregio.install(root)  # the invented region's profile (tests/voorbeeldregio)
    for rel, text in {**FILES, **(files or {})}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run_check(root: Path) -> subprocess.CompletedProcess:
    """`python -m scripts.check --root <root>`, as `make check` runs it."""
    return subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(root)],
                          capture_output=True, text=True, cwd=ROOT)


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)
