// pushAll: appends arrays far longer than the argument limit a spread runs into.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pushAll } from './push-all.js';

test('pushAll appends 500,000 items where push(...items) overflows the stack', () => {
  const items = Array.from({ length: 500_000 }, (_, i) => i);
  assert.throws(() => [0].push(...items), RangeError);
  const into = [-1];
  assert.equal(pushAll(into, items), into);
  assert.equal(into.length, 500_001);
  assert.equal(into[500_000], 499_999);
});
