// The PSS profiles end to end: level sets and overrides per version, PSA order, version pinning, namespace labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProfile, pod, ctr, good } from '../checks/pss/testing.js';
import { resolveProfile, profileNames } from './index.js';
import { LATEST_PSS_VERSION } from './pss.js';
import { UsageError } from '../cli/errors.js';

const pssIds = (r: ReturnType<typeof runProfile>) => r.findings.filter((f) => f.policyId.startsWith('pss-')).map((f) => f.policyId);

const bad = pod({
  hostPID: true,
  securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }], seccompProfile: { type: 'Unconfined' } },
  containers: [ctr('a', { privileged: true, capabilities: { add: ['NET_RAW'] }, runAsUser: 0 })],
  volumes: [{ name: 'h', hostPath: { path: '/' } }],
});

test('pss-restricted at latest: baseline checks minus overridden ones, then restricted, in PSA order', () => {
  const r = runProfile('pss-restricted', bad);
  assert.equal(r.profile, `pss-restricted:v${LATEST_PSS_VERSION}`);
  assert.deepEqual(pssIds(r), [
    'pss-host-namespaces', 'pss-privileged', 'pss-sysctls',
    'pss-allow-privilege-escalation', 'pss-capabilities-restricted', 'pss-restricted-volumes', 'pss-run-as-non-root', 'pss-run-as-user', 'pss-seccomp-restricted',
  ]);
  assert.ok(r.findings.filter((f) => f.policyId.startsWith('pss-')).every((f) => f.effect === 'Deny'));
});

test('pss-restricted:v1.18: older sets (no APE override changes, seccomp annotation form, capabilities_baseline)', () => {
  const r = runProfile('pss-restricted:v1.18', bad);
  assert.equal(r.profile, 'pss-restricted:v1.18');
  assert.deepEqual(pssIds(r), ['pss-capabilities-baseline', 'pss-host-namespaces', 'pss-privileged', 'pss-sysctls', 'pss-allow-privilege-escalation', 'pss-restricted-volumes', 'pss-run-as-non-root']);
});

test('pss-baseline: only baseline checks, hostPath volumes included, Unconfined seccomp field fails', () => {
  const r = runProfile('pss-baseline:v1.30', bad);
  assert.deepEqual(pssIds(r), ['pss-capabilities-baseline', 'pss-host-namespaces', 'pss-host-path-volumes', 'pss-privileged', 'pss-seccomp-baseline', 'pss-sysctls']);
});

test('a compliant pod passes pss-restricted at every version from v1.0 to v1.37', () => {
  const ok = pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a')], initContainers: [good('i')] });
  for (let minor = 0; minor <= 37; minor++) assert.deepEqual(pssIds(runProfile(`pss-restricted:v1.${minor}`, ok)), [], `v1.${minor}`);
});

test('versions: latest and future versions resolve; bad versions are usage errors', () => {
  assert.equal(resolveProfile('pss-restricted:latest')?.version, LATEST_PSS_VERSION);
  assert.equal(resolveProfile('pss-restricted:v1.99')?.version, '1.37');
  assert.equal(resolveProfile('pss-baseline:1.0')?.version, '1.0');
  assert.throws(() => resolveProfile('pss-restricted:v2.0'), UsageError);
  assert.throws(() => resolveProfile('pss-restricted:v1.030'), UsageError);
  assert.match(resolveProfile('pss-restricted')!.description.en, new RegExp(`v${LATEST_PSS_VERSION.replace('.', '\\.')}`));
  for (const n of ['pss-baseline', 'pss-restricted', 'pss-namespace', 'nsa']) assert.ok(profileNames().includes(n));
});

test('PSS profiles have no namespace exclusions (kube-system is judged too)', () => {
  const r = runProfile('pss-baseline', pod({ hostPID: true }, { namespace: 'kube-system' }));
  assert.deepEqual(pssIds(r), ['pss-host-namespaces']);
});

const ns = (name: string, labels: Record<string, string>) => JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

test('pss-namespace: enforce findings Deny, warn-only findings Audit, unlabelled namespaces not judged', () => {
  const input = [
    ns('prod', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30', 'pod-security.kubernetes.io/warn': 'restricted' }),
    ns('dev', {}),
    pod({ hostPID: true, containers: [ctr('a')] }, { namespace: 'prod', name: 'w1' }),
    pod({ hostPID: true }, { namespace: 'dev', name: 'w2' }),
    pod({ hostPID: true }, { namespace: 'absent', name: 'w3' }),
  ].join('\n---\n');
  const r = runProfile('pss-namespace', input);
  const got = r.findings.filter((f) => f.policyId.startsWith('pss-')).map((f) => `${f.resource.name} ${f.policyId} ${f.effect} ${f.message.split(':')[0]}`);
  assert.deepEqual(got, [
    'w1 pss-host-namespaces Deny enforce "baseline',
    'w1 pss-allow-privilege-escalation Audit warn "restricted',
    'w1 pss-capabilities-restricted Audit warn "restricted',
    'w1 pss-run-as-non-root Audit warn "restricted',
    'w1 pss-seccomp-restricted Audit warn "restricted',
  ]);
  assert.equal(r.findings[0]!.message, 'enforce "baseline:v1.30": host namespaces (hostPID=true)');
});

test('pss-namespace: the label version selects behaviour; invalid labels mean restricted:latest', () => {
  const seLinux = (n: string) => pod({ containers: [ctr('a', { seLinuxOptions: { type: 'container_engine_t' } })] }, { namespace: n, name: n });
  const input = [
    ns('old', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' }),
    ns('new', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.31' }),
    ns('typo', { 'pod-security.kubernetes.io/audit': 'restrictd', 'pod-security.kubernetes.io/audit-version': '1.20' }),
    seLinux('old'), seLinux('new'), seLinux('typo'),
  ].join('\n---\n');
  const r = runProfile('pss-namespace', input);
  const by = (n: string) => r.findings.filter((f) => f.resource.name === n && f.policyId.startsWith('pss-')).map((f) => `${f.policyId} ${f.effect}`);
  assert.deepEqual(by('old'), ['pss-selinux Deny']);
  assert.deepEqual(by('new'), []);
  assert.deepEqual(by('typo'), ['pss-allow-privilege-escalation Audit', 'pss-capabilities-restricted Audit', 'pss-run-as-non-root Audit', 'pss-seccomp-restricted Audit']);
  assert.match(r.findings.find((f) => f.resource.name === 'typo')!.message, /^audit "restricted:latest": /);
});

test('a Deployment template is judged exactly like a bare Pod', () => {
  const dep = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: {}, template: { metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' } }, spec: { containers: [ctr('a', { privileged: true })] } } } });
  const r = runProfile('pss-baseline', dep);
  assert.deepEqual(r.findings.filter((f) => f.policyId.startsWith('pss-')).map((f) => f.path), ['spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]', 'spec.template.spec.containers[0].securityContext.privileged']);
});

test('pss-namespace: an explicit "latest" label and a missing -version label mean the same version (PSA: both LatestVersion())', () => {
  const seLinux = (n: string) => pod({ containers: [ctr('a', { seLinuxOptions: { type: 'container_engine_t' } })] }, { namespace: n, name: n });
  const input = [
    ns('explicit', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'latest' }),
    ns('missing', { 'pod-security.kubernetes.io/enforce': 'baseline' }),
    seLinux('explicit'), seLinux('missing'),
  ].join('\n---\n');
  // pinned below v1.31, where container_engine_t is not allowed yet: both namespaces judge at the pinned version
  const r = runProfile('pss-namespace:v1.30', input);
  const got = r.findings.filter((f) => f.policyId.startsWith('pss-')).map((f) => `${f.resource.name} ${f.message.split(': ')[0]}`);
  assert.deepEqual(got, ['explicit enforce "baseline:latest"', 'missing enforce "baseline:latest"']);
  assert.deepEqual(runProfile('pss-namespace', input).findings.filter((f) => f.policyId.startsWith('pss-')), []);
});
