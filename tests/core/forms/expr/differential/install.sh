#!/bin/sh
# Installs Enketo's openrosa-xpath-evaluator and jsdom for the differential tests (CI calls it).
set -eu
cd "$(dirname "$0")"
if [ ! -d node_modules/openrosa-xpath-evaluator ] || [ ! -d node_modules/jsdom ]; then
    npm install --no-audit --no-fund
fi
