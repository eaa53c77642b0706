// The generated catalogue docs must match the checks' metadata: run `npm run docs` after changing a check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generated } from './gen-docs.js';

for (const d of generated()) {
  test(`${d.file} is up to date with the check metadata (npm run docs)`, () => {
    let current = '';
    try { current = readFileSync(d.file, 'utf8'); } catch { /* missing counts as stale */ }
    assert.ok(current === d.text, `${d.file} is stale: run \`npm run docs\``);
  });
}
