"""Take the README's picture of a call page from a real build, as a reader's browser shows it.

    .venv/bin/briefing build -d /tmp/site
    .venv/bin/python scripts/screenshot.py /tmp/site calls/2021-12-07-biden-putin-video-call/

serves the built site on 127.0.0.1 (a free port, for as long as it takes), opens the page in
Debian's Chromium through Playwright at a desktop width, and saves the first screen to
handbook/images/call-page.png. Needs the test extras (Playwright) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
DESKTOP = {"width": 1280, "height": 1120}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path, help="a folder `briefing build -d` wrote")
    parser.add_argument("page", help="the page's path in the site, e.g. calls/<id>/")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "handbook" / "images" / "call-page.png")
    args = parser.parse_args()
    handler = functools.partial(_Quiet, directory=str(args.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport=DESKTOP, color_scheme="light")
            page.goto(f"http://127.0.0.1:{server.server_port}/{args.page}", wait_until="networkidle")
            args.output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.output))
            browser.close()
    finally:
        server.shutdown()
    print(f"{args.output}: {args.output.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
