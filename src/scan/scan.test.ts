// scanPaths' first pass: every kind the inventory keeps is found in files on disk, whatever else shares the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEngineConfig } from '../config/load.js';
import { scanPaths } from './scan.js';

const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n  - name: c\n    image: x\n';
// A binding to every service account names no ServiceAccount kind: only the group.
const groupBinding = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\n'
  + 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n- {kind: Group, name: "system:serviceaccounts"}\n';

async function tokenFix(files: Record<string, string>): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-scan-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const cfg = resolveEngineConfig({ config: {}, file: null }, { only: ['service-account-token-automount'], lang: 'en', today: '2026-01-01' });
  const report = await scanPaths([dir], cfg);
  const f = report.findings.find((x) => x.change?.id === 'disable-token-automount');
  assert.ok(f, 'a token automount finding');
  return f.fix !== undefined;
}

test('without a binding, disabling the token is applied by default', async () => {
  assert.equal(await tokenFix({ 'all.yaml': pod }), true);
});

test('a binding to a group of service accounts is seen beside the pod in one file and in a file of its own', async () => {
  assert.equal(await tokenFix({ 'all.yaml': `${pod}---\n${groupBinding}` }), false);
  assert.equal(await tokenFix({ 'pod.yaml': pod, 'rbac.yaml': groupBinding }), false);
  // a file that names a ServiceAccount elsewhere must not hide the binding document either
  assert.equal(await tokenFix({ 'all.yaml': `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: s, namespace: x}\n---\n${pod}---\n${groupBinding}` }), false);
});
