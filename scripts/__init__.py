"""The kennisbank's code, one package grouped by job (README: "Hoe het in elkaar zit").

- model/    each source read once: pages and front matter, banks, registers, facts, the clock
- checks/   `make check`: each check takes the project and returns findings (checks/__init__.py)
- build/    the MkDocs plugin (build/plugin.py) and its steps, in the order of that file
- markdown_extension/  the markers as a Python-Markdown extension, for any generator (MkDocs, Zensical)
- exports/  downloads made from the model: Word templates, Moodle/GIFT/QTI, SCORM, PDF, zip
- reports/  reports for editors and the pipeline: spelling, readability, links, Code Quality
- bench/    `make bench`: findability and speed against their budgets
- check.py, new_page.py and new_region.py: the commands behind `make check`, `make pagina` and `make regio`

The package knows no project folder of its own: a command takes ``--project MAP`` (else
KENNISBANK_PROJECT, else the current folder; scripts/model/project.py), the build the folder of its
mkdocs.yml, and every model the root it is given. The package's own files (the JS and CSS it ships,
such as exports/scorm/) are found next to the module that uses them, never in the project.
"""
