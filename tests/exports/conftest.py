"""Fixtures of the export tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def banks(banks) -> list:
    """The real banks in the order every export lists them: the site's module order (quiz_order)."""
    from scripts.model import quiz_order

    return quiz_order.in_module_order(banks)
