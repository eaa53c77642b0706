// The bundled CLI (dist/bundle) as installed: its scan workers, its version, its lazily loaded commands.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, ensureBuilt, mamori, scratch } from './run.js';

ensureBuilt();

test('worker threads in the bundle give the same report as the main thread', () => {
  const serial = mamori(['scan', 'examples/', '--jobs', '0', '--format', 'json']);
  const parallel = mamori(['scan', 'examples/', '--jobs', '2', '--format', 'json']);
  assert.equal(serial.code, 1, serial.stderr);
  assert.equal(parallel.code, 1, parallel.stderr);
  const strip = (s: string): unknown => { const r = JSON.parse(s) as Record<string, unknown>; delete r.generatedAt; return r; };
  assert.deepEqual(strip(parallel.stdout), strip(serial.stdout));
  assert.ok((JSON.parse(serial.stdout) as { summary: { findings: number } }).summary.findings > 0);
});

test('the bundle loads RE2 (re2js) from node_modules for a configured image regex, RE2-only syntax included', () => {
  const dir = scratch({ 'mamori.yaml': "policies:\n  untrusted-registry:\n    parameters:\n      allowedContainerImagesRegex: '^(?i:[^/]+)\\.azurecr\\.io/'\n" });
  const r = mamori(['scan', 'examples/redis-unhealthy.yaml', '--config', join(dir, 'mamori.yaml'), '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const findings = (JSON.parse(r.stdout) as { findings: { policyId: string; message: string }[] }).findings.filter((f) => f.policyId === 'untrusted-registry');
  assert.deepEqual(findings.map((f) => f.message), ['Container image redis:latest for container redis has not been allowed.']);
});

test('--version prints the version in package.json', () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const r = mamori(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), version);
});

test('top-level help still lists every command although commands load lazily', () => {
  const r = mamori(['--help']);
  assert.equal(r.code, 0);
  for (const c of ['scan', 'policies', 'serve', 'audit', 'rbac', 'versions', 'fix', 'seccomp', 'apparmor', 'export']) {
    assert.match(r.stdout, new RegExp(`^  ${c}\\b`, 'm'), c);
  }
});

test('a mistyped command is still answered with the nearest one', () => {
  const r = mamori(['scna', 'examples/']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Did you mean scan\?/);
});

test('a one-file scan loads neither node:child_process nor node:worker_threads (they load when a chart or a pool needs them)', () => {
  const dir = scratch({});
  const hook = join(dir, 'modules.cjs');
  writeFileSync(hook, "process.on('exit', () => process.stderr.write('MODULES ' + process.moduleLoadList.join(',') + '\\n'));\n");
  const r = spawnSync(process.execPath, ['--require', hook, BIN, 'scan', 'examples/redis-unhealthy.yaml', '--format', 'json', '-o', join(dir, 'out.json')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  assert.equal(r.status, 1, r.stderr);
  const loaded = /^MODULES (.*)$/m.exec(r.stderr)?.[1]?.split(',') ?? [];
  assert.ok(loaded.includes('NativeModule fs'), 'the hook saw the run');
  for (const m of ['NativeModule child_process', 'NativeModule worker_threads']) assert.ok(!loaded.includes(m), `${m} loaded`);
});

test('documents that need the yaml library (flow style, merge keys) are located by it on first use in the bundle', () => {
  const dir = scratch({
    'flow.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: flow}\nspec:\n  containers: [{name: a, image: nginx, securityContext: {privileged: true}}]\n',
    'merge.yaml': 'base: &b\n  privileged: true\napiVersion: v1\nkind: Pod\nmetadata:\n  name: merged\nspec:\n  containers:\n  - name: c\n    image: nginx\n    securityContext:\n      <<: *b\n',
  });
  const r = mamori(['scan', dir, '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { policyId: string; location: { file: string; line: number; column: number } }[] };
  const privileged = report.findings.filter((f) => f.policyId === 'privileged-container').map((f) => [f.location.file.split('/').pop(), f.location.line, f.location.column]);
  assert.deepEqual(privileged.sort(), [['flow.yaml', 5, 58], ['merge.yaml', 11, 5]]);
});
