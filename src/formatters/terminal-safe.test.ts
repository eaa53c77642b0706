// terminalSafe: what a terminal would act on becomes visible text; everything else, including Japanese and tabs, stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { terminalSafe, terminalSafeDeep } from './terminal-safe.js';

test('terminalSafe escapes C0, DEL, C1, separators and bidi controls, keeps tab and printable text', () => {
  assert.equal(terminalSafe('a\x1b[31mb'), 'a\\x1b[31mb');
  assert.equal(terminalSafe('\x00\x07\x08\x0a\x0d\x7f\x9b'), '\\x00\\x07\\x08\\x0a\\x0d\\x7f\\x9b');
  assert.equal(terminalSafe('x\u2028y\u202ez\u2066'), 'x\\u{2028}y\\u{202e}z\\u{2066}');
  assert.equal(terminalSafe('名前空間\tcafé ✓'), '名前空間\tcafé ✓');
  // linear on a long hostile string
  assert.equal(terminalSafe('\x1b'.repeat(100_000)).length, 400_000);
});

test('terminalSafeDeep copies objects and arrays, escaping only strings', () => {
  const v = { a: ['\x1b', 1, true, null], b: { c: 'ok\r' } };
  assert.deepEqual(terminalSafeDeep(v), { a: ['\\x1b', 1, true, null], b: { c: 'ok\\x0d' } });
  assert.equal(v.a[0], '\x1b');
});
