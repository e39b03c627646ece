"""Reading one source text safely: a regular UTF-8 file of sensible size, without control
characters, with its line ends made "\\n" and its characters composed (NFC).

What reaches the pages and the search index is what this returns, so a character that has no
place in an article (NUL, ESC, BEL…) is refused here, with the line and column where it stands.
"""

from __future__ import annotations

import errno
import re
import stat
import unicodedata
from pathlib import Path

from .errors import relative

MAX_TEXT_BYTES = 2_000_000
"""The largest source text: a long article is 100 kB; a bigger file is rarely one article, and
every byte of it goes into the source page and the search index."""

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters; tab, line feed and carriage return are text."""

_LINE_ENDS = re.compile("\r\n?|[\x85\u2028\u2029]")


class TextProblem(Exception):
    """A source text that cannot be used; `line` is 0 when the problem is the file as a whole
    (reported at the source record's `text` field), else where in the text it stands."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def read_text(path: Path, name: str, root: Path) -> str:
    """The text of the file at path (shown as `name`), which must stay under root."""
    try:
        info = path.stat()
    except OSError as exc:
        if path.is_symlink() and exc.errno in (errno.ENOENT, errno.ELOOP):
            raise TextProblem(f"source text '{name}' is a broken symlink (or a symlink loop); "
                              "put the file itself there") from None
        if exc.errno == errno.ENOENT:
            raise TextProblem(f"source text '{name}' does not exist (expected at "
                              f"{relative(path)})") from None
        raise TextProblem(f"source text '{name}' cannot be read: {exc.strerror}") from None
    if not path.resolve().is_relative_to(root):
        raise TextProblem("source text is a symlink that points outside content/; copy the file "
                          "in instead")
    if not stat.S_ISREG(info.st_mode):
        what = file_kind(info.st_mode)
        link = " a symlink to" if path.is_symlink() else ""
        raise TextProblem(f"source text '{name}' is{link} {what}, not a text file")
    if info.st_size > MAX_TEXT_BYTES:
        raise TextProblem(f"source text '{name}' is {info.st_size:,} bytes; source texts are "
                          f"limited to {MAX_TEXT_BYTES:,} (one article, not a whole site)")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise TextProblem(f"source text '{name}' cannot be read: {exc.strerror or exc}") from None
    return decode_text(raw, name)


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words: 'a folder', 'a FIFO (named pipe)'…"""
    return _FILE_KINDS.get(stat.S_IFMT(mode), "not a regular file")


_FILE_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO (named pipe)",
               stat.S_IFCHR: "a device", stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}


def decode_text(raw: bytes, name: str) -> str:
    """Bytes of a text file as text ready to show, or a TextProblem saying what is wrong."""
    encoding = utf16(raw)
    if encoding:
        raise TextProblem(f"source text '{name}' is {encoding}, not UTF-8; save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TextProblem(f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as "
                          "UTF-8", line) from None
    text = text.removeprefix("\ufeff")
    text = _LINE_ENDS.sub("\n", text)
    bad = CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise TextProblem(f"the text contains the control character U+{ord(bad.group()):04X}, "
                          "which has no place in an article; remove it", line, column)
    return unicodedata.normalize("NFC", text)


def utf16(raw: bytes) -> str:
    """'UTF-16' when raw looks like UTF-16 text (a byte order mark, or every other byte NUL), else ''."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = raw[:2_000]
    if len(sample) >= 8 and sample.count(0) * 3 >= len(sample):
        evens, odds = sample[0::2].count(0), sample[1::2].count(0)
        if max(evens, odds) * 4 >= len(sample) and min(evens, odds) * 20 <= len(sample):
            return "UTF-16"
    return ""
