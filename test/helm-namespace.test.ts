// The Helm chart's release namespace: Pod Security labels (rendered, or required of an existing namespace), and one exclusion list for config and webhook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { resolveEngineConfig } from '../src/config/load.js';
import { skippableNamespaces } from '../src/webhook/webhook-config.js';
import { requireOrSkip, startCluster } from './harness/cluster.js';
import { needHelm } from './harness/helm.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chart = join(root, 'deploy', 'helm', 'mamori');
const NO_CERT_MANAGER = ['--set', 'tls.certManager.enabled=false', '--set', 'tls.existingSecret=my-tls', '--set-string', 'tls.caBundle=-----BEGIN CERTIFICATE-----'];

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rendered manifests
function render(helm: string, args: string[]): Obj[] {
  const r = spawnSync(helm, ['template', 'mamori', chart, '--namespace', 'mamori', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj).filter(Boolean);
}

/** The webhook's NotIn list and what `serve` would skip for the ConfigMap's config (plus the release namespace). */
function lists(objs: Obj[]): { skip: string[]; derived: string[] } {
  const hook = objs.find((o) => o.kind === 'ValidatingWebhookConfiguration')!;
  const skip = hook.webhooks[0].namespaceSelector.matchExpressions[0].values as string[];
  const cm = objs.find((o) => o.kind === 'ConfigMap')!;
  const cfg = resolveEngineConfig({ config: parse(cm.data['mamori.yaml']), file: null }, { lang: 'en' });
  return { skip, derived: [...new Set([...skippableNamespaces(cfg), 'mamori'])].sort() };
}

test('helm: the webhook skip list is derived from config.excludedNamespaces, as serve --print-webhook-config derives it', (t) => {
  const helm = needHelm(t);
  if (!helm) return;
  const defaults = lists(render(helm, []));
  assert.deepEqual(defaults.skip, defaults.derived);
  assert.ok(defaults.skip.includes('kube-system') && defaults.skip.includes('mamori'));
  // One list: change it in config and the webhook follows; globs cannot be selector values.
  const custom = lists(render(helm, ['--set', 'config.excludedNamespaces={kube-system,team-*,batch}']));
  assert.deepEqual(custom.skip, ['batch', 'kube-system', 'mamori']);
  // A policy that judges a namespace the others exclude: the API server must still send it.
  const narrowed = lists(render(helm, ['--set', 'config.policies.privileged-container.excludedNamespaces={kube-system}']));
  assert.deepEqual(narrowed.skip, ['kube-system', 'mamori']);
  for (const l of [custom, narrowed]) assert.ok(l.skip.every((n) => l.derived.includes(n)), `${l.skip} ⊆ ${l.derived}`);
});

test('helm: namespace.create renders the release namespace with Pod Security labels; by default no Namespace is rendered', (t) => {
  const helm = needHelm(t);
  if (!helm) return;
  assert.equal(render(helm, []).filter((o) => o.kind === 'Namespace').length, 0);
  const [ns] = render(helm, ['--set', 'namespace.create=true']).filter((o) => o.kind === 'Namespace');
  assert.equal(ns!.metadata.name, 'mamori');
  assert.deepEqual(Object.fromEntries(Object.entries(ns!.metadata.labels as Record<string, string>).filter(([k]) => k.startsWith('pod-security.'))), {
    'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted',
  });
});

test('helm install against a real API server refuses an unlabelled or missing release namespace and accepts a labelled one', { timeout: 300_000 }, async (t) => {
  const helm = needHelm(t);
  if (!helm || !requireOrSkip(t)) return;
  const cluster = await startCluster();
  t.after(() => cluster.stop());
  const install = (ns: string, extra: string[] = []) => spawnSync(helm, ['install', 'mamori', chart, '--namespace', ns, '--dry-run=server', '--kubeconfig', cluster.kubeconfigPath, ...NO_CERT_MANAGER, ...extra], { encoding: 'utf8' });
  const missing = install('not-there');
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /namespace not-there does not exist yet/);
  await cluster.createNamespace('plain');
  const plain = install('plain');
  assert.notEqual(plain.status, 0);
  assert.match(plain.stderr, /namespace plain has no Pod Security labels: .*kubectl label namespace plain pod-security\.kubernetes\.io\/enforce=restricted/);
  assert.equal(install('plain', ['--set', 'namespace.requirePodSecurityLabels=false']).status, 0, 'the check can be turned off');
  const label = await cluster.kubectl(['label', 'namespace', 'plain', 'pod-security.kubernetes.io/enforce=restricted']);
  assert.equal(label.code, 0, label.stderr);
  const ok = install('plain');
  assert.equal(ok.status, 0, ok.stderr);
});
