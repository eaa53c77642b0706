// The test node itself: a Pod really runs, logs and exec reach it through the API server, and stop() leaves the host as it was.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startCluster } from './cluster.js';
import { LOCK_DIR, requireNodeOrSkip, startNode } from './node.js';

const here = dirname(fileURLToPath(import.meta.url));
// containerd shims of the node whose temp dir is `dir` (their -address names the socket in it).
const shimCount = (dir: string) => Number(spawnSync('pgrep', ['-c', '-f', `containerd-shim-runc-v2 .*${dir}/`], { encoding: 'utf8' }).stdout.trim() || 0);
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureHostState, splitRule, type HostState } from './host-state.js';

test('startNode: a Pod runs to completion, logs and exec work, and stop() restores the host', async (t) => {
  if (!requireNodeOrSkip(t)) return;
  const cluster = await startCluster();
  t.after(() => cluster.stop());
  const node = await startNode(cluster);
  let stopped = false;
  t.after(async () => {
    if (!stopped) await node.stop();
  });

  const done = await node.runPod(
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: node.images.busybox, command: ['sh', '-c', 'echo hello from $(hostname); id -u'] }] } },
    { until: 'finished' },
  );
  assert.equal(done.outcome, 'Succeeded', JSON.stringify(done.containers));
  assert.equal(await node.logs('default', 'hello'), 'hello from hello\n0\n');

  const sleeper = await node.runPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sleeper' }, spec: { containers: [{ name: 'c', image: node.images.busybox, command: ['sleep', '3600'] }] } });
  assert.equal(sleeper.outcome, 'Running');
  const ex = await node.exec('default', 'sleeper', ['cat', '/proc/1/cmdline']);
  assert.equal(ex.code, 0, ex.stderr);
  assert.equal(ex.stdout, 'sleep\u00003600\u0000');

  // While the node runs the host really differs (so the comparison below can fail): a bridge, kubepods cgroups, sysctls.
  const during = captureHostState();
  assert.ok(during.links.includes('mamori0'), during.links.join(' '));
  assert.ok(during.cgroups.some((c) => c.startsWith('memory/kubepods')), 'no kubepods cgroup');

  // The host is compared with itself as it was, under the lock, with the sleeper still running when stop() began.
  stopped = true;
  const r = await node.stop();
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.after, r.before);
});

test('splitRule: iptables -S lines split into argv, quoted comments kept whole', () => {
  assert.deepEqual(splitRule('-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -j DROP'), [
    '-A',
    'KUBE-FIREWALL',
    '-m',
    'comment',
    '--comment',
    'block incoming localnet connections',
    '-j',
    'DROP',
  ]);
  assert.deepEqual(splitRule('-A X -m comment --comment "a \\"q\\"" -j RETURN'), ['-A', 'X', '-m', 'comment', '--comment', 'a "q"', '-j', 'RETURN']);
  assert.deepEqual(splitRule('-A X --comment ""'), ['-A', 'X', '--comment', '']);
});

test('startNode: a node whose test process was SIGKILLed is undone by the next startNode', async (t) => {
  if (!requireNodeOrSkip(t)) return;
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'node-crash-child.ts')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let childErr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (childErr += d));
  t.after(() => child.kill('SIGKILL'));
  const ready = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) res(out.trim());
    });
    child.on('exit', (code) => rej(new Error(`the child exited with ${code} before its node was ready:\n${childErr}`)));
  });
  assert.match(ready, /^ready /);
  // The host as the dead owner found it, recorded under the lock before its node started.
  const hostBeforeChild = JSON.parse(readFileSync(join(LOCK_DIR, 'before.json'), 'utf8')) as HostState;
  assert.ok(captureHostState().links.includes('mamori0'));
  assert.ok(shimCount(ready.slice('ready '.length)) > 0, 'the child\'s Pod runs under a containerd shim');
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));

  const cluster = await startCluster();
  t.after(() => cluster.stop());
  const node = await startNode(cluster);
  const r = await node.stop();
  assert.deepEqual(r.errors, []);
  // What the next owner found, after undoing the dead one's node, is the host from before that node.
  assert.deepEqual(r.before, hostBeforeChild);
  assert.deepEqual(r.after, hostBeforeChild);
  assert.equal(existsSync(ready.slice('ready '.length)), false, 'the dead node\'s temp dir is removed');
  assert.equal(shimCount(ready.slice('ready '.length)), 0, 'the dead node\'s shims are killed');
});
