// The rule tester itself: templates match linearly, and a case that states the wrong message or fix fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { fitsTemplate, literalsOf, ruleTester, runManifestCase } from './rule-tester.js';
import { say, t, type Rule, type RuleMeta } from '../../src/core/rule.js';
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

// A rule of another family: the subject is whatever the family judges (here a role's verbs), the message comes by id.
const meta: RuleMeta = {
  id: 'test-wildcard-verb',
  title: t('No wildcard verbs', 'ワイルドカードの動詞を使わない'),
  severity: 'high',
  description: t('A rule written for this test of the tester.', 'テスター自身のテスト用の規則。'),
  remediation: t('Name the verbs.', '動詞を列挙する。'),
  messages: { wildcard: t('rule {index} grants every verb on {resource}', 'ルール {index} は {resource} のすべての動詞を許可する') },
};
const wildcardVerbs: Rule<{ rules: { verbs: string[]; resource: string }[] }, z.ZodObject<{ allow: z.ZodDefault<z.ZodBoolean> }>> = {
  meta,
  params: z.object({ allow: z.boolean().default(false) }),
  check(role, params) {
    if (params.allow) return [];
    return role.rules.flatMap((r, i) => (r.verbs.includes('*')
      ? [{ path: ['rules', i, 'verbs'], container: null, message: say(meta, 'wildcard', { index: i, resource: r.resource }) }]
      : []));
  },
};

ruleTester(wildcardVerbs, {
  valid: [
    { name: 'named verbs', subject: { rules: [{ verbs: ['get'], resource: 'pods' }] } },
    { name: 'parameters parsed by the rule\'s schema', subject: { rules: [{ verbs: ['*'], resource: 'pods' }] }, params: { allow: true } },
  ],
  invalid: [
    { name: 'by messageId and data', subject: { rules: [{ verbs: ['get'], resource: 'pods' }, { verbs: ['*'], resource: 'secrets' }] }, errors: [{ messageId: 'wildcard', data: { index: 1, resource: 'secrets' }, path: 'rules[1].verbs', container: null }] },
    { name: 'by messageId alone', subject: { rules: [{ verbs: ['*'], resource: 'pods' }] }, errors: [{ messageId: 'wildcard', path: 'rules[0].verbs' }] },
    { name: 'in Japanese', lang: 'ja', subject: { rules: [{ verbs: ['*'], resource: 'pods' }] }, errors: [{ message: 'ルール 0 は pods のすべての動詞を許可する', path: 'rules[0].verbs' }] },
  ],
});
