"""The query steps for whole questions (issue 34), rule by rule on a small index of its own: in a query
of several words the stop words go, and a whole index word is also asked alone with a boost. Both
rules come from the index's config (search_tuning.CONFIG: query_stop_words, exact_boost), and the
browser's code (docs/assets/javascripts/zoekmachine.js, in Chromium) gives what the Python replay
(search_bench.SiteSearch) gives on the same index."""
from __future__ import annotations

import json

import pytest

from scripts.bench import search_bench
from scripts.build import search_tuning

DOCS = [
    ("wapens/", "Wapens", "Een stiletto en een vlindermes zijn verboden."),
    ("convenant/", "Schoolveiligheidsconvenant", "Afspraken met de partners."),
    ("school/", "Veilige school", "Wie bel je? De school belt de wijkagent."),
    ("mensen/", "Mensen", "Mensen op school."),
    ("scholen/", "Scholen", "De school en de scholen."),
]
STOP_WORDS = ["wie", "ik", "een", "de", "bij", "op", "het", "om"]


def write_index(tmp_path, **rules) -> dict:
    config = {"lang": ["nl"], "separator": r"[\s\-]+", "pipeline": [],
              "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}, **rules}
    data = {"config": config,
            "docs": [{"location": loc, "title": title, "text": f"<p>{text}</p>"} for loc, title, text in DOCS]}
    (tmp_path / "search_index.json").write_text(json.dumps(data), encoding="utf-8")
    return data


@pytest.fixture
def index_data(tmp_path):
    return write_index(tmp_path, query_stop_words=STOP_WORDS, exact_boost=5)


@pytest.fixture
def search(tmp_path, index_data):
    return search_bench.SiteSearch(tmp_path / "search_index.json")


@pytest.mark.parametrize("query,forgiven", [
    ("een stiletto bij de school", "stiletto school"),  # the stop words of a longer query go
    ("wie bel ik", "bel"),
    ("wie", "wie"),                                     # a query of stop words alone stays
    ("de een", "de een"),
    ("+een stiletto", "+een stiletto"),                 # lunr syntax: the reader means it as typed
    ("Wie? Stiletto", "stiletto"),                      # case and punctuation around a word
    ("stiletto bij het OM", "stiletto om"),             # an abbreviation in capitals is no stop word
    ("stiletto om de school", "stiletto school"),
    ("WIE BEL IK", "bel"),                              # with caps lock on, capitals say nothing
])
def test_stop_words_of_a_longer_query_go(search, query, forgiven):
    assert search.forgive(query) == forgiven


def test_stop_words_come_from_the_index_config(tmp_path):
    write_index(tmp_path)  # no query_stop_words: every word stays
    plain = search_bench.SiteSearch(tmp_path / "search_index.json")
    assert plain.forgive("een stiletto bij de school") == "een stiletto bij de school"


def test_a_whole_index_word_outranks_a_longer_word_that_starts_with_it(tmp_path, search):
    # 'school*' also matches the rare title word 'schoolveiligheidsconvenant', which lunr rates higher
    assert search.search("school")[0] == "school/"
    assert search.search("een stiletto bij de school")[0] == "school/"
    write_index(tmp_path, query_stop_words=STOP_WORDS)  # the same index without exact_boost
    assert search_bench.SiteSearch(tmp_path / "search_index.json").search("school")[0] == "convenant/"


def test_exact_clauses_only_for_whole_index_words(search):
    assert search.exact("school stiletto~1 schoo veilige") == "school^5 veilige^5"
    assert search.exact("") == ""


def test_the_site_index_carries_lunr_languages_dutch_stop_words():
    words = search_tuning.CONFIG["query_stop_words"]
    assert set(search_tuning.dutch_stop_words()) <= set(words)  # the shipped lunr.nl.min.js's list
    assert len(words) == len(set(words))
    assert search_tuning.CONFIG["exact_boost"] > 1


def test_a_lunr_file_without_stop_words_names_the_file(tmp_path):
    (tmp_path / "lunr.nl.min.js").write_text("lunr.nl = {}", encoding="utf-8")
    with pytest.raises(RuntimeError, match=str(tmp_path / "lunr.nl.min.js") + ":1:"):
        search_tuning.dutch_stop_words(tmp_path)


# --- the same rules in the browser: zoekmachine.js in Chromium on the same index ------------------

QUERIES = ["een stiletto bij de school", "wie bel ik", "wie", "de een", "+een stiletto", "school",
           "veilige school", "Wie? Stiletto", "stiletto bij het OM", "WIE BEL IK", "stileto"]
SCRIPTS = ["lunr.min.js", "lunr.stemmer.support.min.js", "lunr.nl.min.js"]
RUN = """([data, queries]) => {
  const search = new window.kennisbankZoekmachine(data)
  return queries.map(q => [search.forgive(q), search.search(q)])
}"""


def test_browser_gives_the_python_results(page, index_data, search):
    page.set_content("<!doctype html><html><head></head><body><article></article></body></html>")
    for name in SCRIPTS:
        page.add_script_tag(path=str(search_bench.LUNR_DIR / name))
    page.add_script_tag(path=str(search_bench.LUNR_DIR.parent / "zoekmachine.js"))
    in_browser = page.evaluate(RUN, [index_data, QUERIES])
    in_python = [[search.forgive(q), search.search(q)] for q in QUERIES]
    assert in_browser == in_python


def test_a_group_below_its_budget_fails_the_bench():
    floor, enough = search_bench.MIN_MRR["hele_vragen"], search_bench.MIN_QUESTIONS["hele_vragen"]
    groups = {"hele_vragen": {"mrr": floor - 0.01, "queries": enough}, "vragen": {"mrr": 0.0, "queries": 1}}
    assert search_bench.within_budget(groups) == {"hele_vragen": (floor, False)}  # 'vragen' has no budget
    held = search_bench.within_budget({"hele_vragen": {"mrr": floor, "queries": enough}})
    assert held == {"hele_vragen": (floor, True)}
    # a set too small to judge: the budget is not held, however well it ranks
    small = search_bench.within_budget({"hele_vragen": {"mrr": 1.0, "queries": enough - 1}})
    assert small == {"hele_vragen": (floor, False)}
    assert search_bench.within_budget({"vragen": {"mrr": 1.0, "queries": 1}}) == {}
