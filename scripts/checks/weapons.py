"""Weapon categories, with file and line: in every table whose first two columns are 'Voorwerp' and
'Categorie', an item of config/wapencategorieen.txt stands in the category the Wet wapens en
munitie gives it (or in none, for items that only the circumstances make a weapon), and every row
links to its article of the Wwm on wetten.overheid.nl.
"""
from __future__ import annotations

import re
from pathlib import Path

from scripts.model import content_model
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "wapentabellen: categorie en artikel"
CODE = "wapens"
CATEGORIES_FILE = Path("config") / "wapencategorieen.txt"
CATEGORIES = ("I", "II", "III", "IV")
NO_CATEGORY = "-"
WWM_LINK = "https://wetten.overheid.nl/BWBR0008804"
HEADER = ["voorwerp", "categorie"]
SEPARATOR_RE = re.compile(r"^\|?[\s:|-]+\|?$")
PARENS_RE = re.compile(r"\([^)]*\)")


def categories(root: Path) -> dict[str, str]:
    """Item (one lower-case word) -> its category, or '-' for no fixed one."""
    out = {}
    for entry in content_model.list_file(root / CATEGORIES_FILE):
        parts = entry.split()
        if len(parts) == 2:
            out[parts[0].lower()] = parts[1]
    return out


def list_problems(project: Project) -> list[Finding]:
    path = project.root / CATEGORIES_FILE
    if not path.is_file():
        return []
    found = []
    for number, line in enumerate(project.text(path).splitlines(), start=1):
        parts = line.split("#", 1)[0].split()
        if parts and (len(parts) != 2 or parts[1] not in CATEGORIES + (NO_CATEGORY,)):
            found.append(Finding(project.shown(path), number, (
                "schrijf per regel één woord en een categorie: I, II, III, IV of '-' (geen vaste categorie)")))
    return found


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def tables(text: str):
    """Every (row line number, cells) of the tables with the columns 'Voorwerp | Categorie'."""
    numbered = content_model.body_lines(text)
    inside = False
    for index, (number, line) in enumerate(numbered):
        if not line.lstrip().startswith("|"):
            inside = False
            continue
        row = cells(line)
        if not inside:
            following = numbered[index + 1][1] if index + 1 < len(numbered) else ""
            inside = [c.strip("* ").lower() for c in row[:2]] == HEADER and bool(SEPARATOR_RE.match(following.strip()))
            continue
        if SEPARATOR_RE.match(line.strip()):
            continue
        yield number, row


def item_words(cell: str) -> set[str]:
    """The words of a 'Voorwerp' cell without its explanations in brackets."""
    return set(re.findall(r"[a-zà-ÿ]+", PARENS_RE.sub(" ", cell).lower()))


def check(project: Project) -> list[Finding]:
    known = categories(project.root)
    found = list_problems(project)
    for path in project.page_files:
        shown = project.shown(path)
        for number, row in tables(project.text(path)):
            if len(row) < 2:
                continue
            words = item_words(row[0])
            given = row[1].replace("*", "").split()
            first = given[0].rstrip(";,.") if given else ""
            for item, category in known.items():
                if item not in words:
                    continue
                if category == NO_CATEGORY and first in CATEGORIES:
                    found.append(Finding(shown, number, (
                        f"'{item}' heeft geen vaste categorie in de Wet wapens en munitie (alleen de "
                        f"omstandigheden maken het een wapen), maar staat hier in categorie {first} "
                        f"({CATEGORIES_FILE.as_posix()})")))
                elif category != NO_CATEGORY and first != category:
                    found.append(Finding(shown, number, (
                        f"'{item}' valt volgens de Wet wapens en munitie in categorie {category}, maar staat "
                        f"hier in '{row[1]}': lees het artikel en verbeter de tabel, of de lijst "
                        f"{CATEGORIES_FILE.as_posix()}")))
            if WWM_LINK not in " ".join(row[1:]):
                found.append(Finding(shown, number, (
                    f"deze rij linkt niet naar het artikel in de Wet wapens en munitie: zet de link "
                    f"({WWM_LINK}/...#ArtikelN) in de rij")))
    return found
