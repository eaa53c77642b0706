// Parser tests over the strace forms, -c tables and audit layouts the spec lists, including the tricky cases of its §2.5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { parseStraceLine, splitCall } from './strace-line.js';
import { TraceCollector } from './trace-reader.js';
import { readTraceStream } from './read-traces.js';
import { forEachLine, MAX_LINE } from './line-stream.js';

async function collect(text: string, filePid: number | null = null): Promise<TraceCollector> {
  const c = new TraceCollector();
  await readTraceStream(c, Readable.from([text]), 't', 'x86_64', filePid);
  return c;
}
const names = (c: TraceCollector, arch = 'x86_64') => c.names(arch);

test('prefix columns: -f -o pid, [pid N], -Y comm, -tt, -ttt, -r, -n, -i', () => {
  const cases: Array<[string, number | null, number | null, string]> = [
    ['8486  openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3', 8486, null, 'openat'],
    ['[pid  7292] read(3, "x", 1) = 1', 7292, null, 'read'],
    ['[pid 14829<sh>] getpid() = 14829<sh>', 14829, null, 'getpid'],
    ['14835<strace> execve("/bin/sh", ["sh"], 0x7ffd /* 35 vars */) = 0', 14835, null, 'execve'],
    ['21:14:45.037314 brk(NULL) = 0x5590ea968000', null, null, 'brk'],
    ['1795382085.048331 brk(NULL) = 0x5590ea968000', null, null, 'brk'],
    ['     0.000262 mmap(NULL, 8192) = 0x7f', null, null, 'mmap'],
    ['8541       0.000000 execve("/bin/true", ["true"], 0x7ffc /* 3 vars */) = 0', 8541, null, 'execve'],
    ['16404<sh> 21:18:56.694973 [  12] [00007f9fde00ac47] brk(NULL) = 0x5590ea968000 <0.000011>', 16404, 12, 'brk'],
    ['21:14:45 close(3) = 0', null, null, 'close'],
  ];
  for (const [line, pid, nr, name] of cases) {
    const ev = parseStraceLine(line);
    assert.equal(ev.kind, 'syscall', line);
    if (ev.kind !== 'syscall') continue;
    assert.equal(ev.pid, pid, line);
    assert.equal(ev.nr, nr, line);
    assert.equal(ev.name, name, line);
  }
});

test('non-syscall lines: signals, exits, notices, personality, stack frames', () => {
  assert.equal(parseStraceLine('--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED} ---').kind, 'signal');
  assert.equal(parseStraceLine('8486  +++ exited with 0 +++').kind, 'exit');
  assert.equal(parseStraceLine('[pid  7] +++ killed by SIGTERM (core dumped) +++').kind, 'exit');
  assert.equal(parseStraceLine('--- stopped by SIGSTOP ---').kind, 'signal');
  assert.equal(parseStraceLine('strace: Process 8493 attached').kind, 'notice');
  const p = parseStraceLine('[ Process PID=7024 runs in 32 bit mode. ]');
  assert.deepEqual(p, { kind: 'personality', pid: 7024, mode: '32' });
  assert.equal(parseStraceLine(' > /usr/lib/x86_64-linux-gnu/libc.so.6(__open+0x4b) [0xf1a4b]').kind, 'stack');
});

test('quoted strings holding look-alike text never change what a line is', () => {
  const line = 'write(1, "x) = 0\\n<... read resumed>\\n--- SIGCHLD\\n+++ exited with 0 +++\\n", 52) = 52';
  const ev = parseStraceLine(line);
  assert.equal(ev.kind, 'syscall');
  if (ev.kind !== 'syscall') return;
  assert.equal(ev.name, 'write');
  assert.equal(ev.unfinished, false);
  const parts = splitCall(ev.body);
  assert.equal(parts.ret, '52');
  assert.match(parts.args, /exited with 0/);
});

test('splitCall: errors, ?, unavailable, -T durations, -yy fds, nested brackets and ==', () => {
  assert.deepEqual(splitCall('"/x", R_OK) = -1 ENOENT (No such file or directory)'), { args: '"/x", R_OK', ret: '-1', errno: 'ENOENT', duration: null, complete: true });
  assert.equal(splitCall('0) = ?').ret, '?');
  assert.equal(splitCall('{tv_sec=1}, NULL) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)').errno, 'ERESTART_RESTARTBLOCK');
  assert.equal(splitCall('3) = ? <unavailable>').errno, null);
  assert.equal(splitCall('NULL) = 0x5590ea968000 <0.000011>').duration, '0.000011');
  assert.equal(splitCall('AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[25521]>').ret, '3');
  assert.equal(splitCall('-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 14856').ret, '14856');
  assert.equal(splitCall('SIG_SETMASK, [],  <unfinished ...>').complete, false);
});

test('unfinished/resumed pairs across tasks count once per name; unmatched halves are tolerated', async () => {
  const c = await collect([
    '100   wait4(-1,  <unfinished ...>',
    '101   execve("/bin/true", ["true"], 0x1 /* 1 var */) = 0',
    '101   exit_group(0)                    = ?',
    '101   +++ exited with 0 +++',
    '100   <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 101',
    '100   rt_sigprocmask(SIG_SETMASK, [],  <unfinished ...>',
    '100   +++ exited with 0 +++',
    '102   <... nanosleep resumed>NULL) = 0',
  ].join('\n'));
  assert.deepEqual(names(c), ['execve', 'exit_group', 'nanosleep', 'rt_sigprocmask', 'wait4']);
  assert.equal(c.stats.unresumed, 1);
});

test('a notice spliced into a call line is stripped and the tail on the next line is not a new event', async () => {
  const c = await collect([
    'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLDstrace: Process 8493 attached',
    ' => {parent_tid=[7294]}, 88) = 7294',
    '[pid  8493] execve("/bin/ls", ["ls"], 0x1 /* 1 var */) = 0',
  ].join('\n'));
  assert.deepEqual(names(c), ['clone', 'execve']);
  assert.equal(c.stats.unrecognized, 0);
});

test('restart_syscall adds the interrupted call too', async () => {
  const c = await collect('restart_syscall(<... resuming interrupted clock_nanosleep ...>) = 0\n');
  assert.deepEqual(names(c), ['clock_nanosleep', 'restart_syscall']);
});

test('syscall_0x1f4 / syscall_NNN resolve through the table or are reported', async () => {
  const c = await collect('syscall_0x1c8(0x1) = -1 ENOSYS (Function not implemented)\nsyscall_500(0x7ffe) = -1 ENOSYS (Function not implemented)\n');
  assert.deepEqual(names(c), ['futex_requeue']);
  assert.equal(c.stats.unknownNumbers, 1);
  assert.ok(c.notes.some((n) => /syscall_500/.test(n.message)));
});

test('32-bit personality: stderr notices switch the arch; with -o only -n numbers reveal it', async () => {
  const stderr = await collect([
    '[pid  7024] getpid() = 7024',
    '[ Process PID=7024 runs in 32 bit mode. ]',
    '[pid  7024] socketcall(SYS_SOCKET, [1, 1, 0]) = 3',
    '[ Process PID=7024 runs in 64 bit mode. ]',
    '[pid  7024] exit_group(0) = ?',
  ].join('\n'));
  assert.deepEqual(names(stderr, 'x86'), ['socketcall']);
  assert.deepEqual(names(stderr, 'x86_64'), ['exit_group', 'getpid']);
  const withN = await collect('7024  [  39] getpid() = 7024\n7024  [  20] getpid() = 7024\n');
  assert.deepEqual(names(withN, 'x86'), ['getpid']);
  assert.deepEqual(names(withN, 'x86_64'), ['getpid']);
});

test('strace -c tables: blank errors column, 32-bit second table, total row, -U custom columns', async () => {
  const c = await collect([
    '% time     seconds  usecs/call     calls    errors syscall',
    '------ ----------- ----------- --------- --------- ----------------',
    ' 28.34    0.000070           5        13         8 newfstatat',
    '  9.23    0.000006           0        30           mmap',
    '  0.00    0.000000           0         1           set_mempolicy_home_node',
    '------ ----------- ----------- --------- --------- ----------------',
    '100.00    0.000247           3        71        10 total',
    'System call usage summary for 32 bit mode:',
    '% time     seconds  usecs/call     calls    errors syscall',
    '------ ----------- ----------- --------- --------- ----------------',
    '100.00    0.000010          10         1           socketcall',
    '------ ----------- ----------- --------- --------- ----------------',
    '100.00    0.000010          10         1           total',
    'syscall            calls    errors',
    '------------------ -------- --------',
    'openat                   34        13',
    '------------------ -------- --------',
    'total                    34        13',
  ].join('\n'));
  assert.deepEqual(names(c), ['mmap', 'newfstatat', 'openat', 'set_mempolicy_home_node']);
  assert.deepEqual(names(c, 'x86'), ['socketcall']);
  assert.equal(c.usedSummary, true);
  assert.equal(c.stats.unrecognized, 0);
});

test('strace -C: trace lines then the table in one stream', async () => {
  const c = await collect('brk(NULL) = 0x1\n% time     seconds  usecs/call     calls    errors syscall\n------ ----------- ----------- --------- --------- ----------------\n100.00 0.000001 1 1 brk\n------ ----------- ----------- --------- --------- ----------------\n100.00 0.000001 1 1 total\n');
  assert.deepEqual(names(c), ['brk']);
});

test('audit layouts: dmesg, syslog, journald, auditd enriched, ausearch -i, aarch64 and i386', async () => {
  const c = await collect([
    '[  391.32] audit: type=1326 audit(1795382109.257:6): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=9 comm="ls" exe="/usr/bin/ls" sig=0 arch=c000003e syscall=257 compat=0 ip=0x7f code=0x7ffc0000',
    'Jan 11 09:11:34 host kernel: [ 1019.14] audit: type=1326 audit(1.2:3): auid=1 uid=0 gid=0 ses=1 pid=5 comm="x" exe="/x" sig=0 arch=c00000b7 syscall=56 compat=0 ip=0x1 code=0x7ffc0000',
    'Sep 11 09:58:02 host audit[566404]: SECCOMP auid=4294967295 uid=0 gid=0 ses=4294967295 pid=566404 comm="runc:[2:INIT]" exe="/" sig=0 arch=c000003e syscall=125 compat=0 ip=0x1 code=0x50000',
    'type=SECCOMP msg=audit(1795382118.913:13): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=7 comm="cat" exe="/usr/bin/cat" sig=0 arch=c000003e syscall=0 compat=0 ip=0x7f code=0x7ffc0000\x1dAUID="unset" UID="root" GID="root" ARCH=x86_64 SYSCALL=unknown-syscall(-1)',
    'type=SECCOMP msg=audit(11/22/26 21:15:18.913:13) : auid=unset uid=root gid=root ses=unset pid=7 comm=cat exe=/usr/bin/cat sig=0 arch=x86_64 syscall=openat compat=0 ip=0x7f code=log',
    'type=SECCOMP msg=audit(1.1:1): auid=1 uid=0 gid=0 ses=1 pid=8 comm="a" exe="/a" sig=0 arch=40000003 syscall=20 compat=1 ip=0x1 code=0x7ffc0000',
  ].join('\n'));
  assert.deepEqual(names(c), ['capget', 'openat', 'read']);
  assert.deepEqual(names(c, 'aarch64'), ['openat']);
  assert.deepEqual(names(c, 'x86'), ['getpid']);
  assert.equal(c.stats.auditRecords, 6);
});

test('-ff files take the pid from the file name; CRLF and truncated last lines are fine', async () => {
  const c = await collect('execve("/bin/x", ["x"], 0x1 /* 1 var */) = 0\r\nbrk(NULL) = 0x1\r\nopenat(AT_FDCWD, "/etc/pa', 4242);
  assert.deepEqual(names(c), ['brk', 'execve', 'openat']);
});

test('lines from other programs are reported, not fatal', async () => {
  const c = await collect('hello from the app\nbrk(NULL) = 0x1\n');
  assert.deepEqual(names(c), ['brk']);
  assert.equal(c.stats.unrecognized, 1);
  assert.match(c.notes[0]!.message, /hello from the app/);
  assert.equal(c.notes[0]!.line, 1);
});

test('line splitter: lines across chunk borders, over-long lines cut to MAX_LINE, no trailing newline', async () => {
  const long = `write(1, "${'a'.repeat(MAX_LINE * 3)}", 3) = 3`;
  const chunks = ['brk(NU', 'LL) = 0x1\n', long.slice(0, 1000), long.slice(1000, MAX_LINE + 5), long.slice(MAX_LINE + 5), '\nclose(3) = 0'];
  const lines: string[] = [];
  await forEachLine(Readable.from(chunks), (l) => lines.push(l));
  assert.equal(lines.length, 3);
  assert.equal(lines[0], 'brk(NULL) = 0x1');
  assert.ok(lines[1]!.startsWith('write(1, "aaa') && lines[1]!.length <= MAX_LINE * 2);
  assert.equal(lines[2], 'close(3) = 0');
});

test('without -f a forking program is flagged: its children were not traced', async () => {
  const { generateProfile } = await import('./generate.js');
  const c = await collect('execve("/bin/sh", ["sh"], 0x1 /* 1 var */) = 0\nvfork() = 12\nwait4(-1, NULL, 0, NULL) = 12\n');
  const r = generateProfile(c, { runtime: 'none', defaultAction: 'SCMP_ACT_ERRNO' });
  assert.ok(r.notes.some((n) => /run strace with -f/.test(n.message)));
});
