// audit --write-policy-reports on a real API server: OpenReports and PolicyReports chosen by --report-api, read back with kubectl, updated in place, bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { ROOT, ensureBuilt, mamori } from '../cli/run.js';
import { requireOrSkip, startCluster, type Cluster } from '../harness/cluster.js';

interface Rep {
  apiVersion: string; kind: string; source?: string; configuration?: { limits: { maxResults: number; statusFilter: string[] } };
  metadata: { uid: string; resourceVersion: string; namespace?: string; annotations?: Record<string, string>; labels: Record<string, string> };
  summary: { pass: number; fail: number }; results: Array<{ policy: string; result: string; severity: string; source: string; resources: Array<{ kind: string; name: string }> }>;
}

async function get(c: Cluster, resource: string, ns?: string): Promise<Rep> {
  const r = await c.kubectl(['get', resource, 'mamori-audit', ...(ns ? ['-n', ns] : []), '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Rep;
}

async function crdExists(c: Cluster, name: string): Promise<boolean> {
  const r = await c.kubectl(['get', 'crd', name, '-o', 'name']);
  if (r.code !== 0) assert.match(r.stderr, /NotFound/);
  return r.code === 0;
}

test('audit --write-policy-reports --report-api: OpenReports and PolicyReports on a real API server', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(t)) return;
  ensureBuilt();
  const cluster = await startCluster();
  t.after(() => cluster.stop());
  for (const ns of ['shop', 'ops']) await cluster.createNamespace(ns);
  const pod = (ns: string, name: string, sc: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { automountServiceAccountToken: false, containers: [{ name: 'c', image: 'registry.example/app:1', securityContext: sc }] } });
  const applied = await cluster.kubectl(['apply', '-f', '-'], [
    pod('shop', 'cart', { privileged: true }),
    pod('shop', 'search', { allowPrivilegeEscalation: true }),
    pod('ops', 'debug', { privileged: true }),
  ].map((o) => `---\n${stringify(o)}`).join(''));
  assert.equal(applied.code, 0, applied.stderr);
  const audit = (...args: string[]) => {
    // the admin may create the CRDs; the audit's own account (last subtest) may not, and needs none by then
    const r = mamori(['audit', '--kubeconfig', cluster.kubeconfigPath, '--write-policy-reports', '--create-crds', '--view', 'defender', '--no-progress', ...args]);
    assert.equal(r.code, 1, r.stderr);
    return r.stderr;
  };

  await t.test('auto on a cluster with neither API: PolicyReports, as before', async () => {
    const log = audit();
    assert.match(log, /created CRD policyreports\.wgpolicyk8s\.io/);
    assert.match(log, /report\(s\) \(wgpolicyk8s\.io\/v1alpha2\)/);
    assert.equal(await crdExists(cluster, 'reports.openreports.io'), false);
    assert.equal((await get(cluster, 'policyreports.wgpolicyk8s.io', 'shop')).kind, 'PolicyReport');
  });

  let first: Rep;
  await t.test('openreports: CRDs created, Reports and a ClusterReport read back with kubectl', async () => {
    const log = audit('--report-api', 'openreports');
    assert.match(log, /created CRD reports\.openreports\.io/);
    assert.match(log, /created CRD clusterreports\.openreports\.io/);
    const list = await cluster.kubectl(['get', 'reports.openreports.io', '-A']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^NAMESPACE\s+NAME\s+PASS\s+FAIL\s+WARN\s+ERROR\s+SKIP\s+AGE$/m);
    assert.match(list.stdout, /^shop\s+mamori-audit\s+\d+\s+[1-9]\d*\s+0\s+0\s+\d+\s/m);
    assert.match(list.stdout, /^ops\s+mamori-audit\s/m);
    first = await get(cluster, 'reports.openreports.io', 'shop');
    assert.equal(first.apiVersion, 'openreports.io/v1alpha1');
    assert.equal(first.kind, 'Report');
    assert.equal(first.source, 'mamori');
    assert.deepEqual(first.configuration, { limits: { maxResults: 1000, statusFilter: ['fail', 'skip'] } });
    assert.equal(first.metadata.labels['app.kubernetes.io/managed-by'], 'mamori');
    const fails = first.results.filter((r) => r.result === 'fail').map((r) => `${r.policy} ${r.resources[0]!.kind}/${r.resources[0]!.name}`);
    assert.ok(fails.includes('privileged-container Pod/cart'), fails.join('\n'));
    assert.ok(fails.includes('privilege-escalation-allowed Pod/search'), fails.join('\n'));
    assert.ok(!fails.some((f) => f.endsWith('/debug')), 'ops results stay in ops');
    assert.equal(first.summary.fail, fails.length);
    const cr = await get(cluster, 'clusterreports.openreports.io');
    assert.equal(cr.kind, 'ClusterReport');
    assert.equal(cr.metadata.namespace, undefined);
    // the short names the CRD declares work
    assert.equal((await cluster.kubectl(['get', 'reps', '-n', 'ops', 'mamori-audit', '-o', 'name'])).stdout.trim(), 'report.openreports.io/mamori-audit');
  });

  await t.test('openreports: a second run updates the same objects in place', async () => {
    audit('--report-api', 'openreports');
    const again = await get(cluster, 'reports.openreports.io', 'shop');
    assert.equal(again.metadata.uid, first.metadata.uid);
    assert.notEqual(again.metadata.resourceVersion, first.metadata.resourceVersion);
    assert.deepEqual(again.results.map((r) => r.policy).sort(), first.results.map((r) => r.policy).sort());
  });

  await t.test('openreports: results bounded by --max-report-results, the bound declared, the summary still counting all', async () => {
    audit('--report-api', 'openreports', '--max-report-results', '1');
    const bounded = await get(cluster, 'reports.openreports.io', 'shop');
    assert.equal(bounded.metadata.uid, first.metadata.uid);
    assert.equal(bounded.results.length, 1);
    assert.equal(bounded.configuration!.limits.maxResults, 1);
    assert.equal(bounded.summary.fail, first.summary.fail);
    assert.equal(bounded.metadata.annotations?.['mamori.dev/results-truncated'], String(first.results.length - 1));
    // the kept result is the most severe
    const worst = Math.max(...first.results.map((r) => ['info', 'low', 'medium', 'high', 'critical'].indexOf(r.severity)));
    assert.equal(['info', 'low', 'medium', 'high', 'critical'].indexOf(bounded.results[0]!.severity), worst);
  });

  await t.test('auto with both APIs served writes both, in place', async () => {
    const pr = await get(cluster, 'policyreports.wgpolicyk8s.io', 'shop');
    const or = await get(cluster, 'reports.openreports.io', 'shop');
    const log = audit();
    assert.match(log, /\(wgpolicyk8s\.io\/v1alpha2, openreports\.io\/v1alpha1\)/);
    assert.doesNotMatch(log, /created CRD/);
    const pr2 = await get(cluster, 'policyreports.wgpolicyk8s.io', 'shop');
    const or2 = await get(cluster, 'reports.openreports.io', 'shop');
    assert.equal(pr2.metadata.uid, pr.metadata.uid);
    assert.equal(or2.metadata.uid, or.metadata.uid);
    assert.notEqual(pr2.metadata.resourceVersion, pr.metadata.resourceVersion);
    assert.notEqual(or2.metadata.resourceVersion, or.metadata.resourceVersion);
    assert.deepEqual(or2.results, pr2.results, 'the same results in both APIs');
    assert.equal(or2.results.length, first.results.length, 'the default bound again');
  });

  await t.test('auto under deploy/audit\'s RBAC: only the APIs the account may write, the others named', async () => {
    await cluster.createNamespace('mamori');
    const rbacFile = join(ROOT, 'deploy', 'audit', '10-rbac.yaml');
    const applied = await cluster.kubectl(['apply', '-f', rbacFile]);
    assert.equal(applied.code, 0, applied.stderr);
    const token = await cluster.kubectl(['create', 'token', 'mamori-audit', '-n', 'mamori']);
    assert.equal(token.code, 0, token.stderr);
    const kubeconfig = join(cluster.dir, 'audit-kubeconfig');
    writeFileSync(kubeconfig, readFileSync(cluster.kubeconfigPath, 'utf8').replace(/token: .*/, `token: ${token.stdout.trim()}`), { mode: 0o600 });
    const grantsOpenReports = parseAllDocuments(readFileSync(rbacFile, 'utf8')).some((d) => JSON.stringify(d.toJSON()).includes('openreports.io'));
    const before = await get(cluster, 'reports.openreports.io', 'shop');
    const r = mamori(['audit', '--kubeconfig', kubeconfig, '--write-policy-reports', '--view', 'defender', '--no-progress']);
    assert.equal(r.code, 1, r.stderr);
    const after = await get(cluster, 'reports.openreports.io', 'shop');
    if (grantsOpenReports) {
      assert.match(r.stderr, /\(wgpolicyk8s\.io\/v1alpha2, openreports\.io\/v1alpha1\)/);
      assert.notEqual(after.metadata.resourceVersion, before.metadata.resourceVersion);
    } else {
      assert.match(r.stderr, /openreports\.io\/v1alpha1 is served but this account may not list its reports; not writing them/);
      assert.match(r.stderr, /report\(s\) \(wgpolicyk8s\.io\/v1alpha2\)/);
      assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);
    }
  });

  await t.test('auto with only OpenReports served writes only OpenReports', async () => {
    const del = await cluster.kubectl(['delete', 'crd', 'policyreports.wgpolicyk8s.io', 'clusterpolicyreports.wgpolicyk8s.io', '--wait=true']);
    assert.equal(del.code, 0, del.stderr);
    // discovery drops the group once the CRDs are gone
    for (let i = 0; i < 100 && (await cluster.kubectl(['get', '--raw', '/apis/wgpolicyk8s.io/v1alpha2'])).code === 0; i++) await new Promise((r) => setTimeout(r, 200));
    const log = audit();
    assert.match(log, /report\(s\) \(openreports\.io\/v1alpha1\)/);
    assert.equal(await crdExists(cluster, 'policyreports.wgpolicyk8s.io'), false);
  });
});
