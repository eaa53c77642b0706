// Who owns a Pod: follows controller ownerReferences (Pod → ReplicaSet → Deployment, Job → CronJob) to the workload a user edits.
import type { ResourceRef } from '../model/types.js';
import type { Path } from '../k8s/path.js';
import { arr, isObj, obj, str, type Obj } from '../k8s/values.js';
import { podTemplatePath, type CustomWorkloadKind } from '../k8s/workload.js';
import { IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION } from '../engine/engine.js';

export interface OwnerRef { apiVersion: string; kind: string; name: string; uid: string }

/** What the audit keeps of each workload: enough to climb to its owner and honour its suppression annotation. */
interface Known { ref: ResourceRef; owner: OwnerRef | undefined; annotations: Record<string, string> | undefined }

export interface Owner { ref: ResourceRef; annotations: Record<string, string> | undefined; uid: string | undefined }

/** The controller owner reference (controller: true), else the only one. */
export function controllerOf(o: Obj): OwnerRef | undefined {
  const refs = arr(obj(o.metadata)?.ownerReferences).filter(isObj);
  const pick = refs.find((r) => r.controller === true) ?? (refs.length === 1 ? refs[0] : undefined);
  if (!pick) return undefined;
  const kind = str(pick.kind);
  const name = str(pick.name);
  if (!kind || !name) return undefined;
  return { apiVersion: str(pick.apiVersion) ?? '', kind, name, uid: str(pick.uid) ?? '' };
}

function keptAnnotations(o: Obj): Record<string, string> | undefined {
  const ann = obj(obj(o.metadata)?.annotations);
  const ignore = str(ann?.[IGNORE_ANNOTATION]);
  if (!ignore) return undefined;
  const out: Record<string, string> = { [IGNORE_ANNOTATION]: ignore };
  const reason = str(ann?.[IGNORE_REASON_ANNOTATION]);
  if (reason) out[IGNORE_REASON_ANNOTATION] = reason;
  return out;
}

export class OwnerIndex {
  private byUid = new Map<string, Known>();
  /** uid-less lookups (owner references always carry a uid, but tests and old objects may not) */
  private byName = new Map<string, Known>();

  get size(): number { return this.byUid.size; }

  record(o: Obj): void {
    const md = obj(o.metadata) ?? {};
    const uid = str(md.uid) ?? '';
    const ref: ResourceRef = { apiVersion: str(o.apiVersion) ?? '', kind: str(o.kind) ?? '', namespace: str(md.namespace) ?? null, name: str(md.name) ?? '' };
    const k: Known = { ref, owner: controllerOf(o), annotations: keptAnnotations(o) };
    if (uid) this.byUid.set(uid, k);
    this.byName.set(`${ref.kind}|${ref.namespace}|${ref.name}`, k);
  }

  forget(o: Obj): void {
    const md = obj(o.metadata) ?? {};
    const uid = str(md.uid);
    if (uid) this.byUid.delete(uid);
    this.byName.delete(`${str(o.kind)}|${str(md.namespace) ?? null}|${str(md.name)}`);
  }

  private lookup(r: OwnerRef, namespace: string | null): Known | undefined {
    return (r.uid ? this.byUid.get(r.uid) : undefined) ?? this.byName.get(`${r.kind}|${namespace}|${r.name}`);
  }

  /** Owner references on the way up that the index does not know yet (to fetch before resolving). */
  unknownOwners(o: Obj): OwnerRef[] {
    const ns = str(obj(o.metadata)?.namespace) ?? null;
    let ref = controllerOf(o);
    for (let depth = 0; ref && depth < 5; depth++) {
      const k = this.lookup(ref, ns);
      if (!k) return [ref];
      ref = k.owner;
    }
    return [];
  }

  /** The top-most known controller of an object; undefined when it has none. */
  resolve(o: Obj): Owner | undefined {
    const ns = str(obj(o.metadata)?.namespace) ?? null;
    let ref = controllerOf(o);
    let found: Owner | undefined;
    for (let depth = 0; ref && depth < 5; depth++) {
      const k = this.lookup(ref, ns);
      found = { ref: k?.ref ?? { apiVersion: ref.apiVersion, kind: ref.kind, namespace: ns, name: ref.name }, annotations: k?.annotations, uid: ref.uid || undefined };
      ref = k?.owner;
    }
    return found;
  }
}

function setAt(root: Obj, path: Path, value: unknown): void {
  let cur: Obj = root;
  path.forEach((seg, i) => {
    if (i === path.length - 1) { cur[seg as string] = value; return; }
    const next = cur[seg as string];
    if (isObj(next)) cur = next;
    else { const fresh: Obj = {}; cur[seg as string] = fresh; cur = fresh; }
  });
}

/**
 * The Pod as its owning workload would carry it: the stored pod spec (defaults applied, tokens
 * injected) placed in the owner's pod template, so findings name the workload and a path the user
 * can edit, and exceptions written for the workload match.
 */
export function asOwnedWorkload(pod: Obj, owner: Owner, custom: readonly CustomWorkloadKind[]): Obj | undefined {
  const shell: Obj = { apiVersion: owner.ref.apiVersion, kind: owner.ref.kind };
  const tplPath = podTemplatePath(shell, custom);
  if (!tplPath || tplPath.length === 0) return undefined;
  const md = obj(pod.metadata) ?? {};
  const tplMeta: Obj = {};
  if (md.labels !== undefined) tplMeta.labels = md.labels;
  if (md.annotations !== undefined) tplMeta.annotations = md.annotations;
  const metadata: Obj = { name: owner.ref.name, namespace: owner.ref.namespace ?? undefined };
  if (owner.uid) metadata.uid = owner.uid;
  if (owner.annotations) metadata.annotations = owner.annotations;
  shell.metadata = metadata;
  setAt(shell, tplPath, { metadata: tplMeta, spec: pod.spec });
  return shell;
}

