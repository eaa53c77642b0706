// The seed's Redis samples under the full defender profile, configured as the seed suggests: exactly what Defender would report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile, resolveEngineConfig } from '../src/config/load.js';
import { scanPaths } from '../src/scan/scan.js';
import type { Report } from '../src/core/report.js';

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

/** Scans one inline manifest under the defender profile with the given mamori.yaml (after the seed's two parameters). */
async function scanInline(yaml: string, extraConfig = '', lang: 'en' | 'ja' = 'en'): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-seed-'));
  writeFileSync(join(dir, 'mamori.yaml'), CONFIG + extraConfig);
  writeFileSync(join(dir, 'in.yaml'), yaml);
  const cfg = resolveEngineConfig(loadConfigFile(undefined, dir), { lang, today: '2026-11-22' });
  return scanPaths([join(dir, 'in.yaml')], cfg);
}

/** A Pod, a Service and an Ingress in one namespace that fail every Defender policy that can see them. */
function everything(ns: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: bad
  namespace: ${ns}
  annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}
spec:
  hostNetwork: true
  hostPID: true
  volumes: [{name: h, hostPath: {path: /etc}}]
  containers:
  - name: app
    image: redis:latest
    volumeMounts: [{name: h, mountPath: /h}]
    securityContext: {privileged: true, allowPrivilegeEscalation: true, runAsUser: 0, capabilities: {add: [SYS_ADMIN]}}
---
apiVersion: v1
kind: Service
metadata: {name: svc, namespace: ${ns}}
spec: {ports: [{port: 6001}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: ${ns}}
spec: {ingressClassName: nginx, rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: svc, port: {number: 80}}}}]}}]}
`;
}

const policiesOf = (r: Report): string[] => [...new Set(r.findings.map((f) => f.policyId))].sort();

/** §1.3: the policies MCSB assigns the definition's 4-entry list (no azuredefender, no mdc). */
const DEFINITION_LIST_POLICIES = ['disallowed-service-port', 'host-namespace-shared', 'host-network-or-port', 'ingress-not-https', 'privilege-escalation-allowed'];

test('defender profile: in a namespace that is not excluded, every policy the sample can trigger reports', async () => {
  const r = await scanInline(everything('team-a'));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(policiesOf(r), [
    'disallowed-apparmor-profile', 'disallowed-capabilities', 'disallowed-host-path', 'disallowed-service-port', 'host-namespace-shared',
    'host-network-or-port', 'ingress-not-https', 'missing-resource-limits', 'privilege-escalation-allowed', 'privileged-container',
    'run-as-root', 'service-account-token-automount', 'sys-admin-capability', 'untrusted-registry', 'writable-root-filesystem',
  ]);
});

for (const ns of ['azuredefender', 'mdc']) {
  test(`defender profile: namespace ${ns} is excluded by MCSB's 6-entry list only, not by the 4-entry definition default`, async () => {
    const r = await scanInline(everything(ns));
    assert.deepEqual(policiesOf(r), DEFINITION_LIST_POLICIES);
  });
}

for (const ns of ['kube-system', 'gatekeeper-system', 'azure-arc', 'azure-extensions-usage-system']) {
  test(`defender profile: namespace ${ns} is excluded by every policy`, async () => {
    const r = await scanInline(everything(ns));
    assert.deepEqual(r.findings, []);
  });
}

test('defender profile: kube-system, gatekeeper-system and azure-arc stay excluded whatever excludedNamespaces says', async () => {
  for (const ns of ['kube-system', 'gatekeeper-system', 'azure-arc']) {
    const r = await scanInline(everything(ns), 'excludedNamespaces: []\n');
    assert.deepEqual(r.findings, [], ns);
  }
  // the other defaults are parameters: an explicit empty list brings them back
  const r = await scanInline(everything('mdc'), 'excludedNamespaces: []\n');
  assert.ok(r.findings.some((f) => f.policyId === 'privileged-container'));
});

test('defender profile: the top-level excludedImages applies to every container policy except untrusted-registry', async () => {
  const r = await scanInline(everything('team-a'), 'excludedImages: ["redis*"]\n');
  assert.deepEqual(r.errors, []);
  // what remains: the image itself, the Service and Ingress (no containers), and the hostPath volume, which is
  // disallowed whoever mounts it (exclusions exempt from the read-only requirement only, as Azure's v4)
  assert.deepEqual(policiesOf(r), ['disallowed-host-path', 'disallowed-service-port', 'ingress-not-https', 'untrusted-registry']);
  // no normalisation: "docker.io/library/redis*" does not match "redis:latest"
  const long = await scanInline(everything('team-a'), 'excludedImages: ["docker.io/library/redis*"]\n');
  assert.ok(long.findings.some((f) => f.policyId === 'privileged-container'));
});

/** Seed 001's table (推奨事項の名前 | 重大度), in its order. */
const SEED_TABLE: [string, string][] = [
  ['コンテナーの CPU とメモリの制限を強制する必要がある', '中'],
  ['コンテナー イメージは信頼されたレジストリからのみデプロイする必要がある', '高'],
  ['コンテナーで最小限の特権を持つ Linux 機能を適用する必要がある', '中'],
  ['コンテナーでは、許可されている AppArmor プロファイルのみを使用する', '高'],
  ['サービスは許可されたポートでのみリッスンする必要がある', '中'],
  ['ホストネットワークとポートの使用を制限する必要がある', '中'],
  ['ポッド HostPath ボリューム マウントの使用は既知のリストに制限する必要がある', '中'],
  ['特権エスカレーションを含むコンテナーは避ける必要がある', '中'],
  ['機密性の高いホストの名前空間を共有するコンテナーは避ける必要がある', '中'],
  ['コンテナーで不変 (読み取り専用) のルートファイル システムを適用する必要がある', '中'],
  ['Kubernetes クラスターは HTTPS 経由でのみアクセス可能である必要がある', '高'],
  ['Kubernetes クラスターで API 資格情報の自動マウントを無効にする必要がある', '高'],
  ['Kubernetes クラスターでは既定の名前空間を使用しない', '低'],
  ['Kubernetes クラスターでは CAPSYSADMIN セキュリティ機能を許可しない', '高'],
  ['特権コンテナーの使用を避ける', '中'],
  ['コンテナーをルート ユーザーとして実行しない', '高'],
];
const DEFENDER_ORDER = [
  'missing-resource-limits', 'untrusted-registry', 'disallowed-capabilities', 'disallowed-apparmor-profile', 'disallowed-service-port',
  'host-network-or-port', 'disallowed-host-path', 'privilege-escalation-allowed', 'host-namespace-shared', 'writable-root-filesystem',
  'ingress-not-https', 'service-account-token-automount', 'default-namespace', 'sys-admin-capability', 'privileged-container', 'run-as-root',
];

test('defender profile: Japanese titles and severities are exactly those of seed 001\'s table', async () => {
  const { checkById } = await import('../src/checks/index.js');
  const sev: Record<string, string> = { high: '高', medium: '中', low: '低' };
  const got = DEFENDER_ORDER.map((id): [string, string] => {
    const c = checkById(id)!;
    return [c.meta.title.ja, sev[c.meta.severity] ?? c.meta.severity];
  });
  assert.deepEqual(got, SEED_TABLE);
});

test('defender profile: each policy\'s namespace list is the one MCSB assigns (§1.3)', async () => {
  const { defender, MCSB_EXCLUDED, AZURE_DEFINITION_EXCLUDED } = await import('../src/profiles/defender.js');
  assert.deepEqual([...MCSB_EXCLUDED].sort(), ['azure-arc', 'azure-extensions-usage-system', 'azuredefender', 'gatekeeper-system', 'kube-system', 'mdc']);
  assert.deepEqual([...AZURE_DEFINITION_EXCLUDED].sort(), ['azure-arc', 'azure-extensions-usage-system', 'gatekeeper-system', 'kube-system']);
  for (const id of DEFENDER_ORDER) {
    const want = [...DEFINITION_LIST_POLICIES, 'default-namespace'].includes(id) ? AZURE_DEFINITION_EXCLUDED : MCSB_EXCLUDED;
    assert.deepEqual(defender.policies[id]?.excludedNamespaces, want, id);
  }
});

test('defender profile: one security control has one Japanese name across the recommendations', async () => {
  const { checkById } = await import('../src/checks/index.js');
  const names = new Map<string, Set<string>>();
  for (const id of DEFENDER_ORDER) {
    const { en, ja } = checkById(id)!.meta.category;
    names.set(en, (names.get(en) ?? new Set()).add(ja));
  }
  for (const [en, ja] of names) assert.equal(ja.size, 1, `${en}: ${[...ja].join(' / ')}`);
});
