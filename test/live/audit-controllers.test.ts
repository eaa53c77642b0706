// mamori audit on Pods that kube-controller-manager's deployment, replicaset, job and cronjob controllers created: each finding folds into the workload a user edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { requireOrSkip, startCluster } from '../harness/cluster.js';
import { apply, kubectl, ownerOf, pods, run, until } from './support.js';

const hardened = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  image: `contoso.azurecr.io/${name}:1`,
  resources: { limits: { cpu: '100m', memory: '128Mi' } },
  securityContext: {
    privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000,
    capabilities: { drop: ['ALL'] }, appArmorProfile: { type: 'RuntimeDefault' }, seccompProfile: { type: 'RuntimeDefault' },
    ...extra,
  },
});
const spec = (name: string, extra: Record<string, unknown> = {}, pod: Record<string, unknown> = {}) => ({ automountServiceAccountToken: false, containers: [hardened(name, extra)], ...pod });
const template = (app: string, s: Record<string, unknown>) => ({ metadata: { labels: { app } }, spec: s });
const deployment = (name: string, replicas: number, s: Record<string, unknown>) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name, s) },
});

interface JsonFinding { policyId: string; status: string; path: string; resource: { kind: string; namespace: string | null; name: string }; pods?: string[] }

test('audit folds the Pods that real controllers created into their Deployment, Job and CronJob', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(t)) return;
  const cluster = await startCluster({ workloadControllers: true });
  const dir = mkdtempSync(join(tmpdir(), 'mamori-live-audit-'));
  t.after(async () => { await cluster.stop(); rmSync(dir, { recursive: true, force: true }); });
  const config = join(dir, 'mamori.yaml');
  writeFileSync(config, stringify({ profile: 'defender', policies: { 'untrusted-registry': { parameters: { allowedContainerImagesRegex: '^contoso\\.azurecr\\.io/.+$' } } } }));
  await cluster.createNamespace('shop');

  // The CronJob first: its controller starts a Job at the next minute boundary.
  const rootSpec = spec('nightly', { runAsNonRoot: undefined, runAsUser: undefined }, { restartPolicy: 'Never' });
  await apply(cluster, [
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'shop' }, spec: { schedule: '* * * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: template('nightly', rootSpec) } } } },
    deployment('api', 2, spec('api', { privileged: true, allowPrivilegeEscalation: true })),
    deployment('web', 1, spec('web')),
    { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'shop' }, spec: { template: template('migrate', spec('migrate', {}, { restartPolicy: 'Never', hostPID: true })) } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: spec('debug', {}, { hostIPC: true }) },
  ]);

  // No kubelet here: the Pods stay Pending, but the controllers create them with their ownerReferences and defaults.
  const all = await until('Pods from every controller (the CronJob fires within a minute)', async () => {
    const ps = await pods(cluster, 'shop');
    const by = (owner: RegExp) => ps.filter((p) => owner.test(ownerOf(p) ?? '')).map((p) => p.metadata.name).sort();
    const found = { api: by(/^ReplicaSet\/api-/), web: by(/^ReplicaSet\/web-/), migrate: by(/^Job\/migrate$/), nightly: by(/^Job\/nightly-\d+$/) };
    return found.api.length === 2 && found.web.length === 1 && found.migrate.length === 1 && found.nightly.length === 1 ? found : undefined;
  }, 150_000);
  t.diagnostic(`Pods: ${JSON.stringify(all)}`);

  const audit = async (): Promise<{ findings: JsonFinding[] }> => {
    const r = await run(['audit', '--kubeconfig', cluster.kubeconfigPath, '-c', config, '-n', 'shop', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    return JSON.parse(r.stdout) as { findings: JsonFinding[] };
  };
  const open = (j: { findings: JsonFinding[] }) => j.findings.filter((f) => f.status === 'open').map((f) => `${f.policyId} ${f.resource.kind}/${f.resource.name} ${(f.pods ?? []).join(',')}`).sort();

  await t.test('each finding names the workload, with the Pods its controllers made', async () => {
    assert.deepEqual(open(await audit()), [
      `host-namespace-shared Job/migrate ${all.migrate.join(',')}`,
      'host-namespace-shared Pod/debug ',
      `privilege-escalation-allowed Deployment/api ${all.api.join(',')}`,
      `privileged-container Deployment/api ${all.api.join(',')}`,
      `run-as-root CronJob/nightly ${all.nightly.join(',')}`,
    ].sort());
  });

  await t.test('mid-rollout, the old ReplicaSet\'s Pods no longer match the Deployment\'s template and are reported on that ReplicaSet', async () => {
    const oldRs = (await kubectl(cluster, ['get', 'replicasets', '-n', 'shop', '-l', 'app=api', '-o', 'jsonpath={.items[0].metadata.name}'])).trim();
    await kubectl(cluster, ['set', 'env', '-n', 'shop', 'deployment/api', 'MODE=v2']);
    // Without a node the new Pod never gets Ready, so the rollout stays half way: one new Pod beside the two old ones.
    const fresh = await until('the new ReplicaSet\'s Pod', async () => {
      const ps = (await pods(cluster, 'shop', 'app=api')).filter((p) => /^ReplicaSet\/api-/.test(ownerOf(p) ?? '') && ownerOf(p) !== `ReplicaSet/${oldRs}`);
      return ps.length === 1 ? ps.map((p) => p.metadata.name) : undefined;
    }, 60_000);
    const got = open(await audit()).filter((l) => l.startsWith('privileged-container'));
    assert.deepEqual(got, [
      `privileged-container Deployment/api ${fresh.join(',')}`,
      `privileged-container ReplicaSet/${oldRs} ${all.api.join(',')}`,
    ].sort());
  });
});
