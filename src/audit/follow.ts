// --watch: after the first pass, follow every listed kind and keep the results, PolicyReports and metrics current.
import type { Obj } from '../k8s/values.js';
import { obj, str } from '../k8s/values.js';
import type { KubeClient } from '../kube/client.js';
import { objectPath, RESOURCES } from '../kube/resources.js';
import { listingPlan, type AuditState } from './run.js';
import { stamp } from '../kube/resources.js';
import { sourceKey } from './evaluate.js';
import { KindWatcher, type Backoff, type WatchStats } from './watch.js';
import type { EngineConfig } from '../engine/engine.js';

export interface FollowOptions {
  namespace?: string;
  pageSize: number;
  backoff?: Backoff;
  log?: (msg: string) => void;
  /** called after each change (debounced by the caller) */
  onChange?: () => void;
}

export class Follower {
  readonly watchers: KindWatcher[] = [];

  constructor(private readonly client: KubeClient, private readonly cfg: EngineConfig, private readonly state: AuditState, private readonly opts: FollowOptions) {}

  get stats(): Map<string, WatchStats> {
    return new Map(this.watchers.map((w) => [w.resource.plural, w.stats]));
  }

  /** Fetches owners a Pod names that the index has not seen yet (a ReplicaSet created a moment ago). */
  private async learnOwners(pod: Obj): Promise<void> {
    const ns = str(obj(pod.metadata)?.namespace);
    for (let i = 0; i < 5; i++) {
      const [missing] = this.state.evaluator.owners.unknownOwners(pod);
      if (!missing) return;
      const r = RESOURCES[missing.kind];
      if (!r) return;
      try {
        const o = await this.client.request('GET', objectPath(r, missing.name, ns));
        this.state.evaluator.owners.record(stamp(o, r));
        // Another object under that name (the reference is stale or forged): nothing more to learn.
        if (str(obj(o.metadata)?.uid) !== missing.uid) return;
      } catch {
        return; // gone already: the Pod is reported on the last owner known
      }
    }
  }

  start(): void {
    const plan = listingPlan(this.cfg);
    const { evaluator, store, versions } = this.state;
    const evaluated = new Set(plan.evaluated);
    const kinds = [...new Set([...plan.inventory, ...plan.owners, ...plan.evaluated])];
    for (const kind of kinds) {
      const r = RESOURCES[kind]!;
      if (kind === 'Namespace' && this.opts.namespace) continue;
      const isInventory = plan.inventory.includes(kind);
      const isOwner = plan.owners.includes(kind);
      const apply = async (raw: Obj): Promise<void> => {
        const o = stamp(raw, r);
        if (isInventory) evaluator.inventory.add(o);
        if (isOwner) evaluator.owners.record(o);
        if (kind === 'Pod') { await this.learnOwners(o); evaluator.evaluatePod(o); }
        else if (evaluated.has(kind)) evaluator.evaluateObject(o);
        evaluator.flush();
        this.opts.onChange?.();
      };
      const remove = (raw: Obj): void => {
        const o = stamp(raw, r);
        if (isOwner) evaluator.owners.forget(o);
        if (evaluated.has(kind)) evaluator.forget(o);
        this.opts.onChange?.();
      };
      const relist = async (): Promise<string> => {
        const seen = new Set<string>();
        let rv = '';
        for await (const page of this.client.pages(r, { namespace: r.namespaced ? this.opts.namespace : undefined, limit: this.opts.pageSize })) {
          for (const o of page.items) { seen.add(sourceKey(stamp(o, r))); await apply(o); }
          rv = page.resourceVersion;
        }
        if (evaluated.has(kind)) for (const k of store.sourcesOfKind(kind)) if (!seen.has(k)) store.remove(k);
        this.opts.onChange?.();
        return rv;
      };
      const w = new KindWatcher(this.client, r, versions.get(kind) ?? '', { apply, remove, relist }, { namespace: this.opts.namespace, backoff: this.opts.backoff, log: this.opts.log });
      this.watchers.push(w);
      w.start();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.watchers.map((w) => w.stop()));
  }
}
