// The PSS profiles end to end: level sets and overrides per version, PSA order, version pinning, namespace labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProfile, pod, ctr, good } from '../checks/pss/testing.js';
import { resolveProfile, profileNames } from './index.js';
import { LATEST_PSS_VERSION } from './pss.js';
import { UsageError } from '../core/errors.js';

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
  assert.equal(LATEST_PSS_VERSION, '1.37', 'pod-security-admission v0.37 is released: latest is v1.37');
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
  const got = r.findings.filter((f) => f.policyId.startsWith('pss-')).map((f) => `${f.resource.name} ${f.policyId} ${f.effect} ${f.message.split(' PodSecurity "')[0]} ${f.message.split('"')[1]!.split(':')[0]}`);
  assert.deepEqual(got, [
    'w1 pss-host-namespaces Deny violates baseline',
    'w1 pss-allow-privilege-escalation Audit Warning: would violate restricted',
    'w1 pss-capabilities-restricted Audit Warning: would violate restricted',
    'w1 pss-run-as-non-root Audit Warning: would violate restricted',
    'w1 pss-seccomp-restricted Audit Warning: would violate restricted',
  ]);
  assert.equal(r.findings[0]!.message, 'violates PodSecurity "baseline:v1.30": host namespaces (hostPID=true)');
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
  assert.match(r.findings.find((f) => f.resource.name === 'typo')!.message, /^audit: would violate PodSecurity "restricted:latest": /);
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
  const got = r.findings.filter((f) => f.policyId.startsWith('pss-')).map((f) => `${f.resource.name} ${f.message.split('": ')[0]}"`);
  assert.deepEqual(got, ['explicit violates PodSecurity "baseline:latest"', 'missing violates PodSecurity "baseline:latest"']);
  assert.deepEqual(runProfile('pss-namespace', input).findings.filter((f) => f.policyId.startsWith('pss-')), []);
});

// §3.3 of the spec: which PSA checks run at each policy version, per level
test('version matrix: the active check set per level at every version where it changes', async () => {
  const { PSA_ORDER, isActive } = await import('../checks/pss/levels.js');
  const active = (level: 'baseline' | 'restricted', minor: number) => PSA_ORDER.filter((id) => isActive(id, level, minor));
  const base11 = ['appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess'];
  const base12 = ['appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'hostProbesAndHostLifecycle', 'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess'];
  const without = (l: string[], ...ids: string[]) => l.filter((x) => !ids.includes(x));
  for (const m of [0, 7, 8, 18, 19, 21, 22, 23, 33]) assert.deepEqual(active('baseline', m), base11, `baseline v1.${m}`);
  for (const m of [34, 35, 36, 37]) assert.deepEqual(active('baseline', m), base12, `baseline v1.${m}`);
  const cases: [number, string[]][] = [
    [0, [...without(base11, 'hostPathVolumes'), 'restrictedVolumes', 'runAsNonRoot']],
    [7, [...without(base11, 'hostPathVolumes'), 'restrictedVolumes', 'runAsNonRoot']],
    [8, [...without(base11, 'hostPathVolumes'), 'allowPrivilegeEscalation', 'restrictedVolumes', 'runAsNonRoot']],
    [18, [...without(base11, 'hostPathVolumes'), 'allowPrivilegeEscalation', 'restrictedVolumes', 'runAsNonRoot']],
    [19, [...without(base11, 'hostPathVolumes', 'seccompProfile_baseline'), 'allowPrivilegeEscalation', 'restrictedVolumes', 'runAsNonRoot', 'seccompProfile_restricted']],
    [22, [...without(base11, 'capabilities_baseline', 'hostPathVolumes', 'seccompProfile_baseline'), 'allowPrivilegeEscalation', 'capabilities_restricted', 'restrictedVolumes', 'runAsNonRoot', 'seccompProfile_restricted']],
    [23, [...without(base11, 'capabilities_baseline', 'hostPathVolumes', 'seccompProfile_baseline'), 'allowPrivilegeEscalation', 'capabilities_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted']],
    [34, [...without(base12, 'capabilities_baseline', 'hostPathVolumes', 'seccompProfile_baseline'), 'allowPrivilegeEscalation', 'capabilities_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted']],
    [35, [...without(base12, 'capabilities_baseline', 'hostPathVolumes', 'procMount', 'seccompProfile_baseline'), 'allowPrivilegeEscalation', 'capabilities_restricted', 'procMount_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted']],
  ];
  for (const [m, want] of cases) assert.deepEqual(active('restricted', m), want, `restricted v1.${m}`);
  // 7 restricted checks at v1.35+, 12 baseline checks at v1.34+
  assert.equal(active('restricted', 35).filter((id) => !base12.includes(id)).length, 7);
});

test('pss-restricted: privileged with allowPrivilegeEscalation false fails privileged only (a raw manifest the API would reject)', () => {
  const p = pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a', { securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true } })] });
  assert.deepEqual(pssIds(runProfile('pss-restricted', p)), ['pss-privileged']);
});

test('pss-restricted:v1.0: AppArmor annotations are judged at every version; seccomp annotations only before v1.19', () => {
  const p = (ann: Record<string, string>) => pod({ securityContext: { runAsNonRoot: true } }, { annotations: ann });
  assert.deepEqual(pssIds(runProfile('pss-restricted:v1.0', p({ 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' }))), ['pss-apparmor']);
  assert.deepEqual(pssIds(runProfile('pss-restricted:v1.0', p({ 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }))), ['pss-seccomp-baseline']);
  assert.deepEqual(pssIds(runProfile('pss-baseline:v1.19', p({ 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }))), []);
});

test('pss-restricted: a Windows pod at v1.25 still needs runAsNonRoot but not APE, seccomp or drop ALL', () => {
  const w = pod({ os: { name: 'windows' } });
  assert.deepEqual(pssIds(runProfile('pss-restricted:v1.25', w)), ['pss-run-as-non-root']);
  assert.deepEqual(pssIds(runProfile('pss-restricted:v1.24', w)), ['pss-allow-privilege-escalation', 'pss-capabilities-restricted', 'pss-run-as-non-root', 'pss-seccomp-restricted']);
});

test('pss-restricted:v1.35 with hostUsers false: runAsNonRoot and runAsUser pass, procMount Unmasked still fails', () => {
  const p = pod({ hostUsers: false, securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } }, containers: [ctr('a', { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount: 'Unmasked' })] });
  assert.deepEqual(pssIds(runProfile('pss-restricted:v1.35', p)), ['pss-proc-mount-restricted']);
  assert.deepEqual(pssIds(runProfile('pss-baseline:v1.35', p)), []);
  assert.deepEqual(pssIds(runProfile('pss-restricted:v1.34', p)), ['pss-proc-mount', 'pss-run-as-non-root', 'pss-run-as-user']);
});

test('a Pod PSA admits has no finding under the PSS profiles: the annotation deprecations are not part of them', () => {
  // PSA admits a v1.18 Pod with the seccomp annotation, and runtime/default AppArmor annotations at any version
  const annotated = pod({ containers: [good('a')] }, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default', 'container.apparmor.security.beta.kubernetes.io/a': 'runtime/default' } });
  for (const profile of ['pss-restricted:v1.18', 'pss-restricted', 'pss-baseline:v1.18', 'pss-baseline', 'pss-namespace']) {
    assert.deepEqual(runProfile(profile, annotated).findings.map((f) => f.policyId), [], profile);
  }
  for (const name of ['pss-baseline', 'pss-restricted', 'pss-namespace']) {
    const policies = Object.keys(resolveProfile(name)!.policies);
    assert.ok(!policies.includes('seccomp-annotation-deprecated') && !policies.includes('apparmor-annotation'), name);
    assert.ok(policies.includes('misplaced-security-context-field'), name);
  }
  // the nsa profile keeps them, and judges by its version
  const nsaIds = (p: string) => runProfile(p, annotated).findings.map((f) => f.policyId).filter((id) => id.includes('annotation'));
  assert.deepEqual(nsaIds('nsa'), ['seccomp-annotation-deprecated', 'apparmor-annotation']);
  assert.deepEqual(nsaIds('nsa:v1.18'), []);
  assert.deepEqual(nsaIds('nsa:v1.29'), ['seccomp-annotation-deprecated']);
});
