#!/usr/bin/env node
// Entry point installed as `mamori`: runs the bundled CLI (dist/bundle, built by `npm run build`).
import '../dist/bundle/mamori.mjs';
