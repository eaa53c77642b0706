// seccomp trace reads only the strace output it created: a traced program cannot plant or swap in fake traces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { need, repo } from './helpers.js';
import { parseProfileText } from '../../src/seccomp/profile.js';

test('seccomp trace ignores traces the traced program plants in, or renames into, its temp dir', (t) => {
  if (!need(t, 'strace', ['-V'])) return;
  const work = mkdtempSync(join(tmpdir(), 'mamori-trace-own-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const tmp = join(work, 'tmp');
  mkdirSync(tmp);
  // The program finds mamori's temp dir, writes a -ff style trace beside strace's, and replaces strace's file by name.
  const script = [
    'for d in "$TMPDIR"/mamori-trace-*; do',
    '  echo \'4242 kexec_load(0, 0, 0, 0) = 0\' > "$d/trace.4242"',
    '  echo \'4243 reboot(0, 0, 0, 0) = 0\' > "$d/fake"',
    '  mv "$d/fake" "$d/trace"',
    'done',
  ].join('\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'test', 'kernel', 'cli.ts'), 'seccomp', 'trace', '-q', '--runtime', 'none', '--', '/bin/sh', '-c', script],
    { encoding: 'utf8', cwd: repo, env: { ...process.env, TMPDIR: tmp } });
  assert.equal(r.status, 0, r.stderr);
  const names = parseProfileText(r.stdout.slice(r.stdout.indexOf('{'))).profile.syscalls.flatMap((s) => s.names ?? []);
  // What the shell really did is there (it renamed a file), the planted calls are not.
  assert.ok(names.includes('execve') && names.some((n) => n.startsWith('rename')), names.join(' '));
  assert.ok(!names.includes('kexec_load'), 'a planted trace file was read');
  assert.ok(!names.includes('reboot'), 'a trace renamed over strace\'s output was read');
  assert.deepEqual(readdirSync(tmp).filter((n) => n.startsWith('mamori-trace-')), [], 'the temp dir is removed');
});
