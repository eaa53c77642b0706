// `mamori policies` lists the rules of every family, and mamori.yaml may configure any of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mamori, scratch } from './run.js';
import { FAMILIES } from '../../src/core/rule.js';

interface Listed { id: string; family: string; parameters: unknown[] }

test('policies --format json lists manifest, RBAC, versions, seccomp-lint and AppArmor-lint rules with their family', () => {
  const r = mamori(['policies', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const { policies } = JSON.parse(r.stdout) as { policies: Listed[] };
  for (const f of FAMILIES) assert.ok(policies.some((p) => p.family === f), `no ${f} rule listed`);
  const byId = new Map(policies.map((p) => [p.id, p.family]));
  assert.equal(byId.get('privileged-container'), 'manifest');
  assert.equal(byId.get('rbac-cluster-admin-binding'), 'rbac');
  assert.equal(byId.get('deprecated-api-removed'), 'versions');
  assert.equal(byId.get('seccomp-legacy-name'), 'seccomp-lint');
  assert.ok([...byId.entries()].some(([id, f]) => f === 'apparmor-lint' && id.startsWith('apparmor-')));
  assert.equal(byId.size, policies.length, 'an id is listed twice');
});

test('policies --family narrows the list to one family, in the table too', () => {
  const json = mamori(['policies', '--format', 'json', '--family', 'rbac']);
  const { policies } = JSON.parse(json.stdout) as { policies: Listed[] };
  assert.ok(policies.length > 0);
  assert.ok(policies.every((p) => p.family === 'rbac'));
  const table = mamori(['policies', '--family', 'versions']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^\[versions\]$/m);
  assert.match(table.stdout, /kubelet-version-skew/);
  assert.doesNotMatch(table.stdout, /privileged-container/);
});

test('mamori.yaml may name a rule of any family under policies, and an unknown id is an error with the file', () => {
  const dir = scratch({
    'mamori.yaml': 'policies:\n  rbac-user-subject:\n    effect: Disabled\n',
    'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n',
  });
  const ok = mamori(['scan', 'pod.yaml', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  const bad = scratch({ 'mamori.yaml': 'policies:\n  no-such-rule: {effect: Disabled}\n', 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n' });
  const r = mamori(['scan', 'pod.yaml'], { cwd: bad });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /mamori\.yaml: policies\.no-such-rule: unknown policy id/);
});
