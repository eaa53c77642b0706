// Admission latency of dry-run creates on one real API server: no policy, mamori's VAPs, `mamori serve` as webhook.
// node --import tsx bench/vap-latency.ts [--requests N]   (it runs `npm run build` itself: the webhook is bin/mamori.js)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { loadavg, tmpdir, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { startCluster, type Cluster } from '../test/harness/cluster.js';
import { freePort } from '../test/cli/run.js';
import { loadConfigFile, resolveEngineConfig } from '../src/config/load.js';
import { exportVap } from '../src/export/vap.js';
import { webhookConfiguration } from '../src/webhook/webhook-config.js';
import { createObject, createPolicies, deletePolicies, dryRunCreate, type ApiClient, type Obj } from '../test/e2e/vap-support.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv.indexOf('--requests');
const REQUESTS = arg > 0 ? Number(process.argv[arg + 1]) : 500;
const WARMUP = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Defender article's healthy Redis Deployment: admitted under the default config, with warnings. */
function deployment(): Obj {
  const docs = parseAllDocuments(readFileSync(join(root, 'examples', 'redis-healthy.yaml'), 'utf8')).map((d) => d.toJS() as Obj);
  const dep = docs.find((d) => d?.kind === 'Deployment')!;
  return { ...dep, metadata: { ...(dep.metadata as Obj), namespace: 'shop' } };
}

/** A warning from mamori: a VAP's (named mamori-…) or the webhook's ([<check id>] …); the API server adds its own. */
const fromMamori = (ws: string[]): boolean => ws.some((w) => w.includes("ValidatingAdmissionPolicy 'mamori-") || /^\[[a-z0-9-]+\]/.test(w));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(api: ApiClient, o: Obj, label: string, expectWarnings: boolean): Promise<string> {
  // every request must have been judged: warned when a policy or the webhook is in place, not otherwise
  const times: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t0 = performance.now();
    const r = await dryRunCreate(api, o);
    const ms = performance.now() - t0;
    if (r.status !== 201) throw new Error(`${label}: dry run refused: ${r.message}`);
    if (expectWarnings !== fromMamori(r.warnings)) throw new Error(`${label}: warnings ${JSON.stringify(r.warnings)}`);
    if (i >= WARMUP) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return `| ${label} | ${REQUESTS} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 99).toFixed(2)} | ${mean.toFixed(2)} |`;
}

async function startServe(configFile: string, certDir: string, port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [join(root, 'bin', 'mamori.js'), 'serve', '--self-signed', '--hosts', '127.0.0.1', '--cert-dir', certDir, '--port', String(port), '--host', '127.0.0.1', '-c', configFile], { stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((res) => {
      try {
        https.get({ host: '127.0.0.1', port, path: '/readyz', ca: readFileSync(join(certDir, 'ca.crt'), 'utf8'), agent: false }, (r) => { r.resume(); res(r.statusCode === 200); }).on('error', () => res(false));
      } catch { res(false); }
    });
    if (ok) return proc;
    await sleep(100);
  }
  throw new Error('mamori serve did not become ready');
}

async function until(what: string, cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) { if (await cond()) return; await sleep(100); }
  throw new Error(`timed out: ${what}`);
}

async function main(): Promise<void> {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const dir = mkdtempSync(join(tmpdir(), 'mamori-vap-bench-'));
  let cluster: Cluster | undefined;
  let serve: ChildProcess | undefined;
  try {
    // the chart's default config: the defender profile, its Audit effects, Azure's excluded namespaces
    const configFile = join(root, 'deploy', 'helm', 'mamori', 'files', 'vap-config.json');
    const cfg = resolveEngineConfig(loadConfigFile(configFile), { lang: 'en' });
    cluster = await startCluster();
    await cluster.createNamespace('shop');
    const api: ApiClient = { server: cluster.server, token: cluster.token, caPem: cluster.caPem };
    const o = deployment();
    const rows: string[] = [];
    rows.push(await measure(api, o, 'no admission policy', false));

    const policies = exportVap(cfg);
    const count = policies.documents.length / 2;
    await createPolicies(api, policies.documents);
    await until('the VAPs are in force', async () => fromMamori((await dryRunCreate(api, o)).warnings));
    rows.push(await measure(api, o, `mamori's VAPs (${count} policies, Warn)`, true));
    await deletePolicies(api);
    await until('the VAPs are gone', async () => !fromMamori((await dryRunCreate(api, o)).warnings));

    const port = await freePort();
    serve = await startServe(configFile, join(dir, 'certs'), port);
    const hook = webhookConfiguration(cfg, { url: `https://127.0.0.1:${port}/validate`, caPem: readFileSync(join(dir, 'certs', 'ca.crt'), 'utf8'), failurePolicy: 'Fail', timeoutSeconds: 5 });
    await createObject(api, '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', hook);
    await until('the webhook answers', async () => fromMamori((await dryRunCreate(api, o)).warnings));
    rows.push(await measure(api, o, 'mamori serve as webhook (TLS, loopback)', true));

    process.stdout.write([
      `dry-run creates of examples/redis-healthy.yaml's Deployment, one at a time over one keep-alive connection; ${WARMUP} warm-up requests each`,
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`,
      '',
      '| admission | requests | p50 ms | p99 ms | mean ms |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'));
  } finally {
    serve?.kill();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exit(1); });
