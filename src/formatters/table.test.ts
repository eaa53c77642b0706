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
  assert.doesNotMatch(plain, /\x1b\[/);
  assert.match(plain, /\[excepted: accepted risk\]/);
  assert.match(plain, /2 resources scanned, 2 findings \(1 high, 0 medium, 0 low\); 1 excepted/);
  const coloured = renderTable(r, { color: true });
  assert.match(coloured, /\x1b\[31mhigh/);
});

test('table: escape sequences, control characters and bidi overrides from manifests are shown escaped, never printed raw', () => {
  const evil = 'p\x1b]0;owned\x07\x1b[2J\r\n  high   fake finding\u202e';
  const r = report([finding({ resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'apps', name: evil }, message: `image ${evil}`, container: evil, location: { file: `dir/${evil}.yaml`, line: 1, column: 1 } })]);
  r.notices.push({ policyId: null, message: `notice ${evil}` });
  r.errors.push({ file: `e${evil}.yaml`, line: 2, message: `bad ${evil}` });
  for (const color of [false, true]) {
    const out = renderTable(r, { color });
    // With colour, the only escape sequences are mamori's own SGR codes.
    assert.doesNotMatch(out.replace(/\x1b\[(?:\d+)m/g, ''), /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    assert.ok(out.includes('p\\x1b]0;owned\\x07\\x1b[2J\\x0d\\x0a  high   fake finding\\u{202e}'), out);
    // The forged line is not a line of its own.
    assert.doesNotMatch(out, /^\s+high\s+fake finding/m);
  }
  // The report itself is not changed (json and SARIF print it exactly).
  assert.equal(r.findings[0]!.resource.name, evil);
});
