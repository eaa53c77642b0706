// The job summary is Markdown a table cannot be broken out of, ordered worst first, bounded in length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Report } from '../core/report.js';
import { renderStepSummary } from './summary.js';

const finding = (name: string, policyId: string, severity: Finding['severity'], status: Finding['status'] = 'open'): Finding => ({
  policyId, severity, effect: 'Audit', resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'web', name }, container: 'c',
  path: 'spec.containers[0]', message: 'm', remediation: 'r', location: { file: `k8s/${name}.yaml`, line: 3, column: 1 }, status,
});

function report(findings: Finding[]): Report {
  return {
    schemaVersion: 1, tool: { name: 'mamori', version: '0' }, profile: 'defender', lang: 'en',
    summary: { resources: 20, findings: findings.length, bySeverity: { high: 0, medium: 0, low: 0 }, byPolicy: {}, excepted: 0, suppressed: 1 },
    policies: [{ policyId: 'a', title: 'Title | with pipe', severity: 'low', effect: 'Audit', evaluated: 1, unhealthy: 1, findings: 1 }],
    findings, notices: [], errors: [], unusedExceptions: [],
  };
}

test('summary: open findings only, per severity, worst recommendation first, pipes escaped', () => {
  const md = renderStepSummary(report([finding('p1', 'a', 'low'), finding('p1', 'b', 'high'), finding('p2', 'b', 'high'), finding('p3', 'b', 'high', 'suppressed')]), { failOn: 'high', exitCode: 1, output: 'mamori.sarif' });
  assert.match(md, /^## mamori scan: 3 findings$/m);
  assert.match(md, /failed: findings at or above `high`/);
  assert.match(md, /^\| high \| 2 \|$/m);
  assert.match(md, /^\| low \| 1 \|$/m);
  assert.match(md, /0 excepted and 1 suppressed/);
  const rows = md.split('\n').filter((l) => l.includes('` | '));
  assert.match(rows[0]!, /^\| b \| `b` \| high \| 2 \| 2 \|$/);
  assert.match(rows[1]!, /^\| Title \\\| with pipe \| `a` \| low \| 1 \| 1 \|$/);
  assert.doesNotMatch(md, /p3/);
});

test('summary: top resources bounded, the rest counted', () => {
  const many = Array.from({ length: 15 }, (_, i) => finding(`pod${String(i).padStart(2, '0')}`, 'a', 'low'));
  const md = renderStepSummary(report([...many, finding('pod14', 'b', 'high')]), { failOn: '', exitCode: 1, output: 'x' });
  const top = md.split('### Top resources')[1]!;
  assert.match(top.split('\n').filter((l) => l.startsWith('| Pod'))[0]!, /^\| Pod web\/pod14 \| `k8s\/pod14\.yaml:3` \| 2 \| high \|$/);
  assert.equal(top.split('\n').filter((l) => l.startsWith('| Pod')).length, 10);
  assert.match(top, /…and 5 more resources with findings\./);
  assert.match(md, /at or above the fail-on threshold/);
});
