// The HTTPS server: /validate, /healthz, /readyz, /metrics (optionally on a plain port of their own); body and time limits; graceful shutdown.
import https from 'node:https';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { EngineConfig } from '../engine/engine.js';
import { BadReview, decide, type Decision } from './admission.js';
import { policyIds } from './message.js';
import { Metrics } from './metrics.js';
import type { KeyPair } from './tls.js';
import { cap, closed, DEFAULT_LIMITS, KINDS, OPERATIONS, type ObjectLimits } from './bounded.js';
import { jsonLogger, type LogFields, type LogSink } from '../core/log.js';

export const DEFAULT_PORT = 8443;
/** etcd keeps objects up to ~1.5 MiB; an UPDATE carries the object twice. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * TLS 1.3 suites, then TLS 1.2 with ECDHE and an AEAD only: no CBC (Lucky13-style padding oracles), no
 * static RSA key exchange (no forward secrecy). The Kubernetes API server's Go client offers all of these.
 */
export const CIPHERS = [
  'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

export interface ServerOptions {
  tls: KeyPair;
  /** the engine configuration; called per request so a long-running server keeps exception expiry current */
  config: () => EngineConfig;
  port?: number;
  host?: string;
  maxBodyBytes?: number;
  requestTimeoutMs?: number;
  /** PEM CA bundle: when given, only callers presenting a client certificate it signed get an answer */
  clientCaPem?: string;
  /** a plain-HTTP port for /metrics, /healthz and /readyz; the TLS port then serves /validate alone */
  metricsPort?: number;
  /** containers and volumes per object beyond which the review is refused unjudged */
  limits?: ObjectLimits;
  /** one JSON object per line; defaults to stdout */
  log?: LogSink;
}

export interface WebhookServer {
  server: https.Server;
  /** the plain-HTTP server of --metrics-port, when there is one */
  metricsServer?: http.Server;
  metrics: Metrics;
  port: number;
  metricsPort?: number;
  /** replaces the serving certificate for new connections */
  setKeyPair(pair: KeyPair): void;
  /** stops accepting, finishes in-flight requests, then closes; forced after timeoutMs */
  shutdown(timeoutMs?: number): Promise<void>;
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

/** The decision as the fields of one log line: who, what, verdict, which policies; never the object, every field capped. */
function decisionFields(d: Decision, ms: number): LogFields {
  return {
    uid: cap(d.uid, 64),
    operation: closed(d.operation, OPERATIONS),
    kind: cap(d.kind, 64),
    namespace: d.namespace === null ? null : cap(d.namespace),
    name: cap(d.name),
    user: d.user === null ? null : cap(d.user),
    dryRun: d.dryRun,
    allowed: d.allowed,
    ...(d.skipped ? { skipped: cap(d.skipped, 64) } : {}),
    deny: policyIds(d.findings, 'Deny'),
    audit: policyIds(d.findings, 'Audit'),
    findings: d.findings.length,
    excepted: d.excepted,
    suppressed: d.suppressed,
    ...(d.suppressedPolicies.length ? { suppressedPolicies: d.suppressedPolicies } : {}),
    ...(d.errors.length ? { errors: d.errors } : {}),
    durationMs: Math.round(ms * 1000) / 1000,
  };
}

export function startServer(opts: ServerOptions): Promise<WebhookServer> {
  const log = jsonLogger(opts.log);
  const metrics = new Metrics();
  const limit = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const objectLimits = opts.limits ?? DEFAULT_LIMITS;
  const split = opts.metricsPort !== undefined;
  let ready = false;
  let draining = false;

  async function validate(req: IncomingMessage, res: ServerResponse, started: bigint): Promise<number> {
    const body = await readBody(req, res, limit);
    if (body === undefined) return res.headersSent ? res.statusCode : 400;
    let parsed: unknown;
    try { parsed = JSON.parse(body.toString('utf8')); } catch (e) {
      sendError(res, 400, `body is not JSON: ${(e as Error).message}`);
      log.warn('bad request', { reason: 'body is not JSON', bytes: body.length });
      return 400;
    }
    try {
      const { review, decision } = decide(parsed, opts.config(), objectLimits);
      const answer = JSON.stringify(review);
      send(res, 200, answer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      metrics.latency.observe(ms / 1000);
      // Label values from closed sets only: a request must not be able to grow the metrics without bound.
      metrics.admissions.inc({ operation: closed(decision.operation, OPERATIONS), kind: closed(decision.kind, KINDS), allowed: String(decision.allowed) });
      for (const f of decision.findings) metrics.decisions.inc({ policy: f.policyId, effect: f.effect });
      log.info('admission', decisionFields(decision, ms));
      return 200;
    } catch (e) {
      if (e instanceof BadReview) {
        sendError(res, 400, `not an admission.k8s.io/v1 AdmissionReview: ${cap(e.message, 512)}`);
        log.warn('bad request', { reason: cap(e.message, 512) });
        return 400;
      }
      throw e;
    }
  }

  /** validate: this listener answers /validate; health: it answers /healthz, /readyz and /metrics */
  async function handle(req: IncomingMessage, res: ServerResponse, serves: { validate: boolean; health: boolean }): Promise<void> {
    const started = process.hrtime.bigint();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    let code: number;
    try {
      if (path === '/validate' && serves.validate) {
        if (req.method !== 'POST') { res.setHeader('allow', 'POST'); sendError(res, 405, 'use POST'); code = 405; }
        else code = await validate(req, res, started);
      } else if (!serves.health) {
        req.resume();
        sendError(res, 404, 'not found'); code = 404;
      } else if (path === '/healthz') {
        send(res, 200, 'ok\n', 'text/plain'); code = 200;
      } else if (path === '/readyz') {
        code = ready && !draining ? 200 : 503;
        send(res, code, code === 200 ? 'ok\n' : 'not ready\n', 'text/plain');
      } else if (path === '/metrics') {
        send(res, 200, await metrics.render(), metrics.registry.contentType); code = 200;
      } else {
        sendError(res, 404, 'not found'); code = 404;
      }
    } catch (e) {
      // A bug in a check must cost one request, not the process.
      log.error('internal error', { path: closed(path, PATHS), error: cap((e as Error).message, 512) });
      sendError(res, 500, 'internal error');
      code = 500;
    }
    metrics.requests.inc({ path: closed(path, PATHS), code: String(code) });
  }

  const timeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const timing = {
    requestTimeout: timeout,
    headersTimeout: Math.min(timeout, 60_000),
    // Node looks for expired requests only this often (30 s by default): check often enough that a slow
    // client gets its 408 within about a second of the limit.
    connectionsCheckingInterval: Math.max(50, Math.min(500, Math.floor(timeout / 4))),
    // Outlive the client's idle timeout, so the client closes idle connections first: a server-side close
    // racing a new request on the same connection is an error the API server counts against failurePolicy.
    keepAliveTimeout: 120_000,
  };
  const secure = (pair: KeyPair) => ({
    cert: pair.certPem,
    key: pair.keyPem,
    minVersion: 'TLSv1.2' as const,
    ciphers: CIPHERS,
    honorCipherOrder: true,
    ...(opts.clientCaPem ? { ca: opts.clientCaPem, requestCert: true, rejectUnauthorized: true } : {}),
  });
  const server = https.createServer({ ...secure(opts.tls), ...timing }, (req, res) => { void handle(req, res, { validate: true, health: !split }); });
  server.keepAliveTimeout = timing.keepAliveTimeout;
  server.on('clientError', clientError);
  server.on('tlsClientError', () => { /* scanners, health probes that speak plain TCP, callers without a client certificate */ });
  const metricsServer = split ? http.createServer(timing, (req, res) => { void handle(req, res, { validate: false, health: true }); }) : undefined;
  if (metricsServer) {
    metricsServer.keepAliveTimeout = timing.keepAliveTimeout;
    metricsServer.on('clientError', clientError);
  }

  const listen = (s: http.Server | https.Server, port: number, host: string | undefined): Promise<number> => new Promise((done, fail) => {
    s.once('error', fail);
    s.listen(port, host, () => { s.off('error', fail); done((s.address() as AddressInfo).port); });
  });
  const close = (s: http.Server | https.Server, timeoutMs: number): Promise<void> => new Promise<void>((done) => {
    if (!s.listening) { done(); return; }
    const force = setTimeout(() => s.closeAllConnections(), timeoutMs);
    force.unref();
    s.close(() => { clearTimeout(force); done(); });
    // Keep-alive connections with no request in flight would hold close() open.
    s.closeIdleConnections();
  });

  return (async (): Promise<WebhookServer> => {
    const port = await listen(server, opts.port ?? DEFAULT_PORT, opts.host);
    let metricsPort: number | undefined;
    if (metricsServer) {
      try { metricsPort = await listen(metricsServer, opts.metricsPort!, opts.host); } catch (e) {
        await close(server, 0);
        throw e;
      }
    }
    ready = true;
    return {
      server,
      metricsServer,
      metrics,
      port,
      metricsPort,
      setKeyPair(pair) { server.setSecureContext(secure(pair)); },
      async shutdown(timeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS) {
        draining = true;
        await close(server, timeoutMs);
        if (metricsServer) await close(metricsServer, timeoutMs);
      },
    };
  })();
}

const PATHS: ReadonlySet<string> = new Set(['/validate', '/healthz', '/readyz', '/metrics']);

/** Malformed or too slow requests: a status line and close, never a crash. */
function clientError(err: Error, socket: Duplex): void {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (!socket.writable || code === 'ECONNRESET') { socket.destroy(); return; }
  const status = code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}
