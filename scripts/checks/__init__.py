"""Content checks run by scripts/check.py.

Each module here has ``check(root: Path) -> list[Problem]`` (Problem from content_model),
``NAME`` (a short Dutch label) and runs without a build or a browser. Add a module to add a check.
"""
