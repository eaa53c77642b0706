// deploy/audit grants the audit what it reads and writes and nothing more, and fences its pod in with a NetworkPolicy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { ensureBuilt } from './cli/run.js';
import { RESOURCES, POD_OWNER_KINDS } from '../src/kube/resources.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
type Manifest = { kind: string; metadata: { name: string; labels?: Record<string, string> }; [k: string]: unknown };
const load = (dir: string): Manifest[] => readdirSync(dir).filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as Manifest)).filter(Boolean);
interface Rule { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }
const rulesOf = (objs: Manifest[]) => objs.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role').flatMap((o) => o.rules as Rule[]);

test('deploy/audit: read access to exactly the kinds the audit lists; no ConfigMaps, Secrets, Nodes or RBAC objects; CRDs only by name', () => {
  const rules = rulesOf(load(join(root, 'deploy', 'audit')));
  const readable = new Set(rules.filter((r) => r.verbs.includes('list') && r.verbs.includes('watch') && !r.resourceNames).flatMap((r) => r.resources));
  // What the audit lists: the judged kinds, the inventory, and the owners of Pods.
  const listed = ['Pod', 'Service', 'ServiceAccount', 'Ingress', 'Namespace', 'NetworkPolicy', ...POD_OWNER_KINDS].map((k) => RESOURCES[k]!.plural);
  assert.deepEqual([...readable].sort(), [...listed].sort());
  const everything = rules.flatMap((r) => r.resources);
  for (const r of ['configmaps', 'secrets', 'nodes', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']) assert.ok(!everything.includes(r), r);
  assert.ok(!rules.some((r) => r.resources.includes('*') || r.verbs.includes('*') || r.apiGroups.includes('*')));
  const crd = rules.filter((r) => r.resources.includes('customresourcedefinitions'));
  assert.deepEqual(crd.map((r) => [r.verbs, [...r.resourceNames!].sort()]), [[['get'], ['clusterpolicyreports.wgpolicyk8s.io', 'clusterreports.openreports.io', 'policyreports.wgpolicyk8s.io', 'reports.openreports.io']]]);
  // Writes: its reports only (wgpolicyk8s.io and openreports.io); reading back and updating only the one the audit owns.
  const writes = rules.filter((r) => r.verbs.some((v) => ['create', 'update', 'patch', 'delete', 'deletecollection'].includes(v)));
  assert.deepEqual(writes.map((r) => [r.apiGroups, r.resources, r.verbs, r.resourceNames ?? null]), [
    [['wgpolicyk8s.io'], ['policyreports', 'clusterpolicyreports'], ['list', 'create'], null],
    [['wgpolicyk8s.io'], ['policyreports', 'clusterpolicyreports'], ['get', 'update'], ['mamori-audit']],
    [['openreports.io'], ['reports', 'clusterreports'], ['list', 'create'], null],
    [['openreports.io'], ['reports', 'clusterreports'], ['get', 'update'], ['mamori-audit']],
  ]);
});

test('deploy/audit: CRD creation is optional (a separate file, not applied by default) and the Deployment does not ask for it', () => {
  const optional = rulesOf(load(join(root, 'deploy', 'audit', 'optional')));
  assert.deepEqual(optional, [{ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['create'] }]);
  const dep = load(join(root, 'deploy', 'audit')).find((o) => o.kind === 'Deployment')! as unknown as { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } };
  const args = dep.spec.template.spec.containers[0]!.args;
  assert.ok(args.includes('--write-policy-reports') && !args.includes('--create-crds'), args.join(' '));
});

test('deploy/audit: a NetworkPolicy lets the audit pod reach only HTTPS (the API server) and be reached only on its metrics port', () => {
  const objs = load(join(root, 'deploy', 'audit'));
  const dep = objs.find((o) => o.kind === 'Deployment')! as unknown as { spec: { template: { metadata: { labels: Record<string, string> } ; spec: { containers: Array<{ ports: Array<{ containerPort: number }> }> } } } };
  const [np] = objs.filter((o) => o.kind === 'NetworkPolicy') as unknown as Array<{ spec: { podSelector: { matchLabels: Record<string, string> }; policyTypes: string[]; ingress: Array<{ from?: unknown; ports: Array<{ port: number; protocol: string }> }>; egress: Array<{ to?: unknown; ports: Array<{ port: number; protocol: string }> }> } }>;
  assert.ok(np, 'no NetworkPolicy in deploy/audit');
  const labels = dep.spec.template.metadata.labels;
  assert.ok(Object.entries(np.spec.podSelector.matchLabels).every(([k, v]) => labels[k] === v), 'selects the audit pod');
  assert.equal(np.spec.podSelector.matchLabels['app.kubernetes.io/component'], 'audit', 'and not the webhook');
  assert.deepEqual([...np.spec.policyTypes].sort(), ['Egress', 'Ingress']);
  const metricsPort = dep.spec.template.spec.containers[0]!.ports[0]!.containerPort;
  assert.deepEqual(np.spec.ingress.flatMap((r) => r.ports.map((p) => `${p.protocol}/${p.port}`)), [`TCP/${metricsPort}`]);
  assert.deepEqual(np.spec.egress.flatMap((r) => r.ports.map((p) => `${p.protocol}/${p.port}`)).sort(), ['TCP/443', 'TCP/6443'], 'no DNS, no plain HTTP');
});

test('mamori rbac finds nothing in deploy/audit, with or without the optional CRD permission', () => {
  ensureBuilt();
  for (const dirs of [['deploy/audit'], ['deploy/audit', 'deploy/audit/optional']]) {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'mamori.js'), 'rbac', ...dirs, '--format', 'json'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).findings, []);
  }
});
