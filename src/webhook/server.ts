// The HTTPS server: /validate, /healthz, /readyz, /metrics; body and time limits; graceful shutdown.
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineConfig } from '../engine/engine.js';
import { BadReview, decide, type Decision } from './admission.js';
import { policyIds } from './message.js';
import { Metrics } from './metrics.js';
import type { KeyPair } from './tls.js';

export const DEFAULT_PORT = 8443;
/** etcd keeps objects up to ~1.5 MiB; an UPDATE carries the object twice. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

export interface ServerOptions {
  tls: KeyPair;
  /** the engine configuration; called per request so a long-running server keeps exception expiry current */
  config: () => EngineConfig;
  port?: number;
  host?: string;
  maxBodyBytes?: number;
  requestTimeoutMs?: number;
  /** one JSON object per line; defaults to stdout */
  log?: (line: Record<string, unknown>) => void;
}

export interface WebhookServer {
  server: https.Server;
  metrics: Metrics;
  port: number;
  /** replaces the serving certificate for new connections */
  setKeyPair(pair: KeyPair): void;
  /** stops accepting, finishes in-flight requests, then closes; forced after timeoutMs */
  shutdown(timeoutMs?: number): Promise<void>;
}

/** One JSON object per line on stdout: the server's log and `mamori serve`'s. */
export function jsonLog(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function send(res: ServerResponse, code: number, body: string, type = 'application/json'): void {
  if (res.headersSent) return;
  res.writeHead(code, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendError(res: ServerResponse, code: number, message: string): void {
  send(res, code, JSON.stringify({ error: message }));
}

/** Reads the body up to the limit; resolves undefined when the answer (413/408) has already been sent. */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      sendError(res, 413, `request body of ${declared} bytes exceeds the limit of ${limit}`);
      req.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        res.setHeader('connection', 'close');
        sendError(res, 413, `request body exceeds the limit of ${limit} bytes`);
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => { if (!done) { done = true; resolve(Buffer.concat(chunks)); } });
    req.on('error', () => { if (!done) { done = true; resolve(undefined); } });
    req.on('aborted', () => { if (!done) { done = true; resolve(undefined); } });
  });
}

/** The decision as one log line: who, what, verdict, which policies; never the object. */
function decisionLine(d: Decision, ms: number): Record<string, unknown> {
  return {
    time: new Date().toISOString(),
    level: 'info',
    msg: 'admission',
    uid: d.uid,
    operation: d.operation,
    kind: d.kind,
    namespace: d.namespace,
    name: d.name,
    user: d.user,
    dryRun: d.dryRun,
    allowed: d.allowed,
    ...(d.skipped ? { skipped: d.skipped } : {}),
    deny: policyIds(d.findings, 'Deny'),
    audit: policyIds(d.findings, 'Audit'),
    findings: d.findings.length,
    excepted: d.excepted,
    suppressed: d.suppressed,
    ...(d.errors.length ? { errors: d.errors } : {}),
    durationMs: Math.round(ms * 1000) / 1000,
  };
}

export function startServer(opts: ServerOptions): Promise<WebhookServer> {
  const log = opts.log ?? jsonLog;
  const metrics = new Metrics();
  const limit = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let ready = false;
  let draining = false;

  async function validate(req: IncomingMessage, res: ServerResponse, started: bigint): Promise<number> {
    const body = await readBody(req, res, limit);
    if (body === undefined) return res.headersSent ? res.statusCode : 400;
    let parsed: unknown;
    try { parsed = JSON.parse(body.toString('utf8')); } catch (e) {
      sendError(res, 400, `body is not JSON: ${(e as Error).message}`);
      log({ time: new Date().toISOString(), level: 'warn', msg: 'bad request', reason: 'body is not JSON', bytes: body.length });
      return 400;
    }
    try {
      const { review, decision } = decide(parsed, opts.config());
      const answer = JSON.stringify(review);
      send(res, 200, answer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      metrics.latency.observe(ms / 1000);
      metrics.admissions.inc({ operation: decision.operation, kind: decision.kind, allowed: String(decision.allowed) });
      for (const f of decision.findings) metrics.decisions.inc({ policy: f.policyId, effect: f.effect });
      log(decisionLine(decision, ms));
      return 200;
    } catch (e) {
      if (e instanceof BadReview) {
        sendError(res, 400, `not an admission.k8s.io/v1 AdmissionReview: ${e.message}`);
        log({ time: new Date().toISOString(), level: 'warn', msg: 'bad request', reason: e.message });
        return 400;
      }
      throw e;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0]!;
    let code: number;
    try {
      if (path === '/validate') {
        if (req.method !== 'POST') { res.setHeader('allow', 'POST'); sendError(res, 405, 'use POST'); code = 405; }
        else code = await validate(req, res, started);
      } else if (path === '/healthz') {
        send(res, 200, 'ok\n', 'text/plain'); code = 200;
      } else if (path === '/readyz') {
        code = ready && !draining ? 200 : 503;
        send(res, code, code === 200 ? 'ok\n' : 'not ready\n', 'text/plain');
      } else if (path === '/metrics') {
        send(res, 200, metrics.render(), 'text/plain; version=0.0.4; charset=utf-8'); code = 200;
      } else {
        sendError(res, 404, 'not found'); code = 404;
      }
    } catch (e) {
      // A bug in a check must cost one request, not the process.
      log({ time: new Date().toISOString(), level: 'error', msg: 'internal error', path, error: (e as Error).message });
      sendError(res, 500, 'internal error');
      code = 500;
    }
    metrics.requests.inc({ path: ['/validate', '/healthz', '/readyz', '/metrics'].includes(path) ? path : 'other', code: String(code) });
  }

  const server = https.createServer({
    cert: opts.tls.certPem,
    key: opts.tls.keyPem,
    minVersion: 'TLSv1.2',
  }, (req, res) => { void handle(req, res); });
  const timeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  server.requestTimeout = timeout;
  server.headersTimeout = Math.min(timeout, 60_000);
  // Outlive the client's idle timeout, so the client closes idle connections first: a server-side close
  // racing a new request on the same connection is an error the API server counts against failurePolicy.
  server.keepAliveTimeout = 120_000;
  server.on('clientError', (err, socket) => {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!socket.writable || code === 'ECONNRESET') { socket.destroy(); return; }
    const status = code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  server.on('tlsClientError', () => { /* scanners and health probes that speak plain TCP: nothing to do */ });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, opts.host, () => {
      server.off('error', reject);
      ready = true;
      const port = (server.address() as AddressInfo).port;
      resolve({
        server,
        metrics,
        port,
        setKeyPair(pair) { server.setSecureContext({ cert: pair.certPem, key: pair.keyPem, minVersion: 'TLSv1.2' }); },
        shutdown(timeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS) {
          draining = true;
          return new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
            force.unref();
            server.close(() => { clearTimeout(force); done(); });
            // Keep-alive connections with no request in flight would hold close() open.
            server.closeIdleConnections();
          });
        },
      });
    });
  });
}
