// The seed's Redis samples under the full defender profile, configured as the seed suggests: exactly what Defender would report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile, resolveEngineConfig } from '../src/config/load.js';
import { scanPaths } from '../src/scan/scan.js';
import type { Report } from '../src/model/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = join(ROOT, 'examples');

/** The two parameters seed 001 says must be configured: a registry regex and the allowed service ports. */
const CONFIG = `profile: defender
policies:
  untrusted-registry:
    parameters:
      allowedContainerImagesRegex: '^[^/]+\\.azurecr\\.io/.+$'
  disallowed-service-port:
    parameters:
      allowedServicePortsList: ["80", "443"]
`;

async function scanExample(file: string): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-seed-'));
  writeFileSync(join(dir, 'mamori.yaml'), CONFIG);
  const cfg = resolveEngineConfig(loadConfigFile(undefined, dir), { lang: 'en', today: '2026-11-22' });
  return scanPaths([join(EXAMPLES, file)], cfg);
}

/** policy  Kind/name  container  path — sorted, so the comparison says exactly what differs. */
function lines(r: Report): string[] {
  return r.findings.map((f) => `${f.policyId}  ${f.resource.kind}/${f.resource.namespace}/${f.resource.name}  ${f.container ?? '-'}  ${f.path}`).sort();
}

const DEP = 'Deployment/default/redis-unhealthy-deployment';
const C = 'spec.template.spec.containers[0]';

test('seed samples: the unhealthy Redis deployment yields exactly the findings the seed lists', async () => {
  const r = await scanExample('redis-unhealthy.yaml');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.notices, [], 'both parameters that need configuring are configured');
  assert.deepEqual(lines(r), [
    // default namespace: the Deployment (its pods) and the Service
    `default-namespace  ${DEP}  -  metadata.namespace`,
    'default-namespace  Service/default/redis-unhealthy-service  -  metadata.namespace',
    // NET_ADMIN: Defender allows no added capability by default
    `disallowed-capabilities  ${DEP}  redis  ${C}.securityContext.capabilities.add[0]`,
    // hostPath /tmp: Defender's allowed list is empty
    `disallowed-host-path  ${DEP}  -  spec.template.spec.volumes[0].hostPath.path`,
    // service port 6001 is not in ["80", "443"]
    'disallowed-service-port  Service/default/redis-unhealthy-service  -  spec.ports[0].port',
    // host PID and IPC: one finding per pod, at the first shared namespace
    `host-namespace-shared  ${DEP}  -  spec.template.spec.hostPID`,
    // host network and hostPort 9001 (allowed range [0, 0]): v3 gives one violation per container for both
    `host-network-or-port  ${DEP}  redis  spec.template.spec.hostNetwork`,
    // no CPU / memory limits
    `missing-resource-limits  ${DEP}  redis  ${C}.resources.limits`,
    `privilege-escalation-allowed  ${DEP}  redis  ${C}.securityContext.allowPrivilegeEscalation`,
    `privileged-container  ${DEP}  redis  ${C}.securityContext.privileged`,
    // root user: runAsUser 0, and (Defender's runAsGroup MustRunAs [1, ∞)) no runAsGroup
    `run-as-root  ${DEP}  redis  ${C}.securityContext.runAsGroup`,
    `run-as-root  ${DEP}  redis  ${C}.securityContext.runAsUser`,
    // no automountServiceAccountToken and no ServiceAccount in the input: the cluster would mount the token
    `service-account-token-automount  ${DEP}  -  spec.template.spec.automountServiceAccountToken`,
    // redis:latest is not from an Azure Container Registry
    `untrusted-registry  ${DEP}  redis  ${C}.image`,
    `writable-root-filesystem  ${DEP}  redis  ${C}.securityContext.readOnlyRootFilesystem`,
  ]);
  // what the seed's sample does not trigger: AppArmor (no annotation = runtime/default), SYS_ADMIN, HTTPS (no Ingress)
  const hostNet = r.findings.find((f) => f.policyId === 'host-network-or-port');
  assert.match(hostNet!.message, /hostNetwork and hostPort are not allowed, pod: redis-unhealthy-deployment, container: redis/);
  const ids = new Set(r.findings.map((f) => f.policyId));
  for (const id of ['disallowed-apparmor-profile', 'sys-admin-capability', 'ingress-not-https']) assert.ok(!ids.has(id), id);
});

test('seed samples: the healthy Redis deployment yields only what Defender still reports under its defaults', async () => {
  const r = await scanExample('redis-healthy.yaml');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.notices, []);
  const dep = 'Deployment/default/redis-healthy-deployment';
  assert.deepEqual(lines(r), [
    // both objects name no namespace and land in "default"
    `default-namespace  ${dep}  -  metadata.namespace`,
    'default-namespace  Service/default/redis-healthy-service  -  metadata.namespace',
    // runAsNonRoot + runAsUser 1000 satisfy the user rule, but MCSB's runAsGroup rule is MustRunAs [1, ∞)
    `run-as-root  ${dep}  redis  ${C}.securityContext.runAsGroup`,
    // the sample does not set automountServiceAccountToken: false, so the cluster mounts the token
    `service-account-token-automount  ${dep}  -  spec.template.spec.automountServiceAccountToken`,
  ]);
});

test('seed samples: the healthy sample in its own namespace, with the token and a group, is fully healthy', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-seed-'));
  writeFileSync(join(dir, 'mamori.yaml'), CONFIG);
  const { readFileSync } = await import('node:fs');
  const healthy = readFileSync(join(EXAMPLES, 'redis-healthy.yaml'), 'utf8')
    .replace(/name: redis-healthy-(deployment|service)\n/g, 'name: redis-healthy-$1\n  namespace: cache\n')
    .replace('    spec:\n      containers:', '    spec:\n      automountServiceAccountToken: false\n      containers:')
    .replace('          runAsUser: 1000\n', '          runAsUser: 1000\n          runAsGroup: 1000\n');
  writeFileSync(join(dir, 'healthy.yaml'), healthy);
  const cfg = resolveEngineConfig(loadConfigFile(undefined, dir), { lang: 'en', today: '2026-11-22' });
  const r = await scanPaths([join(dir, 'healthy.yaml')], cfg);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(lines(r), []);
  assert.equal(r.summary.resources, 2);
});
