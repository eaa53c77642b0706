// The table formatter: grouping by resource and file, colour by severity only when asked, statuses shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from './table.js';
import type { Finding, Report } from '../model/types.js';

function finding(over: Partial<Finding>): Finding {
  return {
    policyId: 'privileged-container', severity: 'high', effect: 'Audit',
    resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'apps', name: 'p' },
    container: 'c', path: 'spec.containers[0].securityContext.privileged', message: 'msg', remediation: 'fix it',
    location: { file: 'a.yaml', line: 3, column: 5 }, status: 'open', ...over,
  };
}

function report(findings: Finding[]): Report {
  return {
    schemaVersion: 1, tool: { name: 'mamori', version: '0' }, profile: 'defender', lang: 'en',
    summary: { resources: 2, findings: findings.filter((f) => f.status === 'open').length, bySeverity: { high: 1, medium: 0, low: 0 }, byPolicy: {}, excepted: 1, suppressed: 0 },
    policies: [], findings, notices: [], errors: [], unusedExceptions: [],
  };
}

test('table: the same name in two files is two groups; colour codes only with color: true', () => {
  const r = report([finding({}), finding({ location: { file: 'b.yaml', line: 1, column: 1 } }), finding({ status: 'excepted', statusReason: 'accepted risk', location: { file: 'b.yaml', line: 9, column: 1 } })]);
  const plain = renderTable(r, { color: false });
  assert.equal((plain.match(/^Pod\/apps\/p/gm) ?? []).length, 2);
  assert.ok(!plain.includes('\x1b['), 'no escape sequence without colour');
  assert.match(plain, /\[excepted: accepted risk\]/);
  assert.match(plain, /2 resources scanned, 2 findings \(1 high, 0 medium, 0 low\); 1 excepted/);
  const coloured = renderTable(r, { color: true });
  assert.ok(coloured.includes('\x1b[31mhigh'), 'high in red');
});
