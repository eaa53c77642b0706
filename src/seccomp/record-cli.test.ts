// `mamori seccomp record` through the CLI on saved logs: the logging profile, OCI + SPO output, the JSON report, and refused flag combinations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mamori } from '../../test/kernel/helpers.js';
import { parseProfileText } from './profile.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-record-cli-'));
const rec = (pid: number, comm: string, nr: number, code = '0x7ffc0000'): string =>
  `[12245.2] audit: type=1326 audit(1796073185.500:${pid * 1000 + nr}): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=${pid} comm="${comm}" exe="/bin/busybox" sig=0 arch=c000003e syscall=${nr} compat=0 ip=0x1 code=${code}`;

test('--log-profile writes the SCMP_ACT_LOG profile (OCI and SPO) with the Localhost wiring', () => {
  const f = join(dir, 'mamori-record.json');
  const r = mamori(['seccomp', 'record', '--log-profile', f]);
  assert.equal(r.status, 0, r.stderr);
  const p = parseProfileText(readFileSync(f, 'utf8')).profile;
  assert.equal(p.defaultAction, 'SCMP_ACT_LOG');
  assert.deepEqual(p.syscalls, []);
  assert.match(r.stderr, /localhostProfile: mamori-record\.json/);
  const spo = join(dir, 'rec.yaml');
  assert.equal(mamori(['seccomp', 'record', '-q', '--log-profile', spo, '--format', 'spo', '--namespace', 'apps']).status, 0);
  const lp = parseProfileText(readFileSync(spo, 'utf8'));
  assert.equal(lp.crdName, 'rec');
  assert.equal(lp.profile.defaultAction, 'SCMP_ACT_LOG');
});

test('a saved dmesg: the chosen process\'s records become an OCI profile, an SPO SeccompProfile and a JSON report', () => {
  const log = join(dir, 'dmesg.txt');
  writeFileSync(log, [
    rec(40, 'sh', 59), rec(40, 'sh', 57), rec(41, 'chmod', 90), rec(41, 'chmod', 231),
    rec(77, 'other', 41), rec(40, 'sh', 83, '0x50001'),
    '[12246.0] kauditd_printk_skb: 17 callbacks suppressed', '',
  ].join('\n'));
  const out = join(dir, 'app.json');
  const spo = join(dir, 'app.yaml');
  const report = join(dir, 'report.json');
  const r = mamori(['seccomp', 'record', '--pid', '40,41', '-o', out, '--spo', spo, '--report', report, '--name', 'app', log]);
  assert.equal(r.status, 0, r.stderr);
  const p = parseProfileText(readFileSync(out, 'utf8')).profile;
  assert.equal(p.defaultAction, 'SCMP_ACT_ERRNO');
  const names = p.syscalls[0]!.names;
  for (const n of ['execve', 'fork', 'chmod', 'exit_group']) assert.ok(names.includes(n), n);
  assert.ok(!names.includes('socket'), 'another process\'s call');
  assert.ok(!names.includes('mkdir'), 'a call an enforcing profile refused');
  const y = parseProfileText(readFileSync(spo, 'utf8'));
  assert.equal(y.crdName, 'app');
  assert.deepEqual(y.profile.syscalls[0]!.names, names);
  const rep = JSON.parse(readFileSync(report, 'utf8')) as { tally: { kept: number; otherProcesses: number; otherActions: Record<string, number> }; processes: Array<{ pid: number }>; gaps: string[] };
  assert.equal(rep.tally.kept, 4);
  assert.equal(rep.tally.otherProcesses, 1);
  assert.deepEqual(rep.tally.otherActions, { errno: 1 });
  assert.deepEqual(rep.processes.map((x) => x.pid), [40, 41]);
  assert.ok(rep.gaps.some((g) => g.includes('dropped 17 audit records')));
  assert.match(r.stderr, /what the recording could not see/);
});

test('refusals: no selection, a malformed container ID, live-only flags on files, nothing recorded, an unreadable file', () => {
  const log = join(dir, 'one.txt');
  writeFileSync(log, `${rec(5, 'a', 0)}\n`);
  let r = mamori(['seccomp', 'record', log]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /say whose records to keep/);
  r = mamori(['seccomp', 'record', '--container', 'nope', log]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--container nope: expected a container ID/);
  r = mamori(['seccomp', 'record', '--pid', '5', '--until-exit', log]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /live kmsg source only/);
  r = mamori(['seccomp', 'record', '--comm', 'nobody', log]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no seccomp log records of the selected processes/);
  r = mamori(['seccomp', 'record', '--comm', 'a', '-o', join(dir, 'a.json'), log, join(dir, 'missing.txt')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /missing\.txt: cannot read: ENOENT/);
  assert.ok(parseProfileText(readFileSync(join(dir, 'a.json'), 'utf8')).profile.syscalls[0]!.names.includes('read'), 'the readable file is still recorded');
});

test('stdin streams records (tail -F audit.log | mamori seccomp record -)', () => {
  const r = mamori(['seccomp', 'record', '-q', '--comm', 'sh', '-'], `${rec(9, 'sh', 59)}\n${rec(9, 'sh', 1)}\n`);
  assert.equal(r.status, 0, r.stderr);
  const names = parseProfileText(r.stdout).profile.syscalls[0]!.names;
  assert.ok(names.includes('write') && names.includes('execve'));
});
