// mamori audit, rbac --cluster and versions --cluster against a real kube-apiserver: exact findings, PolicyReports, --watch through a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { requireOrSkip, startCluster, type Cluster } from '../harness/cluster.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the mamori CLI from source in a child process (no build step), as a user would run it. */
function mamori(args: string[], opts: { cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e',
    `const m = await import(${JSON.stringify(join(root, 'src', 'cli', 'main.ts'))}); process.exitCode = await m.main(process.argv.slice(1));`, ...args],
  { cwd: opts.cwd ?? root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
}

async function run(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = mamori(args, { cwd });
  let stdout = '';
  let stderr = '';
  p.stdout!.on('data', (c) => { stdout += c; });
  p.stderr!.on('data', (c) => { stderr += c; });
  const code = await new Promise<number>((res) => p.on('close', (c) => res(c ?? -1)));
  return { code, stdout, stderr };
}

const hardenedContainer = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  image: `contoso.azurecr.io/${name}:1`,
  resources: { limits: { cpu: '100m', memory: '128Mi' } },
  securityContext: {
    privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000,
    capabilities: { drop: ['ALL'] }, appArmorProfile: { type: 'RuntimeDefault' }, seccompProfile: { type: 'RuntimeDefault' },
    ...extra,
  },
});
const hardenedSpec = (name: string, extra: Record<string, unknown> = {}, podExtra: Record<string, unknown> = {}) => ({
  automountServiceAccountToken: false,
  containers: [hardenedContainer(name, extra)],
  ...podExtra,
});

async function apply(c: Cluster, objects: unknown[]): Promise<void> {
  const r = await c.kubectl(['apply', '-f', '-'], objects.map((o) => `---\n${stringify(o)}`).join(''));
  assert.equal(r.code, 0, r.stderr);
}

async function uid(c: Cluster, kind: string, ns: string, name: string): Promise<string> {
  const r = await c.kubectl(['get', kind, name, '-n', ns, '-o', 'jsonpath={.metadata.uid}']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

/** A Deployment, its ReplicaSet and Pods linked by ownerReferences, as the controllers would leave them (none run here). */
async function deployment(c: Cluster, ns: string, name: string, spec: Record<string, unknown>, pods: number): Promise<string[]> {
  const labels = { app: name };
  await apply(c, [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns }, spec: { replicas: pods, selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } }]);
  const dUid = await uid(c, 'deployment', ns, name);
  const rs = `${name}-7d4b9c`;
  await apply(c, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: rs, namespace: ns, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: dUid, controller: true }] }, spec: { replicas: pods, selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } }]);
  const rsUid = await uid(c, 'replicaset', ns, rs);
  const names = Array.from({ length: pods }, (_, i) => `${rs}-${'abcdefgh'[i]}x${i}`);
  await apply(c, names.map((n) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: n, namespace: ns, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: rsUid, controller: true }] }, spec })));
  return names;
}

function get(port: number, path: string): Promise<string> {
  return new Promise((res, rej) => {
    http.get({ host: '127.0.0.1', port, path }, (r) => { let b = ''; r.on('data', (c) => { b += c; }); r.on('end', () => res(b)); }).on('error', rej);
  });
}

function metric(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`) || (labels === '' && l.startsWith(`${name} `)));
  return line ? Number(line.split(' ').pop()) : undefined;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  let last: unknown;
  while (Date.now() - t0 < timeoutMs) {
    try { const v = await fn(); if (v !== undefined) return { value: v, ms: Date.now() - t0 }; } catch (e) { last = e; }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

interface JsonFinding { policyId: string; status: string; resource: { kind: string; namespace: string | null; name: string }; path: string; pods?: string[] }
const openFindings = (json: { findings: JsonFinding[] }) => json.findings.filter((f) => f.status === 'open').map((f) => `${f.policyId} ${f.resource.kind} ${f.resource.namespace ?? ''}/${f.resource.name}`).sort();

/** A --format json run that found something (exit 1), parsed. */
async function runJson(args: string[], cwd?: string) {
  const r = await run([...args, '--format', 'json'], cwd);
  assert.equal(r.code, 1, r.stderr);
  return JSON.parse(r.stdout);
}

test('mamori audit, rbac and versions against a real API server', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(t)) return;
  const cluster = await startCluster();
  const dir = mkdtempSync(join(tmpdir(), 'mamori-audit-e2e-'));
  t.after(async () => { await cluster.stop(); rmSync(dir, { recursive: true, force: true }); });
  writeFileSync(join(dir, 'mamori.yaml'), stringify({
    profile: 'defender',
    policies: {
      'untrusted-registry': { parameters: { allowedContainerImagesRegex: '^contoso\\.azurecr\\.io/.+$' } },
      'disallowed-service-port': { parameters: { allowedServicePortsList: ['443'] } },
    },
  }));
  const kc = ['--kubeconfig', cluster.kubeconfigPath];

  for (const ns of ['shop', 'ops']) await cluster.createNamespace(ns);
  const webPods = await deployment(cluster, 'shop', 'web', hardenedSpec('web'), 2);
  const apiPods = await deployment(cluster, 'shop', 'api', hardenedSpec('api', { privileged: true, allowPrivilegeEscalation: true }), 3);
  // CronJob → Job → Pod: the finding belongs to the CronJob.
  const rootSpec = hardenedSpec('nightly', { runAsNonRoot: undefined, runAsUser: undefined }, { restartPolicy: 'Never' });
  await apply(cluster, [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'ops' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: rootSpec } } } } }]);
  const cjUid = await uid(cluster, 'cronjob', 'ops', 'nightly');
  await apply(cluster, [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'nightly-29001', namespace: 'ops', labels: { 'batch.kubernetes.io/controller-uid': 'x' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: cjUid, controller: true }] }, spec: { manualSelector: true, selector: { matchLabels: { job: 'nightly' } }, template: { metadata: { labels: { job: 'nightly' } }, spec: rootSpec } } }]);
  const jobUid = await uid(cluster, 'job', 'ops', 'nightly-29001');
  await apply(cluster, [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nightly-29001-q8x', namespace: 'ops', labels: { job: 'nightly' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'nightly-29001', uid: jobUid, controller: true }] }, spec: rootSpec },
    // Bare Pods: reported as themselves.
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'ops' }, spec: hardenedSpec('debug', {}, { hostPID: true }) },
    // No automount opt-out: the API server injects the token volume, and the audit sees it.
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'token', namespace: 'ops' }, spec: { ...hardenedSpec('token'), automountServiceAccountToken: undefined } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-tls', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 443, targetPort: 8443 }] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
    // kube-system is always excluded under defender.
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'privileged-agent', namespace: 'kube-system' }, spec: hardenedSpec('agent', { privileged: true, allowPrivilegeEscalation: true }) },
    // RBAC, healthy and not.
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'alice-admin' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'devs-view', namespace: 'shop' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'exec', namespace: 'ops' }, rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'default-exec', namespace: 'ops' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'exec' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'ops' }] },
  ]);

  await t.test('audit: exact findings, each on the workload that owns the Pod, deduplicated', async () => {
    const json = await runJson(['audit', ...kc, '-c', join(dir, 'mamori.yaml')], dir);
    assert.deepEqual(openFindings(json), [
      'host-namespace-shared Pod ops/debug',
      'ingress-not-https Ingress shop/web',
      'privileged-container Deployment shop/api',
      'privilege-escalation-allowed Deployment shop/api',
      'run-as-root CronJob ops/nightly',
      'service-account-token-automount Pod ops/token',
      'disallowed-service-port Service shop/web',
    ].sort());
    const priv = json.findings.find((f: JsonFinding) => f.policyId === 'privileged-container');
    assert.equal(priv.path, 'spec.template.spec.containers[0].securityContext.privileged');
    assert.deepEqual(priv.pods, [...apiPods].sort());
    const cron = json.findings.find((f: JsonFinding) => f.policyId === 'run-as-root');
    assert.match(cron.path, /^spec\.jobTemplate\.spec\.template\.spec\./);
    // Defender's view: per recommendation healthy / unhealthy counts and the unhealthy resources.
    const rec = (id: string) => json.audit.recommendations.find((x: { policyId: string }) => x.policyId === id);
    assert.deepEqual({ h: rec('privileged-container').healthy, u: rec('privileged-container').unhealthy }, { h: 4, u: 1 });
    assert.deepEqual(rec('privileged-container').unhealthyResources, [{ kind: 'Deployment', namespace: 'shop', name: 'api', findings: 1, pods: [...apiPods].sort() }]);
    assert.equal(rec('ingress-not-https').unhealthy, 1);
    const shop = json.audit.namespaces.find((n: { namespace: string }) => n.namespace === 'shop');
    // web, api, Services web and web-tls, Ingress web, and the namespace's default ServiceAccount (default-namespace looks at it)
    assert.deepEqual({ resources: shop.resources, unhealthy: shop.unhealthy }, { resources: 6, unhealthy: 3 });
    assert.equal(json.audit.namespaces.find((n: { namespace: string }) => n.namespace === 'kube-system'), undefined);
    assert.ok(!JSON.stringify(json).includes('privileged-agent'), 'kube-system is excluded');
    // the hardened web Deployment's Pods show nothing at all
    assert.equal(webPods.length, 2);
    assert.deepEqual(json.findings.filter((f: JsonFinding) => f.resource.name === 'web' && f.resource.kind === 'Deployment'), []);
    assert.ok(webPods.every((p) => !JSON.stringify(json).includes(p)), 'no finding names a web Pod');
  });

  await t.test('audit --namespace and the table view', async () => {
    const r = await run(['audit', ...kc, '-c', join(dir, 'mamori.yaml'), '-n', 'shop', '--lang', 'ja'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /推奨事項/);
    assert.match(r.stdout, /Deployment shop\/api \(ポッド: api-7d4b9c-ax0, api-7d4b9c-bx1, api-7d4b9c-cx2\)/);
    assert.doesNotMatch(r.stdout, /ops\//);
    assert.equal(r.stderr, '', 'no progress output when stderr is not a terminal');
  });

  await t.test('rbac --cluster: exact findings, bootstrap roles left alone', async () => {
    const json = await runJson(['rbac', '--cluster', ...kc]);
    assert.deepEqual(openFindings(json), [
      // ops/token mounts the default token, and default may exec into Pods; the other ops Pods opt out.
      'rbac-automounted-powerful-token Pod ops/token',
      'rbac-cluster-admin-binding ClusterRoleBinding /alice-admin',
      'rbac-default-service-account RoleBinding ops/default-exec',
      'rbac-pods-exec RoleBinding ops/default-exec',
      'rbac-user-subject ClusterRoleBinding /alice-admin',
    ]);
    const ca = json.findings.find((f: { policyId: string }) => f.policyId === 'rbac-cluster-admin-binding');
    assert.match(ca.message, /User alice gets every permission \(cluster-admin\) cluster-wide through ClusterRoleBinding alice-admin/);
  });

  await t.test('versions --cluster: the API server version against the window', async () => {
    const r = await run(['versions', '--cluster', ...kc, '--today', '2026-11-22', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.versions.cluster.minor, cluster.binaries.k8sVersion.replace(/^v(\d+\.\d+).*/, '$1'));
    assert.equal(json.versions.seccompDefault.stage, 'ga');
  });

  await t.test('--write-policy-reports: CRDs created with --create-crds (only then), reports read back with kubectl, updated in place', async () => {
    const r0 = await run(['audit', ...kc, '-c', join(dir, 'mamori.yaml'), '--write-policy-reports', '--view', 'defender'], dir);
    assert.equal(r0.code, 2, r0.stderr);
    assert.match(r0.stderr, /the CRD policyreports\.wgpolicyk8s\.io is not installed: kubectl apply -f deploy\/crds\/ \(or pass --create-crds/);
    assert.notEqual((await cluster.kubectl(['get', 'crd', 'policyreports.wgpolicyk8s.io'])).code, 0, 'nothing was created');
    const r1 = await run(['audit', ...kc, '-c', join(dir, 'mamori.yaml'), '--write-policy-reports', '--create-crds', '--view', 'defender'], dir);
    assert.equal(r1.code, 1, r1.stderr);
    assert.match(r1.stderr, /created CRD policyreports\.wgpolicyk8s\.io/);
    const got = await cluster.kubectl(['get', 'policyreports', '-n', 'shop', 'mamori-audit', '-o', 'json']);
    assert.equal(got.code, 0, got.stderr);
    const rep = JSON.parse(got.stdout);
    assert.deepEqual(rep.results.map((x: { policy: string; result: string; resources: Array<{ kind: string; name: string }> }) => `${x.result} ${x.policy} ${x.resources[0]!.kind}/${x.resources[0]!.name}`).sort(), [
      'fail disallowed-service-port Service/web',
      'fail ingress-not-https Ingress/web',
      'fail privilege-escalation-allowed Deployment/api',
      'fail privileged-container Deployment/api',
    ]);
    assert.equal(rep.summary.fail, 4);
    assert.ok(rep.summary.pass > 0);
    assert.equal(rep.results.find((x: { policy: string }) => x.policy === 'privileged-container').properties.pods, [...apiPods].sort().join(', '));
    const r2 = await run(['audit', ...kc, '-c', join(dir, 'mamori.yaml'), '--write-policy-reports', '--view', 'defender'], dir);
    assert.equal(r2.code, 1, r2.stderr);
    assert.doesNotMatch(r2.stderr, /created CRD/);
    const again = JSON.parse((await cluster.kubectl(['get', 'policyreports', '-n', 'shop', 'mamori-audit', '-o', 'json'])).stdout);
    assert.equal(again.metadata.uid, rep.metadata.uid, 'the same object, updated in place');
    assert.notEqual(again.metadata.resourceVersion, rep.metadata.resourceVersion);
    const all = await cluster.kubectl(['get', 'policyreports', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name} {end}']);
    // one per namespace with something evaluated (default ServiceAccounts pass); none in the excluded kube-system
    assert.deepEqual(all.stdout.trim().split(' ').sort(), ['default/mamori-audit', 'kube-node-lease/mamori-audit', 'kube-public/mamori-audit', 'ops/mamori-audit', 'shop/mamori-audit']);
  });

  await t.test('--watch: a new unhealthy Deployment shows within seconds; survives an API server restart', async () => {
    const proc = mamori(['audit', ...kc, '-c', join(dir, 'mamori.yaml'), '--watch', '--write-policy-reports', '--metrics-port', '0', '--metrics-address', '127.0.0.1', '--report-interval', '0.5', '--view', 'defender'], { cwd: dir });
    let stderr = '';
    proc.stderr!.on('data', (c) => { stderr += c; });
    proc.stdout!.resume();
    t.after(() => { if (proc.exitCode === null) proc.kill('SIGKILL'); });
    const { value: port } = await until('metrics address', async () => { const m = /metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(stderr); return m ? Number(m[1]) : undefined; }, 60_000);
    await until('watch started', async () => (/watching for changes/.test(stderr) ? true : undefined), 30_000);
    const unhealthy = async () => metric(await get(port, '/metrics'), 'mamori_audit_policy_unhealthy_resources', 'policy="privileged-container",severity="medium"');
    assert.equal(await unhealthy(), 1);

    const t0 = Date.now();
    await deployment(cluster, 'shop', 'cache', hardenedSpec('cache', { privileged: true, allowPrivilegeEscalation: true }), 1);
    const seen = await until('the new Deployment in /metrics', async () => ((await unhealthy()) === 2 ? true : undefined), 15_000);
    t.diagnostic(`new unhealthy Deployment seen ${Date.now() - t0}ms after creation started (${seen.ms}ms after the Pod)`);
    await until('the PolicyReport updated', async () => {
      const r = await cluster.kubectl(['get', 'policyreports', '-n', 'shop', 'mamori-audit', '-o', 'json']);
      return JSON.parse(r.stdout).results.some((x: { resources: Array<{ name: string }> }) => x.resources[0]!.name === 'cache') ? true : undefined;
    }, 15_000);

    // Deleting the Pod makes the Deployment healthy again (no Pods left to judge).
    await cluster.kubectl(['delete', 'pod', '-n', 'shop', 'cache-7d4b9c-ax0', '--wait=false']);
    await until('the deleted Pod gone from /metrics', async () => ((await unhealthy()) === 1 ? true : undefined), 15_000);

    const r0 = Date.now();
    await cluster.restartApiServer();
    t.diagnostic(`API server restarted in ${Date.now() - r0}ms`);
    await deployment(cluster, 'ops', 'after-restart', hardenedSpec('after', { privileged: true, allowPrivilegeEscalation: true }), 1);
    const rec = await until('a Deployment created after the restart', async () => ((await unhealthy()) === 2 ? true : undefined), 30_000);
    t.diagnostic(`recovered: seen ${rec.ms}ms after creation`);
    const m = await get(port, '/metrics');
    assert.ok((metric(m, 'mamori_audit_watch_reconnects_total', 'kind="pods"') ?? 0) + (metric(m, 'mamori_audit_relists_total', 'kind="pods"') ?? 0) >= 1, m);
    assert.equal(metric(m, 'mamori_audit_watch_connected', 'kind="pods"'), 1);

    proc.kill('SIGTERM');
    const code = await new Promise<number | null>((res) => proc.on('close', (c) => res(c)));
    assert.equal(code, 1, stderr);
  });
});
