// `mamori rbac --config` end to end through the built binary: the exception ledger, effects, Disabled, errors naming file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureBuilt, mamori, scratch } from '../cli/run.js';
import type { Report } from '../../src/core/report.js';

ensureBuilt();

const BINDINGS = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: ops}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-view, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: alice}]
`;

function json(args: string[], cwd: string): { code: number; report: Report; stderr: string } {
  const r = mamori(['rbac', ...args, '--format', 'json'], { cwd });
  assert.ok(r.stdout.startsWith('{'), `stdout is a report (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const open = (r: Report): string[] => r.findings.filter((f) => f.status === 'open').map((f) => `${f.policyId} ${f.resource.name}`).sort();

test('rbac: without a config every rule runs with effect Audit, and findings fail the run', () => {
  const dir = scratch({ 'rbac.yaml': BINDINGS });
  const { code, report } = json(['rbac.yaml'], dir);
  assert.equal(code, 1);
  assert.deepEqual(open(report), ['rbac-cluster-admin-binding ops-admin', 'rbac-user-subject alice-view']);
  assert.equal(report.policies.length, 9);
  assert.ok(report.findings.every((f) => f.effect === 'Audit'));
});

test('rbac: mamori.yaml in the working directory excepts a finding with its reason and owner; unused RBAC entries are listed, scan\'s are not', () => {
  const dir = scratch({
    'rbac.yaml': BINDINGS,
    'mamori.yaml': `policies:
  privileged-container: {effect: Deny}
exceptions:
  - policy: rbac-cluster-admin-binding
    resource: {kind: ClusterRoleBinding, name: ops-admin}
    reason: break-glass group, reviewed quarterly
    owner: platform
    expires: 2099-01-01
  - policy: rbac-pods-exec
    resource: {name: gone}
    reason: stale RBAC entry
  - policy: privileged-container
    resource: {name: some-pod}
    reason: an exception of scan
`,
  });
  const { code, report } = json(['rbac.yaml'], dir);
  const f = report.findings.find((x) => x.policyId === 'rbac-cluster-admin-binding')!;
  assert.equal(f.status, 'excepted');
  assert.equal(f.statusReason, 'break-glass group, reviewed quarterly');
  assert.deepEqual(f.exception, { owner: 'platform', expires: '2099-01-01' });
  assert.equal(report.summary.excepted, 1);
  assert.equal(report.summary.findings, 1);
  assert.deepEqual(report.unusedExceptions.map((u) => u.reason), ['stale RBAC entry']);
  assert.equal(code, 1, 'the user-subject finding is still open');
  // --fail-on high: only the excepted high finding is at that level, so the run passes
  assert.equal(json(['rbac.yaml', '--fail-on', 'high'], dir).code, 0);
});

test('rbac --config: an expired exception counts again and says so', () => {
  const dir = scratch({
    'rbac.yaml': BINDINGS,
    'cfg.yaml': 'exceptions:\n  - {policy: rbac-user-subject, resource: {name: alice-view}, reason: old, expires: 2020-01-01}\n',
  });
  const { report } = json(['rbac.yaml', '--config', join(dir, 'cfg.yaml')], dir);
  assert.equal(report.findings.find((f) => f.policyId === 'rbac-user-subject')?.status, 'open');
  assert.ok(report.notices.some((n) => n.policyId === 'rbac-user-subject' && /expired on 2020-01-01/.test(n.message)), JSON.stringify(report.notices));
});

test('rbac --config: effect Disabled removes the rule, Deny is carried on its findings, failOn is read from the file', () => {
  const dir = scratch({
    'rbac.yaml': BINDINGS,
    'cfg.yaml': 'failOn: high\npolicies:\n  rbac-user-subject: {effect: disabled}\n  rbac-cluster-admin-binding: {effect: Deny}\n',
  });
  const { code, report } = json(['rbac.yaml', '--config', join(dir, 'cfg.yaml')], dir);
  assert.deepEqual(open(report), ['rbac-cluster-admin-binding ops-admin']);
  assert.equal(report.findings[0]!.effect, 'Deny');
  assert.equal(report.policies.find((p) => p.policyId === 'rbac-cluster-admin-binding')?.effect, 'Deny');
  assert.equal(report.policies.some((p) => p.policyId === 'rbac-user-subject'), false, 'a disabled rule is not listed as evaluated');
  assert.equal(code, 1);
  const low = scratch({ 'rbac.yaml': BINDINGS, 'mamori.yaml': 'failOn: high\npolicies:\n  rbac-cluster-admin-binding: {effect: Disabled}\n' });
  assert.equal(json(['rbac.yaml'], low).code, 0, 'failOn: high leaves the low user-subject finding below the threshold');
});

test('rbac --config: an unknown policy id or parameter is exit 2 naming file and line; nothing is judged', () => {
  const dir = scratch({
    'rbac.yaml': BINDINGS,
    'typo.yaml': 'exceptions: []\npolicies:\n  rbac-cluster-admin-bindings: {effect: Disabled}\n',
    'param.yaml': 'policies:\n  rbac-pods-exec:\n    parameters:\n      allowedGroups: [ops]\n',
  });
  const a = mamori(['rbac', 'rbac.yaml', '--config', 'typo.yaml'], { cwd: dir });
  assert.equal(a.code, 2);
  assert.match(a.stderr, /typo\.yaml:3: policies\.rbac-cluster-admin-bindings: unknown policy id/);
  assert.equal(a.stdout, '');
  const b = mamori(['rbac', 'rbac.yaml', '--config', 'param.yaml'], { cwd: dir });
  assert.equal(b.code, 2);
  assert.match(b.stderr, /param\.yaml:4: policies\.rbac-pods-exec\.parameters: unknown key "allowedGroups"/);
  const c = mamori(['rbac', 'rbac.yaml', '--config', 'missing.yaml'], { cwd: dir });
  assert.equal(c.code, 2);
  assert.match(c.stderr, /missing\.yaml: cannot read config/);
});

test('rbac: a binding\'s mamori.dev/ignore suppresses with the reason of mamori.dev/ignore-reason, as scan does', () => {
  const annotated = BINDINGS.replace('metadata: {name: ops-admin}', 'metadata: {name: ops-admin, annotations: {mamori.dev/ignore: rbac-cluster-admin-binding, mamori.dev/ignore-reason: "break-glass, see RUNBOOK.md"}}');
  const dir = scratch({ 'rbac.yaml': annotated });
  const { report } = json(['rbac.yaml'], dir);
  const f = report.findings.find((x) => x.policyId === 'rbac-cluster-admin-binding')!;
  assert.equal(f.status, 'suppressed');
  assert.equal(f.statusReason, 'break-glass, see RUNBOOK.md');
  assert.equal(report.summary.suppressed, 1);
});

test('rbac: excludedNamespaces, at the top or per rule (a trailing * is a prefix), leaves those namespaces\' bindings unjudged', () => {
  const top = scratch({ 'rbac.yaml': BINDINGS, 'mamori.yaml': 'excludedNamespaces: [app]\n' });
  let r = json(['rbac.yaml'], top);
  assert.deepEqual(open(r.report), ['rbac-cluster-admin-binding ops-admin']);
  const evaluated = (rep: Report) => rep.policies.find((p) => p.policyId === 'rbac-user-subject')?.evaluated;
  assert.equal(evaluated(r.report), 1, 'the cluster-wide binding only');
  const perRule = scratch({ 'rbac.yaml': BINDINGS, 'mamori.yaml': 'policies:\n  rbac-user-subject: {excludedNamespaces: [\'ap*\']}\n  rbac-cluster-admin-binding: {excludedNamespaces: [app]}\n' });
  r = json(['rbac.yaml'], perRule);
  assert.deepEqual(open(r.report), ['rbac-cluster-admin-binding ops-admin'], 'a cluster-wide binding has no namespace to exclude');
  const other = scratch({ 'rbac.yaml': BINDINGS, 'mamori.yaml': 'excludedNamespaces: [apps]\n' });
  r = json(['rbac.yaml'], other);
  assert.deepEqual(open(r.report), ['rbac-cluster-admin-binding ops-admin', 'rbac-user-subject alice-view']);
  assert.equal(evaluated(r.report), 2);
});
