// Table tests for rules that judge one subject at a time (RBAC, versions): message ids and paths, and every message exercised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule, RuleMeta } from '../../src/core/rule.js';
import { formatPath } from '../../src/core/path.js';

/**
 * The id of the rule's message a text was made from: the template whose literal parts appear in the text in order,
 * the most specific one when several do (a trailing `{x}` also matches a longer template's text).
 */
export function messageIdOf(meta: Pick<RuleMeta, 'messages'>, text: string, lang: 'en' | 'ja' = 'en'): string | undefined {
  let best: { id: string; literal: number } | undefined;
  for (const [id, m] of Object.entries(meta.messages ?? {})) {
    const parts = literals(m[lang]);
    if (!fits(parts, text)) continue;
    const literal = parts.reduce((n, p) => n + p.length, 0);
    if (!best || literal > best.literal) best = { id, literal };
  }
  return best?.id;
}

/** The template cut at its `{name}` placeholders (scanned by hand: no regular expression over user text). */
function literals(template: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = template.indexOf('{'); i >= 0; i = template.indexOf('{', i + 1)) {
    const close = template.indexOf('}', i);
    if (close < 0) break;
    const name = template.slice(i + 1, close);
    if (name === '' || ![...name].every((c) => /\w/.test(c))) continue;
    parts.push(template.slice(from, i));
    from = close + 1;
    i = close;
  }
  parts.push(template.slice(from));
  return parts;
}

function fits(parts: readonly string[], text: string): boolean {
  if (parts.length === 1) return text === parts[0];
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length) return false;
  let at = first.length;
  for (const p of parts.slice(1, -1)) {
    const i = text.indexOf(p, at);
    if (i < 0) return false;
    at = i + p.length;
  }
  return at <= text.length - last.length;
}

export interface Expected { messageId: string; path: string; remediationId?: string }

export interface Table<I, T> {
  /** the subjects the rule judges in one input (a manifest stream, a fact) */
  subjectsOf: (input: I) => T[];
  valid: I[];
  invalid: Array<{ name?: string; input: I; errors: Expected[] }>;
}

/**
 * One test per case; and one that every message of the rule is produced by some case, so a message no input can
 * reach (or a table that stopped testing one) fails.
 */
export function ruleTable<I, T>(rule: Rule<T>, table: Table<I, T>, params: unknown = rule.params.parse({})): void {
  const id = rule.meta.id;
  const judge = (input: I) => table.subjectsOf(input).flatMap((s) => rule.check(s, params as never));
  assert.ok(table.valid.length > 0 && table.invalid.length > 0, `${id}: the table has valid and invalid cases`);
  const seen = new Set<string>();
  table.valid.forEach((input, i) => {
    test(`${id}: valid #${i + 1}`, () => {
      assert.ok(table.subjectsOf(input).length > 0, 'the input holds a subject the rule judges');
      assert.deepEqual(judge(input), []);
    });
  });
  table.invalid.forEach((c, i) => {
    const got = judge(c.input).map((v) => {
      const e: Expected = { messageId: messageIdOf(rule.meta, v.message.en) ?? `(no message of ${id}: ${v.message.en})`, path: formatPath(v.path) };
      const jaId = messageIdOf(rule.meta, v.message.ja, 'ja');
      if (jaId !== e.messageId) e.messageId += ` (ja: ${jaId ?? 'none'})`;
      if (v.remediation) e.remediationId = messageIdOf(rule.meta, v.remediation.en) ?? `(no message: ${v.remediation.en})`;
      seen.add(e.messageId);
      if (e.remediationId) seen.add(e.remediationId);
      return e;
    });
    test(`${id}: ${c.name ?? `invalid #${i + 1}`}`, () => {
      assert.deepEqual(got.map((e) => (c.errors.some((x) => x.remediationId) ? e : { messageId: e.messageId, path: e.path })), c.errors);
    });
  });
  test(`${id}: every message is produced by a case of the table`, () => {
    assert.deepEqual(Object.keys(rule.meta.messages ?? {}).filter((m) => !seen.has(m)), []);
  });
}
