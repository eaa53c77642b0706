// Load benchmark of `mamori serve` over TLS on loopback: closed-loop throughput (autocannon), open-loop latency at fixed rates, memory.
// node --import tsx bench/webhook-load.ts [--quick]   (it runs `npm run build` itself: the server is bin/mamori.js)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { parseAllDocuments, stringify } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const SUSTAINED_S = quick ? 10 : 60;
const STEP_S = quick ? 5 : 15;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The unhealthy Redis Deployment as the API server sends it: defaulted fields, managedFields, a user. */
function review(): string {
  const docs = parseAllDocuments(readFileSync(join(root, 'examples', 'redis-unhealthy.yaml'), 'utf8')).map((d) => d.toJS());
  const dep = docs.find((d) => d?.kind === 'Deployment');
  dep.metadata = {
    ...dep.metadata, namespace: 'shop', uid: '7d9c1f2e-4b6a-4e8f-9a51-2c3d4e5f6a7b', generation: 1, creationTimestamp: null,
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(dep) },
    managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', time: '2026-11-22T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} }, 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:replicas': {}, 'f:selector': {}, 'f:template': { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"redis"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:securityContext': {} } } } } } } }],
  };
  Object.assign(dep.spec, { progressDeadlineSeconds: 600, revisionHistoryLimit: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
  Object.assign(dep.spec.template.spec, { restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', securityContext: dep.spec.template.spec.securityContext ?? {} });
  for (const c of dep.spec.template.spec.containers) Object.assign(c, { imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: c.resources ?? {} });
  dep.status = {};
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    request: {
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002', kind: { group: 'apps', version: 'v1', kind: 'Deployment' }, resource: { group: 'apps', version: 'v1', resource: 'deployments' },
      requestKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, requestResource: { group: 'apps', version: 'v1', resource: 'deployments' },
      name: dep.metadata.name, namespace: 'shop', operation: 'CREATE', userInfo: { username: 'alice@example.com', uid: '1', groups: ['system:authenticated', 'developers'] },
      object: dep, oldObject: null, dryRun: false, options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions', fieldManager: 'kubectl-client-side-apply' },
    },
  });
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => res(p)); });
  });
}

function rssOf(pid: number): { rssMiB: number; peakMiB: number } {
  const st = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(st)?.[1] ?? 0);
  return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
}

interface Row { name: string; connections: number; rate: string; seconds: number; rps: number; p50: number; p90: number; p99: number; p999: number; max: number; errors: number; non2xx: number; timeouts: number; rssMiB: number; peakMiB: number }

async function run(name: string, url: string, body: string, ca: string, pid: number, connections: number, seconds: number, overallRate?: number): Promise<Row> {
  const r = await autocannon({
    url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections, duration: seconds,
    ...(overallRate ? { overallRate } : {}), tlsOptions: { ca }, timeout: 10,
  });
  const mem = rssOf(pid);
  return {
    name, connections, rate: overallRate ? String(overallRate) : 'max', seconds,
    rps: Math.round(r.requests.average), p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, p999: r.latency.p99_9, max: r.latency.max,
    errors: r.errors, non2xx: r.non2xx, timeouts: r.timeouts, ...mem,
  };
}

interface OpenRow { name: string; rate: number; seconds: number; sent: number; ok: number; errors: number; errorCodes: string; non200: number; achieved: number; p50: number; p99: number; p999: number; max: number; fireLagP99: number; rssMiB: number; peakMiB: number }

/**
 * Open-loop load, as an API server produces it: requests start on a fixed schedule whatever the answers do
 * (autocannon's fixed rate sends each second's quota in a burst). Latency counts from the scheduled start,
 * so a stalled server is charged for the requests it delayed. Microsecond resolution.
 */
async function openLoop(name: string, port: number, body: string, ca: string, pid: number, rate: number, seconds: number): Promise<OpenRow> {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca });
  const total = rate * seconds;
  const lat: number[] = [];
  /** how late the generator itself started each request: its own share of the latency */
  const lag: number[] = [];
  let sent = 0; let ok = 0; let errors = 0; let non200 = 0;
  const codes = new Map<string, number>();
  const t0 = process.hrtime.bigint();
  const fire = (scheduledNs: bigint): void => {
    lag.push(Number(process.hrtime.bigint() - scheduledNs) / 1e3);
    const req = https.request({ host: '127.0.0.1', port, path: '/validate', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        lat.push(Number(process.hrtime.bigint() - scheduledNs) / 1e3);
        if (res.statusCode === 200) ok++; else non200++;
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => { errors++; codes.set(e.code ?? e.message, (codes.get(e.code ?? e.message) ?? 0) + 1); });
    req.end(body);
  };
  await new Promise<void>((done) => {
    const tick = (): void => {
      const elapsedNs = process.hrtime.bigint() - t0;
      const due = Math.min(total, Math.floor(Number(elapsedNs) / 1e9 * rate));
      while (sent < due) { fire(t0 + BigInt(Math.round(sent * 1e9 / rate))); sent++; }
      if (sent >= total) { clearInterval(timer); done(); }
    };
    const timer = setInterval(tick, 1);
  });
  for (let i = 0; i < 1000 && ok + non200 + errors < total; i++) await sleep(10);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  lat.sort((a, b) => a - b);
  lag.sort((a, b) => a - b);
  const q = (p: number, a = lat): number => Math.round(a[Math.min(a.length - 1, Math.floor(p * a.length))] ?? NaN) / 1000;
  return { name, rate, seconds, sent, ok, errors, errorCodes: [...codes].map(([c, n]) => `${c}×${n}`).join(' '), non200, achieved: Math.round(ok / wall), p50: q(0.5), p99: q(0.99), p999: q(0.999), max: q(1), fireLagP99: q(0.99, lag), ...rssOf(pid) };
}

async function main(): Promise<void> {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-webhook-'));
  const cfg = join(dir, 'mamori.yaml');
  writeFileSync(cfg, stringify({
    profile: 'defender',
    policies: {
      'untrusted-registry': { effect: 'Deny', parameters: { allowedContainerImagesRegex: '^[^/]+\\.azurecr\\.io/.+$' } },
      'disallowed-service-port': { parameters: { allowedServicePortsList: ['80', '443'] } },
      'privileged-container': { effect: 'Deny' },
    },
  }));
  const port = await freePort();
  // A separate process, as in a cluster: the load generator must not share the server's event loop.
  const server = spawn(process.execPath, [join(root, 'bin', 'mamori.js'), 'serve', '--self-signed', '--hosts', '127.0.0.1', '--cert-dir', join(dir, 'certs'), '--port', String(port), '--host', '127.0.0.1', '-c', cfg], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    let ca = '';
    for (let i = 0; i < 100 && !ca; i++) { await sleep(100); try { ca = readFileSync(join(dir, 'certs', 'ca.crt'), 'utf8'); } catch { /* not yet */ } }
    const url = `https://127.0.0.1:${port}/validate`;
    const body = review();
    // warm-up: JIT, TLS session setup
    await run('warm-up', url, body, ca, server.pid!, 10, 3);
    const rows: Row[] = [];
    for (const c of [1, 10, 50, 100]) rows.push(await run('max throughput', url, body, ca, server.pid!, c, STEP_S));
    const open: OpenRow[] = [];
    for (const rate of [250, 500, 1000]) open.push(await openLoop('open loop', port, body, ca, server.pid!, rate, STEP_S));
    open.push(await openLoop('sustained open loop', port, body, ca, server.pid!, 1000, SUSTAINED_S));
    const metrics = await new Promise<string>((res, rej) => https.get({ host: '127.0.0.1', port, path: '/metrics', ca }, (r) => { let b = ''; r.on('data', (c) => { b += c; }); r.on('end', () => res(b)); }).on('error', rej));
    const buckets = metrics.split('\n').filter((l) => l.startsWith('mamori_webhook_admission_duration_seconds'));
    const out = {
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      reviewBytes: Buffer.byteLength(body),
      rows,
      open,
      serverHistogram: buckets,
    };
    console.log(JSON.stringify(out, null, 2));
    console.table(rows.map((r) => ({ ...r, rssMiB: r.rssMiB.toFixed(1), peakMiB: r.peakMiB.toFixed(1) })));
    console.table(open.map((r) => ({ ...r, rssMiB: r.rssMiB.toFixed(1), peakMiB: r.peakMiB.toFixed(1) })));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
