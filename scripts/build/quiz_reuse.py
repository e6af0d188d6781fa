"""mkdocs-quiz's per-quiz setup done once instead of for every quiz (issue 20: fast builds).

mkdocs-quiz 1.7.1 does two things again for every quiz of every page (73 quizzes: about 0.06 s of a
2.3 s build, a third of what the plugin costs):

- it reads its translations: ``TranslationManager(language, custom_path)`` parses the built-in
  ``en.po`` and our ``locales/nl.po`` with polib each time;
- it makes a new Markdown instance with every extension of mkdocs.yml
  (``_create_fragment_markdown``), although it resets the instance before each fragment anyway.

The build step QuizReuse (below) keeps one translation manager per language and .po files as they
are (their modification times are part of the key, so ``make serve`` sees an edited nl.po), and one
Markdown instance per page. The output is the same byte for byte (tests/build/test_quiz_reuse.py).

If an upgrade of mkdocs-quiz renames what this step wraps, the step does nothing: the build stays
right and only slower, and the test fails so that someone looks.
"""
from __future__ import annotations

from pathlib import Path


def _mtime(path) -> int | None:
    try:
        return Path(path).stat().st_mtime_ns
    except (OSError, TypeError):
        return None


class SharedTranslations:
    """Stands in for mkdocs_quiz.plugin.TranslationManager: the same object for the same inputs.
    A manager is only read after it is made (get, to_dict copies), so sharing it is safe."""

    def __init__(self, make, locales: Path):
        self.make = make  # the real TranslationManager class
        self.locales = locales  # mkdocs-quiz's built-in .po files
        self.made: dict = {}

    def __call__(self, language: str = "en", custom_path: Path | None = None):
        key = (language, str(custom_path), _mtime(custom_path), _mtime(self.locales / f"{language}.po"))
        if key not in self.made:
            self.made[key] = self.make(language, custom_path)
        return self.made[key]


def install_shared_translations(module) -> bool:
    """Put SharedTranslations in place of the module's TranslationManager (once per process)."""
    current = getattr(module, "TranslationManager", None)
    if current is None:
        return False
    if not isinstance(current, SharedTranslations):
        module.TranslationManager = SharedTranslations(current, Path(module.__file__).parent / "locales")
    return True


class QuizReuse:
    """Build step, one per build: wraps this build's mkdocs-quiz plugin object (on_config)."""

    def __init__(self):
        self.page_key = None
        self.markdown = None
        self.active = False

    def on_config(self, config):
        plugin = config.plugins.get("mkdocs_quiz")
        if plugin is None:
            return config
        from mkdocs_quiz import plugin as quiz_module

        make_markdown = getattr(type(plugin), "_create_fragment_markdown", None)
        if make_markdown is None or not install_shared_translations(quiz_module):
            return config

        def one_per_page(page, config, files):
            key = (id(page), id(files), id(config))
            if key != self.page_key:
                self.page_key, self.markdown = key, make_markdown(plugin, page, config, files)
            return self.markdown

        plugin._create_fragment_markdown = one_per_page  # this object only; the class stays as it is
        self.active = True
        return config
