// docs/vap.md's table of exported checks is generated: it must match what export vap does (UPDATE_DOCS=1 rewrites it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportTable, exportTableMarkdown } from './table.js';

const doc = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'vap.md');
const START = '<!-- vap-table:start -->\n';
const END = '<!-- vap-table:end -->';

test('docs/vap.md lists every defender and nsa check with how export vap renders it', () => {
  const text = readFileSync(doc, 'utf8');
  const from = text.indexOf(START) + START.length;
  const to = text.indexOf(END);
  assert.ok(from > START.length && to >= from, 'docs/vap.md has the table markers');
  const want = exportTableMarkdown();
  if (process.env.UPDATE_DOCS === '1') writeFileSync(doc, text.slice(0, from) + want + text.slice(to));
  else assert.equal(text.slice(from, to), want, 'docs/vap.md table is stale: UPDATE_DOCS=1 node --import tsx --test src/export/table.test.ts');
});

test('15 of the 16 Defender recommendations are exported exactly', () => {
  const rows = exportTable().filter((r) => r.profiles.includes('defender') && r.policyId !== 'misplaced-security-context-field');
  assert.equal(rows.length, 16);
  assert.equal(rows.filter((r) => r.status === 'exact').length, 15);
});
