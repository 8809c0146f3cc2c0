#!/usr/bin/env bash
# Install Debian's chromium for the web page's end-to-end tests (tests/web/test_browser.py),
# unless /usr/bin/chromium is already there.  Playwright drives this system browser by its
# path; no browser is ever downloaded by Playwright itself (never `playwright install`).
#
#   scripts/install-browser.sh        # as root, or with sudo available
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get here; install chromium so that /usr/bin/chromium exists" >&2
    echo "install-browser: (the browser tests are skipped without it)" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-browser: not root and no sudo: cannot install chromium (browser tests will be skipped)" >&2
        exit 0
    fi
fi
echo "install-browser: installing Debian's chromium ..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
test -x /usr/bin/chromium
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium installed)" >&2
