// Evaluates live objects with the same engine and configuration as `mamori scan`, one batch (page) at a time.
import { Engine, InventoryIndex, type EngineConfig, type PolicyRun } from '../engine/engine.js';
import type { Finding, ResourceRef } from '../core/report.js';
import { obj, str, type Obj } from '../k8s/values.js';
import { objectView } from '../k8s/workload.js';
import { asOwnedWorkload, OwnerIndex } from '../k8s/owners.js';
import { ResultStore } from './store.js';

/** The object kinds a configuration's checks look at; pod checks mean Pods (the audit judges Pods). */
export function kindsNeeded(policies: readonly PolicyRun[]): Set<string> {
  const kinds = new Set<string>();
  for (const p of policies) {
    if (p.effect === 'Disabled') continue;
    if (p.check.target === 'pod') { kinds.add('Pod'); continue; }
    for (const k of p.check.kinds) kinds.add(k);
  }
  return kinds;
}

export function sourceKey(o: Obj): string {
  const md = obj(o.metadata) ?? {};
  return `${str(o.kind) ?? ''}|${str(md.namespace) ?? ''}|${str(md.name) ?? ''}`;
}

export class AuditEvaluator {
  readonly inventory: InventoryIndex;
  readonly owners: OwnerIndex;
  private engine: Engine | undefined;

  constructor(readonly cfg: EngineConfig, readonly store: ResultStore) {
    this.inventory = new InventoryIndex(cfg.defaultNamespace);
    this.owners = new OwnerIndex(cfg.customKinds);
  }

  private batchEngine(): Engine {
    if (!this.engine) this.engine = new Engine(this.cfg, this.inventory);
    return this.engine;
  }

  /** Ends a batch: notices, errors and exception use move to the store; the engine's findings are dropped. */
  flush(): void {
    if (!this.engine) return;
    const r = this.engine.report();
    for (const n of r.notices) this.store.addNotice(n);
    for (const e of r.errors) this.store.errors.push({ ...e, line: null });
    this.store.mergeUnused(r.unusedExceptions);
    this.engine = undefined;
  }

  private run(o: Obj): { ref: ResourceRef; findings: Finding[]; evaluated: string[] } {
    const view = objectView(o, this.cfg.defaultNamespace);
    const file = `${view.kind} ${view.namespace ? `${view.namespace}/` : ''}${view.name}`;
    const { findings, evaluated } = this.batchEngine().judge({ object: o, origin: { file, locate: () => ({ file, line: 0, column: 0 }) } });
    for (const f of findings) f.location = null;
    const ref: ResourceRef = findings[0]?.resource ?? { apiVersion: view.apiVersion, kind: view.kind, namespace: view.namespace, name: view.name };
    return { ref, findings, evaluated };
  }

  /** A Pod is judged as stored and reported on the workload that owns it. */
  evaluatePod(pod: Obj): void {
    const owner = this.owners.resolve(pod);
    const subject = owner ? asOwnedWorkload(pod, owner, this.cfg.customKinds) : undefined;
    const podName = str(obj(pod.metadata)?.name) ?? '';
    if (subject) {
      const r = this.run(subject);
      // A Pod no policy looks at (an excluded namespace) does not count towards anything.
      if (r.evaluated.length === 0 && r.findings.length === 0) return;
      r.ref = owner!.ref;
      for (const f of r.findings) f.resource = owner!.ref;
      this.store.put(sourceKey(pod), r.ref, podName, r.findings, r.evaluated, true);
    } else {
      const r = this.run(pod);
      if (r.evaluated.length === 0 && r.findings.length === 0) return;
      this.store.put(sourceKey(pod), r.ref, '', r.findings, r.evaluated, false);
    }
  }

  /** Services, Ingresses, ServiceAccounts, Namespaces …: judged as themselves. */
  evaluateObject(o: Obj): void {
    const r = this.run(o);
    if (r.evaluated.length === 0 && r.findings.length === 0) return;
    this.store.put(sourceKey(o), r.ref, '', r.findings, r.evaluated, false);
  }

  /** The object is gone from the cluster. */
  forget(o: Obj): void {
    this.store.remove(sourceKey(o));
  }
}
