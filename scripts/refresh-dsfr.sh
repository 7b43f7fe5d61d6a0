#!/usr/bin/env bash
# Refreshes the vendored Système de Design de l'État (DSFR) files of the web console from the npm
# package @gouvfr/dsfr at the pinned version, and axe-core (used by the browser tests only).
# Only the files the console uses are copied, so that a user of the ledger still needs nothing
# but Java and Maven: the CSS and JS bundles, the Marianne and Spectral fonts (woff2, which every
# supported browser reads), the icons the CSS refers to, the favicon and the licence.
# Needs node and npm; run it from anywhere, then review and commit the diff.
set -euo pipefail
DSFR_VERSION="${DSFR_VERSION:-1.15.3}"
AXE_VERSION="${AXE_VERSION:-4.14.1}"
root="$(cd "$(dirname "$0")/.." && pwd)"
static="$root/ledger-api/src/main/resources/static/dsfr"
axe="$root/ledger-api/src/test/resources/axe"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
# The DSFR's install script asks for the acceptance of its terms of use (version 1.0.1) in .dsfr.yml.
printf 'accept-license: 1.0.1\n' > .dsfr.yml
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "@gouvfr/dsfr@$DSFR_VERSION" "axe-core@$AXE_VERSION"
dist="$work/node_modules/@gouvfr/dsfr/dist"

rm -rf "$static"
mkdir -p "$static/fonts" "$static/favicon"
cp "$dist/dsfr.min.css" "$dist/dsfr.module.min.js" "$dist/dsfr.nomodule.min.js" "$static/"
cp "$work/node_modules/@gouvfr/dsfr/LICENSE.md" "$static/LICENSE.md"
cp "$dist"/fonts/*.woff2 "$static/fonts/"
cp "$dist/favicon/favicon.svg" "$dist/favicon/favicon.ico" "$static/favicon/"
# The icons the stylesheet itself refers to (select arrows, breadcrumb, links, tags...).
grep -o 'url(icons/[^)]*)' "$dist/dsfr.min.css" | sed 's/^url(//; s/)$//' | sort -u | while read -r icon; do
    mkdir -p "$static/$(dirname "$icon")"
    cp "$dist/$icon" "$static/$icon"
done
printf '@gouvfr/dsfr %s, copied by scripts/refresh-dsfr.sh; licence in LICENSE.md.\n' "$DSFR_VERSION" > "$static/VERSION"

mkdir -p "$axe"
cp "$work/node_modules/axe-core/axe.min.js" "$axe/axe.min.js"
cp "$work/node_modules/axe-core/LICENSE" "$axe/LICENSE"
printf 'axe-core %s, copied by scripts/refresh-dsfr.sh (used by the browser tests only).\n' "$AXE_VERSION" > "$axe/VERSION"
echo "DSFR $DSFR_VERSION and axe-core $AXE_VERSION copied; review with git status."
