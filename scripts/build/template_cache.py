"""The theme's Jinja templates compiled once, not on every build (issue 20: fast builds).

MkDocs makes a new Jinja environment for every build, and the environment compiles each of
Material's templates (about 60: base.html, the partials, the blog's) from its source again: about
0.3 s of a 3 s build. Jinja ships a cache for exactly this (``FileSystemBytecodeCache``): the
compiled code of a template is kept on disk and taken again as long as the template's source is
the same (Jinja stores a checksum of the source with it), so an edited override in overrides/ or
another Material version is compiled again.

The build step TemplateCache gives the environment MkDocs hands to plugins (the public ``on_env``
event) the cache, through Jinja's public ``bytecode_cache`` attribute: the theme's pages and partials
are compiled from the cache. Nothing of MkDocs or Material is replaced. It lives in the build cache's
folder (.cache/build/jinja/, scripts/build/build_cache.py): safe to
delete, off with ``KENNISBANK_BUILD_CACHE=uit``.

Compiled code also depends on how the environment compiles (autoescape, delimiters, extensions and
the like), which Jinja's own cache key leaves out; ``EnvironmentKeyedCache`` adds those settings to
the key, so two differently set environments never share an entry.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from scripts.build import build_cache

FOLDER = "jinja"

# The settings of an environment that change the code a template compiles to.
COMPILE_SETTINGS = (
    "autoescape", "optimized", "is_async", "trim_blocks", "lstrip_blocks", "keep_trailing_newline",
    "newline_sequence", "block_start_string", "block_end_string", "variable_start_string",
    "variable_end_string", "comment_start_string", "comment_end_string", "line_statement_prefix",
    "line_comment_prefix",
)


def compile_signature(env: jinja2.Environment) -> str:
    """A short digest of what decides the compiled code besides the template's source."""
    parts = [f"{name}={getattr(env, name, None)!r}" for name in COMPILE_SETTINGS]
    parts.append("finalize=" + ("yes" if env.finalize is not None else "no"))
    parts.append("extensions=" + ",".join(sorted(env.extensions)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class EnvironmentKeyedCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, keyed by the template and the environment's compile settings."""

    def get_bucket(self, environment, name, filename, source):
        key = self.get_cache_key(f"{name}\0{compile_signature(environment)}", filename)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket


def cache_for(root: Path) -> EnvironmentKeyedCache | None:
    """The template cache of a project, or None when the build cache is switched off."""
    base = build_cache.cache_dir(root)
    if base is None:
        return None
    folder = base / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return EnvironmentKeyedCache(str(folder))


class TemplateCache:
    """Build step, one per build: the build's Jinja environment (MkDocs' on_env) uses the cache."""

    def __init__(self):
        self.cache: EnvironmentKeyedCache | None = None

    def on_config(self, config):
        self.cache = cache_for(Path(config["config_file_path"]).resolve().parent)
        return config

    def on_env(self, env, config, files):
        if self.cache is not None:
            env.bytecode_cache = self.cache
        return env
