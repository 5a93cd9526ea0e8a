#!/usr/bin/env -S node --max-semi-space-size=8
// --max-semi-space-size=8: V8's young generation in two 8 MiB halves instead of 16 — 28 MiB less resident memory
// for a long-running `serve` at 1M papers (docs/operations.md, "Memory, measured"); V8 takes it only on the command
// line, hence here. bench/http.ts starts its servers with the flags of this line.
// The published entry point runs the compiled CLI (built by `npm run build`, which `npm ci` runs via `prepare`).
import '../dist/cli/main.js';
