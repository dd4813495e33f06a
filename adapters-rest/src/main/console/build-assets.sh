#!/bin/sh
# Installs the browser console's noVNC client with the machine's npm, from npm's configured registry, checked
# against the integrity hash pinned in package-lock.json, and copies it into the jar's web resources.
# Without npm (or when npm fails, e.g. offline) the build goes on without it and the console page says how to
# get it, unless the assets are required (-Dconsole.assets.required=true, for release builds).
# Arguments: <dir with package.json> <work dir> <output dir> <required: true|false>
set -u
src="$1"; work="$2"; out="$3"; required="$4"

missing() {
    if [ "$required" = "true" ]; then
        echo "console assets: $1, and they are required (console.assets.required=true)" >&2
        exit 1
    fi
    echo "[WARNING] console assets: $1; the console page will say how to get noVNC (README, Browser console)" >&2
    exit 0
}

command -v npm >/dev/null 2>&1 || missing "npm is not on the PATH"
mkdir -p "$work" || exit 1
cp "$src/package.json" "$src/package-lock.json" "$work/" || exit 1
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --omit=dev) || missing "npm ci failed"
pkg="$work/node_modules/@novnc/novnc"
rm -rf "$out" && mkdir -p "$out" || exit 1
cp -R "$pkg/core" "$pkg/vendor" "$pkg/LICENSE.txt" "$pkg/package.json" "$out/" || exit 1
echo "console assets: noVNC $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$pkg/package.json" | head -1) copied"
