"""The site as a folder, zipped: `python -m scripts.exports.offline_zip SITE ZIP` (make downloads).

SITE is a build of mkdocs-offline.yml (Material's offline plugin: no directory URLs, the search
index as a script). Before zipping, the folder is checked for what makes it work from disk: a start
page, the search index as a script, and no page that loads a script, stylesheet, image or frame from
another host. The zip holds one folder, `kennisbank/`, so unpacking it makes no mess.
"""
from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path

FOLDER = "kennisbank"
# Attributes that make the browser fetch something as the page loads (links to click are fine).
LOADS = re.compile(r'<(script|img|iframe|source|audio|video|embed)\b[^>]*?\bsrc="(?:https?:)?//[^"]*"'
                   r'|<link\b(?=[^>]*\brel="(?:stylesheet|preload|modulepreload|icon|preconnect)")[^>]*\bhref="(?:https?:)?//[^"]*"',
                   re.I)


def problems(site: Path) -> list[str]:
    out = []
    if not (site / "index.html").is_file():
        out.append(f"{site}: geen index.html; bouw eerst met mkdocs-offline.yml")
    if not (site / "search" / "search_index.js").is_file():
        out.append(f"{site}: search/search_index.js ontbreekt: zoeken werkt dan niet vanaf schijf "
                   f"(staat de offline-plugin aan?)")
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for lineno, line in enumerate(text.splitlines(), start=1):
            for match in LOADS.finditer(line):
                out.append(f"{page.relative_to(site)}:{lineno}: laadt iets van een andere host: {match.group()[:120]}")
    return out


def make_zip(site: Path, dest: Path) -> int:
    """Zip the folder under kennisbank/; returns the number of files."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    tmp = dest.with_suffix(dest.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in files:
            zf.write(path, f"{FOLDER}/{path.relative_to(site).as_posix()}")
    tmp.replace(dest)
    return len(files)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="gebouwde map van mkdocs-offline.yml")
    parser.add_argument("zip", type=Path, help="het zipbestand dat gemaakt wordt")
    args = parser.parse_args(argv)
    found = problems(args.site)
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        return 1
    count = make_zip(args.site, args.zip)
    print(f"{args.zip}: {count} bestanden, {args.zip.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
