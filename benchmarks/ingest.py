"""Benchmark: `briefing ingest` on the hostile texts of issue 18, each of which took minutes
while the patterns backtracked (a line of 8,000 spaces near the top: over 300 s; a 20 kB line
without a full stop before "contributed": 6.6 s; 75 kB of "Copyright 2021 ": 203 s; 2,000 quotes
in one paragraph: 17 s).

    .venv/bin/python benchmarks/ingest.py

Each text is ingested into a fresh copy of the frozen seed corpus (tests/fixtures/seed/); the
CPU seconds of the ingest call alone are printed, as its last line:

    bench-ingest: spaces_s=… contributed_s=… copyright_s=… quotes_s=…

tests/test_ingest.py feeds the same texts and asserts on what the draft holds, not on time.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed" / "content"

HOSTILE = {
    "spaces": "Talks Resume\n\nBy Carol" + " " * 8000 + "Clerk - x\n\nDecember 30, 2021\n\n"
              "Biden and Putin spoke by phone.\n",
    "contributed": "Talks Resume\n\n" + "word " * 4000 + " contributed to this report\n",
    "copyright": "Talks Resume\n\n" + "Copyright 2021 " * 5000 + "\n",
    "quotes": "Talks Resume\n\n" + " ".join(f'Biden said "we talk {i}."' for i in range(2000)) + "\n",
}
"""Texts that made the old patterns quadratic or cubic, by case name."""


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from generator.curator.ingest import ingest

    figures = []
    for case, text in HOSTILE.items():
        with tempfile.TemporaryDirectory() as scratch:
            content = Path(scratch) / "content"
            shutil.copytree(SEED, content)
            article = Path(scratch) / f"{case}.txt"
            article.write_text(text, "utf-8")
            start = time.process_time()
            ingest(article, content)
            seconds = time.process_time() - start
        print(f"{case:12} {len(text):>7} characters  {seconds:6.3f} s")
        figures.append(f"{case}_s={seconds:.3f}")
    print("bench-ingest: " + " ".join(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
