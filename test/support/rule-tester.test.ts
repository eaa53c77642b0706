// The rule tester itself: templates match linearly, and a case that states the wrong message or fix fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitsTemplate, literalsOf, runManifestCase } from './rule-tester.js';
import privileged from '../../src/checks/privileged-container.js';
import automount from '../../src/checks/service-account-token-automount.js';

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
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x}\n';
  const run = runManifestCase(automount, { yaml });
  assert.ok(run.reported.length > 0);
  assert.notEqual(run.output, yaml);
  assert.match(run.output, /automountServiceAccountToken: false/);
});

test('runManifestCase counts no evaluation for an object the rule does not look at', () => {
  const run = runManifestCase(privileged, { yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' });
  assert.equal(run.evaluated, 0);
});

test('a case with input errors fails instead of passing as valid', () => {
  assert.throws(() => runManifestCase(privileged, { yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {privileged: "yes"}}\n' }), /no valid input/);
});
