// npm run bench -- node [runs]: how long the test node takes to start, run a Pod and stop, and what containerd + kubelet hold in memory.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { startCluster } from '../test/harness/cluster.js';
import { nodeSkipReason, startNode } from '../test/harness/node.js';

const runs = Number(process.argv[2] ?? 3);
const reason = nodeSkipReason();
if (reason) {
  process.stderr.write(`${reason}\n`);
  process.exit(2);
}

// Resident memory of each process whose command line names the node's temp dir (containerd, kubelet, shims).
function rssKiB(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const pids = spawnSync('pgrep', ['-f', dir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const pid of pids) {
    const comm = spawnSync('ps', ['-o', 'comm=', '-p', pid], { encoding: 'utf8' }).stdout.trim();
    const status = spawnSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' }).stdout;
    const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    out[comm] = (out[comm] ?? 0) + kb;
  }
  return out;
}

process.stdout.write(`machine: ${cpus().length} cores; load before: ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
const cluster = await startCluster();
try {
  for (let i = 1; i <= runs; i++) {
    const t0 = Date.now();
    const node = await startNode(cluster);
    const t1 = Date.now();
    const pod = await node.runPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `bench-${i}` }, spec: { automountServiceAccountToken: false, containers: [{ name: 'c', image: node.images.busybox, command: ['sleep', '3600'] }] } });
    const t2 = Date.now();
    const rss = rssKiB(node.dir);
    const r = await node.stop();
    const t3 = Date.now();
    const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
    process.stdout.write(
      `run ${i}: lock+start ${t1 - t0} ms (Ready ${node.startupMs} ms after the lock); Pod ${pod.outcome} in ${t2 - t1} ms; stop+restore ${t3 - t2} ms (${r.errors.length} errors); ` +
        `RSS ${Object.entries(rss).map(([k, v]) => `${k} ${mib(v)}`).join(', ')}\n`,
    );
  }
} finally {
  await cluster.stop();
}
process.stdout.write(`load after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
