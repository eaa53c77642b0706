// One audit pass: list every kind the profile needs page by page, evaluate as pages arrive, keep results in the store.
import type { EngineConfig } from '../engine/engine.js';

import type { Obj } from '../k8s/values.js';
import { RESOURCES, POD_OWNER_KINDS, stamp } from '../kube/resources.js';
import { ApiError, describeApiFailure, type KubeClient } from '../kube/client.js';
import { AuditEvaluator, kindsNeeded } from './evaluate.js';
import { ResultStore } from './store.js';
import type { Progress } from './progress.js';

/** What a 403 while auditing tells the user to grant. */
export const AUDIT_NEEDS = 'the audit needs get/list/watch on every kind it reads — see deploy/audit/10-rbac.yaml';
/** What a 403 while writing reports tells the user to grant. */
export const REPORT_NEEDS = 'writing reports needs list/create, and get/update on mamori-audit, for policyreports.wgpolicyk8s.io or reports.openreports.io — see deploy/audit/10-rbac.yaml';

export interface AuditOptions {
  namespace?: string;
  pageSize: number;
  progress?: Progress;
  /** keep every object's result, to follow changes (--watch) */
  trackAll?: boolean;
}

/** Where each kind's list ended: the resourceVersion a watch starts from. */
export type ListVersions = Map<string, string>;

export interface AuditState {
  evaluator: AuditEvaluator;
  store: ResultStore;
  versions: ListVersions;
  /** kinds evaluated (beyond the inventory and owners), in listing order */
  kinds: string[];
  objects: number;
}

const INVENTORY_KINDS = ['Namespace', 'ServiceAccount', 'NetworkPolicy'];

/** What to do with the objects of each kind, in the order they must be listed. */
export function listingPlan(cfg: EngineConfig): { inventory: string[]; owners: string[]; evaluated: string[]; unknown: string[] } {
  const needed = kindsNeeded(cfg.policies);
  const evaluated: string[] = [];
  const unknown: string[] = [];
  let pods = needed.has('Pod');
  for (const k of needed) {
    if (k === 'Pod') continue;
    if (POD_OWNER_KINDS.has(k)) { pods = true; continue; }
    if (RESOURCES[k]) evaluated.push(k);
    else unknown.push(k);
  }
  const customOwners = cfg.customKinds.map((c) => c.kind).filter((k) => RESOURCES[k]);
  return {
    inventory: INVENTORY_KINDS,
    owners: pods ? [...POD_OWNER_KINDS, ...customOwners] : [],
    evaluated: [...(pods ? ['Pod'] : []), ...evaluated.sort()],
    unknown,
  };
}

export async function auditOnce(client: KubeClient, cfg: EngineConfig, opts: AuditOptions): Promise<AuditState> {
  const store = new ResultStore({ trackAll: opts.trackAll === true });
  const evaluator = new AuditEvaluator(cfg, store);
  const versions: ListVersions = new Map();
  const plan = listingPlan(cfg);
  for (const k of plan.unknown) store.addNotice({ policyId: null, message: `the audit cannot list kind ${k}; policies on it are not evaluated` });
  let objects = 0;

  const list = async (kind: string, each: (o: Obj) => void, optional: boolean): Promise<void> => {
    const r = RESOURCES[kind]!;
    const namespace = r.namespaced ? opts.namespace : undefined;
    try {
      if (kind === 'Namespace' && opts.namespace) {
        // Only the namespace being audited; a namespaced audit needs no cluster-wide list.
        const o = await client.request('GET', `/api/v1/namespaces/${encodeURIComponent(opts.namespace)}`);
        each(stamp(o, r));
        versions.set(kind, '');
        return;
      }
      for await (const page of client.pages(r, { namespace, limit: opts.pageSize })) {
        for (const o of page.items) { each(stamp(o, r)); objects++; }
        evaluator.flush();
        opts.progress?.update(r.plural, objects);
        versions.set(kind, page.resourceVersion);
      }
    } catch (e) {
      if (optional && e instanceof ApiError && (e.status === 403 || e.status === 404)) {
        store.addNotice({ policyId: null, message: describeApiFailure(e, `cannot list ${r.plural}`, AUDIT_NEEDS) });
        return;
      }
      throw e;
    }
  };

  const evaluateInventory = new Set(plan.evaluated.filter((k) => INVENTORY_KINDS.includes(k)));
  for (const kind of plan.inventory) {
    await list(kind, (o) => evaluator.inventory.add(o), kind !== 'ServiceAccount');
  }
  for (const kind of plan.owners) await list(kind, (o) => evaluator.owners.record(o), true);
  for (const kind of plan.evaluated) {
    if (evaluateInventory.has(kind)) continue;
    await list(kind, (o) => (kind === 'Pod' ? evaluator.evaluatePod(o) : evaluator.evaluateObject(o)), kind !== 'Pod');
  }
  // Inventory kinds a policy judges (a Namespace's labels, a ServiceAccount's automount) are judged once the inventory is complete.
  for (const kind of plan.evaluated.filter((k) => evaluateInventory.has(k))) {
    await list(kind, (o) => evaluator.evaluateObject(o), true);
  }
  evaluator.flush();
  opts.progress?.done();
  return { evaluator, store, versions, kinds: plan.evaluated, objects };
}

