// PSA's message helpers against what Go prints: joinQuote never escapes, %q escapes as strconv.Quote does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goQuote, joinQuote } from './format.js';

test('joinQuote puts each item between quotes as it is, like PSA (no escaping)', () => {
  assert.equal(joinQuote([]), '');
  assert.equal(joinQuote(['a']), '"a"');
  assert.equal(joinQuote(['k="v"', 'b']), '"k="v"", "b"');
});

test('goQuote is Go %q: quotes, backslashes and control characters escaped, printable Unicode kept', () => {
  assert.equal(goQuote('unconfined'), '"unconfined"');
  assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(goQuote('\x07\b\f\n\r\t\v'), '"\\a\\b\\f\\n\\r\\t\\v"');
  assert.equal(goQuote('\x00\x1b\x7f'), '"\\x00\\x1b\\x7f"');
  assert.equal(goQuote('プロファイル é'), '"プロファイル é"');
  assert.equal(goQuote('\u00a0\u2028\u{e0001}'), '"\\u00a0\\u2028\\U000e0001"');
  assert.equal(goQuote('\u{1f600}'), '"\u{1f600}"');
});
