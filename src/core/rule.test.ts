// lazyParams and once: a rule's parameter schema is built on first read, once, and reads the same afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { lazyParams, once, type Rule } from './rule.js';

test('once calls its function on the first call only and returns the same value every time', () => {
  let calls = 0;
  const get = once(() => { calls++; return { n: calls }; });
  assert.equal(calls, 0);
  const a = get();
  assert.equal(get(), a);
  assert.deepEqual(a, { n: 1 });
  assert.equal(calls, 1);
});

test('lazyParams builds the schema when params is first read, keeps it, and leaves the rest of the rule as declared', () => {
  let built = 0;
  const check = (): never[] => [];
  const rule = lazyParams<Rule<string>>({
    meta: { id: 'r', title: { en: 'r', ja: 'r' }, severity: 'low', description: { en: '', ja: '' }, remediation: { en: '', ja: '' } },
    params: () => { built++; return z.object({ n: z.number().default(3) }); },
    check,
  });
  assert.equal(built, 0, 'declaring the rule builds no schema');
  assert.equal(rule.meta.id, 'r');
  assert.equal(rule.check, check);
  const first = rule.params;
  assert.equal(built, 1);
  assert.equal(rule.params, first);
  assert.equal(built, 1);
  assert.deepEqual(rule.params.parse({}), { n: 3 });
  assert.deepEqual(Object.keys(rule), ['meta', 'params', 'check'], 'params stays an own, enumerable key in its place');
});
