#!/usr/bin/env bash
# The web console's browser tests drive Debian's Chromium through playwright-core (no browser
# download: npx playwright install cannot fetch here). Installs it when it is missing.
set -euo pipefail
if command -v chromium >/dev/null; then exit 0; fi
sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
