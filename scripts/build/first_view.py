"""A light first view (issue 20), a step of the output pass (scripts/build/output_pass.py). The
site's own stylesheets (extra_css) cost the first view one request each before the page can be shown
(Lighthouse: render-blocking resources). So:

- a stylesheet that holds print rules only is linked with media="print": a browser on screen
  does not wait for it; printing, the step card PDFs (WeasyPrint) and the whole-site PDF read it
  as before. Print only means every rule sits inside ``@media print``; a file with one rule
  outside is left alone, so a screen rule added to it never silently stops working;
- the other ones are served as one file, their text joined in the order of mkdocs.yml (the
  cascade is the same), named after its content (assets/stylesheets/kennisbank.<hash>.css), and
  each page links that file in place of the separate ones. The separate files stay in the site;
- the site's own scripts and stylesheets (every .js and .css of the docs folder that is not already
  ``.min.``, the joined file, mkdocs-quiz's files of scripts/build/quiz_assets.py) are served without
  comments and spare white space (rjsmin, rcssmin: nothing is renamed or reordered, so a script runs
  as its source does). That takes about 10 KB (gzip) off a quiz page. ``/*! ... */`` comments stay:
  the joined file names each source with one. The sources in docs/assets are read as written.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import rcssmin
import rjsmin

_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def print_only(css: str) -> bool:
    """True when every rule of the stylesheet is inside an @media print block."""
    text = _COMMENT.sub("", css)
    pos, found = 0, False
    while True:
        rest = text[pos:].lstrip()
        if not rest:
            return found
        match = re.match(r"@media\s+print\s*\{", rest)
        if not match:
            return False
        depth, i = 1, pos + (len(text[pos:]) - len(rest)) + match.end()
        while depth and i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        if depth:
            return False
        pos, found = i, True


BUNDLE_DIR = "assets/stylesheets"


def minified(name: str, text: str) -> str:
    """A script (.js) or stylesheet (.css) without comments and spare white space; ``/*! ... */``
    comments stay. Minifying it again changes nothing. Any other file as it is.

    A stylesheet whose minified text a CSS parser (tinycss2, WeasyPrint's) does not read as the same
    rules stays as written: rcssmin 1.3.0 turns ``target-counter(attr(href url), page)`` into
    ``target-counter(attr(href url,page)``, which cost the whole-site PDF its page numbers. The site
    is then a little heavier, never different (tests/build/test_first_view.py notices the file)."""
    if name.endswith(".css"):
        small = rcssmin.cssmin(text, keep_bang_comments=True)
        return small if same_rules(text, small) else text
    if name.endswith(".js"):
        return rjsmin.jsmin(text, keep_bang_comments=True)
    return text


# White space that does not count next to these (in a selector also around + and ~); in a value it
# does count around + and - (calc(1px + 2px)).
_SPACE_VALUE = re.compile(r" ?([,>:;/(){}\[\]!]) ?")
_SPACE_SELECTOR = re.compile(r" ?([,>+~:;/(){}\[\]!]) ?")


def _canon(tokens, selector: bool = False) -> str:
    parts = []
    for token in tokens:
        kind = token.type
        if kind == "comment":
            continue
        if kind == "whitespace":
            parts.append(" ")
        elif kind == "function":
            parts.append(f"{token.lower_name}({_canon(token.arguments, selector)})")
        elif kind in ("() block", "[] block", "{} block"):
            parts.append(kind[0] + _canon(token.content, selector) + kind[1])
        else:
            parts.append(token.serialize())
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    return (_SPACE_SELECTOR if selector else _SPACE_VALUE).sub(r"\1", text)


def _rules(nodes) -> list:
    import tinycss2

    out = []
    for node in nodes:
        kind = node.type
        if kind in ("whitespace", "comment"):
            continue
        if kind == "declaration":
            out.append(("d", node.lower_name, _canon(node.value), node.important))
        elif kind == "qualified-rule":
            out.append(("r", _canon(node.prelude, True), _rules(tinycss2.parse_blocks_contents(node.content))))
        elif kind == "at-rule":
            content = None if node.content is None else _rules(tinycss2.parse_blocks_contents(node.content))
            out.append(("@", node.lower_at_keyword, _canon(node.prelude, True), content))
        else:  # a parse error, or a token where a rule should be
            out.append((kind, node.serialize()))
    return out


def same_rules(css: str, other: str) -> bool:
    """True when both stylesheets hold the same rules, as a CSS parser reads them (comments and white
    space that does not count left out)."""
    import tinycss2

    def read(text):
        return _rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))

    return read(css) == read(other)


def joined(texts: list[tuple[str, str]]) -> str:
    """The stylesheets as one, minified, each headed by its source file (a ``/*!`` comment, which
    minifying keeps, for whoever reads the site's CSS)."""
    return minified(".css", "".join(f"/*! {name} */\n{text.rstrip()}\n" for name, text in texts))


def own_assets(docs_dir: Path) -> list[str]:
    """The scripts and stylesheets of the docs folder, as site paths, that are not minified yet."""
    docs = Path(docs_dir)
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")
                  if p.suffix in (".js", ".css") and ".min." not in p.name and p.is_file())


def _link(entry: str) -> str:
    return rf'<link rel="stylesheet" href="((?:[^"]*/)?){re.escape(entry)}">'


class FirstView:
    """Which stylesheets of a site are print-only, which are joined, and the joined file; made once per
    build from extra_css (``from_config``). The output pass (scripts/build/output_pass.py) rewrites
    every page with ``rewrite`` and writes the joined file with ``write``."""

    def __init__(self):
        self.print_css: list[str] = []
        self.screen_css: list[str] = []
        self.bundle: dict = {}  # "name": site path of the joined file, "text": its content
        self.own: list[str] = []  # site paths of the docs folder's scripts and stylesheets, to minify

    @classmethod
    def from_config(cls, extra_css, docs_dir: Path) -> "FirstView":
        """From the entries of extra_css (as MkDocs or site_config gives them) and the docs folder."""
        self = cls()
        docs = Path(docs_dir)
        self.own = own_assets(docs) if docs.is_dir() else []
        texts = []
        for entry in extra_css or []:
            entry = str(entry)
            path = docs / entry
            if not path.is_file() or entry.startswith(("http:", "https:", "//")):
                continue
            text = path.read_text(encoding="utf-8")
            if print_only(text):
                self.print_css.append(entry)
            elif "@import" not in text:  # an @import must stay at the top of its own file
                self.screen_css.append(entry)
                texts.append((entry, text))
        if len(texts) > 1:
            text = joined(texts)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
            self.bundle = {"name": f"{BUNDLE_DIR}/kennisbank.{digest}.css", "text": text}
        else:
            self.screen_css = []
        return self

    def rewrite(self, html: str) -> str:
        """A page's stylesheet links: print-only ones with media="print", the others as one file.
        A page rewritten before stays as it is."""
        if "<link" not in html:
            return html
        for entry in self.print_css:
            html = re.sub(_link(entry), rf'<link rel="stylesheet" href="\1{entry}" media="print">', html)
        if self.bundle:
            first = re.search(_link(self.screen_css[0]), html)
            if first and all(re.search(_link(entry), html) for entry in self.screen_css):
                combined = f'<link rel="stylesheet" href="{first.group(1)}{self.bundle["name"]}">'
                html = html[:first.start()] + "\x00" + html[first.end():]
                for entry in self.screen_css[1:]:
                    html = re.sub(_link(entry) + r"\n?\s*", "", html, count=1)
                html = html.replace("\x00", combined, 1)
        return html

    def write(self, site_dir: Path) -> None:
        """The joined stylesheet into the site, and the docs folder's scripts and stylesheets there
        minified (a file the site does not have is left out; one minified before stays as it is)."""
        site = Path(site_dir)
        if self.bundle:
            path = site / self.bundle["name"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.bundle["text"], encoding="utf-8")
        for rel in self.own:
            path = site / rel
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                small = minified(rel, text)
                if small != text:
                    path.write_text(small, encoding="utf-8")
