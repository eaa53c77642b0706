// The one Kubernetes API client of mamori (audit, rbac --cluster, versions --cluster): credentials and Watch from @kubernetes/client-node, raw JSON over HTTPS.
import https from 'node:https';
import http from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeConfig, Watch } from '@kubernetes/client-node';

/**
 * Loaded on first use: the client library takes half a second to import, which no other command should
 * pay, and the webhook image (Dockerfile target `webhook`) does not carry it at all.
 */
async function clientLib(): Promise<typeof import('@kubernetes/client-node')> {
  try {
    return await import('@kubernetes/client-node');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw e;
    throw new UsageError('this mamori has no Kubernetes client (the webhook image runs `serve` only): use the full image for audit, rbac --cluster and versions --cluster');
  }
}
import { UsageError } from '../core/errors.js';
import type { Obj } from '../k8s/values.js';
import { collectionPath, type ApiResource } from './resources.js';
import { TokenFile, tokenFilePath, useTokenFile } from './token-file.js';

export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  /** per request, milliseconds */
  timeoutMs?: number;
}

/** An API answer other than 2xx, with the Status the server sent. */
export class ApiError extends Error {
  retryAfterSeconds?: number;
  constructor(readonly status: number, readonly method: string, readonly path: string, readonly reason: string, message: string) {
    super(message);
  }
}

export interface Page { items: Obj[]; resourceVersion: string; continueToken: string | undefined }

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Where the default lookup finds credentials ($KUBECONFIG, ~/.kube/config, the Pod's service account), or, when
 * it finds none, the usage error that says where it looked: the client library would quietly use
 * http://localhost:8080 instead, and then fail with a message about TLS.
 */
export function noKubeconfigError(env: NodeJS.ProcessEnv, home: string | undefined, exists: (p: string) => boolean): UsageError | undefined {
  if (env.KUBECONFIG) return undefined;
  const config = home ? join(home, '.kube', 'config') : undefined;
  if (config && exists(config)) return undefined;
  if (exists(SERVICE_ACCOUNT_TOKEN)) return undefined;
  const looked = [
    'KUBECONFIG (not set)',
    config ? `${config} (no such file)` : '~/.kube/config (HOME not set)',
    `${SERVICE_ACCOUNT_TOKEN} (not running in a Pod)`,
  ];
  return new UsageError(`no kubeconfig found; looked at ${looked.join(', ')}: pass --kubeconfig FILE or set KUBECONFIG`);
}

/** Builds the client configuration: --kubeconfig, else $KUBECONFIG / ~/.kube/config, else in-cluster credentials. */
export async function loadKubeConfig(opts: ConnectOptions): Promise<KubeConfig> {
  if (!opts.kubeconfig && process.platform !== 'win32') {
    const missing = noKubeconfigError(process.env, process.env.HOME, existsSync);
    if (missing) throw missing;
  }
  const { KubeConfig } = await clientLib();
  const kc = new KubeConfig();
  try {
    if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
    else kc.loadFromDefault();
  } catch (e) {
    throw new UsageError(`cannot load kubeconfig${opts.kubeconfig ? ` ${opts.kubeconfig}` : ''}: ${(e as Error).message}`);
  }
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) {
      throw new UsageError(`--context ${opts.context}: no such context in the kubeconfig (known: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'})`);
    }
    kc.setCurrentContext(opts.context);
  }
  if (!kc.getCurrentCluster()) throw new UsageError('no Kubernetes cluster configured: pass --kubeconfig, set KUBECONFIG, or run inside a Pod');
  return kc;
}

export class KubeClient {
  readonly server: string;
  private agent: http.Agent | undefined;
  readonly watcher: Watch;

  /** tokenFile: where the bearer token is re-read from (projected tokens rotate; see token-file.ts) */
  constructor(readonly kc: KubeConfig, watcher: Watch, private readonly timeoutMs = 60_000, readonly tokenFile?: TokenFile) {
    this.server = kc.getCurrentCluster()!.server.replace(/(?<!\/)\/+$/, '');
    this.watcher = watcher;
  }

  static async connect(opts: ConnectOptions): Promise<KubeClient> {
    const { Watch } = await clientLib();
    const kc = await loadKubeConfig(opts);
    const path = tokenFilePath(kc, opts.kubeconfig);
    const tokenFile = path ? new TokenFile(path) : undefined;
    if (tokenFile) {
      tokenFile.token(); // an unreadable token file is a usage error now, not a 401 later
      useTokenFile(kc, tokenFile);
    }
    return new KubeClient(kc, new Watch(kc), opts.timeoutMs, tokenFile);
  }

  /**
   * TLS settings and the connection pool are made once; credentials are derived for every request,
   * because tokens expire under a long-running audit (projected tokens after an hour, exec plugins).
   */
  private async options(): Promise<https.RequestOptions> {
    const o: https.RequestOptions = {};
    await this.kc.applyToHTTPSOptions(o);
    if (!this.agent) {
      const tls = this.server.startsWith('https:');
      // Keep-alive: a listing is many page requests to the same server.
      this.agent = tls
        ? new https.Agent({ keepAlive: true, maxSockets: 8, ca: o.ca, cert: o.cert, key: o.key, rejectUnauthorized: o.rejectUnauthorized, servername: o.servername })
        : new http.Agent({ keepAlive: true, maxSockets: 8 });
    }
    return o;
  }

  /**
   * One request; the body is JSON both ways. Non-2xx answers become ApiError; 429 and 503 are retried
   * a few times; a 401 is retried once when the token file holds a new token (rotated since it was read).
   */
  async request<T = Obj>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    let reauthenticated = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.requestOnce<T>(method, path, body, contentType);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401 && !reauthenticated && this.tokenFile?.reload()) { reauthenticated = true; continue; }
        // The API server asks to come back (a CRD's storage initialising, priority and fairness): do so briefly.
        if (!(e instanceof ApiError && (e.status === 429 || e.status === 503)) || attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, Math.min(1000, (e.retryAfterSeconds ?? 0) * 1000 || 100 * (attempt + 1))));
      }
    }
  }

  private async requestOnce<T>(method: string, path: string, body: unknown, contentType: string): Promise<T> {
    const base = await this.options();
    const url = new URL(this.server + path);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise<T>((resolve, reject) => {
      const req = mod.request({
        ...base,
        agent: this.agent,
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers: {
          ...(base.headers ?? {}),
          accept: 'application/json',
          ...(payload ? { 'content-type': contentType, 'content-length': String(payload.length) } : {}),
        },
        timeout: this.timeoutMs,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          let parsed: unknown;
          try { parsed = text ? JSON.parse(text) : {}; } catch {
            if (status >= 200 && status < 300) { reject(new Error(`${method} ${path}: answer is not JSON`)); return; }
          }
          if (status >= 200 && status < 300) { resolve(parsed as T); return; }
          const st = (parsed ?? {}) as { message?: string; reason?: string };
          const err = new ApiError(status, method, path, st.reason ?? '', `${method} ${path}: ${status} ${st.reason ?? ''}${st.message ? `: ${st.message}` : ''}`.trim());
          const ra = Number(res.headers['retry-after']);
          if (Number.isFinite(ra)) err.retryAfterSeconds = ra;
          reject(err);
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${this.timeoutMs}ms`)));
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  /**
   * Lists a kind page by page (limit/continue). The next page is requested while the caller works on
   * the current one, so evaluation overlaps with the API server's work; at most two pages are held.
   */
  async *pages(r: ApiResource, opts: { namespace?: string; limit: number }): AsyncGenerator<Page> {
    const path = collectionPath(r, opts.namespace);
    const fetchPage = async (cont: string | undefined): Promise<Page> => {
      const q = new URLSearchParams({ limit: String(opts.limit) });
      if (cont) q.set('continue', cont);
      const list = await this.request<{ items?: Obj[]; metadata?: { resourceVersion?: string; continue?: string } }>('GET', `${path}?${q}`);
      return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '', continueToken: list.metadata?.continue || undefined };
    };
    let next: Promise<Page> | undefined = fetchPage(undefined);
    while (next) {
      const page: Page = await next;
      next = page.continueToken ? fetchPage(page.continueToken) : undefined;
      // A rejected prefetch must not go unhandled while the caller is busy; it is rethrown on await.
      next?.catch(() => undefined);
      yield page;
    }
  }

  close(): void { this.agent?.destroy(); }
}

/** A user-facing explanation of an API failure (permissions, connection); `needs` says which permissions the command needs, for a 403. */
export function describeApiFailure(e: unknown, what: string, needs?: string): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return `${what}: the API server did not accept the credentials (401 Unauthorized)`;
    if (e.status === 403) return `${what}: forbidden (403): ${e.message}${needs ? `; ${needs}` : ''}`;
    if (e.status === 404) return `${what}: the API server does not serve this resource (404)`;
    return `${what}: ${e.message}`;
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ECONNREFUSED') return `${what}: cannot connect to the API server (connection refused)`;
  return `${what}: ${err?.message ?? String(e)}`;
}
