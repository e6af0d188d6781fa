"""Search finds what staff type: the findability benchmark against the real index, with a floor,
and the parts of the search tuning (keywords field, quiz markup excluded, replayed query syntax)."""
import json

import pytest

import search_bench
from conftest import ROOT
import search_tuning

MIN_MRR = 0.8
MIN_TOP5 = 0.9


@pytest.fixture(scope="module")
def site_search(built_site):
    return search_bench.SiteSearch(built_site / "search" / "search_index.json")


def test_benchmark_meets_the_floor(site_search):
    queries = search_bench.load_queries()
    assert len(queries) >= 40
    result = search_bench.evaluate(site_search, queries)
    misses = [f"{r['vraag']!r} (regel {r['regel']}): rang {r['rang']}, top {r['top'][:3]}"
              for r in result["rows"] if not r["rang"] or r["rang"] > 5]
    assert result["mrr"] >= MIN_MRR, (result["mrr"], misses)
    assert result["top5"] >= MIN_TOP5, (result["top5"], misses)


def test_every_expected_page_exists(built_site):
    for query in search_bench.load_queries():
        for location in query.expected:
            assert (built_site / location / "index.html").is_file(), (query.line, location)


def test_index_uses_default_dutch_pipeline_and_keywords_field(built_site):
    config = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["nl"]
    assert config["pipeline"] == ["stopWordFilter"]  # the stemmer breaks full-word Dutch queries
    assert config["fields"]["zoekwoorden"]["boost"] > config["fields"]["text"]["boost"]


def test_keywords_reach_the_index(built_site):
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    home = next(d for d in docs if d["location"] == "")
    assert "wat moet ik doen" in home["zoekwoorden"]
    assert all("#" not in d["location"] for d in docs if "zoekwoorden" in d)


def test_quiz_ui_and_page_info_stay_out_of_the_index(built_site):
    text = (built_site / "search/search_index.json").read_text(encoding="utf-8")
    for boilerplate in ["Voortgang toets", "Beantwoord:", "vragen beantwoord", "Eigenaar:", "Peildatum:"]:
        assert boilerplate not in text, boilerplate
    # Quiz blocks (questions, options, feedback) are not indexed: the first question of a bank.
    import quiz_model
    bank = quiz_model.load_bank(ROOT / "quizzes" / "signalen-herkennen.yml")
    first = bank.questions[0].text
    assert first[:30] not in text
    assert first[:30] in (built_site / "signalering/signalen-herkennen/index.html").read_text(encoding="utf-8")


def test_quiz_blocks_are_cut_with_their_nested_elements():
    html = ('<p class="quizzical">voor</p><div class="quiz" id="quiz-0"><div class="quiz-question">'
            '<ul><li>vraag</li></ul></div><div>x</div></div><p>na</p>'
            '<nav id="quiz-progress-mobile"><div>Voortgang</div></nav><div><p>eind</p></div>')
    assert search_tuning.without_quiz_markup(html) == '<p class="quizzical">voor</p><p>na</p><div><p>eind</p></div>'


def test_full_quiz_page_is_rendered_for_readers(built_site):
    html = (built_site / "signalering/signalen-herkennen/index.html").read_text(encoding="utf-8")
    assert 'class="quiz' in html


@pytest.mark.parametrize(
    "query,expected",
    [("messen", "messen*"), ("mag ik een tas doorzoeken", "mag* ik* een* tas* doorzoeken*"),
     ("kluis-controle", "kluis* controle*"), ('"lockdown"', "lockdown*"), ("  ", "")],
)
def test_query_transform_matches_material(site_search, query, expected):
    assert site_search.transform(query) == expected


def test_page_locations():
    assert search_bench.page_location("index.md") == ""
    assert search_bench.page_location("wetgeving/index.md") == "wetgeving/"
    assert search_bench.page_location("wetgeving/mag-ik.md") == "wetgeving/mag-ik/"


def test_benchmark_decides_against_the_stemmer(built_site):
    """The pipeline choice in mkdocs.yml is the one the benchmark ranks best (see make bench)."""
    index = built_site / "search" / "search_index.json"
    queries = search_bench.load_queries()
    default = search_bench.evaluate(search_bench.SiteSearch(index), queries)
    stemmed = search_bench.evaluate(search_bench.SiteSearch(index, pipeline=["stemmer", "stopWordFilter", "trimmer"]), queries)
    assert default["mrr"] > stemmed["mrr"]
    # The stemmer's known failure: the index holds 'mess', so the prefix query 'messen*' misses.
    assert "messen" in search_bench.SiteSearch(index).index.inverted_index
    stemmed_index = search_bench.SiteSearch(index, pipeline=["stemmer", "stopWordFilter"]).index.inverted_index
    assert "messen" not in stemmed_index and "mess" in stemmed_index
