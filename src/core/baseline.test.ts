// Baseline matching as a pure function: fingerprints ignore lines and messages; duplicates pair off one to one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareWithBaseline, fingerprint, gatedFindings, readBaseline } from './baseline.js';
import type { Finding, Report } from './report.js';

const f = (over: Partial<Finding> = {}): Finding => ({
  policyId: 'run-as-root', severity: 'high', effect: 'Audit', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' },
  container: 'app', path: 'spec.template.spec.containers[0].securityContext.runAsNonRoot', message: 'm', remediation: 'r',
  location: { file: 'a.yaml', line: 10, column: 3 }, status: 'open', ...over,
});
const report = (findings: Finding[]): Report => ({
  schemaVersion: 1, tool: { name: 'mamori', version: '0' }, profile: 'defender', lang: 'en',
  summary: { resources: 1, findings: findings.length, bySeverity: { high: findings.length, medium: 0, low: 0 }, byPolicy: {}, excepted: 0, suppressed: 0 },
  policies: [], findings, notices: [], errors: [], unusedExceptions: [],
});

test('fingerprint: the same for another line, file, message, language or apiVersion; different for another container or path', () => {
  const a = fingerprint(f());
  assert.equal(fingerprint(f({ location: { file: 'b.yaml', line: 99, column: 1 }, message: '別の文', resource: { apiVersion: 'extensions/v1beta1', kind: 'Deployment', namespace: 'web', name: 'api' } })), a);
  assert.notEqual(fingerprint(f({ container: 'sidecar' })), a);
  assert.notEqual(fingerprint(f({ path: 'spec.template.spec.containers[1].securityContext.runAsNonRoot' })), a);
  assert.notEqual(fingerprint(f({ resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: null, name: 'api' } })), a);
});

test('compareWithBaseline: one old copy matches one new copy; the second copy is new; leftovers are fixed', () => {
  const gone = f({ policyId: 'privileged-container' });
  const out = compareWithBaseline(report([f({ location: null }), f()]), [f(), gone], 'prev.json');
  assert.deepEqual(out.findings.map((x) => x.baseline), ['unchanged', 'new']);
  assert.deepEqual(out.baseline, { file: 'prev.json', new: 1, unchanged: 1, fixed: [gone] });
  assert.equal(gatedFindings(out, false).length, 1);
  assert.equal(gatedFindings(out, true).length, 2);
});

test('readBaseline: says what is wrong with a file that is not a report', () => {
  assert.match((readBaseline('nope') as { problem: string }).problem, /not JSON/);
  assert.match((readBaseline('{"schemaVersion":2,"findings":[]}') as { problem: string }).problem, /not a mamori JSON report/);
  assert.match((readBaseline('{"schemaVersion":1,"findings":[{"policyId":"x"}]}') as { problem: string }).problem, /findings\[0\]/);
  assert.equal((readBaseline(JSON.stringify(report([f()]))) as Finding[]).length, 1);
});
