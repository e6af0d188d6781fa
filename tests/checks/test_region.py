"""The region layer: the profile is checked with its lines, and a national text that names the
region fails `make check` with file and line (tests/voorbeeldregio is an invented region)."""
import datetime as dt
import shutil

from scripts.checks import region as region_check
from scripts.model import content_model, region, registers
from scripts.model.project import Project

import voorbeeldregio

TODAY = dt.date(2030, 1, 1)
PAGE = "---\ntitle: T\n---\n# T\n\n{text}\n"


def project(tmp_path, pages: dict, banks: dict | None = None) -> Project:
    root = tmp_path / "p"
    voorbeeldregio.install(root)
    for rel, text in pages.items():
        (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / rel).write_text(PAGE.format(text=text), encoding="utf-8")
    (root / "regels").mkdir(exist_ok=True)
    (root / "quizzes").mkdir(exist_ok=True)
    for name, text in (banks or {}).items():
        (root / "quizzes" / name).write_text(text, encoding="utf-8")
    return Project(root, TODAY)


def test_a_national_page_that_names_the_region_fails_with_file_and_line(tmp_path):
    names = voorbeeldregio.profile().names
    found = region_check.check(project(tmp_path, {
        "wetgeving/a.md": f"Bel de wijkagent van {names[2]}.",  # a gemeente of the region
        "drillrap/b.md": f"Een woord voor {names[2]}. <!-- regio-ok: een woord uit straattaal -->",
        "samenwerking/c.md": "Bel de wijkagent van je gemeente.",
    }, {"m.yml": f"vragen:\n  - vraag: Wie helpt in {names[0]}?\n"}))
    assert [(f.path, f.line, f.is_error) for f in found] == [("docs/wetgeving/a.md", 6, True), ("quizzes/m.yml", 2, True)]
    assert repr(names[2]) in found[0].message


def test_the_regions_own_pages_and_passages_may_name_it(tmp_path):
    names = voorbeeldregio.profile().names
    p = project(tmp_path, {f"{region.PAGES_DIR}/conferentie/index.md": f"De conferentie van {names[0]}."})
    block = p.root / region.BLOCKS_DIR / "start.md"
    block.parent.mkdir(parents=True)
    block.write_text(f"Voor de scholen van {names[0]}.\n", encoding="utf-8")
    assert region_check.check(p) == []


def test_a_broken_profile_is_named_at_its_line(tmp_path):
    p = project(tmp_path, {})
    profile_file = p.root / region.PROFILE_FILE
    text = profile_file.read_text(encoding="utf-8").replace("site_adres: https://", "site_adres: http://")
    profile_file.write_text(text + "kleur: blauw\n", encoding="utf-8")
    found = [str(f) for f in region_check.check(p)]
    site_line = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("site_adres"))
    assert f"{region.PROFILE_FILE}:{len(text.splitlines()) + 1}: onbekend veld 'kleur' (toegestaan: " \
           + ", ".join(region.PROFILE.names) + ")" in found
    assert any(f.startswith(f"{region.PROFILE_FILE}:{site_line}: veld 'site_adres' moet een https-adres zijn")
               for f in found)


def test_a_project_without_a_profile_is_told_how_to_make_one(tmp_path):
    (tmp_path / "docs").mkdir()
    found = region_check.check(Project(tmp_path, TODAY))
    assert [f.line for f in found] == [1] and "make regio" in found[0].message


def test_make_regio_starts_a_profile_that_passes_with_its_open_places_as_notices(tmp_path, capsys):
    from scripts import new_region

    root = tmp_path / "nieuw"
    (root / "docs").mkdir(parents=True)
    assert new_region.main(["--root", str(root)]) == 0
    found = region_check.check(Project(root, TODAY))
    assert found and all(not f.is_error for f in found), [str(f) for f in found]
    assert all(f.path == region.PROFILE_FILE for f in found)
    assert new_region.main(["--root", str(root)]) == 2  # an existing profile is kept


def test_code_tests_and_the_pipeline_that_name_the_region_fail_with_file_and_line(tmp_path):
    """scripts/checks/region_code.py: the profile's names (also as an address writes them), its
    repository's group and its conference date, in code, a stylesheet, the pipeline or a test."""
    from scripts.checks import region_code
    from scripts.model import content_model, registers

    p = project(tmp_path, {})
    profile = voorbeeldregio.profile()
    slug = registers.gemeente_slug(profile.gemeenten[-1])
    group = profile.repository.split("/")[3]
    planted = {
        "scripts/a.py": f"X = 1\nGEMEENTE = '{profile.gemeenten[0]}'\n",
        "docs/assets/a.css": f'[data-gemeente="{slug}"] {{ display: none; }}\n',
        ".gitlab-ci.yml": f"variables:\n  GROEP: {group}\n",
        "tests/test_a.py": f"# {content_model.dutch_date(profile.conferentie)}\nDAG = '{profile.conferentie}'\n",
        "scripts/b.py": "X = 'het samenwerkingsverband'\n",
    }
    for rel, text in planted.items():
        (p.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (p.root / rel).write_text(text, encoding="utf-8")
    found = region_code.check(p)
    assert sorted((f.path, f.line, f.is_error) for f in found) == [
        (".gitlab-ci.yml", 2, True), ("docs/assets/a.css", 1, True), ("scripts/a.py", 2, True),
        ("tests/test_a.py", 1, True), ("tests/test_a.py", 2, True)]
    # The tests' own invented region may be named in the tests (a copy built as that region), not in the code.
    (p.root / region_code.TEST_REGION).parent.mkdir(parents=True)
    shutil.copy(voorbeeldregio.PROFILE, p.root / region_code.TEST_REGION)
    assert sorted(f.path for f in region_code.check(p)) == [".gitlab-ci.yml", "docs/assets/a.css", "scripts/a.py"]


def test_a_national_link_to_a_page_not_every_region_has_fails_at_the_link(tmp_path):
    required = region.REQUIRED_PAGES[0]
    p = project(tmp_path, {
        required: "De kaart.",
        "handelen/a.md": f"Zie [de kaart](../{required}).\n\nZie [ons verslag](../regio/verslag.md).",
    })
    found = region_check.check(p)
    assert [(f.path, f.line, f.is_error) for f in found] == [("docs/handelen/a.md", 8, True)]
    assert "docs/regio/verslag.md" in found[0].message


def test_a_region_without_a_block_or_page_that_national_pages_need_fails_at_the_include_and_link(tmp_path):
    required = region.REQUIRED_PAGES[1]
    p = project(tmp_path, {"index.md": f'--8<-- "blokken/welkom.md"\n\nZie [partners]({required}).'})
    found = region_check.check(p)
    assert [(f.path, f.line) for f in found] == [("docs/index.md", 6), ("docs/index.md", 8)]
    assert "regio/blokken/welkom.md" in found[0].message and f"docs/{required}" in found[1].message


def test_make_regio_starts_every_block_and_page_a_region_needs_and_they_pass(tmp_path):
    from scripts import new_region

    root = tmp_path / "nieuw"
    for rel, text in {"docs/index.md": '--8<-- "blokken/welkom.md"\n\nZie [extra](regio/extra/index.md).',
                      "docs/handelen/b.md": "Zie [de kaart](../regio/samenwerking/sociale-kaart.md)."}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(PAGE.format(text=text), encoding="utf-8")
    assert new_region.main(["--root", str(root)]) == 0
    block = (root / region.BLOCKS_DIR / "welkom.md").read_text(encoding="utf-8")
    assert block.startswith("<!--") and block.rstrip().endswith("-->") and "docs/index.md" in block
    for page in [*region.REQUIRED_PAGES, "regio/extra/index.md"]:
        checked = content_model.load_page(root / "docs" / page, root / "docs", TODAY)
        assert checked.problems == [], page
        assert content_model.PLACEHOLDER_RE.search((root / "docs" / page).read_text(encoding="utf-8")), page
    assert set(region.menu_pages(region.load(root).menu)) == {*region.REQUIRED_PAGES, "regio/extra/index.md"}
    for name in ("vervolgstappen", "sociale-kaart"):
        assert registers.load(name, root, TODAY).problems == []
    found = region_check.check(Project(root, TODAY))
    assert [(f.path, f.line, f.is_error) for f in found if f.is_error] == [("docs/index.md", 8, True)]  # regio/extra
    assert new_region.main(["--root", str(root), "--aanvullen"]) == 0  # keeps what is there
    assert (root / region.BLOCKS_DIR / "welkom.md").read_text(encoding="utf-8") == block


def test_links_in_code_are_text_and_a_rules_include_of_a_block_counts(tmp_path):
    p = project(tmp_path, {"handelen/a.md": "`[x](../regio/verslag.md)`\n\n```\n[x](../regio/verslag.md)\n```\n\n"
                                            "[ref]: ../regio/verslag.md"})
    (p.root / "regels" / "r.md").write_text('--8<-- "blokken/regel-blok.md"\n', encoding="utf-8")
    needs = region.needs(p.root)
    assert [(n.path, n.at, n.line, n.kind) for n in needs] == [
        ("docs/regio/verslag.md", "docs/handelen/a.md", 12, "pagina"), ("regio/blokken/regel-blok.md", "regels/r.md", 1, "blok")]


def test_the_regions_menu_goes_into_its_national_section_and_in_place_of_over():
    nav = ["index.md", {"Samenwerking": ["samenwerking/index.md"]}, {"Over": region.PLACE}, {"Na": ["na/index.md"]}]
    menu = [{"Samenwerking": [{"Kaart": "regio/samenwerking/kaart.md"}]}, {"Conferentie": ["regio/conferentie/index.md"]},
            {"Over": ["regio/over/index.md"]}]
    assert region.with_menu(nav, menu) == [
        "index.md", {"Samenwerking": ["samenwerking/index.md", {"Kaart": "regio/samenwerking/kaart.md"}]},
        {"Conferentie": ["regio/conferentie/index.md"]}, {"Over": ["regio/over/index.md"]}, {"Na": ["na/index.md"]}]
    assert nav[1] == {"Samenwerking": ["samenwerking/index.md"]}  # the national nav itself is left as it was


def test_a_menu_item_outside_the_regions_folder_is_named_at_its_line(tmp_path):
    p = project(tmp_path, {})
    profile_file = p.root / region.PROFILE_FILE
    text = profile_file.read_text(encoding="utf-8").replace("regio/over/index.md", "wetgeving/index.md")
    profile_file.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "wetgeving/index.md" in l)
    assert [str(f) for f in region_check.check(p) if f.is_error] == [
        f"{region.PROFILE_FILE}:{line}: menu: 'wetgeving/index.md' is geen pagina in docs/{region.PAGES_DIR}/ (regio/naam.md)"]


def test_the_profile_sets_the_review_periods_and_a_wrong_one_is_named_at_its_line(tmp_path):
    import datetime as dt

    from scripts.model import content_model

    p = project(tmp_path, {"wetgeving/a.md": "Tekst.", "drillrap/b.md": "Tekst."})
    profile_file = p.root / region.PROFILE_FILE
    base = profile_file.read_text(encoding="utf-8")
    for rel in ("wetgeving/a.md", "drillrap/b.md"):
        page = p.root / "docs" / rel
        page.write_text(page.read_text(encoding="utf-8").replace("title: T\n", "title: T\nlaatst_gecontroleerd: 2030-01-15\n"),
                        encoding="utf-8")

    def due(rel):
        return content_model.load_page(p.root / "docs" / rel, p.root / "docs", TODAY).review_due()

    national = due("wetgeving/a.md"), due("drillrap/b.md")
    assert national == (dt.date(2030 + content_model.REVIEW_MONTHS_LEGAL // 12, 1, 15),
                        dt.date(2030 + content_model.REVIEW_MONTHS_OTHER // 12, 1, 15))
    profile_file.write_text(base + "controle_maanden:\n  juridisch: 6\n  overig: 3\n", encoding="utf-8")
    assert (due("wetgeving/a.md"), due("drillrap/b.md")) == (dt.date(2030, 7, 15), dt.date(2030, 4, 15))
    profile_file.write_text(base + "controle_maanden:\n  juridisch: 0\n  kleur: 3\n", encoding="utf-8")
    lines = len(base.splitlines())
    assert [str(f) for f in region_check.check(Project(p.root, TODAY)) if f.is_error] == [
        f"{region.PROFILE_FILE}:{lines + 2}: controle_maanden: 'juridisch' moet een aantal maanden zijn, van 1 tot 60",
        f"{region.PROFILE_FILE}:{lines + 3}: controle_maanden: onbekende soort 'kleur' (kies uit: juridisch, overig)"]
