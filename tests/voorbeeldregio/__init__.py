"""An invented region for the tests (no real names, numbers or addresses; every text says it is
invented): its profile, for fixture projects that need one (a register of follow-up steps needs a
conference date, the sociale kaart its gemeenten), and, for a copy of the repository, the whole region:
its data, its blocks (regio/blokken/) and its pages (docs/regio/).

The region has no phone number of its own: its sociale kaart holds the national routes of the project it
is installed in (read with the registers model, so the national numbers stay written once) and, per
gemeente, invented routes whose numbers are open places or a national number."""
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROFILE = HERE / "profiel.yml"
REGION = HERE / "regio"  # data (without the sociale kaart: install writes it) and blocks
PAGES = HERE / "docs" / "regio"
INVENTED = "(verzonnen)"


def install(root: Path, whole: bool = False) -> Path:
    """Put the invented region's profile into a fixture project; returns its path there. With ``whole``
    (a copy of the repository): replace the project's regio/ and docs/regio/ by the invented region, and
    start every block or page national pages ask for that it does not have (`make regio`'s scaffolder), so a
    new national block does not break it."""
    from scripts.model import region

    root = Path(root)
    if whole:
        routes = national_routes(root)  # before the real region goes
        for folder in (root / region.REGION_DIR, root / "docs" / region.PAGES_DIR):
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(REGION, root / region.REGION_DIR)
        shutil.copytree(PAGES, root / "docs" / region.PAGES_DIR)
    target = root / region.PROFILE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROFILE, target)
    if whole:
        write_sociale_kaart(root, routes)
        from scripts import new_region

        new_region.start_region(root)
        pages = sorted(p.relative_to(PAGES.parent).as_posix() for p in PAGES.rglob("*.md") if "posts" not in p.parts)
        new_region.add_to_menu(root, pages)
    return target


def national_routes(root: Path) -> list[dict]:
    """The national routes (gemeente 'landelijk') of the project's sociale kaart, as written there."""
    from scripts.model import registers

    loaded = registers.load(registers.SOCIALE_KAART.name, root)
    return [{k: v for k, v in e.values.items() if v is not None} for e in loaded.entries
            if e.values.get("gemeente") == registers.LANDELIJK]


def write_sociale_kaart(root: Path, national: list[dict]) -> Path:
    """The invented region's sociale kaart: the national routes, and per gemeente two invented routes,
    one with the national police number (its own source), one with an open place for the number."""
    import yaml

    from scripts.model import region, registers

    police = next((r for r in national if "wijkagent" in r.get("route", "").lower() and r.get("telefoon")), None)
    routes = list(national)
    for gemeente in profile().gemeenten:
        if police:
            routes.append({"partner": f"Wijkagent {INVENTED}", "gemeente": gemeente,
                           "wanneer": f"Zorgen over een leerling in de wijk {INVENTED}.",
                           "route": "Bel het landelijke nummer van de politie en vraag naar de wijkagent.",
                           "telefoon": police["telefoon"], "bron": police["bron"]})
        routes.append({"partner": f"Leerplicht {INVENTED}", "gemeente": gemeente,
                       "wanneer": f"Een leerling verzuimt {INVENTED}.", "route": "Bel de leerplichtambtenaar.",
                       "telefoon": "[nog in te vullen door het SWV: telefoonnummer leerplicht]"})
    path = root / region.DATA_DIR / registers.SOCIALE_KAART.filename
    path.write_text("# De sociale kaart van de verzonnen Voorbeeldregio (tests/voorbeeldregio).\n"
                    + yaml.safe_dump(routes, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path


def profile():
    from scripts.model import region

    return region._load(PROFILE, PROFILE.stat().st_mtime_ns, PROFILE.stat().st_size)
