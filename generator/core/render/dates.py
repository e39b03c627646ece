"""Dates as readers read them."""

from __future__ import annotations

import datetime as dt
import functools


@functools.lru_cache(maxsize=1 << 12)
def display_date(value: dt.date | str | None) -> str:
    """'7 December 2021' from a date or a partial date string."""
    if value is None:
        return "Unknown"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    parts = value.split("-")
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
