"""The project as the checks see it: one object per run, handed to every check in
scripts/checks/ by the runner (scripts/check.py).

``Project(root, today)`` reads and parses each source at most once per run: the pages with their
front matter, the Markdown files, the question banks and the registers. ``today`` is the date the
runner took from scripts/model/clock.py; nothing here reads the clock.

The project folder is what a command is given, never where this package lies: every command takes
``--project MAP`` (``project_argument``), else KENNISBANK_PROJECT, else the current folder; the build
takes the folder of its mkdocs.yml. So the installed package works on any project folder.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
from functools import cached_property
from pathlib import Path

from scripts.model import content_model, quiz_model, registers


PROJECT_ENV = "KENNISBANK_PROJECT"


def project_root(value: str | Path | None = None, environ: dict | None = None) -> Path:
    """The project folder a command works on: ``value`` (its --project), else KENNISBANK_PROJECT,
    else the current folder. A folder that does not exist is an error (ValueError) that names it."""
    env = os.environ if environ is None else environ
    chosen = value if value not in (None, "") else env.get(PROJECT_ENV) or Path.cwd()
    root = Path(chosen).expanduser().absolute()
    if not root.is_dir():
        source = "--project" if value not in (None, "") else PROJECT_ENV if env.get(PROJECT_ENV) else "de huidige map"
        raise ValueError(f"{root}: de projectmap bestaat niet ({source})")
    return root


def project_argument(parser: argparse.ArgumentParser) -> None:
    """``--project MAP`` (also ``--root``) on a command's parser; after ``parse_args(parser)`` below,
    ``args.root`` is the checked absolute folder (project_root), or the parser exits 2 naming it."""
    parser.add_argument("--project", "--root", dest="root", type=_folder, default=None, metavar="MAP",
                        help=f"de projectmap (met mkdocs.yml, docs/, config/); standaard {PROJECT_ENV} of "
                             "de huidige map")


def _folder(value: str) -> Path:
    try:
        return project_root(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_args(parser: argparse.ArgumentParser, argv=None) -> argparse.Namespace:
    """parse_args, with the project folder filled in when --project was not given."""
    args = parser.parse_args(argv)
    if getattr(args, "root", None) is None:
        try:
            args.root = project_root(None)
        except ValueError as exc:
            parser.error(str(exc))
    return args


class Project:
    def __init__(self, root: Path, today: dt.date):
        self.root = Path(root)
        self.today = today
        self._texts: dict[Path, str] = {}
        self._registers: dict[str, registers.Loaded] = {}
        self._once: dict[str, object] = {}

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def shown(self, path: Path) -> str:
        """A file as messages name it: relative to the root, with forward slashes."""
        return path.relative_to(self.root).as_posix()

    def text(self, path: Path) -> str:
        """The text of one file, read once."""
        if path not in self._texts:
            self._texts[path] = path.read_text(encoding="utf-8")
        return self._texts[path]

    def once(self, key: str, compute):
        """``compute()`` the first time a check asks for ``key``, the same result after that
        (for what one check parses and another reads too, such as the glossary)."""
        if key not in self._once:
            self._once[key] = compute()
        return self._once[key]

    @cached_property
    def page_files(self) -> list[Path]:
        """Every page under docs/, sorted."""
        return sorted(self.docs.rglob("*.md"))

    @cached_property
    def pages(self) -> list[content_model.Page]:
        """Every page with its front matter and its front matter problems (errors), in the order
        of page_files."""
        return [content_model.load_page(path, self.docs, self.today, self.text(path)) for path in self.page_files]

    @cached_property
    def markdown_sources(self) -> list[Path]:
        """The pages and the canonical rules they include (content_model.markdown_sources)."""
        return content_model.markdown_sources(self.root)

    @cached_property
    def banks(self) -> tuple[list[quiz_model.Bank], list]:
        """The question banks in quizzes/ and their problems (errors)."""
        return quiz_model.load_banks(self.root)

    def register(self, name: str) -> registers.Loaded:
        """One data register (registers.REGISTERS) with its problems and notices, as of today."""
        if name not in self._registers:
            self._registers[name] = registers.load(name, self.root, self.today)
        return self._registers[name]
