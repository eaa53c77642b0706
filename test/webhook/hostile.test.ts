// mamori serve under 10,000 hostile requests on loopback: memory flat, metrics bounded, every well-formed review answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ensureBuilt, freePort } from '../cli/run.js';

const TOTAL = 10_000;
const CONCURRENCY = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const KINDS = ['Pod', 'Deployment', 'Service', 'CronJob', 'Ingress'];
const OPS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

/** One request: well-formed (answer expected) or hostile (anything but a crash or a leak is fine). */
function makeRequest(i: number, rand: () => number): { body: string; wellFormed: boolean; uid: string } {
  const uid = `u-${i}`;
  const pick = rand();
  const unique = `${i}-${Math.floor(rand() * 1e9)}`;
  const review = (request: Record<string, unknown>) => JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid, ...request } });
  if (pick < 0.3) {
    // Distinct, long operation and kind values: each would be a new metric series and log field if unbounded.
    const kind = `${'K'.repeat(2000)}${unique}`;
    return { body: review({ operation: `${'OP'.repeat(1000)}${unique}`, namespace: `ns-${unique}`, kind: { group: '', version: 'v1', kind }, object: { apiVersion: 'v1', kind, metadata: { name: `n-${unique}` } } }), wellFormed: true, uid };
  }
  if (pick < 0.4) {
    // Huge arrays: over the container or volume limit, refused without being judged.
    const n = 600 + Math.floor(rand() * 3000);
    const spec = rand() < 0.5
      ? { containers: Array.from({ length: n }, (_, j) => ({ name: `c${j}`, image: 'x', securityContext: { privileged: true } })) }
      : { containers: [{ name: 'c', image: 'x' }], volumes: Array.from({ length: n * 2 }, (_, j) => ({ name: `v${j}`, hostPath: { path: '/' } })) };
    return { body: review({ operation: 'CREATE', namespace: 'shop', kind: { group: '', version: 'v1', kind: 'Pod' }, object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `big-${unique}` }, spec } }), wellFormed: true, uid };
  }
  if (pick < 0.5) {
    // Not an AdmissionReview at all.
    const junk = ['', '{', 'null', '[]', `{"apiVersion":"${'x'.repeat(5000)}${unique}"}`, JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid, operation: 7 } })];
    return { body: junk[Math.floor(rand() * junk.length)]!, wellFormed: false, uid };
  }
  // Ordinary reviews of random kinds and operations, some privileged.
  const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
  const op = OPS[Math.floor(rand() * OPS.length)]!;
  const podSpec = { containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: rand() < 0.5 } }] };
  const object = kind === 'Pod' ? { apiVersion: 'v1', kind, metadata: { name: `p-${unique}` }, spec: podSpec }
    : kind === 'Deployment' ? { apiVersion: 'apps/v1', kind, metadata: { name: `d-${unique}` }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: podSpec } } }
      : kind === 'CronJob' ? { apiVersion: 'batch/v1', kind, metadata: { name: `j-${unique}` }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: podSpec } } } } }
        : { apiVersion: kind === 'Ingress' ? 'networking.k8s.io/v1' : 'v1', kind, metadata: { name: `o-${unique}` }, spec: {} };
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  return { body: review({ operation: op, namespace: 'shop', kind: { group, version: 'v1', kind }, object: op === 'DELETE' ? null : object }), wellFormed: true, uid };
}

test('10,000 hostile requests: memory flat, metrics bounded, every well-formed review answered', { timeout: 900_000 }, async () => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'mamori-hostile-'));
  const port = await freePort();
  const metricsPort = await freePort();
  writeFileSync(join(dir, 'mamori.yaml'), 'profile: defender\npolicies:\n  privileged-container: { effect: Deny }\n');
  // The deployment's heap limit: unbounded label growth ended such a process with "heap out of memory".
  const proc = spawn(process.execPath, ['--max-old-space-size=256', BIN, 'serve', '--self-signed', '--cert-dir', join(dir, 'certs'), '--hosts', '127.0.0.1', '--port', String(port), '--metrics-port', String(metricsPort), '--host', '127.0.0.1', '-c', join(dir, 'mamori.yaml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (c) => { stderr += c; });
  const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const metrics = async (): Promise<string> => {
      const http = await import('node:http');
      return new Promise((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: metricsPort, path: '/metrics' }, (r) => { let b = ''; r.on('data', (c) => { b += c; }); r.on('end', () => resolve(b)); }).on('error', reject);
      });
    };
    for (let i = 0; i < 100; i++) { try { await metrics(); break; } catch { await sleep(100); } }
    const ca = readFileSync(join(dir, 'certs', 'ca.crt'), 'utf8');
    const post = (body: string) => new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port, path: '/validate', method: 'POST', ca, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode!, text: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      req.end(body);
    });
    const gauge = (text: string, name: string): number => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);

    const rand = rng(18);
    let next = 0;
    let unanswered = 0;
    let answered = 0;
    let slowest = 0;
    const run = async (upTo: number): Promise<void> => {
      const worker = async (): Promise<void> => {
        while (next < upTo) {
          const r = makeRequest(next++, rand);
          const t0 = Date.now();
          const res = await post(r.body);
          slowest = Math.max(slowest, Date.now() - t0);
          if (!r.wellFormed) { assert.ok(res.status === 400, `junk got ${res.status}`); continue; }
          const ok = res.status === 200 && JSON.parse(res.text).response?.uid === r.uid;
          if (ok) answered++; else unanswered++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    };
    await run(1000); // warm-up: JIT, TLS sessions, the first GCs
    const before = await metrics();
    await run(TOTAL);
    const after = await metrics();

    assert.equal(unanswered, 0, 'every well-formed review gets its answer');
    // The default timeoutSeconds of the printed webhook configuration is 5.
    assert.ok(slowest < 5000, `slowest answer took ${slowest} ms`);
    assert.ok(answered > TOTAL * 0.8, `${answered} answered`);
    assert.equal(proc.exitCode, null, `the server is alive: ${stderr}`);
    const rss = [gauge(before, 'process_resident_memory_bytes'), gauge(after, 'process_resident_memory_bytes')];
    const heap = [gauge(before, 'nodejs_heap_used_bytes'), gauge(after, 'nodejs_heap_used_bytes')];
    const MiB = 2 ** 20;
    console.log(`rss ${(rss[0]! / MiB).toFixed(0)} → ${(rss[1]! / MiB).toFixed(0)} MiB; heap ${(heap[0]! / MiB).toFixed(0)} → ${(heap[1]! / MiB).toFixed(0)} MiB; metrics ${before.length} → ${after.length} B; ${answered} answered; slowest ${slowest} ms`);
    // Flat: 9,000 more requests, each with distinct values, leave memory and the metrics text where they were.
    assert.ok(heap[1]! < heap[0]! + 32 * MiB, `heap grew from ${heap[0]} to ${heap[1]}`);
    assert.ok(rss[1]! < rss[0]! + 64 * MiB, `rss grew from ${rss[0]} to ${rss[1]}`);
    assert.ok(after.length < before.length + 2000, `metrics grew from ${before.length} to ${after.length} bytes`);
    assert.doesNotMatch(after, /KKKK|OPOP/);
  } finally {
    agent.destroy();
    proc.kill('SIGTERM');
    await new Promise((res) => proc.once('exit', res));
    rmSync(dir, { recursive: true, force: true });
  }
});
