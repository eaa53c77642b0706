// The nsa profile over the seed's security-context-demo Pod: exactly what it still lacks, with the container value winning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runProfile, pod as podOf, ctr } from '../../test/support/pss.js';
import { findingsOf } from '../../test/support/check-run.js';

const demo = readFileSync(new URL('../../examples/security-context-demo.yaml', import.meta.url), 'utf8');
const open = (r: ReturnType<typeof runProfile>) => r.findings.map((f) => `${f.policyId} ${f.path}`);

test('nsa: security-context-demo lacks exactly runAsNonRoot, supplementalGroups, drop ALL, seccomp, read-only root, limits and token automount', () => {
  const r = runProfile('nsa', demo);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(open(r), [
    'nsa-run-as-non-root spec.containers[0].securityContext.runAsNonRoot',
    'nsa-supplemental-groups spec.securityContext.supplementalGroups',
    'nsa-capabilities spec.containers[0].securityContext.capabilities.drop',
    'nsa-seccomp spec.containers[0].securityContext.seccompProfile',
    'nsa-read-only-root-filesystem spec.containers[0].securityContext.readOnlyRootFilesystem',
    'nsa-resource-limits spec.containers[0].resources.limits.cpu',
    'nsa-resource-limits spec.containers[0].resources.limits.memory',
    'nsa-service-account-token spec.automountServiceAccountToken',
  ]);
  assert.ok(r.findings.every((f) => f.effect === 'Audit'));
});

test('nsa: the container value wins over the pod value where both are set', () => {
  const over = demo.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: false\n      runAsUser: 0\n      runAsGroup: 4000');
  const r = runProfile('nsa', over);
  const ids = open(r);
  assert.ok(ids.includes('nsa-run-as-user spec.containers[0].securityContext.runAsUser'), ids.join('\n'));
  assert.match(r.findings.find((f) => f.policyId === 'nsa-run-as-user')!.message, /runAsUser=0 \(container securityContext\)/);
  assert.ok(!ids.some((i) => i.startsWith('nsa-run-as-group')));
});

test('nsa: the demo with the missing items added is clean', () => {
  const fixed = `apiVersion: v1
kind: Pod
metadata: {name: security-context-demo}
spec:
  automountServiceAccountToken: false
  securityContext: {runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [3000], runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: sec-ctx-demo
    image: busybox:1.36
    resources: {limits: {cpu: 100m, memory: 64Mi}}
    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
`;
  assert.deepEqual(open(runProfile('nsa', fixed)), []);
});

test('nsa: zero ids, privileged, host namespaces and hostPath fail', () => {
  const y = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostPID: true
  hostNetwork: true
  automountServiceAccountToken: false
  securityContext: {runAsUser: 0, runAsGroup: 0, fsGroup: 0, supplementalGroups: [0], runAsNonRoot: false, seccompProfile: {type: Unconfined}}
  volumes: [{name: h, hostPath: {path: /etc}}]
  containers:
  - name: c
    image: x
    resources: {limits: {cpu: 1, memory: 1Gi}}
    securityContext: {privileged: true, allowPrivilegeEscalation: true, readOnlyRootFilesystem: true, capabilities: {add: [NET_ADMIN], drop: [ALL]}}
`;
  assert.deepEqual(runProfile('nsa', y).findings.map((f) => f.policyId), [
    'nsa-run-as-user', 'nsa-run-as-group', 'nsa-run-as-non-root', 'nsa-supplemental-groups', 'nsa-fs-group', 'nsa-privileged',
    'nsa-allow-privilege-escalation', 'nsa-capabilities', 'nsa-seccomp', 'nsa-host-namespaces', 'nsa-host-namespaces', 'nsa-host-path',
  ]);
});

test('nsa-service-account-token: a ServiceAccount with automount false in the input covers an unset pod', () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: default}\nautomountServiceAccountToken: false\n---\n';
  const p = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: app\n  containers: [{name: c, image: x}]\n';
  assert.ok(!runProfile('nsa', sa + p).findings.some((f) => f.policyId === 'nsa-service-account-token'));
  assert.ok(runProfile('nsa', p).findings.some((f) => f.policyId === 'nsa-service-account-token'));
  assert.ok(runProfile('nsa', sa + p.replace('serviceAccountName: app', 'serviceAccountName: app\n  automountServiceAccountToken: true')).findings.some((f) => f.policyId === 'nsa-service-account-token'));
});

test('nsa-network-policy: judged only where the namespace has policies; selector semantics', () => {
  const np = (name: string, sel: unknown) => JSON.stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'web' }, spec: { podSelector: sel, policyTypes: ['Ingress'] } });
  const dep = (name: string, labels: Record<string, string>, ns = 'web') => JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x' }] } } } });
  const input = [
    np('api', { matchLabels: { app: 'api' } }),
    np('tiers', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }, { key: 'legacy', operator: 'DoesNotExist' }] }),
    np('env', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }, { key: 'team', operator: 'Exists' }] }),
    dep('api', { app: 'api' }),
    dep('front', { tier: 'front' }),
    dep('legacy-front', { tier: 'front', legacy: 'yes' }),
    dep('teamed', { team: 'x' }),
    dep('dev-team', { team: 'x', env: 'dev' }),
    dep('elsewhere', { app: 'x' }, 'other'),
  ].join('\n---\n');
  const failing = runProfile('nsa', input).findings.filter((f) => f.policyId === 'nsa-network-policy').map((f) => f.resource.name);
  assert.deepEqual(failing, ['legacy-front', 'dev-team']);
  const all = np('all', {});
  assert.deepEqual(runProfile('nsa', [all, dep('any', { a: 'b' })].join('\n---\n')).findings.filter((f) => f.policyId === 'nsa-network-policy'), []);
});

// Seed 000's table, item by item (#1-#9 securityContext, then the host-namespace table), plus the container-wins rule

interface SeedCase { item: string; check: string; yaml: string; fails: boolean }
const seedCases: SeedCase[] = [
  { item: '#1 runAsUser unset', check: 'nsa-run-as-user', yaml: podOf({}), fails: true },
  { item: '#1 runAsUser at pod level', check: 'nsa-run-as-user', yaml: podOf({ securityContext: { runAsUser: 1000 } }), fails: false },
  { item: '#1 container runAsUser 0 wins over pod 1000', check: 'nsa-run-as-user', yaml: podOf({ securityContext: { runAsUser: 1000 }, containers: [ctr('c', { runAsUser: 0 })] }), fails: true },
  { item: '#1 container 1000 wins over pod 0', check: 'nsa-run-as-user', yaml: podOf({ securityContext: { runAsUser: 0 }, containers: [ctr('c', { runAsUser: 1000 })] }), fails: false },
  { item: '#1 init containers count', check: 'nsa-run-as-user', yaml: podOf({ containers: [ctr('c', { runAsUser: 1 })], initContainers: [ctr('i')] }), fails: true },
  { item: '#2 runAsGroup unset', check: 'nsa-run-as-group', yaml: podOf({}), fails: true },
  { item: '#2 runAsGroup at container level', check: 'nsa-run-as-group', yaml: podOf({ containers: [ctr('c', { runAsGroup: 3000 })] }), fails: false },
  { item: '#2 container 0 wins over pod 3000', check: 'nsa-run-as-group', yaml: podOf({ securityContext: { runAsGroup: 3000 }, containers: [ctr('c', { runAsGroup: 0 })] }), fails: true },
  { item: '#3 runAsNonRoot pod true', check: 'nsa-run-as-non-root', yaml: podOf({ securityContext: { runAsNonRoot: true } }), fails: false },
  { item: '#3 container false wins over pod true', check: 'nsa-run-as-non-root', yaml: podOf({ securityContext: { runAsNonRoot: true }, containers: [ctr('c', { runAsNonRoot: false })] }), fails: true },
  { item: '#3 container true with pod unset', check: 'nsa-run-as-non-root', yaml: podOf({ containers: [ctr('c', { runAsNonRoot: true })] }), fails: false },
  { item: '#4 supplementalGroups unset', check: 'nsa-supplemental-groups', yaml: podOf({}), fails: true },
  { item: '#4 supplementalGroups set', check: 'nsa-supplemental-groups', yaml: podOf({ securityContext: { supplementalGroups: [3000] } }), fails: false },
  { item: '#4 supplementalGroups with 0', check: 'nsa-supplemental-groups', yaml: podOf({ securityContext: { supplementalGroups: [3000, 0] } }), fails: true },
  { item: '#5 fsGroup unset', check: 'nsa-fs-group', yaml: podOf({}), fails: true },
  { item: '#5 fsGroup 2000', check: 'nsa-fs-group', yaml: podOf({ securityContext: { fsGroup: 2000 } }), fails: false },
  { item: '#5 fsGroup 0', check: 'nsa-fs-group', yaml: podOf({ securityContext: { fsGroup: 0 } }), fails: true },
  { item: '#6 privileged unset (the default)', check: 'nsa-privileged', yaml: podOf({}), fails: false },
  { item: '#6 privileged false', check: 'nsa-privileged', yaml: podOf({ containers: [ctr('c', { privileged: false })] }), fails: false },
  { item: '#6 privileged true in an ephemeral container', check: 'nsa-privileged', yaml: podOf({ ephemeralContainers: [ctr('e', { privileged: true })] }), fails: true },
  { item: '#7 allowPrivilegeEscalation unset (means allowed)', check: 'nsa-allow-privilege-escalation', yaml: podOf({}), fails: true },
  { item: '#7 allowPrivilegeEscalation false', check: 'nsa-allow-privilege-escalation', yaml: podOf({ containers: [ctr('c', { allowPrivilegeEscalation: false })] }), fails: false },
  { item: '#7 a pod-level value is no container field', check: 'nsa-allow-privilege-escalation', yaml: podOf({ securityContext: { allowPrivilegeEscalation: false } }), fails: true },
  { item: '#8 capabilities added', check: 'nsa-capabilities', yaml: podOf({ containers: [ctr('c', { capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } })] }), fails: true },
  { item: '#8 drop ALL, nothing added', check: 'nsa-capabilities', yaml: podOf({ containers: [ctr('c', { capabilities: { drop: ['ALL'] } })] }), fails: false },
  { item: '#9 seccompProfile RuntimeDefault at pod level', check: 'nsa-seccomp', yaml: podOf({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }), fails: false },
  { item: '#9 container Unconfined wins over pod RuntimeDefault', check: 'nsa-seccomp', yaml: podOf({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [ctr('c', { seccompProfile: { type: 'Unconfined' } })] }), fails: true },
  { item: '#9 the runtime/default annotation alone has no effect', check: 'nsa-seccomp', yaml: podOf({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } }), fails: true },
  { item: 'host #1 hostPID', check: 'nsa-host-namespaces', yaml: podOf({ hostPID: true }), fails: true },
  { item: 'host #2 hostIPC', check: 'nsa-host-namespaces', yaml: podOf({ hostIPC: true }), fails: true },
  { item: 'host #3 hostNetwork', check: 'nsa-host-namespaces', yaml: podOf({ hostNetwork: true }), fails: true },
  { item: 'host #1-#3 false', check: 'nsa-host-namespaces', yaml: podOf({ hostPID: false, hostIPC: false, hostNetwork: false }), fails: false },
  { item: 'host #4 hostPath', check: 'nsa-host-path', yaml: podOf({ volumes: [{ name: 'h', hostPath: { path: '/var/log' } }] }), fails: true },
  { item: 'host #4 other volumes', check: 'nsa-host-path', yaml: podOf({ volumes: [{ name: 'e', emptyDir: {} }] }), fails: false },
];

for (const c of seedCases) {
  test(`seed 000 ${c.item}: ${c.check} ${c.fails ? 'fails' : 'passes'}`, () => {
    assert.equal(findingsOf(c.check, c.yaml).length > 0, c.fails);
  });
}
