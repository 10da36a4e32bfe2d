#!/bin/sh
# Lays the bot out as its container image holds it, from a checkout where `npm run build` has run: the built JavaScript
# and the production dependencies only in APP (the code, read-only at run time), the bundled articles in DATA (what the
# data volume starts with). The Dockerfile and the CI check (scripts/check-runtime.ts) both run it, so they cannot drift.
# Usage: scripts/install-runtime.sh CHECKOUT APP DATA
set -eu
checkout=$1
app=$2
data=$3
if [ ! -f "$checkout/dist/src/main.js" ]; then
  echo "install-runtime: $checkout/dist/src/main.js is missing: run npm run build first" >&2
  exit 1
fi
mkdir -p "$app/dist" "$data"
cp "$checkout/package.json" "$checkout/package-lock.json" "$app/"
cp -R "$checkout/dist/src" "$checkout/dist/commands" "$app/dist/"
# Production dependencies only; no lifecycle scripts (the build already ran, and no runtime dependency needs one).
(cd "$app" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
cp -R "$checkout/data/articles" "$data/"
