#!/usr/bin/env bash
# The toolchain's `swift format` with the checked-in `.swift-format`, over every Swift file git
# tracks or would track:
#   scripts/format.sh          lint: every finding is an error (what CI runs)
#   scripts/format.sh --fix    rewrite the files in place, then lint
# Two migrations that landed before the lint are left as they are: landed migrations are never
# edited, not even their whitespace.
set -euo pipefail
cd "$(dirname "$0")/.."
exempt='^(Sources/PraktikServer/Audit/Migrations/M0006_CreateAuditEvents.swift|Sources/PraktikServer/Participants/Migrations/M0203_CreateConsentPurposes.swift)$'
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.swift' | grep -Ev "$exempt" | while read -r f; do [ -f "$f" ] && echo "$f"; done)
if [ "${1:-}" = "--fix" ]; then
  swift format format --in-place --parallel "${files[@]}"
fi
swift format lint --strict --parallel "${files[@]}"
