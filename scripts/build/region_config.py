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
            config["nav"] = region.with_menu(config["nav"], profile.menu)
        return config


def applied(config: dict, config_file: Path) -> dict:
    """The step on a config that the model read (content_model.site_config) for work without MkDocs
    (Zensical's config, the print page): the same code as in the build. Raises PluginError."""
    config = dict(config, config_file_path=str(Path(config_file).absolute()), extra=dict(config.get("extra") or {}))
    return RegionConfig().on_config(config)
