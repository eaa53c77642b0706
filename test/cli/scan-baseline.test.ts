// `mamori scan --baseline`: the CI gate that fails on new findings only, through the built binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mamori, scratch } from './run.js';
import type { Report } from '../../src/core/report.js';

const POD = (name: string, privileged: boolean, pad = 0) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: apps
${'  # padding\n'.repeat(pad)}spec:
  containers:
  - name: c
    image: x
    securityContext:
      privileged: ${privileged}
`;
const only = ['--policy', 'privileged-container'];

/** The earlier run: one privileged pod (kept) and one that will be fixed. */
function baselineRun(): { dir: string; baseline: string } {
  const dir = scratch({ 'kept.yaml': POD('kept', true), 'fixed.yaml': POD('gone', true) });
  const r = mamori(['scan', dir, ...only, '--format', 'json']);
  assert.equal(r.code, 1);
  // kept outside the scanned folder, as CI keeps it
  const baseline = join(scratch({ 'baseline.json': r.stdout }), 'baseline.json');
  return { dir, baseline };
}

test('scan --baseline: a finding moved by ten lines stays unchanged and does not fail the build; a fixed one is listed', () => {
  const { dir, baseline } = baselineRun();
  const before = (JSON.parse(readFileSync(baseline, 'utf8')) as Report).findings.find((f) => f.resource.name === 'kept')!;
  writeFileSync(join(dir, 'kept.yaml'), POD('kept', true, 10));
  writeFileSync(join(dir, 'fixed.yaml'), POD('gone', false));
  const r = mamori(['scan', dir, ...only, '--baseline', baseline, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as Report;
  const kept = report.findings.find((f) => f.resource.name === 'kept')!;
  assert.equal(kept.location!.line, before.location!.line + 10);
  assert.equal(kept.baseline, 'unchanged');
  assert.deepEqual(report.baseline && { new: report.baseline.new, unchanged: report.baseline.unchanged }, { new: 0, unchanged: 1 });
  assert.deepEqual(report.baseline!.fixed.map((f) => f.resource.name), ['gone']);
  // --fail-on-existing counts the unchanged one again
  assert.equal(mamori(['scan', dir, ...only, '--baseline', baseline, '--fail-on-existing']).code, 1);
  // the table lists the fixed one and sums up
  const table = mamori(['scan', dir, ...only, '--baseline', baseline]).stdout;
  assert.match(table, /^Fixed since .*baseline\.json \(1\)\n {2}medium Pod\/apps\/gone \[privileged-container\] \(c\)/m);
  assert.match(table, /: 0 new, 1 unchanged, 1 fixed/);
});

test('scan --baseline: a new finding fails the build and is marked new in JSON, table and SARIF', () => {
  const { dir, baseline } = baselineRun();
  writeFileSync(join(dir, 'added.yaml'), POD('added', true));
  const r = mamori(['scan', dir, ...only, '--baseline', baseline, '--format', 'json']);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout) as Report;
  assert.deepEqual(report.findings.map((f) => `${f.resource.name} ${f.baseline}`).sort(), ['added new', 'gone unchanged', 'kept unchanged']);
  assert.equal(report.baseline!.fixed.length, 0);
  assert.match(mamori(['scan', dir, ...only, '--baseline', baseline]).stdout, /^ {4}medium +\d+:\d+ {2}\S.*\[privileged-container\] \(c\) \[new\]$/m);
  const sarif = JSON.parse(mamori(['scan', dir, ...only, '--baseline', baseline, '--format', 'sarif']).stdout) as { runs: { results: { partialFingerprints: Record<string, string>; baselineState?: string }[] }[] };
  const results = sarif.runs[0]!.results;
  assert.ok(results.every((x) => /^privileged-container\|Pod\/apps\/\w+\|c\|spec\.containers\[0\]\.securityContext\.privileged$/.test(x.partialFingerprints['mamori/v1']!)));
  assert.deepEqual(results.map((x) => x.baselineState).sort(), ['new', 'unchanged', 'unchanged']);
});

test('scan --baseline: an unreadable or foreign baseline is a usage error naming the file (exit 2)', () => {
  const dir = scratch({ 'pod.yaml': POD('p', true) });
  const bad = scratch({ 'not.json': '{"runs": []}', 'broken.json': '{' });
  for (const [file, why] of [['missing.json', /cannot read it \(ENOENT\)/], ['not.json', /not a mamori JSON report/], ['broken.json', /not JSON/]] as const) {
    const r = mamori(['scan', dir, ...only, '--baseline', join(bad, file)]);
    assert.equal(r.code, 2, file);
    assert.match(r.stderr, new RegExp(`--baseline .*${file.replace('.', '\\.')}: `));
    assert.match(r.stderr, why);
  }
});
