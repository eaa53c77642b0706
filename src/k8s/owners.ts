// Who owns a Pod: follows verified controller ownerReferences (Pod → ReplicaSet → Deployment, Job → CronJob) to the workload a user edits.
import type { ResourceRef } from '../core/report.js';
import type { Path } from '../core/path.js';
import { arr, isObj, obj, str, type Obj } from './values.js';
import { podTemplatePath, type CustomWorkloadKind } from './workload.js';
import { IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION } from '../core/ledger.js';
import { templateFingerprint } from './template-match.js';

export interface OwnerRef { apiVersion: string; kind: string; name: string; uid: string }

/** What the audit keeps of each workload: enough to verify a claim of ownership, climb to its owner and honour its suppression annotation. */
interface Known {
  ref: ResourceRef;
  uid: string;
  owner: OwnerRef | undefined;
  annotations: Record<string, string> | undefined;
  /** fingerprint of its pod template; undefined for a kind without one */
  template: string | undefined;
  /** a StatefulSet's volumeClaimTemplates, whose PVC volumes its controller adds to each Pod */
  claims: string[];
}

export interface Owner { ref: ResourceRef; annotations: Record<string, string> | undefined; uid: string | undefined }

/** The controller owner reference (controller: true) with a uid; anything else names no owner. */
export function controllerOf(o: Obj): OwnerRef | undefined {
  const pick = arr(obj(o.metadata)?.ownerReferences).filter(isObj).find((r) => r.controller === true);
  if (!pick) return undefined;
  const kind = str(pick.kind);
  const name = str(pick.name);
  const uid = str(pick.uid);
  if (!kind || !name || !uid) return undefined;
  return { apiVersion: str(pick.apiVersion) ?? '', kind, name, uid };
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

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

function templateAt(o: Obj, path: Path | undefined): Obj | undefined {
  if (!path) return undefined;
  let cur: unknown = o;
  for (const seg of path) cur = obj(cur)?.[seg as string];
  return obj(cur);
}

/**
 * Owner references are written by whoever creates the object, so a bare Pod can name any workload
 * (and borrow its exceptions). A link counts only when it is the controller reference, the owner was
 * read from the API server under that uid, kind, name and namespace, and the child's pod template
 * (a Pod's spec) is what the owner's template would make (see template-match.ts). An unverified Pod
 * is judged on its own; an unverified link higher up stops the climb there.
 */
export class OwnerIndex {
  private byUid = new Map<string, Known>();

  constructor(private readonly custom: readonly CustomWorkloadKind[] = []) {}

  get size(): number { return this.byUid.size; }

  record(o: Obj): void {
    const md = obj(o.metadata) ?? {};
    const uid = str(md.uid);
    if (!uid) return;
    const ref: ResourceRef = { apiVersion: str(o.apiVersion) ?? '', kind: str(o.kind) ?? '', namespace: str(md.namespace) ?? null, name: str(md.name) ?? '' };
    const claims = arr(obj(o.spec)?.volumeClaimTemplates).map((c) => str(obj(obj(c)?.metadata)?.name)).filter((n): n is string => Boolean(n));
    this.byUid.set(uid, { ref, uid, owner: controllerOf(o), annotations: keptAnnotations(o), template: templateFingerprint(templateAt(o, podTemplatePath(o, this.custom))), claims });
  }

  forget(o: Obj): void {
    const uid = str(obj(o.metadata)?.uid);
    if (uid) this.byUid.delete(uid);
  }

  /** The owner a reference names, when it is the object read under that uid (same kind, group, name and namespace). */
  private lookup(r: OwnerRef, namespace: string | null): Known | undefined {
    const k = this.byUid.get(r.uid);
    if (!k || k.ref.kind !== r.kind || k.ref.name !== r.name || k.ref.namespace !== namespace || groupOf(k.ref.apiVersion) !== groupOf(r.apiVersion)) return undefined;
    return k;
  }

  /** Owner references on the way up that the index does not know yet (to fetch before resolving). */
  unknownOwners(o: Obj): OwnerRef[] {
    const ns = str(obj(o.metadata)?.namespace) ?? null;
    let ref = controllerOf(o);
    for (let depth = 0; ref && depth < 5; depth++) {
      const k = this.lookup(ref, ns);
      if (!k) return this.byUid.has(ref.uid) ? [] : [ref];
      ref = k.owner;
    }
    return [];
  }

  /** The top-most verified controller of a Pod; undefined when it has none (it is then judged as itself). */
  resolve(pod: Obj): Owner | undefined {
    const ns = str(obj(pod.metadata)?.namespace) ?? null;
    let ref = controllerOf(pod);
    let childTemplate: string | undefined;
    let found: Owner | undefined;
    for (let depth = 0; ref && depth < 5; depth++) {
      const k = this.lookup(ref, ns);
      if (!k?.template) break;
      // A Pod is compared with the normalisation its owner's controller implies; a workload's template was fingerprinted when recorded.
      const fingerprint = depth === 0 ? templateFingerprint({ metadata: pod.metadata, spec: pod.spec }, k.claims) : childTemplate;
      if (fingerprint !== k.template) break;
      found = { ref: k.ref, annotations: k.annotations, uid: k.uid };
      childTemplate = k.template;
      ref = k.owner;
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

