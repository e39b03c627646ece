"""Pagefind's filter index, written the same way by every build of the same pages.

Pagefind 1.5 writes each filter's values, and the list of filters in its metadata file, in the
order of a Rust hash map, which changes from run to run (Pagefind issue #638: "other files will
still change, such as the filter/metadata indexes"); the files are named by a hash of their
bytes, so two builds of the same site differed in four file names and the metadata file. Here
those lists are sorted and the files renamed by a hash of what they then hold. The data is the
same; Pagefind's script reads the lists into maps, and finds the files by the names given in
the metadata and in pagefind-entry.json.

The files are `pagefind_dcd` followed by CBOR, gzipped. Only the CBOR Pagefind writes is read
(integers, strings, arrays, maps); anything else, or a file that would not be written back
byte for byte as it was read, leaves the index as Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


class _Unknown(Exception):
    """CBOR this reader does not handle: the index is left as it is."""


def stabilize(output: Path) -> None:
    """Sort the filter lists of the Pagefind index in `output` and rename their files."""
    entry_file = output / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text("utf-8"))
    try:
        for language in entry.get("languages", {}).values():
            language["hash"] = _stabilize_language(output, language["hash"])
    except _Unknown:
        return
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _stabilize_language(output: Path, meta_hash: str) -> str:
    """Everything is read and checked before anything is written: a file this reader cannot
    read leaves the whole index as it was."""
    meta_file = output / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_file)
    prefix = meta_hash.split("_", 1)[0]
    writes: list[tuple[Path, bytes, Path]] = []
    renamed: dict[str, str] = {}
    for path in sorted((output / "filter").glob(f"{prefix}_*.pf_filter")):
        name, values = _read(path)
        body = _encode([name, sorted(values, key=_text_key)])
        new = f"{prefix}_{hashlib.sha256(body).hexdigest()[:7]}"
        renamed[path.name.removesuffix(".pf_filter")] = new
        writes.append((output / "filter" / f"{new}.pf_filter", body, path))
    if not renamed:
        return meta_hash
    filters = _filter_list(meta, set(renamed))
    if filters is None or len(filters) != len(renamed):
        raise _Unknown
    filters[:] = sorted(([n, renamed[h]] for n, h in filters), key=_text_key)
    body = _encode(meta)
    new_meta = f"{prefix}_{hashlib.sha256(body).hexdigest()[:10]}"
    writes.append((output / f"pagefind.{new_meta}.pf_meta", body, meta_file))
    for path, body, old in writes:
        _write(path, body, replaces=old)
    return new_meta


def _text_key(item: list) -> str:
    return item[0]


def _filter_list(node: Any, hashes: set[str]) -> list | None:
    """The metadata's list of [filter name, file hash] pairs."""
    if isinstance(node, list):
        if node and all(isinstance(p, list) and len(p) == 2 and p[1] in hashes for p in node):
            return node
        for child in node:
            found = _filter_list(child, hashes)
            if found is not None:
                return found
    return None


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise _Unknown
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw) or _encode(value) != raw[len(SIGNATURE):]:
        raise _Unknown  # written back, it would not be what Pagefind wrote
    return value


def _write(path: Path, body: bytes, replaces: Path) -> None:
    data = gzip.compress(SIGNATURE + body, compresslevel=9, mtime=0)
    if path != replaces:
        replaces.unlink()
    path.write_bytes(data)


def _decode(raw: bytes, at: int) -> tuple[Any, int]:
    major, info = raw[at] >> 5, raw[at] & 0x1F
    at += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg, at = int.from_bytes(raw[at:at + size], "big"), at + size
    else:
        raise _Unknown
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major == 3:
        return raw[at:at + arg].decode("utf-8"), at + arg
    if major == 2:
        return raw[at:at + arg], at + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, at = _decode(raw, at)
            items.append(item)
        return items, at
    raise _Unknown


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise _Unknown


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise _Unknown
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise _Unknown
