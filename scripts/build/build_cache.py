"""A small content-keyed cache for files the build generates (Word files, LMS exports, PDFs).

A generated file is stored under its key: the SHA-256 of everything that decides its bytes (the
parsed source, the settings it uses) plus a version (the source code of the modules that make it
and the versions of the libraries they use). Same key, same bytes: the build takes the stored
bytes instead of generating them again. Change a source, a setting or the generator's code and
the key changes, so the cache is never stale. It lives in .cache/build/<name>/ in the project
(git ignores .cache/), and is safe to delete at any time: the next build makes everything again.
``KENNISBANK_BUILD_CACHE=uit`` switches it off; another value is the folder to use.

Use (a build step, see scripts/build/word_files.py)::

    cache = build_cache.Cache("sjablonen", root, code=[templates_docx], libraries=["python-docx"])
    data = cache.get_or_make((template, site_url), lambda: templates_docx.build_docx(template, site_url))
    ...
    cache.finish()          # in on_post_build: drop entries unused for KEEP_DAYS days, write stats.json

A generator that makes several files at once (an LMS export: {file name: content}) uses
``get_or_make_files(inputs, make)``: make() returns a dict of names to str or bytes, the cache
gives back the same dict with bytes values. The SCORM packages, for example, could be cached in
scripts/build/quiz_pages.py as::

    cache = build_cache.Cache("scorm", root, code=[scorm_export, quiz_model], libraries=["mkdocs-quiz"])
    packages = cache.get_or_make_files((banks, lessons, site_url),
                                       lambda: scorm_export.export_files(banks, lessons, url_for, docs))

where the inputs are everything the export reads (the parsed banks, the rendered lesson text, the
site URL), never the function url_for itself (pass what it depends on instead).

The inputs may be str, bytes, numbers, None, dates, Paths (their name and bytes), dataclasses,
dicts, lists and tuples of those, nested. Only what you pass decides the key: pass the parsed
source and every setting the generator reads. ``hits`` and ``misses`` count this build;
``stats.json`` in the cache folder keeps them after the build (tests read it).
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import importlib.util
import inspect
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterable

from scripts.model import clock

CACHE_DIR = Path(".cache") / "build"
ENV = "KENNISBANK_BUILD_CACHE"
FORMAT = "1"  # bump when the way keys are made changes
STATS = "stats.json"
USAGE = "gebruik.json"  # entry key -> the last day a build used it
KEEP_DAYS = 14  # an entry no build used for this many days is removed
SUFFIX = ".bin"


def _feed(h, value) -> None:
    """Hash a value with its type, so 'a' + 'b' never equals 'ab' and 1 never equals '1'."""
    if isinstance(value, bytes):
        h.update(b"B%d:" % len(value))
        h.update(value)
    elif isinstance(value, str):
        _feed_tagged(h, b"S", value.encode("utf-8"))
    elif value is None or isinstance(value, (bool, int, float)):
        _feed_tagged(h, b"N", repr(value).encode())
    elif isinstance(value, (dt.date, dt.datetime, dt.time)):
        _feed_tagged(h, b"D", value.isoformat().encode())
    elif isinstance(value, Path):
        h.update(b"P")
        _feed(h, value.name)
        _feed(h, value.read_bytes() if value.is_file() else None)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        h.update(b"C")
        _feed(h, type(value).__qualname__)
        for f in dataclasses.fields(value):
            _feed(h, f.name)
            _feed(h, getattr(value, f.name))
    elif isinstance(value, dict):
        h.update(b"M%d:" % len(value))
        for k in sorted(value, key=repr):
            _feed(h, k)
            _feed(h, value[k])
    elif isinstance(value, (list, tuple)):
        h.update(b"L%d:" % len(value))
        for item in value:
            _feed(h, item)
    elif isinstance(value, (set, frozenset)):
        _feed(h, sorted(value, key=repr))
    else:
        raise TypeError(f"build_cache: kan {type(value).__name__} niet in een sleutel opnemen; geef str, bytes "
                        "of een dataclass/dict/lijst daarvan")


def _feed_tagged(h, tag: bytes, data: bytes) -> None:
    h.update(tag + b"%d:" % len(data))
    h.update(data)


def digest(*inputs) -> str:
    h = hashlib.sha256()
    _feed(h, list(inputs))
    return h.hexdigest()


def _source(module: ModuleType | str) -> tuple[str, bytes]:
    """A module's name and source; a module given by name is found without importing it, so a build
    whose cache is warm never loads the code that makes the file."""
    if isinstance(module, str):
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.origin:
            raise ModuleNotFoundError(module)
        return module, Path(spec.origin).read_bytes()
    return module.__name__, Path(inspect.getfile(module)).read_bytes()


def code_version(modules: Iterable[ModuleType | str] = (), libraries: Iterable[str] = ()) -> str:
    """The version part of a key: the source of the generating modules (modules or their dotted
    names) and library versions."""
    parts: list = [FORMAT]
    for module in modules:
        parts += list(_source(module))
    for name in libraries:
        try:
            parts += [name, metadata.version(name)]
        except metadata.PackageNotFoundError:
            parts += [name, None]
    return digest(*parts)


def cache_dir(root: Path) -> Path | None:
    """The cache folder of a project, or None when the cache is switched off."""
    setting = os.environ.get(ENV, "").strip()
    if setting.lower() in ("uit", "0", "off", "false", "nee"):
        return None
    return Path(setting) if setting else Path(root) / CACHE_DIR


class Cache:
    """One namespace of the build cache (e.g. 'sjablonen', 'scorm')."""

    def __init__(self, name: str, root: Path, version: str = "", code: Iterable[ModuleType | str] = (),
                 libraries: Iterable[str] = ()):
        base = cache_dir(root)
        self.name = name
        self.folder = base / name if base is not None else None
        self.version = digest(version, code_version(code, libraries))
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()

    def key(self, inputs) -> str:
        return digest(self.version, inputs)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def get(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, self._path(key))  # atomic: a reader sees the old file or the whole new one
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get_or_make(self, inputs, make: Callable[[], bytes]) -> bytes:
        """The bytes for these inputs: from the cache, or made by make() and stored."""
        key = self.key(inputs)
        self.used.add(key)
        data = self.get(key)
        if data is not None:
            self.hits += 1
            return data
        self.misses += 1
        data = make()
        if not isinstance(data, bytes):
            raise TypeError(f"build_cache '{self.name}': make() moet bytes teruggeven, niet {type(data).__name__}")
        self.put(key, data)
        return data

    def get_or_make_files(self, inputs, make: Callable[[], dict]) -> dict[str, bytes]:
        """Several files under one key: make() returns {name: str or bytes}; str is stored as UTF-8."""

        def pack() -> bytes:
            files = make()
            if not isinstance(files, dict):
                raise TypeError(f"build_cache '{self.name}': make() moet een dict met bestanden teruggeven")
            out = {}
            for name, content in files.items():
                data = content.encode("utf-8") if isinstance(content, str) else content
                if not isinstance(data, bytes):
                    raise TypeError(f"build_cache '{self.name}': bestand {name} is geen str of bytes")
                out[str(name)] = base64.b64encode(data).decode("ascii")
            return json.dumps(out, sort_keys=True).encode("utf-8")

        packed = json.loads(self.get_or_make(("files", inputs), pack))
        return {name: base64.b64decode(data) for name, data in packed.items()}

    def finish(self, prune: bool = True) -> dict:
        """End of a build: record which entries it used, remove entries no build used for KEEP_DAYS
        days (prune), and write stats.json. An entry another configuration uses (make serve has
        another site URL than make build) stays, so the two do not push each other out."""
        stats = {"hits": self.hits, "misses": self.misses, "entries": len(self.used)}
        if self.folder is None or not self.folder.is_dir():
            return stats
        index_path = self.folder / USAGE
        try:
            usage = json.loads(index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            usage = {}
        today = clock.today()
        for key in self.used:
            usage[key] = today.isoformat()
        for path in self.folder.glob(f"*{SUFFIX}"):
            key = path.name[: -len(SUFFIX)]
            last = usage.get(key)
            if last is None:  # made before the index existed: counts from today
                usage[key] = last = today.isoformat()
            if prune and (today - dt.date.fromisoformat(last)).days > KEEP_DAYS:
                path.unlink(missing_ok=True)
        present = {p.name[: -len(SUFFIX)] for p in self.folder.glob(f"*{SUFFIX}")}
        index_path.write_text(json.dumps({k: v for k, v in sorted(usage.items()) if k in present}), encoding="utf-8")
        (self.folder / STATS).write_text(json.dumps(stats), encoding="utf-8")
        return stats

    def reset(self) -> None:
        """Start a new build: zero the counts of this cache object (the steps make a new Cache per build)."""
        self.hits = self.misses = 0
        self.used = set()


def read_stats(name: str, root: Path) -> dict | None:
    base = cache_dir(root)
    path = base / name / STATS if base is not None else None
    if path is None or not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
