"""The same content builds the same bytes: whatever the hash seed, the folder, or the day."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

from .conftest import MINI, ROOT


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _briefing(cwd: Path, *args: str, seed: str, epoch: str | None = None) -> None:
    """Run the CLI in a fresh interpreter (its own hash seed, so set order may differ)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED=seed)
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run([sys.executable, "-m", "generator.adapters.cli", *args], cwd=cwd, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _build(tmp_path: Path, name: str, seed: str, epoch: str | None = None) -> Path:
    """Build a private copy of the mini corpus into tmp_path/name/site."""
    work = tmp_path / name
    shutil.copytree(MINI, work / "content")
    _briefing(work, "build", "-f", str(ROOT / "mkdocs.yml"), "--content", "content",
              "-d", "site", seed=seed, epoch=epoch)
    return work / "site"


def _gzip_mtime(path: Path) -> int:
    return struct.unpack("<I", path.read_bytes()[4:8])[0]


def test_two_builds_are_byte_identical(tmp_path):
    """Two builds of the same content, in different folders with different hash seeds, give the
    same files with the same bytes (Pagefind's search index, sitemap and its gzip header included)."""
    first = _snapshot(_build(tmp_path, "one", seed="1"))
    second = _snapshot(_build(tmp_path, "two", seed="2"))
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert "pagefind/pagefind-entry.json" in first and "sitemap.xml.gz" in first


def test_build_date_is_the_newest_date_of_the_content_unless_source_date_epoch_says(tmp_path):
    """Without SOURCE_DATE_EPOCH the build is dated by the corpus (its newest call, 14 December
    2021 in the mini corpus), not by today; with it, MkDocs uses the given day."""
    unset = _build(tmp_path, "unset", seed="0")
    newest = dt.datetime(2021, 12, 14, tzinfo=dt.UTC)
    assert _gzip_mtime(unset / "sitemap.xml.gz") == int(newest.timestamp())
    given = _build(tmp_path, "given", seed="0", epoch="1700000000")  # 14 Nov 2023, 22:13 UTC
    # MkDocs dates pages by the day, so the gzip header holds that day's midnight.
    midnight = dt.datetime(2023, 11, 14, tzinfo=dt.UTC)
    assert _gzip_mtime(given / "sitemap.xml.gz") == int(midnight.timestamp())
    assert gzip.decompress((given / "sitemap.xml.gz").read_bytes()) == \
        (given / "sitemap.xml").read_bytes()


def test_generated_markdown_is_identical_across_hash_seeds(tmp_path):
    """`briefing generate` writes the same Markdown whatever the interpreter's hash seed."""
    shutil.copytree(MINI, tmp_path / "content")
    for seed in ("1", "2", "3"):
        _briefing(tmp_path, "generate", f"out{seed}", "--content", "content", seed=seed)
    assert _snapshot(tmp_path / "out1") == _snapshot(tmp_path / "out2") == \
        _snapshot(tmp_path / "out3")
