"""mkdocs-quiz's CSS and JS served as cacheable files (scripts/build/quiz_assets.py, build step QuizAssetFiles):
the replacement itself, the real built site, and a quiz that still works after a full load and after
Material's instant navigation from another page.
"""
from __future__ import annotations

import yaml

from scripts.model import content_model, region
from scripts.build import quiz_assets
from conftest import ROOT

from scripts.model import quiz_model

# A module page of the site, whichever the banks name first (the test does not depend on which).
MODULE_PATH = content_model.page_url(quiz_model.load_banks(ROOT)[0][0].page)


def test_make_asset_names_file_by_content_hash():
    css = quiz_assets.make_asset('<style type="text/css">.quiz{color:red}</style>', "css")
    other = quiz_assets.make_asset('<style type="text/css">.quiz{color:blue}</style>', "css")
    assert css.content == ".quiz{color:red}"
    assert css.path.startswith("assets/quiz/quiz.") and css.path.endswith(".css")
    assert css.path != other.path
    assert quiz_assets.make_asset("", "css") is None
    assert quiz_assets.make_asset("<style></style>", "css") is None
    assert quiz_assets.make_asset("not a block", "js") is None


def test_externalise_replaces_exact_blocks_in_place():
    css = quiz_assets.make_asset("<style>.a{}</style>", "css")
    js = quiz_assets.make_asset('<script type="text/javascript" defer>go()</script>', "js")
    html = f"<p>vraag</p>{css.inline}<script>window.cfg = 1;</script>{js.inline}<p>einde</p>"
    out = quiz_assets.externalise(html, [css, js], lambda path: "../../" + path)
    assert out == (
        f'<p>vraag</p><link rel="stylesheet" href="../../{css.path}">'
        f'<script>window.cfg = 1;</script><script src="../../{js.path}"></script><p>einde</p>'
    )
    # A page without the blocks (no quiz, or a changed plugin) is left alone.
    assert quiz_assets.externalise("<p>geen toets</p>", [css, js], str) == "<p>geen toets</p>"


def test_installed_plugin_blocks_are_found():
    kinds = sorted(a.path.rsplit(".", 1)[1] for a in quiz_assets.plugin_assets())
    assert kinds == ["css", "js"], "mkdocs-quiz schrijft geen inline CSS/JS meer: controleer scripts/build/quiz_assets.py"


def test_built_quiz_page_links_files_instead_of_inline_code(built_site):
    html = (built_site / MODULE_PATH / "index.html").read_text(encoding="utf-8")
    for asset in quiz_assets.plugin_assets():
        assert asset.inline not in html
        assert f'"../../{asset.path}"' in html
        assert (built_site / asset.path).read_text(encoding="utf-8") == asset.content
    plain = (built_site / "wetgeving" / "wapens" / "index.html").read_text(encoding="utf-8")
    assert "assets/quiz/" not in plain


def _quiz_works(page) -> None:
    quiz = page.locator("div.quiz[id^='quiz-']").first
    quiz.wait_for()
    feedback = quiz.locator(".quiz-feedback")
    assert not feedback.is_visible()  # hidden by the quiz stylesheet
    option = quiz.locator('input[name="answer"][data-correct="true"]').first
    option.check()
    quiz.locator('button[type="submit"]').click()
    assert feedback.is_visible()
    assert feedback.locator(".quiz-feedback-item.correct").count() >= 1


def test_quiz_works_after_full_load(page, site_url):
    errors: list = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + MODULE_PATH)
    _quiz_works(page)
    assert errors == []


def test_quiz_works_after_instant_navigation(page, site_url):
    errors: list = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Material only navigates instantly to URLs in sitemap.xml, which names the production host
    # (site_url in mkdocs.yml); serve it with the test server's address, as it is in production.
    production = region.site_url(ROOT)

    def sitemap(route):
        body = route.fetch().text().replace(production, site_url)
        route.fulfill(status=200, body=body, headers={"Content-Type": "application/xml"})

    page.route("**/sitemap.xml", sitemap)
    with page.expect_response("**/sitemap.xml"):  # Material fetches it with the page
        page.goto(site_url + MODULE_PATH.split("/")[0] + "/")  # the section index links the module
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator(f'article a[href$="{MODULE_PATH.split("/")[1]}/"]').first.click()
    page.wait_for_url("**/" + MODULE_PATH)
    assert page.evaluate("window.__sameDocument === true"), "geen instant navigation: de pagina is opnieuw geladen"
    _quiz_works(page)
    assert errors == []


def test_quiz_page_skips_no_heading_level(built_site):
    """Lighthouse heading-order: the plugin's <h4> question numbers follow "## Toets" (a11y_markup)."""
    import re

    html = (built_site / MODULE_PATH / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", article)]
    assert levels[0] == 1 and levels.count(3) >= 5
    jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert jumps == [], f"kopniveau overgeslagen: {jumps}"


def test_files_are_written_into_a_site_another_generator_built(tmp_path):
    """After Zensical (no build step there): the same files at the same paths, from the installed plugin."""
    assets = quiz_assets.plugin_assets()
    written = quiz_assets.write_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [a.path for a in assets]
    assert all(p.read_text(encoding="utf-8") == a.content for p, a in zip(written, assets))
    assert quiz_assets.main(["--site", str(tmp_path / "geen-site")]) == 1
