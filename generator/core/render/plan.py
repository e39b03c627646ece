"""The site's plan: every page by its path, each path claimed once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import PathClaimed
from ..urls import PagePath


class Plan(dict[str, Callable[[], Any]]):
    """Path -> the function that renders the page (or a group of pages, path -> text), so that
    `briefing serve` can render only the pages an edit changed (core/incremental.py). Pages are
    added with `claim`, which refuses a path claimed already."""

    def __init__(self) -> None:
        super().__init__()
        self.claimants: dict[PagePath, str] = {}
        """Path -> who claimed it, for the message when a second builder claims it."""

    def claim(self, path: PagePath, make: Callable[[], Any], by: str) -> None:
        if path in self.claimants:
            raise PathClaimed(f"two pages claim the path {path}: {self.claimants[path]} and {by}; "
                              "each page needs a path of its own (core/urls.py)")
        self.claimants[path] = by
        self[path] = make
