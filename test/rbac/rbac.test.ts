// Table tests of mamori rbac over inline manifests: each rule fires on what it should and stays quiet otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifests } from '../../src/source/load.js';
import { analyzeRbac } from '../../src/rbac/analyze.js';
import { rbacInputsFromFiles } from '../../src/rbac/source.js';
import { originOf } from '../../src/source/origin.js';

function run(yaml: string, opts: { includeSystem?: boolean; lang?: 'en' | 'ja' } = {}) {
  const { objects, errors } = parseManifests('rbac.yaml', yaml);
  assert.deepEqual(errors, []);
  return analyzeRbac(objects.map((o) => ({ object: o.object, ...originOf(o) })), { lang: opts.lang ?? 'en', includeSystem: opts.includeSystem });
}
const ids = (yaml: string, opts = {}) => run(yaml, opts).findings.filter((f) => f.status === 'open').map((f) => `${f.policyId} ${f.resource.kind}/${f.resource.name}`).sort();

const crb = (name: string, role: string, subjects: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${name}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: ${subjects}
`;
const rb = (ns: string, name: string, roleKind: string, role: string, subjects: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}
subjects: ${subjects}
`;
const role = (kind: 'Role' | 'ClusterRole', name: string, rules: string, ns = 'app') => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}${kind === 'Role' ? `, namespace: ${ns}` : ''}}
rules: ${rules}
`;
const ops = '[{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]';

test('cluster-admin binding to a group: who, what, how to narrow; located on roleRef.name', () => {
  const r = run(crb('ops-admin', 'cluster-admin', ops));
  assert.equal(r.findings.length, 1);
  const f = r.findings[0]!;
  assert.equal(f.policyId, 'rbac-cluster-admin-binding');
  assert.equal(f.severity, 'high');
  assert.equal(f.path, 'roleRef.name');
  assert.equal(f.location?.line, 5);
  assert.match(f.message, /Group ops gets every permission \(cluster-admin\) cluster-wide through ClusterRoleBinding ops-admin → ClusterRole cluster-admin/);
  assert.match(f.remediation, /RoleBindings to ClusterRole admin/);
});

test('a user subject is reported, a group or system user is not', () => {
  assert.deepEqual(ids(rb('app', 'alice-view', 'ClusterRole', 'view', '[{kind: User, name: alice}, {kind: Group, name: devs}, {kind: User, name: "system:kube-proxy"}]')),
    ['rbac-user-subject RoleBinding/alice-view']);
  const f = run(rb('app', 'alice-view', 'ClusterRole', 'view', '[{kind: Group, name: devs}, {kind: User, name: alice}]')).findings[0]!;
  assert.equal(f.path, 'subjects[1]');
  assert.match(f.remediation, /replace subjects\[1\] \(User alice\) with a Group/);
});

test('wildcards: verbs or resources; explicit lists pass', () => {
  const y = role('ClusterRole', 'all-pods', '[{apiGroups: [""], resources: [pods], verbs: ["*"]}]') + crb('b', 'all-pods', ops)
    + role('ClusterRole', 'reader', '[{apiGroups: [""], resources: [pods, services], verbs: [get, list]}]') + crb('c', 'reader', ops);
  assert.deepEqual(ids(y), ['rbac-wildcard-permission ClusterRoleBinding/b']);
  assert.match(run(y).findings[0]!.message, /Group ops gets \* on pods \(core\) cluster-wide through ClusterRoleBinding b → ClusterRole all-pods \(rules\[0\]\)/);
});

test('escalate, bind, impersonate named explicitly', () => {
  const y = role('ClusterRole', 'granter', '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]}, {apiGroups: [""], resources: [users, groups], verbs: [impersonate]}]') + crb('g', 'granter', ops);
  const r = run(y);
  assert.deepEqual(r.findings.map((f) => f.message.match(/gets? ([a-z, ]+) \(/)?.[1]), ['escalate, bind', 'impersonate']);
});

test('reading Secrets: cluster-wide through a ClusterRoleBinding only; resourceNames narrow it', () => {
  const secrets = role('ClusterRole', 'secret-reader', '[{apiGroups: [""], resources: [secrets], verbs: [get, list]}]');
  const named = role('ClusterRole', 'one-secret', '[{apiGroups: [""], resources: [secrets], resourceNames: [tls], verbs: [get]}]');
  assert.deepEqual(ids(secrets + crb('s', 'secret-reader', ops) + rb('app', 's2', 'ClusterRole', 'secret-reader', ops) + named + crb('n', 'one-secret', ops)),
    ['rbac-secrets-cluster-wide ClusterRoleBinding/s']);
});

test('pods/exec (create or get) in any scope', () => {
  const y = role('Role', 'debug', '[{apiGroups: [""], resources: [pods/exec], verbs: [create]}]') + rb('app', 'debuggers', 'Role', 'debug', ops)
    + role('Role', 'logs', '[{apiGroups: [""], resources: [pods/log], verbs: [get]}]') + rb('app', 'log-readers', 'Role', 'logs', ops);
  assert.deepEqual(ids(y), ['rbac-pods-exec RoleBinding/debuggers']);
});

test('creating workloads in kube-system: RoleBinding there or ClusterRoleBinding; elsewhere fine', () => {
  const deployer = role('ClusterRole', 'deployer', '[{apiGroups: [apps], resources: [deployments], verbs: [create, update]}]');
  assert.deepEqual(ids(deployer + rb('kube-system', 'ks', 'ClusterRole', 'deployer', ops) + rb('app', 'app', 'ClusterRole', 'deployer', ops) + crb('all', 'deployer', ops)),
    ['rbac-kube-system-workload-create ClusterRoleBinding/all', 'rbac-kube-system-workload-create RoleBinding/ks']);
});

test('the default service account holding permissions; an empty role grants nothing', () => {
  const y = rb('app', 'd', 'ClusterRole', 'view', '[{kind: ServiceAccount, name: default, namespace: app}]')
    + role('Role', 'nothing', '[]') + rb('app', 'e', 'Role', 'nothing', '[{kind: ServiceAccount, name: default, namespace: app}]');
  assert.deepEqual(ids(y), ['rbac-default-service-account RoleBinding/d']);
  assert.match(run(y).findings[0]!.message, /ServiceAccount app\/default \(every Pod in app that names no service account\) gets ClusterRole view in namespace app/);
});

test('powerful service account token automounted: pod default, SA opt-out, pod opt-out', () => {
  const binding = crb('ci', 'cluster-admin', '[{kind: ServiceAccount, name: ci, namespace: build}]');
  const dep = (name: string, extra = '') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: build}
spec:
  template:
    spec:
      serviceAccountName: ci${extra}
      containers: [{name: c, image: x}]
`;
  const r = run(binding + dep('runner') + dep('quiet', '\n      automountServiceAccountToken: false'));
  assert.deepEqual(r.findings.map((f) => `${f.policyId} ${f.resource.kind}/${f.resource.name} ${f.path}`).sort(), [
    'rbac-automounted-powerful-token Deployment/runner spec.template.spec.automountServiceAccountToken',
    'rbac-cluster-admin-binding ClusterRoleBinding/ci roleRef.name',
  ]);
  const saOff = `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci, namespace: build}
automountServiceAccountToken: false
`;
  assert.deepEqual(ids(binding + saOff + dep('runner')), ['rbac-cluster-admin-binding ClusterRoleBinding/ci']);
  // the pod's own true wins over the ServiceAccount's false
  assert.deepEqual(ids(binding + saOff + dep('runner', '\n      automountServiceAccountToken: true')), ['rbac-automounted-powerful-token Deployment/runner', 'rbac-cluster-admin-binding ClusterRoleBinding/ci']);
});

test('bootstrap (system:) objects are skipped unless asked; suppression annotation honoured', () => {
  const sys = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: cluster-admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:masters"}]
`;
  assert.deepEqual(ids(sys), []);
  assert.deepEqual(ids(sys, { includeSystem: true }), ['rbac-cluster-admin-binding ClusterRoleBinding/cluster-admin']);
  const ignored = crb('ops', 'cluster-admin', ops).replace('metadata: {name: ops}', 'metadata: {name: ops, annotations: {mamori.dev/ignore: rbac-cluster-admin-binding}}');
  const r = run(ignored);
  assert.equal(r.findings[0]!.status, 'suppressed');
  assert.equal(r.summary.findings, 0);
});

test('aggregated ClusterRoles take the rules of the roles they select', () => {
  const y = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: agg}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: "true"}}]}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: part, labels: {agg: "true"}}
rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create]}]
` + crb('a', 'agg', ops);
  assert.deepEqual(ids(y), ['rbac-pods-exec ClusterRoleBinding/a']);
});

test('Japanese messages and tallies', () => {
  const r = run(crb('ops-admin', 'cluster-admin', ops), { lang: 'ja' });
  assert.match(r.findings[0]!.message, /すべての権限（cluster-admin）/);
  assert.equal(r.policies.find((p) => p.policyId === 'rbac-cluster-admin-binding')!.title, 'cluster-admin をバインドしない');
  assert.deepEqual(r.policies.find((p) => p.policyId === 'rbac-cluster-admin-binding')!.unhealthy, 1);
});

test('the shipped audit deployment (deploy/audit/) grants nothing mamori rbac reports', async () => {
  const { inputs, errors } = await rbacInputsFromFiles([new URL('../../deploy/audit/', import.meta.url).pathname]);
  assert.deepEqual(errors, []);
  const report = analyzeRbac(inputs, { lang: 'en' });
  assert.ok(report.summary.resources >= 4, `read ${report.summary.resources} resources`);
  assert.deepEqual(report.findings.map((f) => `${f.policyId} ${f.resource.kind}/${f.resource.name}`), []);
  assert.ok(inputs.every((i) => i.file?.endsWith('.yaml') && i.locate?.([]).line), 'inputs carry their file and line');
});
