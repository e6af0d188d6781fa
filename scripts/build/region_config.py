"""Build step: the site's regional settings from the region's profile (regio/profiel.yml,
scripts/model/region.py): its name, address, repository and copyright line, and its menu in the nav. mkdocs.yml is national and
names no region; a setting that mkdocs.yml (or a config that inherits it, such as mkdocs-serve.yml)
gives itself is kept. An invalid profile stops the build with its file and line."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.model import region

LICENCE_LINE = "inhoud: CC BY 4.0 · informatie, geen juridisch advies"


class RegionConfig:
    def on_config(self, config):
        root = Path(config["config_file_path"]).absolute().parent
        profile = region.load(root)
        if profile.problems:
            raise PluginError("Het profiel van de regio klopt niet:\n" + "\n".join(map(str, profile.problems)))
        if not config.get("site_url"):
            config["site_url"] = profile.site_adres
        if not config.get("repo_url") and profile.repository:
            config["repo_url"] = profile.repository
        config["site_name"] = profile.site_naam
        if not config.get("copyright"):
            config["copyright"] = f"{profile.licentiegever} – {LICENCE_LINE}"
        config["extra"]["regio"] = {"naam": profile.naam, "korte_naam": profile.korte_naam}
        if config.get("nav"):
            config["nav"] = with_menu(config["nav"], profile.menu)
        return config


PLACE = f"{region.PAGES_DIR}/over/index.md"  # the nav item the region's menu takes the place of


def with_menu(nav: list, menu: list) -> list:
    """The national nav with the region's menu: a section of the menu with the title of a national
    section goes at the end of that section; the others take the place of the item that shows the
    region's page (PLACE), in the menu's order. Without that item they go at the end."""
    nav = [dict(e) if isinstance(e, dict) else e for e in nav]
    titles = {next(iter(e)): e for e in nav if isinstance(e, dict) and isinstance(next(iter(e.values())), list)}
    new = []
    for entry in menu:
        title = next(iter(entry)) if isinstance(entry, dict) else None
        if title in titles and isinstance(entry[title], list):
            titles[title][title] = [*titles[title][title], *entry[title]]
        else:
            new.append(entry)
    place = next((i for i, e in enumerate(nav) if (e == PLACE) or (isinstance(e, dict) and list(e.values()) == [PLACE])),
                 len(nav))
    return nav[:place] + new + nav[place + 1:]
