// Each change mamori fix classes as able to stop a workload, applied by `mamori fix --write` and run on a real node: the Pod before runs, the Pod after stops as docs/fix.md says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { riskyChanges } from '../../src/fix/changes-doc.js';
import { NOT_OBSERVED, OBSERVATIONS, type Observation } from '../../src/fix/observed.js';
import { requireOrSkip, startCluster } from '../harness/cluster.js';
import { requireNodeOrSkip, startNode } from '../harness/node.js';
import { fixRows, NAMESPACE, outcome, type Placeholders } from './fix-cases.js';
import type { PodInfo } from './support.js';

test('every change that can stop a workload has an observation, or says why this node cannot show it', () => {
  const covered = new Set([...OBSERVATIONS.map((o) => o.change), ...Object.keys(NOT_OBSERVED)]);
  assert.deepEqual([...covered].sort(), riskyChanges(ALL_CHECKS));
  const names = OBSERVATIONS.map((o) => o.name);
  assert.equal(new Set(names).size, names.length, 'case names are unique');
});

/** Runs `fn` over `items`, at most `n` at a time (the machine has two cores). */
async function pool<T, R>(items: readonly T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i]!); }
  }));
  return out;
}

test('on a real node, each row of docs/fix.md\'s observations: the Pod runs before the change and stops after it as stated', { timeout: 900_000 }, async (t) => {
  if (!requireOrSkip(t) || !requireNodeOrSkip(t)) return;
  const work = mkdtempSync(join(tmpdir(), 'mamori-fix-observed-'));
  // The node's host paths the rows use: a setuid-root busybox, a file only group 0 reads, a writable directory.
  const hostDir = join(work, 'host');
  for (const d of ['suid', 'group', 'rw']) mkdirSync(join(hostDir, d), { recursive: true });
  chmodSync(work, 0o755);
  copyFileSync('/bin/busybox', join(hostDir, 'suid', 'busybox'));
  chmodSync(join(hostDir, 'suid', 'busybox'), 0o4755);
  writeFileSync(join(hostDir, 'group', 'group-only'), 'only group 0\n', { mode: 0o640 });
  chmodSync(join(hostDir, 'group', 'group-only'), 0o640);
  chmodSync(join(hostDir, 'rw'), 0o777);
  // An agent on the node's loopback, for the row that leaves the host network.
  const agent = http.createServer((_, res) => res.end('ok\n'));
  await new Promise<void>((res) => agent.listen(0, '127.0.0.1', res));
  const port = (agent.address() as { port: number }).port;
  const p: Placeholders = { HOSTDIR: hostDir, PORT: String(port) };

  const cluster = await startCluster();
  t.after(async () => { agent.close(); await cluster.stop(); rmSync(work, { recursive: true, force: true }); });

  // mamori fix first (no node needed), so the node is held only while Pods run.
  const fixed = await fixRows(OBSERVATIONS, p, join(work, 'fix'));
  OBSERVATIONS.forEach((o, i) => {
    const f = fixed[i]!;
    assert.ok(f.applied.length > 0 && f.applied.every((c) => c === o.change), `${o.name}: mamori fix applied ${JSON.stringify(f.applied)}, not ${o.change}`);
    assert.notEqual(f.after.replace(`${o.name}-after`, `${o.name}-before`), f.before, `${o.name}: the file did not change`);
  });

  const node = await startNode(cluster);
  t.after(async () => {
    const r = await node.stop();
    assert.deepEqual(r.errors, [], 'the host is as before');
  });
  await cluster.createNamespace(NAMESPACE);

  const runOne = async (o: Observation, text: string): Promise<string> => {
    const pod = parse(text) as { metadata: { name: string }; spec: Record<string, unknown> };
    pod.spec.nodeName = node.name;
    const r = await cluster.kubectl(['apply', ...(o.lenient && text !== fixed[OBSERVATIONS.indexOf(o)]!.after ? ['--validate=false'] : []), '-f', '-'], JSON.stringify(pod));
    assert.equal(r.code, 0, `${pod.metadata.name}: ${r.stderr}`);
    const done = await node.waitForPod(NAMESPACE, pod.metadata.name, { until: 'finished', timeoutMs: 240_000 });
    return outcome(done.pod as unknown as PodInfo) ?? `unsettled: ${JSON.stringify(done.containers)}`;
  };
  const t0 = Date.now();
  const jobs = OBSERVATIONS.flatMap((o, i) => [{ o, text: fixed[i]!.before }, { o, text: fixed[i]!.after }]);
  const seen = await pool(jobs, 6, (j) => runOne(j.o, j.text));
  t.diagnostic(`${jobs.length} Pods ran in ${Date.now() - t0}ms`);
  const got = Object.fromEntries(OBSERVATIONS.map((o, i) => [o.name, { before: seen[2 * i]!, after: seen[2 * i + 1]! }]));
  const want = Object.fromEntries(OBSERVATIONS.map((o) => [o.name, { before: o.before, after: o.after }]));
  assert.deepEqual(got, want);
});
