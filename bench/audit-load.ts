// Benchmark: load 10,000 then 50,000 Pods (with Deployments and ReplicaSets) into a real kube-apiserver and time `mamori audit` over them.
// Run: node --import tsx bench/audit-load.ts [--sizes 10000,50000] [--pages 500,100] [--from-source]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster, skipReason } from '../test/harness/cluster.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { KubeClient } from '../src/kube/client.js';
import { auditOnce } from '../src/audit/run.js';
import { loadConfigFile, resolveEngineConfig } from '../src/config/load.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** What an audit keeps once every page is evaluated (store, owner index, inventory): heap growth over a GC'd baseline, in this process. */
async function liveState(client: KubeClient, configFile: string, pageSize: number): Promise<{ mib: number; workloads: number }> {
  const cfg = resolveEngineConfig(loadConfigFile(configFile), { lang: 'en' });
  gc(); gc();
  const before = process.memoryUsage().heapUsed;
  const state = await auditOnce(client, cfg, { pageSize });
  gc(); gc();
  const after = process.memoryUsage().heapUsed;
  return { mib: (after - before) / 2 ** 20, workloads: state.store.size };
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, def: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1]! : def; };
const sizes = arg('--sizes', '10000,50000').split(',').map(Number);
const pageSizes = arg('--pages', '500,100').split(',').map(Number);
/** also run each size with V8's old space capped at this many MiB: the audit must still finish */
const heapCap = Number(arg('--heap-cap', '0')) || undefined;
const NAMESPACES = 10;
const PODS_PER_RS = 10;
/** every tenth workload is privileged, so the audit has findings to fold */
const UNHEALTHY_EVERY = 10;
const CONCURRENCY = 48;

const container = (name: string, privileged: boolean) => ({
  name, image: `contoso.azurecr.io/${name}:1`,
  resources: { limits: { cpu: '100m', memory: '128Mi' } },
  securityContext: privileged
    ? { privileged: true, runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }
    : { privileged: false, allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
});

/** Runs `fn` over items with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) { const i = next++; await fn(items[i]!); }
  }));
}

async function load(client: KubeClient, from: number, to: number): Promise<number> {
  const t0 = Date.now();
  const workloads: Array<{ ns: string; name: string; bad: boolean; pods: number[] }> = [];
  for (let w = from / PODS_PER_RS; w < to / PODS_PER_RS; w++) {
    workloads.push({ ns: `load-${w % NAMESPACES}`, name: `w${w}`, bad: w % UNHEALTHY_EVERY === 0, pods: Array.from({ length: PODS_PER_RS }, (_, i) => i) });
  }
  await pool(workloads, CONCURRENCY, async (w) => {
    const labels = { app: w.name };
    const spec = { automountServiceAccountToken: false, containers: [container(w.name, w.bad)] };
    const d = await client.request<{ metadata: { uid: string } }>('POST', `/apis/apps/v1/namespaces/${w.ns}/deployments`,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: w.name, namespace: w.ns }, spec: { replicas: PODS_PER_RS, selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } });
    const rs = await client.request<{ metadata: { uid: string } }>('POST', `/apis/apps/v1/namespaces/${w.ns}/replicasets`,
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `${w.name}-rs`, namespace: w.ns, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: w.name, uid: d.metadata.uid, controller: true }] }, spec: { replicas: PODS_PER_RS, selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } });
    await Promise.all(w.pods.map((i) => client.request('POST', `/api/v1/namespaces/${w.ns}/pods`,
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${w.name}-rs-${i}`, namespace: w.ns, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${w.name}-rs`, uid: rs.metadata.uid, controller: true }] }, spec })));
  });
  return Date.now() - t0;
}

interface AuditRun { wallMs: number; inMainMs: number; maxRssMiB: number; retainedMiB: number; findings: number; resources: number; code: number }

const fromSource = process.argv.includes('--from-source');

/** `mamori audit` in its own process (the built CLI in dist/, as installed), reporting its own peak RSS. */
async function audit(kubeconfig: string, configFile: string, pageSize: number, out: string, heapCapMiB?: number): Promise<AuditRun> {
  const entry = fromSource ? join(root, 'src', 'cli', 'main.ts') : join(root, 'dist', 'cli', 'main.js');
  const script = `const t0 = performance.now(); const m = await import(${JSON.stringify(entry)}); const t1 = performance.now();
process.exitCode = await m.main(process.argv.slice(1));
const mainMs = performance.now() - t1; globalThis.gc(); globalThis.gc();
process.stderr.write('BENCH ' + JSON.stringify({ importMs: t1 - t0, mainMs, maxRssKiB: process.resourceUsage().maxRSS, retainedHeap: process.memoryUsage().heapUsed }) + '\\n');`;
  const t0 = performance.now();
  const prof = process.env.MAMORI_BENCH_CPUPROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.MAMORI_BENCH_CPUPROF] : [];
  const cap = heapCapMiB ? [`--max-old-space-size=${heapCapMiB}`] : [];
  const p = spawn(process.execPath, ['--expose-gc', ...cap, ...prof, ...(fromSource ? ['--import', import.meta.resolve('tsx')] : []), '--input-type=module', '-e', script,
    'audit', '--kubeconfig', kubeconfig, '-c', configFile, '--page-size', String(pageSize), '--format', 'json', '-o', out, '--no-progress'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  p.stderr!.on('data', (c) => { stderr += c; });
  const code = await new Promise<number>((res) => p.on('close', (c) => res(c ?? -1)));
  const wallMs = performance.now() - t0;
  const m = /BENCH (.*)/.exec(stderr);
  if (!m) throw new Error(`audit failed (${code}): ${stderr}`);
  const b = JSON.parse(m[1]!) as { mainMs: number; maxRssKiB: number; retainedHeap: number };
  const json = JSON.parse(readFileSync(out, 'utf8')) as { findings: unknown[]; summary: { resources: number } };
  return { wallMs, inMainMs: b.mainMs, maxRssMiB: b.maxRssKiB / 1024, retainedMiB: b.retainedHeap / 2 ** 20, findings: json.findings.length, resources: json.summary.resources, code };
}

async function main(): Promise<void> {
  const skip = skipReason();
  if (skip) { console.log(skip); return; }
  if (!fromSource) {
    // The CLI as users run it: compiled JavaScript (tsc emits even if an unrelated file has a type error).
    const b = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { encoding: 'utf8' });
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error(`build failed: ${b.stdout}${b.stderr}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-audit-'));
  const configFile = join(dir, 'mamori.yaml');
  writeFileSync(configFile, `profile: defender\npolicies:\n  untrusted-registry:\n    parameters:\n      allowedContainerImagesRegex: '^contoso\\.azurecr\\.io/.+$'\n  disallowed-service-port:\n    parameters:\n      allowedServicePortsList: ["443"]\n`);
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  const cluster = await startCluster();
  const client = await KubeClient.connect({ kubeconfig: cluster.kubeconfigPath });
  try {
    for (let i = 0; i < NAMESPACES; i++) await cluster.createNamespace(`load-${i}`);
    let loaded = 0;
    for (const size of sizes) {
      const ms = await load(client, loaded, size);
      console.log(`loaded Pods ${loaded}..${size} (+${(size - loaded) / PODS_PER_RS} Deployments and ReplicaSets) in ${(ms / 1000).toFixed(1)}s (${Math.round((size - loaded) / (ms / 1000))} Pods/s)`);
      loaded = size;
      for (const page of pageSizes) {
        const live = await liveState(client, configFile, page);
        console.log(`audit ${size} Pods, page ${page}: state kept after the last page ${live.mib.toFixed(1)} MiB (${live.workloads} resources)`);
      }
      const plans: Array<{ page: number; cap?: number }> = pageSizes.map((page) => ({ page }));
      if (heapCap) plans.push({ page: pageSizes[0]!, cap: heapCap });
      for (const { page, cap } of plans) {
        await audit(cluster.kubeconfigPath, configFile, page, join(dir, 'warm.json'), cap); // warm the API server's caches and the OS file cache
        const runs: AuditRun[] = [];
        for (let r = 0; r < 3; r++) runs.push(await audit(cluster.kubeconfigPath, configFile, page, join(dir, 'out.json'), cap));
        runs.sort((a, b) => a.wallMs - b.wallMs);
        const med = runs[1]!;
        const objects = size + 2 * (size / PODS_PER_RS);
        console.log(`audit ${size} Pods, page ${page}${cap ? `, old space capped at ${cap} MiB` : ''}: wall ${(med.wallMs / 1000).toFixed(2)}s (min ${(runs[0]!.wallMs / 1000).toFixed(2)}s, max ${(runs[2]!.wallMs / 1000).toFixed(2)}s), in main ${(med.inMainMs / 1000).toFixed(2)}s, ${Math.round(objects / (med.inMainMs / 1000))} objects/s listed+evaluated, peak RSS ${med.maxRssMiB.toFixed(0)} MiB (max of runs ${Math.max(...runs.map((x) => x.maxRssMiB)).toFixed(0)}), heap after the run ${med.retainedMiB.toFixed(1)} MiB (baseline: the state is gone by then), ${med.resources} resources, ${med.findings} findings, exit ${med.code}`);
      }
    }
  } finally {
    client.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
