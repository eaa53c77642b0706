// `seccomp record`'s pure parts: record actions, loss notices, stamps, kmsg records, cgroup matching, which records a recording keeps and what it says it missed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditStamp, parseAuditSeccomp } from './audit-line.js';
import { lossNotice, seccompAction } from './record-line.js';
import { cgroupMatches, liftPrintkRatelimit, lostSince, parseContainerId, parseKmsgRecord, parsePodUid, parseProcStat } from './record-live.js';
import { loggingProfile, Recording, recordingGaps, type Attribute } from './record.js';
import { formatRecordText, recordReport } from './record-report.js';
import { generateProfile } from './generate.js';
import { syscallName } from './syscall-table.js';

const CID = '3f2a9c7be1d04a5f8c6b2e1d0a9f8e7d6c5b4a3928170615f4e3d2c1b0a99887';
const UID = '0b7e6c1a-2d3f-4e5a-8b9c-0d1e2f3a4b5c';

/** A dmesg line as this kernel prints it (x86_64, SECCOMP_RET_LOG unless told). */
function dmesg(pid: number, comm: string, nr: number, o: { time?: number; code?: string; exe?: string } = {}): string {
  return `[12245.202944] audit: type=1326 audit(${(o.time ?? 1796073185.5).toFixed(3)}:${nr + pid}): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=${pid} comm="${comm}" exe="${o.exe ?? '/bin/busybox'}" sig=0 arch=c000003e syscall=${nr} compat=0 ip=0x47d9d0 code=${o.code ?? '0x7ffc0000'}`;
}

test('seccompAction: the kernel\'s hex codes (data bits ignored) and ausearch\'s words', () => {
  assert.equal(seccompAction('0x7ffc0000'), 'log');
  assert.equal(seccompAction('0x50001'), 'errno');
  assert.equal(seccompAction('0x00050026'), 'errno');
  assert.equal(seccompAction('0x80000000'), 'kill_process');
  assert.equal(seccompAction('0x0'), 'kill_thread');
  assert.equal(seccompAction('0x7fff0000'), 'allow');
  assert.equal(seccompAction('log'), 'log');
  assert.equal(seccompAction('kill-process'), 'kill_process');
  assert.equal(seccompAction('0x12340000'), 'unknown');
  assert.equal(seccompAction('0x7ffc00001'), 'unknown');
  assert.equal(seccompAction(null), 'unknown');
});

test('lossNotice: printk callbacks, audit backlog and lost counters, journald suppression; others are not losses', () => {
  assert.deepEqual(lossNotice('[12469.493867] kauditd_printk_skb: 1681 callbacks suppressed')?.count, 1681);
  assert.equal(lossNotice('[1.0] kauditd_printk_skb: 1681 callbacks suppressed')?.kind, 'printk-ratelimit');
  assert.equal(lossNotice('audit: audit_backlog=65 > audit_backlog_limit=64')?.kind, 'audit-backlog');
  assert.deepEqual(lossNotice('audit: audit_lost=37 audit_rate_limit=0 audit_backlog_limit=64'), { kind: 'audit-lost', count: 37, text: 'audit: audit_lost=37 audit_rate_limit=0 audit_backlog_limit=64' });
  assert.equal(lossNotice('audit: backlog limit exceeded')?.kind, 'audit-backlog');
  assert.equal(lossNotice('Nov 30 21:00:01 node systemd-journald[211]: Suppressed 4523 messages from /kubepods/pod1')?.count, 4523);
  assert.equal(lossNotice('mamori0: port 4(veth820510e7) entered disabled state'), null);
  assert.equal(lossNotice(dmesg(1, 'sh', 0)), null);
});

test('audit stamps: epoch (dmesg, audit.log) and local time (ausearch -i); records carry pid, comm, exe, time, serial', () => {
  assert.deepEqual(auditStamp('audit(1796073135.876:8642):'), { time: 1796073135.876, serial: 8642 });
  const local = auditStamp('type=SECCOMP msg=audit(11/30/2026 21:00:00.250:77) : pid=1');
  assert.equal(local?.serial, 77);
  assert.equal(local?.time, new Date(2026, 10, 30, 21, 0, 0).getTime() / 1000 + 0.25);
  assert.equal(auditStamp('no stamp here'), null);
  const r = parseAuditSeccomp(dmesg(1958, 'ls', 217, { time: 1796073186.25 }))!;
  assert.deepEqual([r.pid, r.comm, r.exe, r.time, r.serial, r.arch, r.syscall, r.code], [1958, 'ls', '/bin/busybox', 1796073186.25, 2175, 'x86_64', '217', '0x7ffc0000']);
});

test('kmsg records: sequence number, time and message; continuation lines and malformed heads', () => {
  assert.deepEqual(parseKmsgRecord('5,4467,12495338814,-;audit: type=1326 x=1\n SUBSYSTEM=foo\n'), { seq: 4467, usec: 12495338814, message: 'audit: type=1326 x=1' });
  assert.deepEqual(parseKmsgRecord('6,12,1,c;a;b'), { seq: 12, usec: 1, message: 'a;b' });
  assert.equal(parseKmsgRecord('no semicolon'), null);
  assert.equal(parseKmsgRecord('6,x,1,-;msg'), null);
  assert.equal(parseKmsgRecord('6,12,-1,-;msg'), null);
});

test('proc stat: state, parent and whether it exits, whatever the command name holds', () => {
  assert.deepEqual(parseProcStat('4242 (sh) Z 4240 4242 1 0 -1 4227084 0'), { state: 'Z', ppid: 4240, exiting: true });
  assert.deepEqual(parseProcStat('7 (a) b (c) R 1 7 7 0 -1 4194560 12'), { state: 'R', ppid: 1, exiting: false }, 'a comm with spaces and parentheses');
  assert.deepEqual(parseProcStat('9 (chmod) R 8 8 8 0 -1 4194564 0'), { state: 'R', ppid: 8, exiting: true }, 'running, but PF_EXITING is set');
  assert.equal(parseProcStat(''), null);
  assert.equal(parseProcStat('7 (sh'), null);
  assert.equal(parseProcStat('7 (sh) Z x 1 1 0 -1 0'), null);
  assert.equal(parseProcStat('7 (sh) R 1 1 1'), null, 'no flags field');
});

test('kmsg losses count only when they may hold records logged since the recording began', () => {
  const at = (seq: number, usec: number) => ({ seq, usec });
  assert.equal(lostSince(null, at(900, 5), 100), 0, 'the first record read: nothing known to be lost');
  assert.equal(lostSince(10, at(11, 500), 100), 0, 'consecutive');
  assert.equal(lostSince(10, at(15, 500), 100), 4, 'lost records between, logged up to 500 µs: maybe the recording\'s');
  assert.equal(lostSince(10, at(15, 99), 100), 0, 'the next record predates the start, so every lost one does too');
  assert.equal(lostSince(10, at(15, 100), 100), 4, 'at the start itself: counted');
  assert.equal(lostSince(10, at(15, 99), null), 4, 'no start given: every loss counts');
});

test('container, Pod and cgroup scopes against /proc/PID/cgroup as cgroupfs, systemd and cgroup v2 write it', () => {
  const v1 = `9:name=systemd:/kubepods/besteffort/pod${UID}/${CID}\n8:pids:/kubepods/besteffort/pod${UID}/${CID}\n0::/\n`;
  const systemd = `0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${UID.replace(/-/g, '_')}.slice/cri-containerd-${CID}.scope\n`;
  for (const text of [v1, systemd]) {
    assert.ok(cgroupMatches(text, { kind: 'container', id: CID }));
    assert.ok(cgroupMatches(text, { kind: 'container', id: CID.slice(0, 12) }));
    assert.ok(cgroupMatches(text, { kind: 'pod', uid: UID }));
    assert.ok(!cgroupMatches(text, { kind: 'container', id: 'a'.repeat(64) }));
    assert.ok(!cgroupMatches(text, { kind: 'pod', uid: '11111111-2222-3333-4444-555555555555' }));
  }
  assert.ok(cgroupMatches(v1, { kind: 'cgroup', path: `/kubepods/besteffort/pod${UID}` }));
  assert.ok(cgroupMatches(v1, { kind: 'cgroup', path: `/kubepods/besteffort/pod${UID}/` }));
  assert.ok(!cgroupMatches(v1, { kind: 'cgroup', path: '/kubepods/best' }), 'a path prefix that is not a parent folder');
  assert.ok(!cgroupMatches('8:pids:/other\n', { kind: 'cgroup', path: '/kubepods' }));
  assert.equal(parseContainerId(`containerd://${CID}`), CID);
  assert.equal(parseContainerId('cri-o://abc'), null);
  assert.equal(parsePodUid(UID), UID);
  assert.equal(parsePodUid('pod'), null);
});

test('the logging profile allows and logs every call on the node\'s arches', () => {
  assert.deepEqual(loggingProfile('x86_64'), { defaultAction: 'SCMP_ACT_LOG', architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'], syscalls: [] });
  assert.deepEqual(loggingProfile('aarch64').architectures, ['SCMP_ARCH_AARCH64']);
});

test('selectors: pid, comm, exe and time window must all match; records of other actions are counted, never kept', () => {
  const r = new Recording('x86_64', { comms: new Set(['ls', 'sh']), exes: new Set(['/bin/busybox']), since: 1796073185, until: 1796073190 });
  r.line(dmesg(10, 'ls', 217), 'k');
  r.line(dmesg(10, 'ls', 217), 'k');
  r.line(dmesg(11, 'sh', 59), 'k');
  r.line(dmesg(12, 'cat', 0), 'k');
  r.line(dmesg(13, 'ls', 1, { exe: '/usr/bin/ls' }), 'k');
  r.line(dmesg(10, 'ls', 90, { time: 1796073100 }), 'k');
  r.line(dmesg(10, 'ls', 90, { code: '0x50001' }), 'k');
  r.line(dmesg(10, 'ls', 90, { code: '0x80000000' }), 'k');
  r.line('mamori0: port 4 entered disabled state', 'k');
  r.end();
  assert.deepEqual(r.collector.names('x86_64'), ['execve', 'getdents64']);
  assert.equal(r.tally.kept, 3);
  assert.equal(r.tally.otherProcesses, 2);
  assert.equal(r.tally.outsideWindow, 1);
  assert.deepEqual(r.tally.otherActions, { errno: 1, kill_process: 1 });
  assert.equal(r.tally.lines, 9);
  const pids = new Recording('x86_64', { pids: new Set([11]) });
  pids.line(dmesg(10, 'ls', 217), 'k');
  pids.line(dmesg(11, 'sh', 59), 'k');
  assert.deepEqual(pids.collector.names('x86_64'), ['execve']);
});

test('every layout seccomp generate reads: dmesg, raw kmsg, journalctl -k, audit.log with enrichment, ausearch -i', () => {
  const lines = [
    dmesg(5, 'app', 0),
    '5,4467,12495338814,-;audit: type=1326 audit(1796073185.500:1): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=5 comm="app" exe="/app" sig=0 arch=c000003e syscall=1 compat=0 ip=0x1 code=0x7ffc0000',
    'Nov 30 21:00:00 node kernel: audit: type=1326 audit(1796073185.500:2): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=5 comm="app" exe="/app" sig=0 arch=c000003e syscall=2 compat=0 ip=0x1 code=0x7ffc0000',
    'type=SECCOMP msg=audit(1796073185.500:3): auid=4294967295 uid=0 gid=0 ses=4294967295 subj=unconfined pid=5 comm="app" exe="/app" sig=0 arch=c000003e syscall=3 compat=0 ip=0x1 code=0x7ffc0000\x1dAUID="unset" UID="root" GID="root" ARCH=x86_64 SYSCALL=close',
    'type=SECCOMP msg=audit(11/30/2026 21:00:00.500:4) : auid=unset uid=root gid=root ses=unset subj=unconfined pid=5 comm=app exe=/app sig=SIG0 arch=x86_64 syscall=openat compat=0 ip=0x1 code=log',
    'type=SECCOMP msg=audit(11/30/2026 21:00:00.500:5) : auid=unset uid=root pid=5 comm=app exe=/app sig=SIG0 arch=x86_64 syscall=mkdirat compat=0 ip=0x1 code=kill',
  ];
  const r = new Recording('x86_64', { pids: new Set([5]) });
  for (const l of lines) r.line(l, 'mixed');
  r.end();
  assert.deepEqual(r.collector.names('x86_64'), ['close', 'open', 'openat', 'read', 'write']);
  assert.deepEqual(r.tally.otherActions, { kill_thread: 1 });
});

test('attribution: live processes in or out, exited ones added only while nothing outside logged (auto), or as told', () => {
  const where: Record<number, ReturnType<Attribute>> = { 20: 'in', 21: 'gone', 22: 'out', 23: 'gone' };
  const asked: number[] = [];
  const attribute: Attribute = (pid) => { asked.push(pid); return where[pid] ?? 'gone'; };
  const start = 1796073185;
  const run = (policy: 'auto' | 'keep' | 'drop', withOutsider: boolean): Recording => {
    asked.length = 0;
    const r = new Recording('x86_64', {}, attribute, start, policy);
    r.line(dmesg(20, 'sh', 59, { time: start + 1 }), 'k');
    r.line(dmesg(20, 'sh', 57, { time: start + 1 }), 'k');
    r.line(dmesg(21, 'chmod', 90, { time: start + 1 }), 'k');
    r.line(dmesg(23, 'old', 2, { time: start - 60 }), 'k');
    if (withOutsider) r.line(dmesg(22, 'other', 0, { time: start + 2 }), 'k');
    r.end();
    return r;
  };
  const auto = run('auto', false);
  assert.deepEqual(auto.collector.names('x86_64'), ['chmod', 'execve', 'fork']);
  assert.equal(auto.tally.exited, 'added');
  assert.equal(asked.filter((p) => p === 20).length, 1, 'a placed pid is looked up once');
  assert.ok(!auto.collector.names('x86_64').includes('open'), 'a process that exited before the recording began is never added');
  assert.ok(recordingGaps(auto, { printkRatelimit: 0, readsKernelLog: true }).some((g) => /1 processes exited before .* were added/.test(g)));
  assert.ok(recordingGaps(auto, { printkRatelimit: 0, readsKernelLog: true }).some((g) => /1 processes logged before the recording began/.test(g)));

  const shared = run('auto', true);
  assert.deepEqual(shared.collector.names('x86_64'), ['execve', 'fork']);
  assert.equal(shared.tally.exited, 'dropped');
  const gap = recordingGaps(shared, { printkRatelimit: 0, readsKernelLog: true }).find((g) => g.startsWith('pid 21'));
  assert.match(gap ?? '', /chmod.*not added: chmod .*live processes outside the container/);

  assert.deepEqual(run('keep', true).collector.names('x86_64'), ['chmod', 'execve', 'fork']);
  assert.deepEqual(run('drop', false).collector.names('x86_64'), ['execve', 'fork']);
});

test('what the recording could not see: rate limits, backlog, overwritten log, lost counters, other actions', () => {
  const r = new Recording('x86_64', { pids: new Set([5]) });
  r.line(dmesg(5, 'app', 0), 'k');
  r.line('[1.0] kauditd_printk_skb: 12 callbacks suppressed', 'k');
  r.line('[2.0] kauditd_printk_skb: 30 callbacks suppressed', 'k');
  r.line('audit: audit_backlog=65 > audit_backlog_limit=64', 'k');
  r.line('audit: audit_lost=3 audit_rate_limit=0 audit_backlog_limit=64', 'k');
  r.line('audit: audit_lost=9 audit_rate_limit=0 audit_backlog_limit=64', 'k');
  r.line(dmesg(6, 'x', 0, { code: '0x50001' }), 'k');
  r.logOverwritten(40);
  r.logOverwritten(2);
  r.end();
  const gaps = recordingGaps(r, { printkRatelimit: 5, readsKernelLog: true });
  assert.ok(gaps.some((g) => g.includes('dropped 42 audit records')));
  assert.ok(gaps.some((g) => g.includes('1 backlog or rate-limit overflows')));
  assert.ok(gaps.some((g) => g.includes('9 lost records')));
  assert.ok(gaps.some((g) => g.startsWith('42 kernel log records were overwritten')));
  assert.ok(gaps.some((g) => g.includes('errno: 1')));
  assert.ok(gaps[0]!.startsWith('only the code paths'));
  // no suppression seen yet, but the limit is on: the user is told before records go missing
  const quiet = new Recording('x86_64', { pids: new Set([5]) });
  quiet.line(dmesg(5, 'app', 0), 'k');
  assert.ok(recordingGaps(quiet, { printkRatelimit: 5, readsKernelLog: true }).some((g) => g.startsWith('kernel.printk_ratelimit is 5')));
  assert.ok(!recordingGaps(quiet, { printkRatelimit: 0, readsKernelLog: true }).some((g) => g.includes('printk')));

  const g = generateProfile(r.collector, { runtime: 'none', defaultAction: 'SCMP_ACT_ERRNO', source: 'recording' });
  const text = formatRecordText(recordReport(r, g, { sources: ['k'], selection: 'pid 5', gaps }));
  assert.match(text, /recorded 1 seccomp log records of pid 5 from k/);
  assert.match(text, /pid 5 app \(\/bin\/busybox\): 1 records/);
  assert.match(text, /what the recording could not see:\n {2}- only the code paths/);
  assert.ok(!g.notes.some((n) => /application trace/.test(n.message)), 'trace-shaped notes stay out of a recording');
});

test('lifting the printk rate limit restores the value it found, or the one another tool put back meanwhile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-rl-'));
  const f = join(dir, 'printk_ratelimit');
  writeFileSync(f, '5\n');
  const a = liftPrintkRatelimit(f);
  assert.equal(readFileSync(f, 'utf8'), '0');
  a.keep();
  assert.equal(readFileSync(f, 'utf8'), '0');
  a.restore();
  assert.equal(readFileSync(f, 'utf8'), '5');
  // another recording lifted it first and restores its value during ours
  writeFileSync(f, '0');
  const b = liftPrintkRatelimit(f);
  writeFileSync(f, '7');
  b.keep();
  assert.equal(readFileSync(f, 'utf8'), '0');
  b.restore();
  assert.equal(readFileSync(f, 'utf8'), '7');
});

test('property: a recording keeps exactly the logged calls of the selected pids, whatever else the log holds', () => {
  const entry = fc.record({ pid: fc.integer({ min: 1, max: 6 }), nr: fc.constantFrom(0, 1, 2, 3, 9, 59, 90, 217, 231), log: fc.boolean(), noise: fc.constantFrom('', 'mamori0: port 1 entered', 'kauditd_printk_skb: 3 callbacks suppressed', 'audit: type=1400 apparmor="DENIED"') });
  fc.assert(fc.property(fc.array(entry, { maxLength: 60 }), fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }), (entries, chosen) => {
    const r = new Recording('x86_64', { pids: new Set(chosen) });
    const expected = new Set<string>();
    for (const e of entries) {
      r.line(dmesg(e.pid, 'p', e.nr, { code: e.log ? '0x7ffc0000' : '0x50001' }), 'k');
      if (e.noise) r.line(e.noise, 'k');
      if (e.log && chosen.includes(e.pid)) expected.add(syscallName('x86_64', e.nr)!);
    }
    r.end();
    assert.deepEqual(r.collector.names('x86_64'), [...expected].sort());
    assert.equal(r.tally.kept, entries.filter((e) => e.log && chosen.includes(e.pid)).length);
  }), { numRuns: 200, seed: 17 });
});
