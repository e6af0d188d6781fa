"""The config that Zensical reads, derived from mkdocs.yml (issue 34): never a hand copy that drifts.

Zensical reads mkdocs.yml itself, but not MkDocs' `!relative` tag (pymdownx.snippets' base_path), and it
runs no MkDocs plugins, so our `region` step (site name, address, repository, copyright and the region's
part of the nav, from the region's profile) does not run there. This module reads mkdocs.yml through the
model (content_model.site_config: `!ENV` as MkDocs resolves it, `!relative $config_dir/...` as an absolute
path), applies the `region` step to the result,
points the site at its own folder, and writes a plain YAML file without tags next to mkdocs.yml (Zensical
wants docs_dir inside the folder of its config file):

    python -m scripts.build.zensical_config [--project MAP] [--config mkdocs.yml] [--out mkdocs-zensical.yml]
                                            [--site-dir site-zensical]

`make zensical` runs it before every Zensical build, and a second time for the offline folder:
`--config mkdocs-offline.yml` (INHERIT mkdocs.yml, as MkDocs reads it) gives the same config with
`use_directory_urls: false`, which Zensical honours (pages as x/y.html, links to them as such).
A `!relative` that is not `$config_dir/...` (bare, it means "the folder of the page being rendered":
no fixed folder), in the config or a file it inherits, stops it with file and line.
"""
from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import yaml

from scripts.model import content_model, project

OUT_FILE = "mkdocs-zensical.yml"
SITE_DIR = "site-zensical"
HEADER = ("# Made by scripts/build/zensical_config.py from {source} for Zensical (make zensical): do not edit,\n"
          "# change {source} instead. No !ENV or !relative tags; the region's settings are filled in.\n")

# Options our own Markdown extension takes only where no MkDocs plugin renders its output: the quizzes
# (mkdocs-quiz is a plugin, so Zensical does not run it). Set only if the extension declares the option.
RELATIVE_TAG = re.compile(r"!relative\b[ \t]*([^\s#]*)")
INHERIT_KEY = re.compile(r"^INHERIT:[ \t]*(\S+)", re.M)
ZENSICAL_EXTENSION_OPTIONS = {
    "scripts.markdown_extension.kennisbank": {"quiz_html": True},
}


class ConfigError(Exception):
    """A config Zensical cannot be given: the message names file and line."""


def _read(source: Path) -> dict:
    """mkdocs.yml as the model reads it (content_model.site_config: !ENV, INHERIT, !relative $config_dir);
    a `!relative` that is not `$config_dir/...` has no fixed folder to become, and stops here."""
    from mkdocs.exceptions import ConfigurationError

    root, name = source.parent.absolute(), source.name
    if not source.is_file():
        raise ConfigError(f"{source}: bestand ontbreekt")
    try:
        config = content_model.site_config(root, name)
    except (yaml.YAMLError, ConfigurationError) as error:
        mark = getattr(error, "problem_mark", None)
        raise ConfigError(f"{source}:{mark.line + 1 if mark else 1}: {error}".replace("\n", " ")) from None
    if not isinstance(config, dict):
        raise ConfigError(f"{source}:1: de config is geen mapping")
    for path in _inherited(source):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            tag = RELATIVE_TAG.search(line)
            if tag and not tag.group(1).startswith("$config_dir"):
                raise ConfigError(f"{path}:{number}: !relative {tag.group(1) or '(zonder map)'}: Zensical kent "
                                  "deze tag niet, en alleen '!relative $config_dir/...' wordt hier een vaste map")
    return config


def _inherited(source: Path) -> list[Path]:
    """The config and the files it inherits (INHERIT, relative to the file that names it), as MkDocs
    follows them (mkdocs-offline.yml -> mkdocs.yml); the model has read them all already."""
    chain = [source]
    while True:
        found = INHERIT_KEY.search(chain[-1].read_text(encoding="utf-8"))
        parent = (chain[-1].parent / found.group(1).strip("'\"")) if found else None
        if parent is None or parent in chain or not parent.is_file():
            return chain
        chain.append(parent)


def _with_region(config: dict, source: Path) -> dict:
    """The `region` build step on the config, as MkDocs runs it in on_config: the same code, no copy."""
    from mkdocs.exceptions import PluginError

    from scripts.build import region_config

    try:
        config = region_config.applied(config, source)
    except PluginError as error:
        raise ConfigError(str(error)) from None
    config.pop("config_file_path", None)
    return config


def _extension_options(extensions: list) -> list:
    """markdown_extensions with the Zensical-only options of our own extension, where it declares them."""
    result = []
    for entry in extensions:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        extra = ZENSICAL_EXTENSION_OPTIONS.get(name)
        if extra:
            declared = _declared_options(name)
            options = dict(options or {}, **{key: value for key, value in extra.items() if key in declared})
        result.append({name: options} if options else name)
    return result


def _declared_options(name: str) -> set[str]:
    import importlib

    try:
        module = importlib.import_module(name)
    except ImportError:
        return set()
    make = getattr(module, "makeExtension", None)
    return set(make().getConfigs()) if make else set()


def derive(source: Path, site_dir: str = SITE_DIR, region: bool = True) -> dict:
    """The config for Zensical from one mkdocs.yml: no tags, the region filled in, its own site folder."""
    config = _read(source)
    if region:
        config = _with_region(config, source)
    config = copy.deepcopy(config)
    config["site_dir"] = site_dir
    if isinstance(config.get("markdown_extensions"), list):
        config["markdown_extensions"] = _extension_options(config["markdown_extensions"])
    return config


def write(config: dict, out: Path, source_name: str) -> None:
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=110)
    out.write_text(HEADER.format(source=source_name) + text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    project.project_argument(parser)
    parser.add_argument("--config", type=Path, default=None, help="standaard: mkdocs.yml in de projectmap")
    parser.add_argument("--out", type=Path, default=None, help=f"standaard: {OUT_FILE} naast --config")
    parser.add_argument("--site-dir", default=SITE_DIR)
    args = project.parse_args(parser, argv)
    args.config = args.config or args.root / "mkdocs.yml"
    out = args.out or args.config.parent / OUT_FILE
    try:
        config = derive(args.config, args.site_dir)
    except ConfigError as error:
        print(f"zensical_config: {error}", file=sys.stderr)
        return 1
    write(config, out, args.config.name)
    print(f"{out}: config voor Zensical uit {args.config.name} (site in {args.site_dir}/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
