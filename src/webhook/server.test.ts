// The HTTPS server over real TLS on loopback: routes, limits, bad input, certificate reload, graceful shutdown.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { mkdtempSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { resolveEngineConfig } from '../config/load.js';
import { startServer, type WebhookServer } from './server.js';
import { generateSelfSigned } from './x509.js';
import { readKeyPair, watchKeyPair } from './tls.js';

const cfg = resolveEngineConfig({ config: { policies: { 'privileged-container': { effect: 'Deny' } } }, file: null }, { only: ['privileged-container'], lang: 'en' });
const certs = await generateSelfSigned({ hosts: ['127.0.0.1', 'localhost'] });
const logs: Record<string, unknown>[] = [];

interface Reply { status: number; body: string; headers: Record<string, unknown> }

function request(srv: WebhookServer, path: string, opts: { method?: string; body?: string | Buffer; headers?: Record<string, string>; ca?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port: srv.port, path, method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'),
      ca: opts.ca ?? certs.caPem, headers: { 'content-type': 'application/json', ...opts.headers }, agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function review(privileged: boolean, uid = 'u1'): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    request: { uid, operation: 'CREATE', namespace: 'shop', kind: { group: '', version: 'v1', kind: 'Pod' },
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', securityContext: { privileged } }] } } },
  });
}

const servers: WebhookServer[] = [];
async function start(extra: Partial<Parameters<typeof startServer>[0]> = {}): Promise<WebhookServer> {
  const s = await startServer({ tls: certs, config: () => cfg, port: 0, host: '127.0.0.1', log: (l) => logs.push(l), ...extra });
  servers.push(s);
  return s;
}
after(async () => { for (const s of servers) if (s.server.listening) await s.shutdown(100); });

test('POST /validate answers AdmissionReviews over TLS, verified against the printed CA', async () => {
  const srv = await start();
  const denied = await request(srv, '/validate', { body: review(true) });
  assert.equal(denied.status, 200);
  const r = JSON.parse(denied.body);
  assert.equal(r.apiVersion, 'admission.k8s.io/v1');
  assert.equal(r.kind, 'AdmissionReview');
  assert.equal(r.response.uid, 'u1');
  assert.equal(r.response.allowed, false);
  assert.match(r.response.status.message, /\[privileged-container\]/);
  const ok = JSON.parse((await request(srv, '/validate', { body: review(false, 'u2') })).body);
  assert.deepEqual(ok.response, { uid: 'u2', allowed: true });
  // One log line per decision, no object in it.
  const line = logs.find((l) => l.uid === 'u1')!;
  assert.equal(line.allowed, false);
  assert.deepEqual(line.deny, ['privileged-container']);
  assert.ok(!JSON.stringify(line).includes('nginx'), 'the log line must not carry the object');
});

test('TLS below 1.2 is refused', async () => {
  const srv = await start();
  // SECLEVEL=0 lets the client offer TLS 1.1 at all, so the refusal must come from the server's protocol alert.
  await assert.rejects(new Promise((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port: srv.port, ca: certs.caPem, maxVersion: 'TLSv1.1', minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, () => resolve(s));
    s.on('error', reject);
  }), { code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
});

test('an exception while deciding costs that request a 500, not the process', async () => {
  let calls = 0;
  const srv = await start({ config: () => { if (calls++ === 0) throw new Error('boom'); return cfg; } });
  const failed = await request(srv, '/validate', { body: review(true, 'fails') });
  assert.equal(failed.status, 500);
  assert.deepEqual(JSON.parse(failed.body), { error: 'internal error' });
  assert.ok(logs.some((l) => l.level === 'error' && l.error === 'boom'));
  assert.equal((await request(srv, '/validate', { body: review(true) })).status, 200);
});

test('health, readiness, metrics, 404 and 405', async () => {
  const srv = await start();
  assert.equal((await request(srv, '/healthz')).status, 200);
  assert.equal((await request(srv, '/readyz')).status, 200);
  assert.equal((await request(srv, '/nope')).status, 404);
  const get = await request(srv, '/validate');
  assert.equal(get.status, 405);
  assert.equal(get.headers.allow, 'POST');
  await request(srv, '/validate', { body: review(true) });
  await request(srv, '/validate', { body: '{' });
  const m = (await request(srv, '/metrics')).body;
  assert.match(m, /^# TYPE mamori_webhook_admission_duration_seconds histogram$/m);
  assert.match(m, /^mamori_webhook_admission_duration_seconds_count 1$/m);
  assert.match(m, /^mamori_webhook_policy_violations_total\{policy="privileged-container",effect="Deny"\} 1$/m);
  assert.match(m, /^mamori_webhook_admission_reviews_total\{operation="CREATE",kind="Pod",allowed="false"\} 1$/m);
  assert.match(m, /^mamori_webhook_requests_total\{path="\/validate",code="400"\} 1$/m);
  assert.match(m, /^mamori_webhook_requests_total\{path="other",code="404"\} 1$/m);
  assert.match(m, /^process_resident_memory_bytes \d+$/m);
});

test('garbage gets 400 and the server keeps answering', async () => {
  const srv = await start();
  const bodies = ['', 'not json', '[]', 'null', '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}', Buffer.from([0xff, 0xfe, 0x00, 0x01]), JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'x', operation: 'CREATE', object: 7 } })];
  for (const body of bodies) {
    const r = await request(srv, '/validate', { body });
    assert.equal(r.status, 400, String(body));
    assert.match(JSON.parse(r.body).error, /JSON|AdmissionReview/);
  }
  assert.equal((await request(srv, '/validate', { body: review(false) })).status, 200);
});

test('oversized bodies get 413, whether declared or streamed', async () => {
  const srv = await start({ maxBodyBytes: 1000 });
  const big = review(false).padEnd(5000, ' ');
  assert.equal((await request(srv, '/validate', { body: big })).status, 413);
  // chunked: no content-length, the limit is enforced while reading
  const chunked = await new Promise<number>((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: srv.port, path: '/validate', method: 'POST', ca: certs.caPem, agent: false, headers: { 'transfer-encoding': 'chunked' } }, (res) => { res.resume(); resolve(res.statusCode!); });
    req.on('error', reject);
    for (let i = 0; i < 10; i++) req.write('x'.repeat(500));
    req.end();
  });
  assert.equal(chunked, 413);
  assert.equal((await request(srv, '/validate', { body: review(false) })).status, 200);
});

test('a request that never finishes its body is cut off by the request timeout', async () => {
  const srv = await start({ requestTimeoutMs: 300 });
  const status = await new Promise<number | string>((resolve) => {
    const req = https.request({ host: '127.0.0.1', port: srv.port, path: '/validate', method: 'POST', ca: certs.caPem, agent: false, headers: { 'content-length': '100' } }, (res) => { res.resume(); resolve(res.statusCode!); });
    req.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? 'error'));
    req.write('{"apiVersion"');
  });
  assert.equal(status, 408);
  assert.equal((await request(srv, '/healthz')).status, 200);
});

test('SIGTERM-style shutdown: not ready, in-flight requests finish, new connections are refused', async () => {
  const srv = await start();
  const inflight = new Promise<Reply>((resolve, reject) => {
    const body = review(true, 'slow');
    const req = https.request({ host: '127.0.0.1', port: srv.port, path: '/validate', method: 'POST', ca: certs.caPem, agent: false, headers: { 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let b = '';
      res.on('data', (c) => { b += c; });
      res.on('end', () => resolve({ status: res.statusCode!, body: b, headers: res.headers }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 20));
    setTimeout(() => req.end(body.slice(20)), 300);
  });
  await new Promise((r) => setTimeout(r, 100));
  const closed = srv.shutdown(5000);
  const done = await inflight;
  assert.equal(done.status, 200);
  assert.equal(JSON.parse(done.body).response.uid, 'slow');
  await closed;
  await assert.rejects(request(srv, '/healthz'), /ECONNREFUSED/);
});

test('a rotated certificate is served to new connections without a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-tls-'));
  try {
    const cert = join(dir, 'tls.crt');
    const key = join(dir, 'tls.key');
    writeFileSync(cert, certs.certPem);
    writeFileSync(key, certs.keyPem);
    const srv = await start({ tls: readKeyPair(cert, key) });
    const errors: string[] = [];
    const stop = watchKeyPair(cert, key, readKeyPair(cert, key), { pollMs: 200, onChange: (p) => srv.setKeyPair(p), onError: (e) => errors.push(e.message) });
    try {
      const next = await generateSelfSigned({ hosts: ['127.0.0.1'] });
      // a half-written rotation (new cert, old key) must not be loaded
      writeFileSync(cert + '.tmp', next.certPem);
      renameSync(cert + '.tmp', cert);
      await new Promise((r) => setTimeout(r, 600));
      assert.equal((await request(srv, '/healthz')).status, 200, 'old pair still served');
      assert.ok(errors.some((e) => /does not belong/.test(e)), errors.join('; '));
      writeFileSync(key + '.tmp', next.keyPem);
      renameSync(key + '.tmp', key);
      let served = '';
      for (let i = 0; i < 30 && served !== new X509Certificate(next.certPem).fingerprint256; i++) {
        await new Promise((r) => setTimeout(r, 100));
        served = await new Promise<string>((resolve, reject) => {
          const s = tls.connect({ host: '127.0.0.1', port: srv.port, rejectUnauthorized: false }, () => { resolve(s.getPeerX509Certificate()!.fingerprint256); s.end(); });
          s.on('error', reject);
        });
      }
      assert.equal(served, new X509Certificate(next.certPem).fingerprint256);
      assert.equal((await request(srv, '/healthz', { ca: next.caPem })).status, 200);
    } finally { stop(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('TLS 1.2 offers AEAD suites only: a client that speaks only CBC is refused, GCM is accepted', async () => {
  const srv = await start();
  await assert.rejects(new Promise((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port: srv.port, ca: certs.caPem, maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA' }, () => resolve(s));
    s.on('error', reject);
  }), /handshake failure|no shared cipher|ECONNRESET/i);
  const cipher = await new Promise<string>((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port: srv.port, ca: certs.caPem, maxVersion: 'TLSv1.2' }, () => { resolve(s.getCipher().standardName); s.end(); });
    s.on('error', reject);
  });
  assert.match(cipher, /_GCM_|_CHACHA20_POLY1305_/);
});

test('--client-ca: only callers with a client certificate from that CA are answered', async () => {
  const apiServer = await generateSelfSigned({ hosts: ['kube-apiserver'], client: true });
  const stranger = await generateSelfSigned({ hosts: ['someone'], client: true });
  const srv = await start({ clientCaPem: apiServer.caPem });
  const call = (client?: { certPem: string; keyPem: string }) => new Promise<number>((resolve, reject) => {
    const body = review(true, 'mtls');
    const req = https.request({ host: '127.0.0.1', port: srv.port, path: '/validate', method: 'POST', ca: certs.caPem, agent: false, ...(client ? { cert: client.certPem, key: client.keyPem } : {}) }, (res) => { res.resume(); resolve(res.statusCode!); });
    req.on('error', reject);
    req.end(body);
  });
  assert.equal(await call(apiServer), 200);
  await assert.rejects(call(), /certificate required|ECONNRESET|socket hang up/i);
  await assert.rejects(call(stranger), /unknown ca|certificate|ECONNRESET|socket hang up/i);
});

test('--metrics-port: health and metrics over plain HTTP there, /validate alone on the TLS port', async () => {
  const srv = await start({ metricsPort: 0 });
  assert.ok(srv.metricsPort && srv.metricsPort !== srv.port);
  const plain = (path: string) => new Promise<number>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: srv.metricsPort, path, agent: false }, (res) => { res.resume(); resolve(res.statusCode!); }).on('error', reject);
  });
  assert.equal(await plain('/healthz'), 200);
  assert.equal(await plain('/readyz'), 200);
  assert.equal(await plain('/metrics'), 200);
  assert.equal(await plain('/validate'), 404);
  assert.equal((await request(srv, '/metrics')).status, 404);
  assert.equal((await request(srv, '/healthz')).status, 404);
  assert.equal((await request(srv, '/validate', { body: review(false) })).status, 200);
  await srv.shutdown(100);
  await assert.rejects(plain('/healthz'), /ECONNREFUSED/);
});

test('hostile operation and kind values become "other" in metrics and are capped in the log', async () => {
  const srv = await start();
  const long = 'X'.repeat(100_000);
  for (let i = 0; i < 20; i++) {
    const body = JSON.stringify({
      apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
      request: { uid: `${long}${i}`, operation: `${long}${i}`, namespace: long, userInfo: { username: long }, kind: { group: '', version: 'v1', kind: `${long}${i}` }, object: { apiVersion: 'v1', kind: `${long}${i}`, metadata: { name: long } } },
    });
    assert.equal((await request(srv, '/validate', { body })).status, 200);
  }
  const m = (await request(srv, '/metrics')).body;
  assert.ok(m.length < 10_000, `metrics grew to ${m.length} characters`);
  assert.match(m, /^mamori_webhook_admission_reviews_total\{operation="other",kind="other",allowed="true"\} 20$/m);
  const line = [...logs].reverse().find((l) => l.msg === 'admission')!;
  assert.ok(JSON.stringify(line).length < 2000, 'log line capped');
  assert.equal(line.operation, 'other');
});

test('the request timeout answers 408 within about a second of the limit, not at Node\'s 30 s check', async () => {
  const srv = await start({ requestTimeoutMs: 2000 });
  const started = Date.now();
  const status = await new Promise<number | string>((resolve) => {
    const req = https.request({ host: '127.0.0.1', port: srv.port, path: '/validate', method: 'POST', ca: certs.caPem, agent: false, headers: { 'content-length': '100' } }, (res) => { res.resume(); resolve(res.statusCode!); });
    req.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? 'error'));
    req.write('{"apiVersion"');
  });
  const ms = Date.now() - started;
  assert.equal(status, 408);
  assert.ok(ms >= 1900 && ms < 3000, `answered after ${ms} ms`);
});
