// The Helm chart's enforcement switch: `enforcement: vap` renders exactly what `mamori export vap` prints for its config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfigFile, resolveEngineConfig } from '../../src/config/load.js';
import { exportVap } from '../../src/export/vap.js';
import { vapYaml } from '../../src/cli/commands/export.js';
import { needHelm } from '../harness/helm.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chart = join(root, 'deploy', 'helm', 'mamori');
const bundledConfig = join(chart, 'files', 'vap-config.json');
const bundled = join(chart, 'files', 'vap.yaml');
const REGENERATE = 'LANG=C mamori export vap -c deploy/helm/mamori/files/vap-config.json -o deploy/helm/mamori/files/vap.yaml';

function exported(configFile: string): string {
  return vapYaml(exportVap(resolveEngineConfig(loadConfigFile(configFile), { lang: 'en' })).documents);
}

test('the chart\'s bundled policies are `mamori export vap` of the chart\'s default config', () => {
  const values = parse(readFileSync(join(chart, 'values.yaml'), 'utf8')) as { config: unknown; enforcement: string };
  assert.equal(values.enforcement, 'webhook');
  assert.deepEqual(JSON.parse(readFileSync(bundledConfig, 'utf8')), values.config, 'files/vap-config.json must equal values.yaml config');
  assert.equal(readFileSync(bundled, 'utf8'), exported(bundledConfig), `files/vap.yaml is stale: ${REGENERATE}`);
});

test('helm template --set enforcement=vap renders the exported policies and no webhook', (t) => {
  const helm = needHelm(t);
  if (!helm) return;
  const template = (...args: string[]) => spawnSync(helm, ['template', 'mamori', chart, '--namespace', 'mamori', ...args], { encoding: 'utf8' });
  // helm orders what it renders by kind: compare the documents, not their order
  const key = (d: unknown): string => { const o = d as { kind: string; metadata: { name: string } }; return `${o.kind}/${o.metadata.name}`; };
  const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as unknown).filter((d) => d !== null).sort((a, b) => key(a).localeCompare(key(b)));

  const vap = template('--set', 'enforcement=vap');
  assert.equal(vap.status, 0, vap.stderr);
  assert.deepEqual(docs(vap.stdout), docs(readFileSync(bundled, 'utf8')));
  assert.match(vap.stdout, /kind: ValidatingAdmissionPolicyBinding/);

  const webhook = template();
  assert.equal(webhook.status, 0, webhook.stderr);
  const kinds = docs(webhook.stdout).map((d) => (d as { kind: string }).kind);
  assert.ok(kinds.includes('ValidatingWebhookConfiguration') && !kinds.includes('ValidatingAdmissionPolicy'), kinds.join(', '));

  const bogus = template('--set', 'enforcement=gatekeeper');
  assert.notEqual(bogus.status, 0);
  assert.match(bogus.stderr, /enforcement: "gatekeeper": expected webhook or vap/);

  // another config: the chart cannot run mamori, so it asks for the user's own export
  const other = template('--set', 'enforcement=vap', '--set', 'config.profile=nsa');
  assert.notEqual(other.status, 0);
  assert.match(other.stderr, /--set-file vap\.policies=vap\.yaml/);
  const dir = mkdtempSync(join(tmpdir(), 'mamori-vap-helm-'));
  try {
    const cfg = join(dir, 'mamori.yaml');
    writeFileSync(cfg, 'profile: nsa\n');
    const file = join(dir, 'vap.yaml');
    writeFileSync(file, exported(cfg));
    const own = template('--set', 'enforcement=vap', '--set', 'config.profile=nsa', '--set-file', `vap.policies=${file}`);
    assert.equal(own.status, 0, own.stderr);
    assert.deepEqual(docs(own.stdout), docs(readFileSync(file, 'utf8')));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
