// The audit against a real API server, as the review found it: rotating tokens, forged owners, and deploy/audit's RBAC as the only permission.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { requireOrSkip, startCluster, type Cluster } from '../harness/cluster.js';
import { apply, get, kubectl, mamori, metric, root, run, until as pollUntil } from '../live/support.js';

const uid = async (c: Cluster, kind: string, ns: string, name: string) => kubectl(c, ['get', kind, name, '-n', ns, '-o', 'jsonpath={.metadata.uid}']);
/** Polls as the audit's own tests do, four times a second. */
const until = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => pollUntil(what, fn, timeoutMs, 250);

const container = (name: string, sc: Record<string, unknown> = {}) => ({
  name, image: `contoso.azurecr.io/${name}:1`, resources: { limits: { cpu: '100m', memory: '128Mi' } },
  securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' }, ...sc },
});

/** A Deployment with its ReplicaSet and one Pod, linked as the controllers link them (no controllers run here). */
async function workload(c: Cluster, ns: string, name: string, spec: Record<string, unknown>): Promise<{ rsUid: string; dUid: string; rs: string }> {
  const labels = { app: name };
  await apply(c, [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns }, spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } }]);
  const dUid = await uid(c, 'deployment', ns, name);
  const rs = `${name}-6c9f8d`;
  const rsLabels = { ...labels, 'pod-template-hash': '6c9f8d' };
  await apply(c, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: rs, namespace: ns, labels: rsLabels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: dUid, controller: true }] }, spec: { replicas: 1, selector: { matchLabels: rsLabels }, template: { metadata: { labels: rsLabels }, spec } } }]);
  const rsUid = await uid(c, 'replicaset', ns, rs);
  await apply(c, [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${rs}-x1`, namespace: ns, labels: rsLabels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: rsUid, controller: true }] }, spec }]);
  return { rsUid, dUid, rs };
}

interface JsonFinding { policyId: string; status: string; resource: { kind: string; namespace: string | null; name: string } }
const findings = (json: { findings: JsonFinding[] }) => json.findings.map((f) => `${f.status} ${f.policyId} ${f.resource.kind} ${f.resource.namespace ?? ''}/${f.resource.name}`).sort();

test('audit: forged owners, rotating tokens, and deploy/audit RBAC against a real API server', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(t)) return;
  const cluster = await startCluster();
  const dir = mkdtempSync(join(tmpdir(), 'mamori-audit-trust-'));
  t.after(async () => { await cluster.stop(); rmSync(dir, { recursive: true, force: true }); });
  for (const ns of ['mamori', 'shop']) await cluster.createNamespace(ns);
  writeFileSync(join(dir, 'mamori.yaml'), stringify({
    profile: 'defender',
    policies: { 'untrusted-registry': { parameters: { allowedContainerImagesRegex: '^contoso\\.azurecr\\.io/.+$' } } },
    exceptions: [{ policy: 'privileged-container', resource: { kind: 'Deployment', namespace: 'shop', name: 'agent' }, reason: 'node agent', owner: 'platform', expires: '2099-01-01' }],
  }));

  // The agent's template leaves the token to the API server (injected volume, default tolerations): its real Pod must still match.
  const agentSpec = { containers: [container('agent', { privileged: true, allowPrivilegeEscalation: true })] };
  const agent = await workload(cluster, 'shop', 'agent', agentSpec);

  await t.test('a bare Pod claiming the excepted Deployment\'s ReplicaSet is judged on its own; the genuine Pod keeps the exception', async () => {
    const ref = (over: Record<string, unknown> = {}) => [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: agent.rs, uid: agent.rsUid, controller: true, ...over }];
    await apply(cluster, [
      // Same owner reference as the genuine Pod, more privilege than the template.
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'forged', namespace: 'shop', labels: { app: 'agent', 'pod-template-hash': '6c9f8d' }, ownerReferences: ref() }, spec: { ...agentSpec, hostPID: true } },
      // A reference to the Deployment's uid under the ReplicaSet's name, and one that is not the controller.
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'forged-uid', namespace: 'shop', ownerReferences: ref({ uid: agent.dUid }) }, spec: agentSpec },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'forged-nocontroller', namespace: 'shop', ownerReferences: ref({ controller: false }) }, spec: agentSpec },
    ]);
    const r = await run(['audit', '--kubeconfig', cluster.kubeconfigPath, '-c', join(dir, 'mamori.yaml'), '-n', 'shop', '--format', 'json', '--policy', 'privileged-container', '--policy', 'host-namespace-shared'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(findings(JSON.parse(r.stdout)), [
      'excepted privileged-container Deployment shop/agent',
      'open host-namespace-shared Pod shop/forged',
      'open privileged-container Pod shop/forged',
      'open privileged-container Pod shop/forged-nocontroller',
      'open privileged-container Pod shop/forged-uid',
    ]);
    // The API server did add its token volume and tolerations to the genuine Pod, and it still matched.
    const stored = JSON.parse(await kubectl(cluster, ['get', 'pod', `${agent.rs}-x1`, '-n', 'shop', '-o', 'json']));
    assert.ok(stored.spec.volumes.some((v: { name: string }) => v.name.startsWith('kube-api-access-')), 'token volume injected');
    assert.ok((stored.spec.tolerations ?? []).length > 0, 'default tolerations added');
    await kubectl(cluster, ['delete', 'pod', '-n', 'shop', 'forged', 'forged-uid', 'forged-nocontroller', '--wait=false']);
  });

  await t.test('with only deploy/audit\'s permissions and a rotating token file: no forbidden kind, and the audit survives token rotation and revocation', async () => {
    await kubectl(cluster, ['apply', '-f', join(root, 'deploy', 'crds')]);
    await kubectl(cluster, ['apply', '-f', join(root, 'deploy', 'audit', '10-rbac.yaml')]);
    await until('CRDs established', async () => ((await cluster.kubectl(['wait', '--for=condition=Established', 'crd/policyreports.wgpolicyk8s.io', 'crd/clusterpolicyreports.wgpolicyk8s.io', '--timeout=5s'])).code === 0 ? true : undefined), 60_000);
    // Tokens bound to Secrets: deleting the Secret revokes the token, as an expired projected token would be refused.
    const token = async (secret: string) => {
      await kubectl(cluster, ['create', 'secret', 'generic', secret, '-n', 'mamori']);
      return (await kubectl(cluster, ['create', 'token', 'mamori-audit', '-n', 'mamori', '--bound-object-kind', 'Secret', '--bound-object-name', secret, '--duration', '1h'])).trim();
    };
    const accepted = async (tok: string) => (await cluster.kubectl(['--token', tok, 'get', '--raw', '/api'])).code === 0;
    const tokenFile = join(dir, 'sa', 'token');
    rmSync(dirname(tokenFile), { recursive: true, force: true });
    mkdirSync(dirname(tokenFile));
    const write = (tok: string) => { writeFileSync(`${tokenFile}.new`, tok); renameSync(`${tokenFile}.new`, tokenFile); };
    const first = await token('audit-token-1');
    write(first);
    // The key client-go uses (tokenFile), relative to the kubeconfig, as a projected token would be named.
    const kubeconfig = join(dir, 'audit.kubeconfig');
    writeFileSync(kubeconfig, stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'audit',
      clusters: [{ name: 'c', cluster: { server: cluster.server, 'certificate-authority-data': Buffer.from(cluster.caPem).toString('base64') } }],
      users: [{ name: 'mamori-audit', user: { tokenFile: 'sa/token' } }],
      contexts: [{ name: 'audit', context: { cluster: 'c', user: 'mamori-audit' } }],
    }));

    const once = await run(['audit', '--kubeconfig', kubeconfig, '-c', join(dir, 'mamori.yaml'), '--format', 'json', '--write-policy-reports'], dir);
    assert.equal(once.code, 1, once.stderr);
    const json = JSON.parse(once.stdout);
    assert.deepEqual(json.notices.filter((n: { message: string }) => /forbidden|\b403\b|cannot list/i.test(n.message)), [], 'every kind the audit lists is readable');
    assert.ok(findings(json).includes('excepted privileged-container Deployment shop/agent'), findings(json).join('\n'));
    await kubectl(cluster, ['get', 'policyreport', 'mamori-audit', '-n', 'shop']);

    const proc = mamori(['audit', '--kubeconfig', kubeconfig, '-c', join(dir, 'mamori.yaml'), '--watch', '--write-policy-reports', '--metrics-port', '0', '--metrics-address', '127.0.0.1', '--report-interval', '0.5', '--view', 'defender'], dir);
    let stderr = '';
    proc.stderr!.on('data', (c) => { stderr += c; });
    proc.stdout!.resume();
    t.after(() => { if (proc.exitCode === null) proc.kill('SIGKILL'); });
    const port = await until('metrics address', async () => { const m = /metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(stderr); return m ? Number(m[1]) : undefined; }, 60_000);
    await until('watch started', async () => (/watching for changes/.test(stderr) ? true : undefined), 30_000);
    const unhealthy = async () => metric(await get(port, '/metrics'), 'mamori_audit_policy_unhealthy_resources', 'policy="host-namespace-shared",severity="medium"') ?? 0;
    const before = await unhealthy();

    // Rotate as kubelet does (a new file renamed into place), then revoke the first token.
    write(await token('audit-token-2'));
    await kubectl(cluster, ['delete', 'secret', 'audit-token-1', '-n', 'mamori']);
    await until('the first token refused', async () => (!(await accepted(first)) ? true : undefined), 60_000);
    // Open watches were authenticated when they connected: a restart makes every one of them log in again.
    await cluster.restartApiServer();
    await workload(cluster, 'shop', 'hostpid', { hostPID: true, containers: [container('hostpid')] });
    await until('the Deployment created after rotation in /metrics', async () => ((await unhealthy()) === before + 1 ? true : undefined), 60_000);
    await until('its PolicyReport written with the new token', async () => {
      const rep = JSON.parse(await kubectl(cluster, ['get', 'policyreport', 'mamori-audit', '-n', 'shop', '-o', 'json']));
      return rep.results.some((x: { resources: Array<{ name: string }> }) => x.resources[0]!.name === 'hostpid') ? true : undefined;
    }, 30_000);
    const m = await get(port, '/metrics');
    assert.equal(metric(m, 'mamori_audit_watch_connected', 'kind="pods"'), 1);
    assert.equal(metric(m, 'mamori_audit_policy_report_write_errors_total'), 0, m);
    assert.doesNotMatch(stderr, /\b401\b|Unauthorized/, stderr);
    proc.kill('SIGTERM');
    assert.equal(await new Promise<number | null>((res) => proc.on('close', (c) => res(c))), 1, stderr);
    assert.ok(readFileSync(tokenFile, 'utf8').length > 0);
  });

  await t.test('an account with no permissions: audit, rbac --cluster and versions --cluster exit 2 naming the 403 and what each needs', async () => {
    await kubectl(cluster, ['create', 'serviceaccount', 'nobody', '-n', 'mamori']);
    const tok = (await kubectl(cluster, ['create', 'token', 'nobody', '-n', 'mamori', '--duration', '1h'])).trim();
    const kubeconfig = join(dir, 'nobody.kubeconfig');
    writeFileSync(kubeconfig, stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'nobody',
      clusters: [{ name: 'c', cluster: { server: cluster.server, 'certificate-authority-data': Buffer.from(cluster.caPem).toString('base64') } }],
      users: [{ name: 'nobody', user: { token: tok } }],
      contexts: [{ name: 'nobody', context: { cluster: 'c', user: 'nobody' } }],
    }));
    const cases: Array<[string[], RegExp]> = [
      [['rbac', '--cluster'], /forbidden \(403\): .*cannot list resource "clusterroles".*; mamori rbac --cluster needs list on roles, clusterroles/],
      [['versions', '--cluster'], /forbidden \(403\): .*cannot list resource "nodes".*; mamori versions --cluster needs get on \/version and list on nodes/],
    ];
    for (const [args, expected] of cases) {
      const r = await run([...args, '--kubeconfig', kubeconfig], dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, expected);
      assert.doesNotMatch(r.stderr, /audit/, 'only the audit\'s message speaks of the audit');
    }
    const audit = await run(['audit', '--kubeconfig', kubeconfig, '--format', 'json'], dir);
    assert.match(audit.stdout + audit.stderr, /forbidden \(403\): .*; the audit needs get\/list\/watch on every kind it reads/);
  });
});
