// Whether a Pod (or a ReplicaSet's, a Job's template) is what its claimed owner's pod template would make: the proof the audit asks before folding it into that owner.
import { createHash } from 'node:crypto';
import { arr, isObj, obj, str, type Obj } from './values.js';

/**
 * Pod spec fields the API server, its admission plugins, the scheduler or a workload controller set
 * on Pods but not in templates, and that no mamori check reads (a test runs every check with and
 * without them): differences here say nothing about privilege, so they do not break the match.
 * `resources` is the pod-level one (containers' resources are compared).
 */
export const IGNORED_POD_FIELDS = ['nodeName', 'tolerations', 'affinity', 'priority', 'priorityClassName', 'preemptionPolicy', 'overhead', 'hostname', 'subdomain', 'resources'] as const;

/** Annotations a check reads, compared as well: a Pod must not borrow an owner's exception while changing them. */
const SECURITY_ANNOTATION = /^(?:container\.apparmor\.security\.beta\.kubernetes\.io\/|container\.seccomp\.security\.alpha\.kubernetes\.io\/|seccomp\.security\.alpha\.kubernetes\.io\/|mamori\.dev\/)/;

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

const TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The ServiceAccount admission plugin's token volume (kube-api-access-xxxxx): by name, and only the three sources it projects. */
function isInjectedTokenVolume(v: Obj): boolean {
  if (!(str(v.name) ?? '').startsWith('kube-api-access-')) return false;
  const sources = arr(obj(v.projected)?.sources);
  return sources.some((s) => isObj(s) && isObj(s.serviceAccountToken)) && sources.every((s) => isObj(s) && Object.keys(s).length === 1 && (
    isObj(s.serviceAccountToken) || str(obj(s.configMap)?.name) === 'kube-root-ca.crt' || isObj(s.downwardAPI)));
}

/** JSON with object keys sorted, so that field order (which normalising changes) does not matter. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObj(v)) {
    const parts: string[] = [];
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJson(v[k])}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * The pod spec as the comparison sees it. `claims` are a StatefulSet's volumeClaimTemplates: its
 * controller adds a PVC volume of each name to every Pod.
 */
export function normalisedSpec(spec: Obj, claims: readonly string[] = []): Obj {
  const out: Obj = { ...spec };
  for (const f of IGNORED_POD_FIELDS) delete out[f];
  // The API server fills in the default account and mirrors it into the deprecated field.
  out.serviceAccountName = str(spec.serviceAccountName) || str(spec.serviceAccount) || 'default';
  delete out.serviceAccount;
  // Defaults the API server applies to Pods only, never to templates (SetDefaults_Pod), applied to both sides.
  out.enableServiceLinks = spec.enableServiceLinks ?? true;
  const hostNetwork = spec.hostNetwork === true;
  const tokenVolumes = new Set<string>();
  // Only where the token would be injected anyway: a Pod that opts out cannot sneak one in unnoticed.
  const injects = spec.automountServiceAccountToken !== false;
  const volumes = arr(spec.volumes).filter((v) => {
    if (!isObj(v)) return true;
    const name = str(v.name) ?? '';
    if (injects && isInjectedTokenVolume(v)) { tokenVolumes.add(name); return false; }
    // The template mounts a claim by name and has no volume for it; the Pod's volume is the controller's PVC.
    return !(claims.includes(name) && isObj(v.persistentVolumeClaim));
  });
  // An empty list and a missing one are the same to the API server (it omits empty lists).
  if (volumes.length) out.volumes = volumes; else delete out.volumes;
  for (const list of CONTAINER_LISTS) {
    if (!Array.isArray(spec[list])) continue;
    out[list] = arr(spec[list]).map((c) => (isObj(c) ? normalisedContainer(c, tokenVolumes, hostNetwork && list !== 'ephemeralContainers') : c));
  }
  return out;
}

function normalisedContainer(c: Obj, tokenVolumes: ReadonlySet<string>, hostNetwork: boolean): Obj {
  const out: Obj = { ...c };
  if (Array.isArray(c.volumeMounts)) {
    const kept = c.volumeMounts.filter((m) => !(isObj(m) && tokenVolumes.has(str(m.name) ?? '') && str(m.mountPath) === TOKEN_MOUNT));
    if (kept.length) out.volumeMounts = kept; else delete out.volumeMounts;
  }
  // Requests default to limits; hostNetwork Pods' ports get hostPort = containerPort.
  const res = obj(c.resources);
  const limits = obj(res?.limits);
  if (res && limits) out.resources = { ...res, requests: { ...limits, ...obj(res.requests) } };
  if (hostNetwork && Array.isArray(c.ports)) out.ports = c.ports.map((p) => (isObj(p) && p.hostPort === undefined && p.containerPort !== undefined ? { ...p, hostPort: p.containerPort } : p));
  return out;
}

/** A short fingerprint of what checks judge in a pod template: its normalised spec and its security annotations. */
export function templateFingerprint(template: Obj | undefined, claims: readonly string[] = []): string | undefined {
  const spec = obj(template?.spec);
  if (!spec) return undefined;
  const ann = obj(obj(template?.metadata)?.annotations) ?? {};
  const security = Object.fromEntries(Object.entries(ann).filter(([k]) => SECURITY_ANNOTATION.test(k)));
  const text = canonicalJson({ spec: normalisedSpec(spec, claims), annotations: security });
  return createHash('sha256').update(text).digest('base64url');
}
