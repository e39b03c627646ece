"""The exception tree. Every error a curator can cause reaches them as a message, never a traceback."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .identity import INVISIBLE


@dataclass(frozen=True, order=True)
class Problem:
    """One content problem, located as precisely as the input allows."""

    file: str
    """Path of the file, relative to the project root when possible."""
    line: int = 0
    """1-based line, 0 when the problem concerns the whole file."""
    column: int = 0
    """1-based column, 0 when unknown."""
    field: str = ""
    """Dotted path of the field: `quotes[2].speaker`."""
    message: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return one_line(f"{where}:{field} {self.message}")


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]|" + INVISIBLE.pattern)
"""Control characters, line separators, and the invisible characters (zero-width space, bidi
overrides and isolates, soft hyphen, a byte order mark…): a message shows them escaped, so that
'bob-brown\u200b' never prints like the 'bob-brown' it suggests."""


def one_line(text: str) -> str:
    """Keep one problem on one line, shown as it is: control and bidi characters from content
    are written as escapes (\\u202e), never printed raw."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace")
                        .decode("ascii"), text)


class BriefingError(Exception):
    """Base of every error the tool reports to its user as a message."""


class ContentError(BriefingError):
    """The content has one or more problems; all of them are listed."""

    def __init__(self, problems: list[Problem], outcome: str = "nothing was built."):
        self.problems = sorted(set(problems))
        self.outcome = outcome
        """What the command did not do because of them, said after the count."""
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} content {noun} found; {self.outcome}")
        return "\n".join(lines)


class ConfigError(BriefingError):
    """The project setup (content directory, mkdocs.yml, output directory) is unusable."""


class BuildError(BriefingError):
    """MkDocs failed to build the generated pages."""


class PathClaimed(BriefingError):
    """Two pages of one site claim the same path: the second would silently replace the first
    (Pelican's writer refuses this too)."""


def did_you_mean(word: str, choices: list[str] | set[str]) -> str:
    """A ' — did you mean ...?' suffix for the closest choice, or '' when none is close."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" — did you mean '{match[0]}'?" if match else ""


def relative(path: Path, root: Path | None = None) -> str:
    """Show paths relative to the working directory (or root) so messages stay short.

    Symlinks are not followed: a file is named by the path the curator sees, not its target's.
    The folders' real paths are compared only when the plain ones do not match: resolving them
    first, for every message and every keyed passage, took a tenth of a load.
    """
    plain = os.path.abspath(path)
    resolved: str | None = None
    for base in (root, os.getcwd()):
        if base is None:
            continue
        shown = _under(plain, os.path.abspath(base))
        if shown is None:
            if resolved is None:
                resolved = str(path.parent.resolve() / path.name)
            shown = _under(resolved, os.path.realpath(base))
        if shown is not None:
            return shown
    return path.as_posix()


def _under(path: str, folder: str) -> str | None:
    """`path` relative to `folder` (both absolute and normalised), as a POSIX path; None when
    it is not inside it."""
    if path == folder:
        return "."
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if not path.startswith(prefix):
        return None
    return path[len(prefix):].replace(os.sep, "/")
