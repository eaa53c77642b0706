// The seccomp/apparmor commands end to end through mamori's CLI: output formats, exit codes, bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mamori } from '../../test/kernel/helpers.js';
import { parseProfileText } from './profile.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-cli-'));

test('lint prints SARIF and JUnit; exit 1 on findings; --fail-on none gives 0', () => {
  const sarif = mamori(['seccomp', 'lint', '-f', 'sarif', 'examples/prevent-chmod-legacy.json']);
  assert.equal(sarif.status, 1, sarif.stderr);
  const doc = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
  assert.equal(doc.version, '2.1.0');
  const legacy = doc.runs[0]!.results.find((r) => r.ruleId === 'seccomp-legacy-name')!;
  assert.equal(legacy.locations[0]!.physicalLocation.region.startLine, 4);
  const junit = mamori(['seccomp', 'lint', '-f', 'junit', '--fail-on', 'none', 'examples/prevent-chmod.json']);
  assert.equal(junit.status, 0);
  assert.match(junit.stdout, /<testsuites/);
  assert.match(junit.stdout, /seccomp-unknown-syscall/);
});

test('lint: an unparsable file is an error naming file and line (exit 2) while the others are linted', () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": [,]\n}\n');
  const r = mamori(['seccomp', 'lint', '-f', 'json', bad, 'examples/prevent-chmod.json', join(dir, 'missing.json')]);
  assert.equal(r.status, 2);
  const rep = JSON.parse(r.stdout) as { errors: Array<{ file: string; line: number | null; message: string }>; findings: Array<{ resource: { name: string } }> };
  assert.equal(rep.errors.length, 2);
  assert.equal(rep.errors[0]!.line, 3);
  assert.match(rep.errors[0]!.message, /column/);
  assert.ok(rep.findings.some((f) => f.resource.name === 'examples/prevent-chmod.json'));
});

test('generate reads stdin and writes an SPO SeccompProfile; garbage input exits 2 without a profile', () => {
  const trace = 'execve("/bin/true", ["true"], 0x1 /* 1 var */) = 0\nbrk(NULL) = 0x1\nexit_group(0) = ?\n';
  const r = mamori(['seccomp', 'generate', '-q', '--format', 'spo', '--name', 'true-prof', '--runtime', 'none', '-'], trace);
  assert.equal(r.status, 0, r.stderr);
  const lp = parseProfileText(r.stdout);
  assert.equal(lp.dialect, 'spo');
  assert.equal(lp.crdName, 'true-prof');
  assert.deepEqual(lp.profile.syscalls[0]!.names, ['brk', 'execve', 'exit', 'exit_group', 'restart_syscall', 'rt_sigreturn']);
  const g = mamori(['seccomp', 'generate', '-'], 'just some text\n');
  assert.equal(g.status, 2);
  assert.equal(g.stdout, '');
  assert.match(g.stderr, /no syscalls found/);
});

test('diff against runtime-default flags a deny-list profile as looser; merge --check', () => {
  const d = mamori(['seccomp', 'diff', '--against', 'runtime-default', 'examples/prevent-chmod.json']);
  assert.equal(d.status, 1);
  assert.match(d.stdout, /\+ kexec_load\s+\(RuntimeDefault refuses\)/);
  assert.match(d.stdout, /- chmod/);
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  writeFileSync(a, '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"}]}');
  writeFileSync(b, '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}');
  assert.equal(mamori(['seccomp', 'merge', '--check', a, b]).status, 0);
  const m = mamori(['seccomp', 'merge', '--check', b, a]);
  assert.equal(m.status, 1);
  assert.match(m.stdout, /lacks on x86_64: write/);
});

test('apparmor generate prints the Kubernetes wiring; bad description is a usage error', () => {
  const r = mamori(['apparmor', 'generate', '--name', 'web', '--container', 'nginx']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^#include <tunables\/global>/);
  assert.match(r.stderr, /localhostProfile: web/);
  assert.match(r.stderr, /container\.apparmor\.security\.beta\.kubernetes\.io\/nginx: localhost\/web/);
  const bad = mamori(['apparmor', 'generate', '--name', 'web', '--cap', 'sys_foo']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /sys_foo/);
});
