// The table formatter: grouping by file and resource, worst first, remediations once, aligned in Japanese, baseline states.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from './table.js';
import { displayWidth } from './width.js';
import type { Finding, Report } from '../core/report.js';

function finding(over: Partial<Finding>): Finding {
  return {
    policyId: 'privileged-container', severity: 'high', effect: 'Audit',
    resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'apps', name: 'p' },
    container: 'c', path: 'spec.containers[0].securityContext.privileged', message: 'msg', remediation: 'fix it',
    location: { file: 'a.yaml', line: 3, column: 5 }, status: 'open', ...over,
  };
}

function report(findings: Finding[], lang: 'en' | 'ja' = 'en'): Report {
  const open = findings.filter((f) => f.status === 'open');
  const byPolicy: Record<string, number> = {};
  for (const f of open) byPolicy[f.policyId] = (byPolicy[f.policyId] ?? 0) + 1;
  return {
    schemaVersion: 1, tool: { name: 'mamori', version: '0' }, profile: 'defender', lang,
    summary: {
      resources: 2, findings: open.length, byPolicy, excepted: findings.length - open.length, suppressed: 0,
      bySeverity: { high: open.filter((f) => f.severity === 'high').length, medium: open.filter((f) => f.severity === 'medium').length, low: open.filter((f) => f.severity === 'low').length },
    },
    policies: [], findings, notices: [], errors: [], unusedExceptions: [],
  };
}

test('table: the same name in two files is two groups; colour codes only with color: true', () => {
  const r = report([finding({}), finding({ location: { file: 'b.yaml', line: 1, column: 1 } }), finding({ status: 'excepted', statusReason: 'accepted risk', location: { file: 'b.yaml', line: 9, column: 1 } })]);
  const plain = renderTable(r, { color: false });
  assert.equal((plain.match(/^ {2}Pod\/apps\/p$/gm) ?? []).length, 2);
  assert.deepEqual(plain.match(/^[ab]\.yaml$/gm), ['a.yaml', 'b.yaml']);
  assert.ok(!plain.includes('\x1b['), 'no escape sequence without colour');
  assert.match(plain, /\[excepted: accepted risk\]/);
  assert.match(plain, /2 resources scanned, 2 findings \(2 high, 0 medium, 0 low\); 1 excepted/);
  const coloured = renderTable(r, { color: true });
  assert.ok(coloured.includes('\x1b[31mhigh'), 'high in red');
});

test('table: within a resource, worst severity first, then by line', () => {
  const r = report([
    finding({ policyId: 'low-one', severity: 'low', location: { file: 'a.yaml', line: 2, column: 1 } }),
    finding({ policyId: 'high-late', severity: 'high', location: { file: 'a.yaml', line: 20, column: 1 } }),
    finding({ policyId: 'medium-one', severity: 'medium', location: { file: 'a.yaml', line: 1, column: 1 } }),
    finding({ policyId: 'high-early', severity: 'high', location: { file: 'a.yaml', line: 10, column: 1 } }),
  ]);
  const order = [...renderTable(r, { color: false }).matchAll(/^ {4}\S+\s+\d+:\d+\s+(\S+)/gm)].map((m) => m[1]);
  assert.deepEqual(order, ['high-early', 'high-late', 'medium-one', 'low-one']);
});

test('table: each remediation once, in the legend; --verbose prints it under every finding instead', () => {
  const many = Array.from({ length: 5 }, (_, i) => finding({ resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'apps', name: `p${i}` }, remediation: 'Set privileged: false.' }));
  const short = renderTable(report(many), { color: false });
  assert.equal(short.split('Set privileged: false.').length - 1, 1);
  assert.match(short, /^Remediation by policy\n {2}privileged-container\n {4}Set privileged: false\.$/m);
  const verbose = renderTable(report(many), { color: false, verbose: true });
  assert.equal(verbose.split('Set privileged: false.').length - 1, 5);
  assert.doesNotMatch(verbose, /Remediation by policy/);
});

test('table: a summary with counts per severity and per policy', () => {
  const r = report([finding({}), finding({ policyId: 'run-as-root', severity: 'medium' }), finding({ policyId: 'run-as-root', severity: 'medium', path: 'x' })]);
  const text = renderTable(r, { color: false });
  assert.match(text, /^ {2}By severity\n {4}high {3}1\n {4}medium 2\n {4}low {4}0$/m);
  assert.match(text, /^ {4}run-as-root {10}2$/m);
  assert.match(text, /^ {4}privileged-container 1$/m);
});

test('table --lang ja: columns line up after 高/中/低 (full-width characters are two columns)', () => {
  const r = report([
    finding({ severity: 'high', message: '特権コンテナーです', location: { file: 'a.yaml', line: 3, column: 5 } }),
    finding({ severity: 'medium', policyId: 'b', message: 'メッセージ', location: { file: 'a.yaml', line: 120, column: 11 } }),
    finding({ severity: 'low', policyId: 'c', message: '低い', location: { file: 'a.yaml', line: 7, column: 1 } }),
  ], 'ja');
  const lines = renderTable(r, { color: false }).split('\n');
  const heads = lines.flatMap((l, i) => (/^ {4}[高中低] +\d+:/.test(l) ? [i] : []));
  assert.equal(heads.length, 3);
  for (const i of heads) {
    const head = lines[i]!;
    // the title starts where the message below it starts
    const prefix = /^ {4}[高中低] +\d+:\d+ +/.exec(head)![0];
    const titleCol = displayWidth(prefix);
    const msgCol = lines[i + 1]!.search(/\S/);
    assert.equal(titleCol, msgCol, `${head} / ${lines[i + 1]}`);
  }
  assert.match(lines.join('\n'), /^ {4}高 {4}3:5 {2}特|^ {4}高 {4}3:5 {2}p/m);
  assert.match(lines.join('\n'), /^ {4}中 120:11 {2}/m);
});

test('table: new findings are marked, fixed ones listed, the comparison summed up', () => {
  const r = report([finding({ baseline: 'new' }), finding({ policyId: 'old', baseline: 'unchanged' })]);
  r.baseline = { file: 'main.json', new: 1, unchanged: 1, fixed: [finding({ policyId: 'gone', resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'apps', name: 'q' } })] };
  const text = renderTable(r, { color: false });
  assert.match(text, /privileged-container \(c\) \[new\]$/m);
  assert.doesNotMatch(text, /old \(c\) \[new\]/);
  assert.match(text, /^Fixed since main\.json \(1\)\n {2}high {3}Pod\/apps\/q \[gone\] \(c\) {2}a\.yaml:3$/m);
  assert.match(text, /Against main\.json: 1 new, 1 unchanged, 1 fixed/);
});

test('table: findings without a file (audit of a cluster) list their resources without a file heading', () => {
  const text = renderTable(report([finding({ location: null }), finding({ location: null, resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'apps', name: 'q' } })]), { color: false });
  assert.match(text, /^ {2}Pod\/apps\/p\n {4}high {3}privileged-container \(c\)\n {11}msg$/m);
  assert.match(text, /^ {2}Pod\/apps\/q$/m);
  assert.doesNotMatch(text, /no file/);
});

test('table: escape sequences, control characters and bidi overrides from manifests are shown escaped, never printed raw', () => {
  const evil = 'p\x1b]0;owned\x07\x1b[2J\r\n  high   fake finding\u202e';
  const r = report([finding({ resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'apps', name: evil }, message: `image ${evil}`, container: evil, location: { file: `dir/${evil}.yaml`, line: 1, column: 1 } })]);
  r.notices.push({ policyId: null, message: `notice ${evil}` });
  r.errors.push({ file: `e${evil}.yaml`, line: 2, message: `bad ${evil}` });
  for (const color of [false, true]) {
    const out = renderTable(r, { color });
    // With colour, the only escape sequences are mamori's own SGR codes.
    // eslint-disable-next-line no-control-regex -- this test is about control characters in the output
    assert.doesNotMatch(out.replace(/\x1b\[(?:\d+)m/g, ''), /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    assert.ok(out.includes('p\\x1b]0;owned\\x07\\x1b[2J\\x0d\\x0a  high   fake finding\\u{202e}'), out);
    // The forged line is not a line of its own.
    assert.doesNotMatch(out, /^ {2,}high {2,}fake finding/m);
  }
  // The report itself is not changed (json and SARIF print it exactly).
  assert.equal(r.findings[0]!.resource.name, evil);
});
