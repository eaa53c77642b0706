// `mamori seccomp record` on this machine's kernel: a busybox script in its own cgroup under a SCMP_ACT_LOG filter, recorded from /dev/kmsg; the recorded profile runs it, and without chmod it fails.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filterText, loader } from './helpers.js';
import { startRecorder } from './record-helpers.js';
import { TEST_CGROUP_PREFIX } from '../harness/host-state.js';
import { parseProfileText, type Profile } from '../../src/seccomp/profile.js';
import { procAttribute } from '../../src/seccomp/record-live.js';

const work = mkdtempSync(join(tmpdir(), 'mamori-record-'));

function unavailable(t: TestContext, why: string): void {
  if (process.env.CI === 'true') throw new Error(`CI: ${why}`);
  t.skip(`skipped: ${why}`);
}

/** A cgroup of our own to put the workload in: v2 at the root, else v1's pids hierarchy. Returns [folder, path as /proc shows it]. */
function makeCgroup(name: string): [string, string] | null {
  const roots = existsSync('/sys/fs/cgroup/cgroup.controllers') ? ['/sys/fs/cgroup'] : ['/sys/fs/cgroup/pids', '/sys/fs/cgroup/unified'];
  for (const root of roots) {
    try { mkdirSync(join(root, name)); return [join(root, name), `/${name}`]; } catch { /* try the next hierarchy */ }
  }
  return null;
}

const SCRIPT = 'mkdir -p "$1" && chmod 700 "$1" && echo recorded > "$1/out" && cat "$1/out" && rm -r "$1"';

function runUnder(bin: string, p: Profile, dirName: string) {
  const f = join(work, `filter-${Math.random().toString(36).slice(2)}`);
  writeFileSync(f, filterText(p));
  return spawnSync(bin, [f, '/bin/busybox', 'sh', '-c', SCRIPT, 'sh', join(work, dirName)], { encoding: 'utf8' });
}

test('seccomp record: the recorded profile of a busybox script runs it; without chmod it fails with EPERM', { timeout: 240_000 }, async (t) => {
  if (process.getuid?.() !== 0) { unavailable(t, 'recording needs root (/dev/kmsg, cgroups, kernel.printk_ratelimit)'); return; }
  const bin = loader(t);
  if (!bin) return;
  if (!existsSync('/bin/busybox')) { unavailable(t, 'needs busybox (apt-get install busybox-static)'); return; }
  try { closeSync(openSync('/dev/kmsg', 'r')); } catch (e) { unavailable(t, `/dev/kmsg is not readable: ${(e as Error).message}`); return; }
  const logFilter = join(work, 'log.filter');
  const logProfile = join(work, 'mamori-record.json');
  // the logging profile mamori writes, loaded the way the test loader loads any profile
  const wrote = spawnSync(process.execPath, ['--import', 'tsx', 'test/kernel/cli.ts', 'seccomp', 'record', '-q', '--log-profile', logProfile], { encoding: 'utf8' });
  assert.equal(wrote.status, 0, wrote.stderr);
  writeFileSync(logFilter, filterText(parseProfileText(readFileSync(logProfile, 'utf8')).profile));

  // The kernel log can drop records on a loaded machine (and the report says so); a clean recording is retried for.
  let recorded: Profile | null = null;
  let lastReport = '';
  for (let attempt = 1; attempt <= 3 && !recorded; attempt++) {
    const cg = makeCgroup(`${TEST_CGROUP_PREFIX}${process.pid}-${attempt}`);
    if (!cg) { unavailable(t, 'no writable cgroup hierarchy'); return; }
    const [dir, path] = cg;
    const out = join(work, `recorded-${attempt}.json`);
    const reportFile = join(work, `report-${attempt}.json`);
    try {
      // Other tests may run programs under logging profiles meanwhile, so mamori's default (keep exited processes'
      // records only when nothing else logged) would drop this script's short-lived ones: keep them.
      const rec = startRecorder(['--cgroup', path, '--until-exit', '--lift-ratelimit', '--exited', 'keep', '-o', out, '--report', reportFile]);
      await rec.ready;
      const run: SpawnSyncReturns<string> = spawnSync('/bin/sh', ['-c', `echo $$ > ${dir}/cgroup.procs && exec "$0" "$@"`, bin, logFilter, '/bin/busybox', 'sh', '-c', SCRIPT, 'sh', join(work, 'rec-dir')], { encoding: 'utf8' });
      assert.equal(run.status, 0, `the workload under the logging profile: ${run.stderr}`);
      assert.equal(run.stdout, 'recorded\n');
      const r = await rec.done;
      lastReport = r.stderr;
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { gaps: string[]; tally: { kept: number } };
      assert.ok(report.tally.kept > 10, r.stderr);
      if (report.gaps.some((g) => /overwritten|dropped \d+ audit records|backlog/.test(g))) { t.diagnostic(`attempt ${attempt}: records were lost, recording again`); continue; }
      recorded = parseProfileText(readFileSync(out, 'utf8')).profile;
    } finally {
      rmdirSync(dir);
    }
  }
  assert.ok(recorded, `no recording without lost records in 3 attempts:\n${lastReport}`);
  const names = recorded.syscalls[0]!.names;
  for (const n of ['execve', 'mkdir', 'chmod', 'write', 'exit_group']) assert.ok(names.includes(n), `${n} recorded: ${names.join(' ')}`);

  const ok = runUnder(bin, recorded, 'ok-dir');
  assert.equal(ok.status, 0, `the script under its recorded profile: ${ok.stderr}`);
  assert.equal(ok.stdout, 'recorded\n');

  const without = { ...recorded, syscalls: [{ ...recorded.syscalls[0]!, names: names.filter((n) => n !== 'chmod') }] };
  const broken = runUnder(bin, without, 'broken-dir');
  assert.notEqual(broken.status, 0, 'without chmod the script must fail');
  assert.match(broken.stderr, /Operation not permitted/);
});

test('seccomp record places a zombie by its parent: an exited child of the recorded cgroup, not yet reaped, is in it', { timeout: 60_000 }, async (t) => {
  if (process.getuid?.() !== 0) { unavailable(t, 'needs root (cgroups)'); return; }
  const cg = makeCgroup(`${TEST_CGROUP_PREFIX}${process.pid}-zombie`);
  if (!cg) { unavailable(t, 'no writable cgroup hierarchy'); return; }
  const [dir, path] = cg;
  // sh joins the cgroup, starts a child that exits at once, and becomes sleep, which never reaps it
  const parent = spawn('/bin/sh', ['-c', `echo $$ > ${dir}/cgroup.procs; true & exec sleep 5`], { stdio: 'ignore' });
  try {
    const scope = { kind: 'cgroup' as const, path };
    const place = procAttribute(scope);
    let zombie: number | undefined;
    for (let i = 0; i < 100 && zombie === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const children = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number);
      zombie = children.find((c) => /^\d+ \(.*\) Z /.test(readFileSync(`/proc/${c}/stat`, 'utf8')));
    }
    assert.ok(zombie, 'the child became a zombie');
    assert.equal(place(parent.pid!), 'in');
    assert.equal(place(zombie), 'in', `zombie ${zombie}, its cgroup file: ${readFileSync(`/proc/${zombie}/cgroup`, 'utf8')}`);
    assert.equal(place(process.pid), 'out');
  } finally {
    parent.kill('SIGKILL');
    await new Promise((r) => parent.once('close', r));
    rmdirSync(dir);
  }
});
