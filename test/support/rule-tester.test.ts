// The rule tester itself: templates match linearly, and a table that states the wrong thing, or too little, fails loudly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { assertTableForEachRule, fitsTemplate, isMessage, literalsOf, messageIdOf, planManifest, RuleTester, runManifestCase, subjects, type PlannedTest } from './rule-tester.js';
import { say, t, type Rule, type RuleMeta, type Violation } from '../../src/core/rule.js';
import privileged from '../../src/checks/privileged-container.js';
import nonRoot from '../../src/checks/nsa-run-as-non-root.js';

test('literalsOf splits a template around its {name} placeholders only', () => {
  assert.deepEqual(literalsOf('container {name} adds {cap}.'), ['container ', ' adds ', '.']);
  assert.deepEqual(literalsOf('a {} b {not a name} c'), ['a {} b {not a name} c']);
});

test('fitsTemplate: every literal in order, something in each placeholder', () => {
  assert.ok(fitsTemplate('container a adds SYS_ADMIN.', 'container {name} adds {cap}.'));
  assert.ok(!fitsTemplate('container a drops SYS_ADMIN.', 'container {name} adds {cap}.'));
  assert.ok(!fitsTemplate('container .', 'container {name}.{x}.'));
  assert.ok(fitsTemplate('no placeholder', 'no placeholder'));
  assert.ok(!fitsTemplate('no placeholder!', 'no placeholder'));
});

test('runManifestCase reports what the engine reports, with the suggestion applied to the text', () => {
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {privileged: true}}\n';
  const run = runManifestCase(privileged, { yaml });
  assert.equal(run.evaluated, 1);
  assert.equal(run.reported.length, 1);
  assert.equal(run.reported[0]?.path, 'spec.containers[0].securityContext.privileged');
  assert.equal(run.reported[0]?.suggested, yaml.replace('privileged: true', 'privileged: false'));
  assert.equal(run.output, yaml, 'a suggestion is not applied by default');
});

test('runManifestCase applies the fixes a rule applies by default', () => {
  // runAsNonRoot: true with a non-zero runAsUser, the evidence that makes it a default fix
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000}\n  containers:\n  - {name: a, image: x}\n';
  const run = runManifestCase(nonRoot, { yaml });
  assert.ok(run.reported.length > 0);
  assert.notEqual(run.output, yaml);
  assert.match(run.output, /runAsNonRoot: true/);
});

test('runManifestCase counts no evaluation for an object the rule does not look at', () => {
  const run = runManifestCase(privileged, { yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' });
  assert.equal(run.evaluated, 0);
});

test('a case with input errors fails instead of passing as valid', () => {
  assert.throws(() => runManifestCase(privileged, { yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {privileged: "yes"}}\n' }), /no valid input/);
});


test('messageIdOf names the most specific template a text fits; isMessage refuses the general one for it', () => {
  const m = { messages: { a: t('{x} grants {y}', '{x} は {y} を許可'), b: t('{x} grants {y} in every namespace', '{x} はすべての名前空間で {y} を許可') } };
  assert.equal(messageIdOf(m, 'r grants get'), 'a');
  assert.equal(messageIdOf(m, 'r grants get in every namespace'), 'b');
  assert.equal(messageIdOf(m, 'r revokes get'), undefined);
  assert.ok(isMessage(m, 'b', 'r grants get in every namespace', 'en'));
  assert.ok(!isMessage(m, 'a', 'r grants get in every namespace', 'en'));
  assert.ok(isMessage(m, 'a', 'r は get を許可', 'ja'));
});

// A rule of another family: the subject is whatever the family judges (here a role's rules), messages come by id.
interface Role { rules: { verbs: string[]; resource: string; cluster?: boolean; line?: number }[] }
const meta: RuleMeta = {
  id: 'test-wildcard-verb',
  title: t('No wildcard verbs', 'ワイルドカードの動詞を使わない'),
  severity: 'high',
  description: t('A rule written for this test of the tester.', 'テスター自身のテスト用の規則。'),
  remediation: t('Name the verbs.', '動詞を列挙する。'),
  messages: {
    wildcard: t('rule {index} grants every verb on {resource}', 'ルール {index} は {resource} のすべての動詞を許可する'),
    wildcardAll: t('rule {index} grants every verb on {resource} in every namespace', 'ルール {index} はすべての名前空間で {resource} のすべての動詞を許可する'),
    escalate: t('rule {index} can escalate', 'ルール {index} は権限を昇格できる'),
    nameVerbs: t('Name the verbs of rule {index}', 'ルール {index} の動詞を列挙する'),
  },
};
const wildcardVerbs: Rule<Role, z.ZodObject<{ allow: z.ZodDefault<z.ZodBoolean> }>> = {
  meta,
  params: z.object({ allow: z.boolean().default(false) }),
  check(role, params) {
    if (params.allow) return [];
    return role.rules.flatMap((r, i): Violation[] => {
      const base = { path: ['rules', i, 'verbs'], container: null, ...(r.line !== undefined ? { at: { line: r.line, column: 3 } } : {}) };
      if (r.verbs.includes('*')) {
        return [{ ...base, message: say(meta, r.cluster ? 'wildcardAll' : 'wildcard', { index: i, resource: r.resource }), remediation: say(meta, 'nameVerbs', { index: i }) }];
      }
      return r.verbs.includes('escalate') ? [{ ...base, message: say(meta, 'escalate', { index: i }), severity: 'medium' }] : [];
    });
  },
};

const role = (...rules: Role['rules']): Role => ({ rules });
const roles = new RuleTester(subjects<Role>());
type RoleTests = Parameters<typeof roles.run<typeof wildcardVerbs.params>>[1];

/** A sound table: every message produced, each case once; the failures below are this table with one thing wrong. */
const GOOD = {
  valid: [
    { name: 'named verbs', input: role({ verbs: ['get'], resource: 'pods' }) },
    { name: 'parameters parsed by the rule\'s schema', input: role({ verbs: ['*'], resource: 'pods' }), params: { allow: true } },
  ],
  invalid: [
    {
      name: 'by messageId and data', input: role({ verbs: ['get'], resource: 'pods' }, { verbs: ['*'], resource: 'secrets' }),
      errors: [{ messageId: 'wildcard', data: { index: 1, resource: 'secrets' }, path: 'rules[1].verbs', container: null, remediationId: 'nameVerbs' }],
    },
    { name: 'the specific message', input: role({ verbs: ['*'], resource: 'pods', cluster: true }), errors: [{ messageId: 'wildcardAll', path: 'rules[0].verbs' }] },
    { name: 'a milder case', input: role({ verbs: ['escalate'], resource: 'roles' }), errors: [{ messageId: 'escalate', path: 'rules[0].verbs', severity: 'medium', remediationId: null }] },
    {
      name: 'two errors, in the order reported', input: role({ verbs: ['*'], resource: 'pods' }, { verbs: ['escalate'], resource: 'roles' }),
      errors: [{ messageId: 'wildcard', path: 'rules[0].verbs', severity: 'high' }, { messageId: 'escalate', path: 'rules[1].verbs' }],
    },
    { name: 'in Japanese', lang: 'ja', input: role({ verbs: ['*'], resource: 'nodes' }), errors: [{ message: 'ルール 0 は nodes のすべての動詞を許可する', path: 'rules[0].verbs' }] },
  ],
} satisfies RoleTests;

roles.run(wildcardVerbs, GOOD);

/** What each planned test says when run by hand: 'ok', or the message it fails with. */
function outcomes(plan: readonly PlannedTest[]): Record<string, string> {
  return Object.fromEntries(plan.map((p) => {
    try { p.fn(); return [p.name, 'ok']; } catch (e) { return [p.name, (e as Error).message]; }
  }));
}
const failed = (o: Record<string, string>): string[] => Object.keys(o).filter((k) => o[k] !== 'ok');
const TABLE = 'the table states each case once and every error by a message of the rule';
const MESSAGES = 'every message of the rule is produced by an invalid case';
const invalid = GOOD.invalid;
const [byData, specific, milder, two, japanese] = invalid;

test('the sound table passes every test the tester plans for it', () => {
  const o = outcomes(roles.plan(wildcardVerbs, GOOD));
  assert.equal(Object.keys(o).length, 1 + 1 + GOOD.valid.length + invalid.length + 1);
  assert.deepEqual(failed(o), []);
});

test('fails: an invalid case that states no errors', () => {
  const o = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [...invalid, { name: 'nothing stated', input: role({ verbs: ['*'], resource: 'x' }), errors: [] }] }));
  assert.deepEqual(failed(o), [TABLE, 'invalid nothing stated']);
  assert.match(o['invalid nothing stated']!, /an invalid case states at least one error/);
});

test('fails: a duplicate case, the same input twice or a valid input again as invalid, and a name twice', () => {
  const same = outcomes(roles.plan(wildcardVerbs, { ...GOOD, valid: [...GOOD.valid, { name: 'again', input: role({ verbs: ['get'], resource: 'pods' }) }] }));
  assert.deepEqual(failed(same), [TABLE]);
  assert.match(same[TABLE]!, /duplicate case: valid again gives the same input as valid named verbs/);
  const across = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [...invalid, { ...japanese, name: 'in English', lang: 'en' as const, input: byData.input }] }));
  assert.match(across[TABLE]!, /duplicate case: invalid in English gives the same input as invalid by messageId and data/);
  const named = outcomes(roles.plan(wildcardVerbs, { ...GOOD, valid: [...GOOD.valid, { name: 'named verbs', input: role({ verbs: ['list'], resource: 'pods' }) }] }));
  assert.match(named[TABLE]!, /duplicate case name: valid named verbs is also valid named verbs/);
});

test('fails: an unknown messageId, in the table and in its case', () => {
  const o = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [...invalid, { name: 'typo', input: role({ verbs: ['*'], resource: 'x' }), errors: [{ messageId: 'wildcrd', path: 'rules[0].verbs' }] }] }));
  assert.deepEqual(failed(o), [TABLE, 'invalid typo']);
  assert.match(o['invalid typo']!, /unknown messageId "wildcrd" \(test-wildcard-verb has wildcard, wildcardAll, escalate, nameVerbs\)/);
  const remedy = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [byData, specific, { ...milder, errors: [{ ...milder.errors[0]!, remediationId: 'nameVerb' }] }, two, japanese] }));
  assert.match(remedy['invalid a milder case']!, /unknown messageId "nameVerb"/);
});

test('fails: a message of the rule that no case produces ("untested message")', () => {
  const o = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [byData, japanese] }));
  assert.deepEqual(failed(o), [MESSAGES]);
  assert.equal(o[MESSAGES], 'untested message: no invalid case of test-wildcard-verb produces wildcardAll, escalate');
});

test('fails: errors in another order than the rule reports them', () => {
  const o = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [byData, specific, milder, { ...two, errors: [two.errors[1]!, two.errors[0]!] }, japanese] }));
  assert.deepEqual(failed(o), ['invalid two errors, in the order reported']);
  assert.match(o['invalid two errors, in the order reported']!, /error 1 of test-wildcard-verb: path/);
});

test('fails: more or fewer errors than the rule reports, and any error on a valid case', () => {
  const fewer = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [byData, specific, milder, { ...two, errors: [two.errors[0]!] }, japanese] }));
  assert.match(fewer['invalid two errors, in the order reported']!, /reported 2 error\(s\), the case expects 1/);
  const more = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [byData, specific, { ...milder, errors: [milder.errors[0]!, milder.errors[0]!] }, two, japanese] }));
  assert.match(more['invalid a milder case']!, /reported 1 error\(s\), the case expects 2/);
  const valid = outcomes(roles.plan(wildcardVerbs, { ...GOOD, valid: [...GOOD.valid, { name: 'not valid', input: role({ verbs: ['*'], resource: 'x' }) }] }));
  assert.deepEqual(failed(valid), ['valid not valid']);
  assert.match(valid['valid not valid']!, /reported 1 error\(s\), the case expects 0/);
});

test('fails: the general message stated for the text of a more specific one, wrong data, no message at all', () => {
  const general = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [byData, { ...specific, errors: [{ messageId: 'wildcard', path: 'rules[0].verbs' }] }, milder, two, japanese] }));
  assert.match(general['invalid the specific message']!, /is message wildcardAll, not wildcard/);
  const data = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [{ ...byData, errors: [{ ...byData.errors[0]!, data: { index: 1, resource: 'pods' } }] }, specific, milder, two, japanese] }));
  assert.match(data['invalid by messageId and data']!, /message wildcard \(en\)/);
  const none = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [byData, specific, { ...milder, errors: [{ path: 'rules[0].verbs' }] }, two, japanese] }));
  assert.match(none['invalid a milder case']!, /state its message or messageId/);
  assert.match(none[TABLE]!, /state its message or messageId/);
});

test('fails: a wrong severity or remediation', () => {
  const sev = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [byData, specific, { ...milder, errors: [{ ...milder.errors[0]!, severity: 'low' }] }, two, japanese] }));
  assert.match(sev['invalid a milder case']!, /severity/);
  const none = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [{ ...byData, errors: [{ ...byData.errors[0]!, remediationId: null }] }, specific, milder, two, japanese] }));
  assert.match(none['invalid by messageId and data']!, /remediation of its own/);
  const missing = outcomes(roles.plan(wildcardVerbs, { ...GOOD, invalid: [byData, specific, { ...milder, errors: [{ ...milder.errors[0]!, remediationId: 'nameVerbs' }] }, two, japanese] }));
  assert.match(missing['invalid a milder case']!, /it has no remediation of its own, the case expects nameVerbs/);
});

test('fails: a table without valid or without invalid cases', () => {
  assert.match(outcomes(roles.plan(wildcardVerbs, { valid: [], invalid }))['has valid and invalid cases']!, /has valid and invalid cases/);
  assert.match(outcomes(roles.plan(wildcardVerbs, { valid: GOOD.valid, invalid: [] }))['has valid and invalid cases']!, /has valid and invalid cases/);
});

test('a family adapter builds the subjects; a valid case it finds nothing to judge in fails unless it says so', () => {
  // input: "verb@resource" per rule, one role per line; the empty text holds no role
  const text = new RuleTester<string, Role>({
    subjectsOf: (input) => input.split('\n').filter((l) => l !== '').map((l) => role(...l.split(' ').map((r) => ({ verbs: [r.split('@')[0]!], resource: r.split('@')[1]! })))),
  });
  const o = outcomes(text.plan(wildcardVerbs, {
    valid: ['get@pods', { name: 'nothing to judge', input: '' }, { name: 'nothing, and it says so', input: '\n', evaluated: false }],
    invalid: [
      { input: 'get@pods\n*@secrets escalate@roles', errors: [{ messageId: 'wildcard', path: 'rules[0].verbs' }, { messageId: 'escalate', path: 'rules[1].verbs' }] },
      { input: 'escalate@x', errors: [{ messageId: 'escalate', path: 'rules[0].verbs', remediationId: null }] },
    ],
  }));
  assert.deepEqual(failed(o), ['valid nothing to judge', MESSAGES]);
  assert.match(o['valid nothing to judge']!, /judged nothing in this case, so it tests nothing/);
  assert.match(o[MESSAGES]!, /produces wildcardAll$/, 'nameVerbs is produced: the wildcard error carries it as its remediation');
});

test('a family with lines: every error states its line, and errors are compared in source order', () => {
  const lined = new RuleTester<Role, Role>({ locations: true, subjectsOf: (r) => [r] });
  const input = role({ verbs: ['escalate'], resource: 'roles', line: 9 }, { verbs: ['*'], resource: 'pods', cluster: true, line: 4 });
  const tests = (errors: RoleTests['invalid'][number]['errors']): RoleTests => ({ valid: GOOD.valid, invalid: [{ name: 'lined', input, errors }, byData, milder] });
  const inOrder = outcomes(lined.plan(wildcardVerbs, tests([
    { messageId: 'wildcardAll', path: 'rules[1].verbs', line: 4, column: 3 }, { messageId: 'escalate', path: 'rules[0].verbs', line: 9 },
  ])));
  assert.deepEqual(failed(inOrder), [TABLE, 'invalid by messageId and data', 'invalid a milder case'], 'byData and milder state no line');
  assert.match(inOrder[TABLE]!, /state its line \(null when it has none\)/);
  const asChecked = outcomes(lined.plan(wildcardVerbs, tests([
    { messageId: 'escalate', path: 'rules[0].verbs', line: 9 }, { messageId: 'wildcardAll', path: 'rules[1].verbs', line: 4 },
  ])));
  assert.match(asChecked['invalid lined']!, /error 1 of test-wildcard-verb: path/);
});

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {privileged: true}}\n';
test('manifest checks: the same table checks (duplicate cases, no errors stated), with the engine behind them', () => {
  const o = outcomes(planManifest(privileged, {
    valid: [POD.replace('true', 'false'), { name: 'the same pod', yaml: POD.replace('true', 'false') }],
    invalid: [{ name: 'nothing stated', yaml: POD, errors: [] }, { name: 'stated', yaml: POD, params: { excludedContainers: ['b'] }, errors: [{ path: 'spec.containers[0].securityContext.privileged', message: /a/, container: 'a' }] }],
  }));
  assert.deepEqual(failed(o), [TABLE, 'invalid nothing stated']);
  assert.match(o[TABLE]!, /duplicate case: valid the same pod gives the same input as valid #1/);
});

test('fails: a change the rule makes that the case does not state', () => {
  const changing: typeof wildcardVerbs = {
    ...wildcardVerbs,
    check: (r, p) => wildcardVerbs.check(r, p).map((v) => ({ ...v, change: { id: 'name-verbs', risk: 'may-break', reason: t('r', 'r') } })),
  };
  const o = outcomes(roles.plan(changing, GOOD));
  assert.match(o['invalid a milder case']!, /error 1 of test-wildcard-verb: it makes change name-verbs; state change/);
  const stated = { ...GOOD, invalid: invalid.map((c) => ({ ...c, errors: c.errors.map((e) => ({ ...e, change: 'name-verbs' })) })) };
  assert.deepEqual(failed(outcomes(roles.plan(changing, stated))), []);
});

test('fails: a rule of the family without a table, or a table for no rule', () => {
  const other = { ...wildcardVerbs, meta: { ...meta, id: 'test-other' } };
  assert.doesNotThrow(() => assertTableForEachRule([wildcardVerbs, other], { 'test-wildcard-verb': GOOD, 'test-other': GOOD }));
  assert.throws(() => assertTableForEachRule([wildcardVerbs, other], { 'test-wildcard-verb': GOOD }), /^AssertionError.*no table for test-other$/);
  assert.throws(() => assertTableForEachRule([wildcardVerbs], { 'test-wildcard-verb': GOOD, 'test-wildcard-verbs': GOOD }), /a table for no rule: test-wildcard-verbs/);
});
