#!/usr/bin/env bash
# Debian packages accelkb uses: chromium (real-browser tests) and a CJK font (Chinese in charts and
# screenshots). Installs only what is missing; without apt-get it says what to install and goes on.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wqy" || need+=(fonts-wqy-zenhei)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "accelkb: please install ${need[*]} (browser tests will be skipped without chromium)" >&2
    exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
echo "accelkb: installing Debian packages: ${need[*]}" >&2
$sudo apt-get update -qq >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null \
    || echo "accelkb: could not install ${need[*]}; browser tests will be skipped" >&2
exit 0
