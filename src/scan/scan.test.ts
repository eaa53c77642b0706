// scanPaths' first pass: every kind the inventory keeps is found in files on disk, whatever else shares the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEngineConfig } from '../config/load.js';
import { scanPaths } from './scan.js';

const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n  - name: c\n    image: x\n';
// The pod's own account opts out of the token: the check consults it only if the first pass kept it.
const account = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\nautomountServiceAccountToken: false\n';

async function tokenFinding(files: Record<string, string>): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-scan-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const cfg = resolveEngineConfig({ config: {}, file: null }, { only: ['service-account-token-automount'], lang: 'en', today: '2026-01-01' });
  const report = await scanPaths([dir], cfg);
  return report.findings.some((x) => x.policyId === 'service-account-token-automount');
}

test('without its ServiceAccount in the input, the pod is found to mount the token', async () => {
  assert.equal(await tokenFinding({ 'all.yaml': pod }), true);
});

test('the ServiceAccount is seen beside the pod in one file and in a file of its own', async () => {
  assert.equal(await tokenFinding({ 'all.yaml': `${pod}---\n${account}` }), false);
  assert.equal(await tokenFinding({ 'pod.yaml': pod, 'sa.yaml': account }), false);
  // a file that names another context kind first must not hide the account's document
  assert.equal(await tokenFinding({ 'all.yaml': `apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\n${pod}---\n${account}` }), false);
});
