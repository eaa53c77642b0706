// Version checks: supported window on a date, kubelet skew, deprecated and removed APIs at a target, SeccompDefault stages.
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { parseManifests } from '../../src/source/load.js';
import { analyzeVersions, seccompDefaultAt } from '../../src/versions/analyze.js';
import { RELEASES, RELEASES_AS_OF, supportedWindow, minorOf } from '../../src/versions/releases.js';
import { DEPRECATED_APIS } from '../../src/versions/deprecated-apis.js';
import type { Path } from '../../src/core/path.js';

const base = { lang: 'en' as const, today: '2026-11-22', releases: RELEASES, tableAsOf: RELEASES_AS_OF };
const node = (name: string, kubelet: string) => ({ metadata: { name }, status: { nodeInfo: { kubeletVersion: kubelet, osImage: 'Ubuntu 24.04 LTS', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://2.1.0', operatingSystem: 'linux', architecture: 'amd64' } } });

test('the supported window is the latest three minors released by the date', () => {
  assert.deepEqual(supportedWindow(RELEASES, '2026-11-22').map((r) => r.minor), ['1.37', '1.36', '1.35']);
  assert.deepEqual(supportedWindow(RELEASES, '2025-09-01').map((r) => r.minor), ['1.34', '1.33', '1.32']);
  assert.equal(minorOf('v1.35.4+k3s1'), '1.35');
  for (const r of RELEASES) assert.ok(r.released < r.endOfLife, r.minor);
});

test('a cluster outside the window: one finding with the upgrade path; inside: none', () => {
  const old = analyzeVersions({ ...base, cluster: { gitVersion: 'v1.32.9' }, nodes: [], objects: [] });
  assert.deepEqual(old.report.findings.map((f) => f.policyId), ['version-unsupported']);
  assert.match(old.report.findings[0]!.message, /v1\.32\.9, outside the supported window 1\.37, 1\.36, 1\.35 as of 2026-11-22 \(upstream end of life 2026-02-28\)/);
  assert.match(old.report.findings[0]!.remediation, /1\.32 → 1\.33 → 1\.34 → 1\.35/);
  assert.equal(old.info.cluster?.endOfLifePassed, true);
  const ok = analyzeVersions({ ...base, cluster: { gitVersion: 'v1.35.4' }, nodes: [], objects: [] });
  assert.deepEqual(ok.report.findings, []);
  assert.equal(ok.info.cluster?.supported, true);
});

test('kubelet skew: newer than the API server, or more than three minors older (two before 1.28)', () => {
  const r = analyzeVersions({ ...base, cluster: { gitVersion: 'v1.35.4' }, nodes: [node('a', 'v1.35.1'), node('b', 'v1.32.0'), node('c', 'v1.31.2'), node('d', 'v1.36.0')], objects: [] });
  assert.deepEqual(r.report.findings.map((f) => f.resource.name).sort(), ['c', 'd']);
  assert.deepEqual(r.info.nodes.map((n) => n.skew), ['ok', '3 minor(s) older (allowed)', '4 minors older (limit 3)', 'newer than the API server (1.35)']);
  assert.equal(r.info.nodes[0]!.kernel, '6.8.0');
  const old = analyzeVersions({ ...base, today: '2023-01-01', cluster: { gitVersion: 'v1.26.0' }, nodes: [node('e', 'v1.23.5')], objects: [] });
  assert.deepEqual(old.report.findings.map((f) => f.policyId), ['kubelet-version-skew']);
});

test('deprecated and removed APIs at --target-version, located on apiVersion', () => {
  const yaml = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata: {name: fs}
---
apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: nightly, namespace: ops}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fine}
`;
  const { objects } = parseManifests('m.yaml', yaml);
  const inputs = objects.map((o) => ({ object: o.object, locate: (p: Path) => o.locator.locate([...o.basePath, ...p]) }));
  const at32 = analyzeVersions({ ...base, target: '1.32', objects: inputs });
  assert.deepEqual(at32.report.findings.map((f) => `${f.policyId} ${f.resource.kind}/${f.resource.name} ${f.location?.line}`), [
    'deprecated-api-removed FlowSchema/fs 1',
    'deprecated-api-removed CronJob/nightly 5',
  ]);
  assert.match(at32.report.findings[0]!.message, /removed in 1\.32 \(target 1\.32\); use flowcontrol\.apiserver\.k8s\.io\/v1/);
  const at31 = analyzeVersions({ ...base, target: '1.31', objects: inputs });
  assert.deepEqual(at31.report.findings.map((f) => f.policyId), ['deprecated-api-deprecated', 'deprecated-api-removed']);
  const at24 = analyzeVersions({ ...base, target: '1.24', objects: inputs });
  assert.deepEqual(at24.report.findings.map((f) => f.policyId), ['deprecated-api-deprecated']);
});

test('the deprecated-API table: every entry removed after it was deprecated; the well-known removals present', () => {
  for (const d of DEPRECATED_APIS) assert.ok(Number(d.deprecatedIn.split('.')[1]) < Number(d.removedIn.split('.')[1]), `${d.apiVersion} ${d.kind}`);
  const removedIn = (v: string, k: string) => DEPRECATED_APIS.find((d) => d.apiVersion === v && d.kind === k)?.removedIn;
  assert.equal(removedIn('extensions/v1beta1', 'Ingress'), '1.22');
  assert.equal(removedIn('policy/v1beta1', 'PodSecurityPolicy'), '1.25');
  assert.equal(removedIn('autoscaling/v2beta2', 'HorizontalPodAutoscaler'), '1.26');
  assert.equal(removedIn('storage.k8s.io/v1beta1', 'CSIStorageCapacity'), '1.27');
  assert.equal(removedIn('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema'), '1.29');
});

test('SeccompDefault: unavailable before 1.22, alpha, beta from 1.25, GA from 1.27', () => {
  assert.deepEqual(['1.21', '1.22', '1.24', '1.25', '1.26', '1.27', '1.35'].map((v) => seccompDefaultAt(v, 'en').stage), ['unavailable', 'alpha', 'alpha', 'beta', 'beta', 'ga', 'ga']);
  assert.match(seccompDefaultAt('1.25', 'ja').text, /ベータ/);
});

test('versions: mamori.yaml versions.releases replaces the shipped release table, relative to the config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-versions-'));
  try {
    mkdirSync(join(dir, 'tables'));
    writeFileSync(join(dir, 'tables', 'k8s.yaml'), `asOf: 2030-01-01
releases:
  - {minor: "1.40", released: 2029-01-01, endOfLife: 2030-03-01}
  - {minor: "1.41", released: 2029-05-01, endOfLife: 2030-07-01}
  - {minor: "1.42", released: 2029-09-01, endOfLife: 2030-11-01}
`);
    writeFileSync(join(dir, 'mamori.yaml'), 'versions:\n  releases: tables/k8s.yaml\n');
    const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'mamori.js');
    const r = spawnSync(process.execPath, [bin, 'versions', '-', '--today', '2030-01-02', '--format', 'json'], { cwd: dir, input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\n', encoding: 'utf8' });
    const out = JSON.parse(r.stdout) as { versions: { tableAsOf: string; window: string[] } };
    assert.equal(out.versions.tableAsOf, '2030-01-01');
    assert.deepEqual(out.versions.window, ['1.42', '1.41', '1.40']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
