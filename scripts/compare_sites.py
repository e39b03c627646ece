"""Compare two builds of one site, file by file: what a change of builder changed.

    .venv/bin/mkdocs build --strict -d site-mkdocs
    .venv/bin/properdocs build --strict -d site-properdocs
    .venv/bin/python scripts/compare_sites.py site-mkdocs site-properdocs

Exits 0 when both hold the same files with the same bytes, but for the `generator` meta tag each
builder writes into every page's head (which names it); else lists each difference and exits 1.
CI's successor job runs it (handbook/toolchain.md).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def differences(first: Path, second: Path) -> list[str]:
    """`PATH: why` for every file one build has and the other lacks, or holds other bytes."""
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    ours, theirs = files(first), files(second)
    problems = [f"{path}: only in {first}" for path in sorted(ours - theirs)]
    problems += [f"{path}: only in {second}" for path in sorted(theirs - ours)]
    for path in sorted(ours & theirs):
        a, b = (first / path).read_bytes(), (second / path).read_bytes()
        if a != b and GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
            problems.append(f"{path}: differs")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    first, second = (Path(arg) for arg in argv)
    problems = differences(first, second)
    for problem in problems:
        print(problem)
    count = len({p.relative_to(first) for p in first.rglob("*") if p.is_file()})
    print(f"{len(problems)} differences in {count} files" if problems
          else f"The same {count} files, byte for byte but for the generator tag.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
