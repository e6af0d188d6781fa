"""Build step: a light first view (issue 20). The site's own stylesheets (extra_css) cost the
first view one request each before the page can be shown (Lighthouse: render-blocking
resources). So:

- a stylesheet that holds print rules only is linked with media="print": a browser on screen
  does not wait for it; printing, the step card PDFs (WeasyPrint) and the whole-site PDF read it
  as before. Print only means every rule sits inside ``@media print``; a file with one rule
  outside is left alone, so a screen rule added to it never silently stops working;
- the other ones are served as one file, their text joined in the order of mkdocs.yml (the
  cascade is the same), named after its content (assets/stylesheets/kennisbank.<hash>.css), and
  each page links that file in place of the separate ones. The separate files stay in the site.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

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


def joined(texts: list[tuple[str, str]]) -> str:
    """The stylesheets as one, each headed by its source file (for whoever reads the site's CSS)."""
    return "".join(f"/* {name} */\n{text.rstrip()}\n" for name, text in texts)


def _link(entry: str) -> str:
    return rf'<link rel="stylesheet" href="((?:[^"]*/)?){re.escape(entry)}">'


class FirstView:
    """One per build: which stylesheets are print-only, which are joined, and the joined file."""

    def __init__(self):
        self.print_css: list[str] = []
        self.screen_css: list[str] = []
        self.bundle: dict = {}  # "name": site path of the joined file, "text": its content

    def on_config(self, config):
        docs = Path(config["docs_dir"])
        texts = []
        for entry in config.get("extra_css") or []:
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
        return config

    def rewrite(self, html: str) -> str:
        """A page's stylesheet links: print-only ones with media="print", the others as one file."""
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

    def on_post_page(self, output, page, config):
        return self.rewrite(output)

    def on_post_template(self, output_content, template_name, config):
        return self.rewrite(output_content) if "<link" in output_content else output_content

    def on_post_build(self, config):
        if self.bundle:
            path = Path(config["site_dir"]) / self.bundle["name"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.bundle["text"], encoding="utf-8")
