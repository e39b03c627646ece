"""What `briefing serve` adds to MkDocs' live-reload server: errors shown in the browser, and
content/ watched again after it was moved away and back.

Errors are shown where the curator looks, as Hugo's and Vite's dev servers do: while the last
save left content errors (or a mkdocs.yml that cannot be loaded), every HTML page the server
sends carries an overlay listing them
(FILE:LINE:COLUMN: FIELD: MESSAGE, all of them). The server's livereload reloads open pages after
each rebuild, so the overlay appears after the faulty save and goes with the save that fixes it.
Only served responses carry it: the site folder is never written with it.
"""

from __future__ import annotations

import html
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

log = logging.getLogger("mkdocs.plugins.briefing")

OVERLAY_ID = "briefing-errors"

_STYLE = ("position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;"
          "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 monospace;")


class ErrorOverlay:
    """The errors of the last save (of content/, or of mkdocs.yml), shown on every served page
    while there are any."""

    def __init__(self) -> None:
        self._lines: dict[str, tuple[str, ...]] = {}

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(line for lines in self._lines.values() for line in lines)

    def show(self, lines: Sequence[str], about: str = "content") -> None:
        self._lines[about] = tuple(lines)

    def clear(self, about: str = "content") -> None:
        self._lines.pop(about, None)

    def html(self) -> bytes:
        """The overlay's markup; every line escaped (a record's text may hold '<script>')."""
        lines = self.lines
        if not lines:
            return b""
        noun = "error" if len(lines) == 1 else "errors"
        items = "".join(f"<li style=\"margin:.4em 0;white-space:pre-wrap\">{html.escape(line)}</li>"
                        for line in lines)
        return (f'<div id="{OVERLAY_ID}" role="alert" style="{_STYLE}">'
                f'<h1 style="color:#ff8a80;font-size:1.3rem;margin:0 0 1rem">{len(lines)} '
                f"{noun}: the site shows the last build without errors</h1>"
                f'<ol style="padding-left:1.5rem">{items}</ol>'
                "<p>Fix the file and save: this page reloads by itself.</p></div>").encode()

    def wrap(self, inject: Callable[[bytes, int], bytes]) -> Callable[[bytes, int], bytes]:
        """The live-reload server's injection into HTML pages, with the overlay added."""
        def inject_with_overlay(content: bytes, epoch: int) -> bytes:
            content = inject(content, epoch)
            overlay = self.html()
            if not overlay:
                return content
            at = content.rfind(b"</body>")
            at = len(content) if at < 0 else at
            return content[:at] + overlay + content[at:]
        return inject_with_overlay


def rewatch_when_back(server: Any, path: str, interval: float = 0.5) -> threading.Thread:
    """Watch `path` again whenever it comes back after being removed or moved away, and
    rebuild then: watchdog stops watching a folder that disappears, and MkDocs never asks again,
    so edits after content/ was moved away and back were never picked up."""
    path = os.path.abspath(path)

    def loop() -> None:
        while not getattr(server, "_shutdown", False):
            watched = path in getattr(server, "_watch_refs", {})
            if os.path.isdir(path) and (not watched or _watch_stopped(server, path)):
                try:
                    if watched:
                        server.unwatch(path)
                    server.watch(path)
                except (OSError, KeyError) as exc:  # gone again meanwhile: try at the next turn
                    log.debug(f"watching '{path}' again failed: {exc}")
                else:
                    log.info(f"'{path}' is back: watching it again")
                    with server._rebuild_cond:  # what a change in a watched folder does
                        server._want_rebuild = True
                        server._rebuild_cond.notify_all()
            time.sleep(interval)

    thread = threading.Thread(target=loop, name="briefing-rewatch", daemon=True)
    thread.start()
    return thread


def _watch_stopped(server: Any, path: str) -> bool:
    """Whether the observer's emitter for `path` has stopped (the folder went away)."""
    watch = getattr(server, "_watch_refs", {}).get(path)  # MkDocs' and watchdog's own state
    emitters = getattr(server.observer, "_emitter_for_watch", {})
    emitter = emitters.get(watch) if watch is not None else None
    return emitter is not None and emitter.stopped_event.is_set()
