// The rules of issue 11 as a test oracle: which leaves of a pod spec `mamori fix` may change at the default risk.

type Obj = Record<string, unknown>;

/** Every scalar of a value by its path, so that an added parent shows as its added leaves (an empty {} sets nothing). */
function leaves(v: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) leaves(x, Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k, out);
  } else out.set(path, JSON.stringify(v));
  return out;
}

export function changedLeaves(a: unknown, b: unknown): string[] {
  const x = leaves(a);
  const y = leaves(b);
  return [...new Set([...x.keys(), ...y.keys()])].filter((k) => x.get(k) !== y.get(k));
}

const containersOf = (spec: Obj): Obj[] => [...(spec.initContainers as Obj[] | undefined ?? []), ...(spec.containers as Obj[] | undefined ?? [])];
const scOf = (c: Obj): Obj => (c.securityContext as Obj | undefined) ?? {};

export const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/';

/** The securityContext.appArmorProfile an annotation value stands for. */
export function appArmorField(v: unknown): Obj | undefined {
  if (v === 'runtime/default') return { type: 'RuntimeDefault' };
  if (v === 'unconfined') return { type: 'Unconfined' };
  if (typeof v === 'string' && v.startsWith('localhost/')) return { type: 'Localhost', localhostProfile: v.slice('localhost/'.length) };
  return undefined;
}

/**
 * The oracle, written from issue 11's rules and what a real node showed (docs/fix.md), independent of mamori's checks:
 * why a change of this leaf of a pod spec could stop the workload without the manifest proving otherwise, or undefined
 * when it may change by default.
 */
export function forbiddenChange(path: string, before: Obj, after: Obj, annotations: Obj = {}): string | undefined {
  const cs = containersOf(before);
  const container = /^(containers|initContainers)\[(\d+)\]/.exec(path);
  const c = container ? (before[container[1]!] as Obj[])[Number(container[2])] : undefined;
  if (path.includes('.securityContext.appArmorProfile') && c && container) {
    // the deprecated annotation moved into the field: the same profile, stated where Kubernetes v1.30+ reads it
    const now = ((after[container[1]!] as Obj[])[Number(container[2])]!.securityContext as Obj).appArmorProfile;
    return JSON.stringify(now) === JSON.stringify(appArmorField(annotations[`${APPARMOR}${String(c.name)}`])) ? undefined : 'an AppArmor profile the manifest did not ask for';
  }
  // no manifest shows that no setuid program runs as a non-root user (the node's ping did)
  if (path.endsWith('.allowPrivilegeEscalation')) return 'allowPrivilegeEscalation: false, which stops a setuid program run by a non-root user';
  if (path.endsWith('runAsNonRoot')) {
    const podUser = (before.securityContext as Obj | undefined)?.runAsUser;
    const ok = cs.every((x) => { const u = scOf(x).runAsUser ?? podUser; return typeof u === 'number' && u > 0; });
    return ok ? undefined : 'runAsNonRoot without a non-zero runAsUser for every container';
  }
  // a program that only reads its token fails without it, whatever roles its account has
  if (path === 'automountServiceAccountToken') return 'token removed from a pod that may read it';
  // creating a user namespace fails under RuntimeDefault in any container
  if (path.startsWith('securityContext.seccompProfile')) return 'seccomp RuntimeDefault, which stops a program that creates a user namespace';
  // readOnlyRootFilesystem, privileged, capabilities, host namespaces, ids, resources, anything else
  return `${path} may stop the workload and has no evidence rule`;
}

