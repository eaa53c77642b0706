// Follows one kind with a watch from a resourceVersion: re-lists on 410 Gone, reconnects with backoff when the API server goes away.
import type { Obj } from '../k8s/values.js';
import { obj, str } from '../k8s/values.js';
import type { KubeClient } from '../kube/client.js';
import { collectionPath, type ApiResource } from '../kube/resources.js';

export interface WatchHandlers {
  apply(o: Obj): Promise<void> | void;
  remove(o: Obj): void;
  /** lists the kind again after the watch expired; returns the list's resourceVersion */
  relist(): Promise<string>;
}

export interface WatchStats {
  events: number;
  reconnects: number;
  relists: number;
  connected: boolean;
  lastError?: string;
}

export interface Backoff { initialMs: number; maxMs: number }

class Expired extends Error {}

export class KindWatcher {
  readonly stats: WatchStats = { events: 0, reconnects: 0, relists: 0, connected: false };
  private stopped = false;
  private abort: AbortController | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly client: KubeClient,
    readonly resource: ApiResource,
    private rv: string,
    private readonly handlers: WatchHandlers,
    private readonly opts: { namespace?: string; backoff?: Backoff; log?: (msg: string) => void } = {},
  ) {}

  start(): void { this.loop = this.run(); }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
    await this.loop;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.wake = undefined; resolve(); }, ms);
      this.wake = () => { clearTimeout(t); this.wake = undefined; resolve(); };
    });
  }

  private async run(): Promise<void> {
    const backoff = this.opts.backoff ?? { initialMs: 250, maxMs: 10_000 };
    let delay = backoff.initialMs;
    while (!this.stopped) {
      try {
        if (!this.rv) throw new Expired('no resourceVersion to start from');
        const clean = await this.once();
        if (this.stopped) break;
        // A server-side timeout ends a healthy watch: reconnect at once from where it stopped.
        if (clean) { delay = backoff.initialMs; continue; }
      } catch (e) {
        if (this.stopped) break;
        if (e instanceof Expired) {
          try {
            this.stats.relists++;
            this.opts.log?.(`${this.resource.plural}: watch expired (${e.message}); listing again`);
            this.rv = await this.handlers.relist();
            delay = backoff.initialMs;
            continue;
          } catch (err) {
            this.stats.lastError = (err as Error).message;
          }
        } else {
          this.stats.lastError = (e as Error).message;
        }
      }
      if (this.stopped) break;
      this.stats.reconnects++;
      this.opts.log?.(`${this.resource.plural}: watch lost (${this.stats.lastError ?? 'closed'}); reconnecting in ${delay}ms`);
      await this.sleep(delay + Math.floor(Math.random() * delay * 0.2));
      delay = Math.min(delay * 2, backoff.maxMs);
    }
    this.stats.connected = false;
  }

  /** One watch connection; resolves true on a clean close, throws Expired on 410, rejects on errors. */
  private once(): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      let settled = false;
      let expired: string | undefined;
      let chain: Promise<void> = Promise.resolve();
      const finish = (err: unknown): void => {
        if (settled) return;
        settled = true;
        this.stats.connected = false;
        // Let queued events finish before deciding what comes next.
        chain.then(() => {
          if (expired) reject(new Expired(expired));
          else if (err) {
            const code = (err as { statusCode?: number }).statusCode;
            if (code === 410) reject(new Expired('410 Gone'));
            else reject(err instanceof Error ? err : new Error(String(err)));
          } else resolve(true);
        }, reject);
      };
      const path = collectionPath(this.resource, this.resource.namespaced ? this.opts.namespace : undefined);
      this.client.watcher.watch(path, { resourceVersion: this.rv, allowWatchBookmarks: true, timeoutSeconds: 300 }, (type: string, o: unknown) => {
        const object = obj(o) ?? {};
        if (type === 'ERROR') {
          const code = object.code;
          expired = code === 410 ? String(object.message ?? '410 Gone') : undefined;
          if (!expired) this.stats.lastError = String(object.message ?? 'watch error');
          this.abort?.abort();
          finish(expired ? undefined : new Error(this.stats.lastError));
          return;
        }
        this.stats.connected = true;
        const rv = str(obj(object.metadata)?.resourceVersion);
        // Bookmarks queue behind the events before them, so a later version is never overwritten by an earlier one.
        if (type === 'BOOKMARK') { chain = chain.then(() => { if (rv) this.rv = rv; }); return; }
        this.stats.events++;
        chain = chain.then(async () => {
          if (type === 'DELETED') this.handlers.remove(object);
          else await this.handlers.apply(object);
          if (rv) this.rv = rv;
        }).catch((e: unknown) => { this.opts.log?.(`${this.resource.plural}: ${(e as Error).message}`); });
      }, (err: unknown) => finish(err)).then((ac) => {
        this.abort = ac;
        this.stats.connected = !settled;
        if (this.stopped) ac.abort();
      }, (err: unknown) => finish(err));
    });
  }
}
