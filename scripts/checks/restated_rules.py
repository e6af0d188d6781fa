"""Rules restated in other words: every passage that states a rule of regels/ in its own words
instead of including it (a question bank cannot include, a sentence may need its own words) names
its rule, so a change of the rule finds it:

- in a page or a rule: ``<!-- regel: tas-jas-zakken -->`` on the line of the passage or the line above;
- in a question bank: ``# regel: tas-jas-zakken`` on the line of the question's ``id`` or above it.

An unknown rule name is an error. When a merge request changes a rule (git, against the branch it
goes into: scripts/model/git_dates.changed_files), every passage that names it is a notice in the
Code Quality report: "check that this still matches".
"""
from __future__ import annotations

import re

from scripts.model import content_model, git_dates
from scripts.model.findings import Finding, notice
from scripts.model.project import Project

NAME = "vaste regels in eigen woorden"
CODE = "regel-herhaald"
MD_MARKER_RE = re.compile(r"<!--\s*regel:\s*([^\s>]+)\s*-->")
YAML_MARKER_RE = re.compile(r"#\s*regel:\s*(\S+)")


def markers(project: Project):
    """(path, line, rule name) of every marker in the pages, the rules and the banks."""
    for path in project.markdown_sources:
        for number, match in content_model.finditer_outside_code(MD_MARKER_RE, project.text(path)):
            yield path, number, match.group(1)
    for path in sorted((project.root / "quizzes").glob("*.yml")):
        for number, line in enumerate(project.text(path).splitlines(), start=1):
            for match in YAML_MARKER_RE.finditer(line):
                yield path, number, match.group(1)


def check(project: Project) -> list[Finding]:
    rules_dir = project.root / content_model.RULES_DIR
    known = sorted(p.stem for p in rules_dir.glob("*.md"))
    changed = git_dates.changed_files(project.root, content_model.RULES_DIR) or set()
    changed_rules = {name.rsplit("/", 1)[-1][:-3] for name in changed if name.endswith(".md")}
    out = []
    for path, number, name in markers(project):
        shown = project.shown(path)
        if name not in known:
            out.append(Finding(shown, number, f"regel '{name}' bestaat niet in {content_model.RULES_DIR}/ "
                                              f"(kies uit: {', '.join(known)})"))
        elif name in changed_rules:
            out.append(notice(shown, number, f"de vaste regel '{name}' is gewijzigd in dit merge request: "
                                             f"controleer of deze tekst er nog mee klopt "
                                             f"({content_model.RULES_DIR}/{name}.md)"))
    return out


def summary(project: Project) -> list[str]:
    counts: dict[str, int] = {}
    for _, _, name in markers(project):
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return []
    return ["vaste regels in eigen woorden: " + ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))]
