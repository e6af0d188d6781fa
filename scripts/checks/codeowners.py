"""Who reviews what (.gitlab/CODEOWNERS) is written with the project's roles, never with a group or a
person: a GitLab group's name (`@swv-.../redactie`) is a region's own, so a file that names one differs
in every samenwerkingsverband's copy and conflicts at each merge of the national content. GitLab reads
a role as `@@developer`, `@@maintainer` or `@@owner` (docs.gitlab.com, CODEOWNERS syntax, "Assign a role
as a Code Owner"); it also reads owners written in a comment, so every line is checked."""
from __future__ import annotations

import re

from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "CODEOWNERS"
FILE = ".gitlab/CODEOWNERS"
ROLES = ("@@developer", "@@maintainer", "@@owner")
MENTION_RE = re.compile(r"\S*@\S*")  # a user, a group, a role or an e-mail address


def check(project: Project) -> list[Finding]:
    path = project.root / FILE
    if not path.is_file():  # a project without GitLab's code owners
        return []
    found = []
    for number, line in enumerate(project.text(path).splitlines(), start=1):
        for owner in MENTION_RE.findall(line):
            if owner not in ROLES:
                found.append(Finding(FILE, number, (
                    f"'{owner}' is geen rol: schrijf als eigenaar een rol van het project ({', '.join(ROLES)}), "
                    "geen groep, persoon of e-mailadres; die zijn van één regio")))
    return found
