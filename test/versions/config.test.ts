// `mamori versions --config` end to end through the built binary: the exception ledger on --today, effects, Disabled, unknown ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureBuilt, mamori, scratch } from '../cli/run.js';
import type { Report } from '../../src/core/report.js';

ensureBuilt();

const OLD = `apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: nightly, namespace: ops}
---
apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata: {name: fs}
`;

function json(args: string[], cwd: string): { code: number; report: Report } {
  const r = mamori(['versions', ...args, '--target-version', '1.31', '--today', '2026-11-22', '--format', 'json'], { cwd });
  assert.ok(r.stdout.startsWith('{'), `stdout is a report (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

test('versions: an exception in mamori.yaml excepts a removed API with its reason; expiry is judged on --today', () => {
  const cfg = (expires: string) => `exceptions:
  - policy: deprecated-api-removed
    resource: {kind: CronJob, namespace: ops, name: nightly}
    reason: migrated in the 1.31 upgrade window
    expires: ${expires}
`;
  const dir = scratch({ 'old.yaml': OLD, 'mamori.yaml': cfg('2026-12-31') });
  const { code, report } = json(['old.yaml'], dir);
  const f = report.findings.find((x) => x.policyId === 'deprecated-api-removed')!;
  assert.equal(f.status, 'excepted');
  assert.equal(f.statusReason, 'migrated in the 1.31 upgrade window');
  assert.equal(report.summary.excepted, 1);
  assert.deepEqual(report.findings.filter((x) => x.status === 'open').map((x) => x.policyId), ['deprecated-api-deprecated']);
  assert.equal(code, 1);
  const expired = scratch({ 'old.yaml': OLD, 'mamori.yaml': cfg('2026-11-21') });
  const later = json(['old.yaml'], expired);
  assert.equal(later.report.findings.find((x) => x.policyId === 'deprecated-api-removed')?.status, 'open');
  assert.ok(later.report.notices.some((n) => /expired on 2026-11-21/.test(n.message)));
});

test('versions --config: Disabled removes a rule, Deny is carried on its findings', () => {
  const dir = scratch({
    'old.yaml': OLD,
    'cfg.yaml': 'policies:\n  deprecated-api-deprecated: {effect: Disabled}\n  deprecated-api-removed: {effect: Deny}\n',
  });
  const { report } = json(['old.yaml', '--config', 'cfg.yaml'], dir);
  assert.deepEqual(report.findings.map((f) => `${f.policyId} ${f.effect}`), ['deprecated-api-removed Deny']);
  assert.deepEqual(report.policies.map((p) => p.policyId), ['version-unsupported', 'kubelet-version-skew', 'deprecated-api-removed']);
});

test('versions --config: an unknown policy id is exit 2 naming file and line', () => {
  const dir = scratch({ 'old.yaml': OLD, 'cfg.yaml': 'policies:\n  deprecated-api-gone: {effect: Disabled}\n' });
  const r = mamori(['versions', 'old.yaml', '--config', 'cfg.yaml'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cfg\.yaml:2: policies\.deprecated-api-gone: unknown policy id/);
});

test('versions: excludedNamespaces leaves that namespace\'s manifests unjudged; a cluster-scoped object is still judged', () => {
  const dir = scratch({ 'old.yaml': OLD, 'mamori.yaml': 'excludedNamespaces: [\'op*\']\n' });
  const { report } = json(['old.yaml'], dir);
  assert.deepEqual(report.findings.map((x) => `${x.policyId} ${x.resource.kind}`), ['deprecated-api-deprecated FlowSchema']);
});
