"""The kennisbank's code, one package grouped by job (README: "Hoe het in elkaar zit").

- model/    each source read once: pages and front matter, banks, registers, facts, the clock
- checks/   `make check`: each check takes the project and returns findings (checks/__init__.py)
- build/    the MkDocs plugin (build/plugin.py) and its steps, in the order of that file
- markdown_extension/  the markers as a Python-Markdown extension, for any generator (MkDocs, Zensical)
- exports/  downloads made from the model: Word templates, Moodle/GIFT/QTI, SCORM, PDF, zip
- reports/  reports for editors and the pipeline: spelling, readability, links, Code Quality
- bench/    `make bench`: findability and speed against their budgets
- check.py and new_page.py: the commands behind `make check` and `make pagina`
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project folder (docs/, config/, quizzes/, ...)
