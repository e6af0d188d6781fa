"""The kennisbank build as one MkDocs plugin (issue 16): every build step, and the order they run in.

mkdocs.yml lists it as ``- kennisbank`` under ``plugins:`` (entry point in pyproject.toml), after the
other plugins. MkDocs runs the handlers of one event from high to low priority,
and at equal priority in the order the plugins are listed; so a step that must follow another plugin
has a lower priority than that plugin's handler (-10 after a plugin at 0), and the place in the list
does not decide our order. The configs mkdocs-serve.yml and mkdocs-offline.yml inherit that plugin list.

The steps live in their own modules (scripts/build/*.py), one class each. The plugin makes a fresh
object of every step at the start of each build (``make serve`` builds again in the same process with
the same plugin object), so a step keeps its state on itself and nothing is left over from the build
before. A step has a method ``on_<event>`` for each event it takes part in, with MkDocs' arguments.

ORDER below is the whole build order: for every event, the slots in the order MkDocs runs them, each
with its priority, the steps it runs in that order, the plugins it must come after or before (checked
by tests/build/test_build_order.py against the real plugin list), and why.
"""
from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from scripts.build import content
from scripts.build import output_pass
from scripts.build import print_builds
from scripts.build import quiz_assets
from scripts.build import quiz_pages
from scripts.build import region_config
from scripts.build import search_index
from scripts.build import tables
from scripts.build import template_cache
from scripts.build import word_files

# The steps, by the name ORDER and the `steps` option use.
STEPS = {
    "region": region_config.RegionConfig,  # site name, address, repository and copyright from the region's profile
    "content": content.PageInfo,  # front matter against the content model, review dates, page history
    "search_index": search_index.SearchIndex,  # our search index: sections, zoekwoorden, no quiz markup
    "quiz_pages": quiz_pages.QuizPages,  # quizzes from quizzes/*.yml, module facts, LMS exports, SCORM
    "word_files": word_files.WordFiles,  # templates: fill-in fields, Word files from the page's HTML
    "tables": tables.Tables,  # <!-- tabel: ... --> from data/
    "quiz_assets": quiz_assets.QuizAssetFiles,  # mkdocs-quiz CSS/JS as cacheable files, not inline per page
    "print_builds": print_builds.PrintBuilds,  # step card PDFs; the print and offline builds
    "output_pass": output_pass.OutputPass,  # the finished site: review notice, page info, tel:, a11y, first view
    "template_cache": template_cache.TemplateCache,  # the theme's Jinja templates compiled once, kept on disk
}


@dataclass(frozen=True)
class Slot:
    priority: int
    steps: tuple[str, ...]  # run in this order
    why: str
    after: tuple[str, ...] = ()  # plugins (their names in config.plugins) whose handler of this event runs first
    before: tuple[str, ...] = ()  # plugins whose handler of this event runs later


QUIZ, BLOG, RSS = "mkdocs_quiz", "material/blog", "rss"

ORDER: dict[str, tuple[Slot, ...]] = {
    "config": (
        Slot(100, ("region", "print_builds", "template_cache"),
             "the region's name and address before any step or plugin reads them; which output this is (step "
             "card PDFs, the site as a folder); the template cache's folder"),
        Slot(-10, ("content", "word_files"),
             "git history, template pages: after the plugins have settled the config"),
    ),
    "files": (
        Slot(0, ("quiz_pages", "quiz_assets"),
             "LMS exports and quiz CSS/JS as generated files, before blog's own (-50)",
             before=(BLOG,)),
    ),
    "page_markdown": (
        Slot(100, ("quiz_pages",), "<!-- toets --> becomes <quiz> markdown before mkdocs-quiz renders it",
             before=(QUIZ,)),
        Slot(-10, ("content", "word_files", "tables"),
             "page.meta for the templates, fill-in fields, register tables: after mkdocs-quiz (0), before blog "
             "(-50) reads the posts", after=(QUIZ,), before=(BLOG,)),
    ),
    "page_content": (
        Slot(50, ("quiz_pages",), "the lesson text for SCORM, before mkdocs-quiz puts the quiz in",
             before=(QUIZ,)),
        Slot(-10, ("word_files", "print_builds"),
             "the Word file from the page's HTML and its download button; step card PDF links: after "
             "mkdocs-quiz (0) has put the quiz in and the blog (0) has read the page",
             after=(QUIZ, BLOG)),
    ),
    "page_context": (
        Slot(-110, ("search_index",), "the finished content into the search index, after blog (-100)",
             after=(BLOG,)),
    ),
    "post_page": (  # no other plugin has an on_post_page: only the order of our steps counts
        Slot(0, ("quiz_pages", "print_builds", "quiz_assets"),
             "quiz ids; step card print CSS; the quiz's inline CSS/JS into files"),
    ),
    "env": (
        Slot(-10, ("quiz_pages", "template_cache", "output_pass"),
             "SCORM packages: every page's content is rendered by now, no page written yet; the template cache on the "
             "environment before the first page is written; every page's facts for the output pass", after=(BLOG,)),
    ),
    "post_build": (
        Slot(-10, ("quiz_pages", "word_files", "output_pass"),
             "cache bookkeeping, Word files; the output pass over the written site (scripts/build/output_pass.py: "
             "review notice, page info, tel: links, a11y, first view), after the plugins' own (0)",
             after=(RSS,)),
        Slot(-100, ("search_index",), "search/search_index.js from every page's documents"),
        Slot(-150, ("print_builds",), "step card PDFs from the written card pages, after the output pass"),
    ),
}


class KennisbankConfig(base.Config):
    # Which steps run: all of them, unless a (test) project names the few it has the input for. The
    # order stays that of ORDER.
    steps = c.ListOfItems(c.Choice(tuple(STEPS)), default=list(STEPS))


def unlisted_handlers() -> list[str]:
    """Handlers a step class has that ORDER does not run, handlers ORDER runs that the class lacks, and
    events in ORDER the plugin class does not take part in. Empty when ORDER and the code agree."""
    listed = {(name, event) for event, slots in ORDER.items() for slot in slots for name in slot.steps}
    defined = {(name, attr[3:]) for name, cls in STEPS.items() for attr in dir(cls) if attr.startswith("on_")}
    problems = [f"stap {name}: on_{event} " + ("staat niet in ORDER" if (name, event) in defined else "bestaat niet")
                for name, event in defined ^ listed]
    problems += [f"ORDER['{event}']: KennisbankPlugin heeft geen on_{event} = CombinedEvent(...)"
                 for event in ORDER if not isinstance(vars(KennisbankPlugin).get(f"on_{event}"), CombinedEvent)]
    return sorted(problems)


def _step_handler(event: str, slot: Slot, name: str):
    """One handler of `event` for one step: MkDocs sorts it by the slot's priority, and keeps the order
    of a CombinedEvent among equal priorities."""

    def run(self, *item, **kwargs):
        step = self.steps.get(name)
        # None keeps the item as it is (MkDocs' rule), also for a step that is switched off.
        return getattr(step, f"on_{event}")(*item, **kwargs) if step is not None else None

    run.__name__ = name  # scripts/bench/performance.py times the steps by this name
    run.__qualname__ = f"KennisbankPlugin.{event}.{name}"
    return event_priority(slot.priority)(run)


def _handlers(event: str) -> list:
    return [_step_handler(event, slot, name) for slot in ORDER[event] for name in slot.steps]


class KennisbankPlugin(BasePlugin[KennisbankConfig]):
    steps: dict  # step name -> its object for the build that is running

    @event_priority(1000)  # first of all: the steps of this build start empty
    def _new_build(self, config):
        problems = unlisted_handlers()
        if problems:
            raise PluginError("scripts/build/plugin.py: ORDER klopt niet met de stappen:\n" + "\n".join(problems))
        self.steps = {name: STEPS[name]() for name in self.config.steps}
        return config

    on_config = CombinedEvent(_new_build, *_handlers("config"))
    on_files = CombinedEvent(*_handlers("files"))
    on_page_markdown = CombinedEvent(*_handlers("page_markdown"))
    on_page_content = CombinedEvent(*_handlers("page_content"))
    on_page_context = CombinedEvent(*_handlers("page_context"))
    on_post_page = CombinedEvent(*_handlers("post_page"))
    on_env = CombinedEvent(*_handlers("env"))
    on_post_build = CombinedEvent(*_handlers("post_build"))
