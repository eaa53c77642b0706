// Table tests for profile lint rules: each case names the errors a rule reports by message id, object path and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule } from '../../src/core/rule.js';
import { messageIdOf } from './rule-table.js';

import { formatPath } from '../../src/core/path.js';

export interface LintError { messageId: string; path: string; line: number | null }
export interface RuleCases<S> { valid: S[]; invalid: Array<{ subject: S; errors: LintError[] }> }

/** Runs a rule, with its default parameters, over each case and compares what it reports with the table. */
export function checkRule<S>(rule: Rule<S>, cases: RuleCases<S>): void {
  const params = rule.params.parse({});
  for (const s of cases.valid) assert.deepEqual(rule.check(s, params), [], `${rule.meta.id} reported on a valid case`);
  for (const c of cases.invalid) {
    const got: LintError[] = rule.check(c.subject, params).map((v) => ({
      messageId: messageIdOf(rule.meta, v.message.en) ?? `(no message matches: ${v.message.en})`,
      path: formatPath(v.path),
      line: v.at?.line ?? null,
    }));
    const order = (a: LintError, b: LintError) => (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path) || a.messageId.localeCompare(b.messageId);
    assert.deepEqual(got.sort(order), [...c.errors].sort(order), rule.meta.id);
  }
}

/**
 * The tests of a family's rule tables: every rule has a table and every table a rule, each rule reports its
 * table's errors, and every message id of every rule is reported by some case.
 */
export function testRuleTables<S>(family: string, rules: readonly Rule<S>[], table: Record<string, RuleCases<S>>): void {
  test(`every ${family} lint rule has a table, and every table a rule`, () => {
    assert.deepEqual(Object.keys(table).sort(), rules.map((r) => r.meta.id).sort());
  });

  for (const rule of rules) {
    test(`${rule.meta.id}: reports the table's errors by message id, path and line`, () => {
      const cases = table[rule.meta.id];
      assert.ok(cases, `no table for ${rule.meta.id}`);
      assert.ok(cases.invalid.length > 0 && cases.valid.length > 0);
      checkRule(rule, cases);
    });
  }

  test('each message id of every rule is reported by some case of its table', () => {
    for (const rule of rules) {
      const used = new Set(table[rule.meta.id]!.invalid.flatMap((c) => c.errors.map((x) => x.messageId)));
      assert.deepEqual(Object.keys(rule.meta.messages ?? {}).filter((id) => !used.has(id)), [], rule.meta.id);
    }
  });
}
