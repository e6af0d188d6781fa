"""Content checks run by scripts/check.py, in the order of CHECKS.

Each module has ``NAME`` (a short Dutch label for the status line) and
``check(project) -> list[Finding]``: it takes the project model (scripts/model/project.py, with
today's date in it) and returns findings (scripts/model/findings.py), errors and notices. A check
prints nothing and never exits; the runner prints, writes the Code Quality report and decides the
exit code. A module may also have:

- ``summary(project) -> list[str]``: counts for the job log (``[info] ...`` lines), such as the
  places the SWV still has to fill in;
- ``CODE``: its name in the Code Quality report (default: the module's name);
- ``LIST_NOTICES = False``: its notices go only into the Code Quality report, not into the log
  (there are many, and the summary of another check counts them).

Add a check: write the module and put it in CHECKS.
"""
from scripts.checks import (
    codeowners,
    facts,
    front_matter,
    glossary,
    legal,
    legal_pages,
    names,
    open_places,
    placeholders,
    privacy,
    quizzes,
    region,
    region_code,
    register_data,
    restated_rules,
    review_dates,
    rules,
    search_words,
    situations,
    template_files,
    weapons,
)

CHECKS = (
    facts,
    front_matter,
    glossary,
    legal,
    legal_pages,
    rules,
    situations,
    weapons,
    names,
    placeholders,
    privacy,
    quizzes,
    region,
    region_code,
    codeowners,
    register_data,
    restated_rules,
    search_words,
    template_files,
    review_dates,
    open_places,
)
