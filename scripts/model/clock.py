"""The one place that knows what day it is.

Everything that needs "today" (review dates, overdue notices, register checks, the
scaffolder) calls ``today()``. Tests and the scheduled pipeline can set the day with the
environment variable ``KENNISBANK_VANDAAG=JJJJ-MM-DD``; without it the system clock is used,
so libfaketime works as well.
"""
from __future__ import annotations

import datetime as dt
import os

ENV = "KENNISBANK_VANDAAG"


def today() -> dt.date:
    value = os.environ.get(ENV, "").strip()
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise SystemExit(f"{ENV}={value!r} is geen datum als JJJJ-MM-DD") from exc
    return dt.date.today()
