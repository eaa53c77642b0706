// The test node itself: a Pod really runs, logs and exec reach it through the API server, and stop() leaves the host as it was.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startCluster } from './cluster.js';
import { requireNodeOrSkip, startNode } from './node.js';
import { captureHostState, splitRule } from './host-state.js';

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
