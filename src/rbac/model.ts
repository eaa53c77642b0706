// RBAC objects read into a small model: roles with their rules, bindings with subjects, and what a rule grants.
import type { Location } from '../core/report.js';
import type { Path } from '../core/path.js';
import { arr, isObj, obj, str, strings, type Obj } from '../k8s/values.js';

export interface PolicyRule { index: number; verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames: string[]; nonResourceURLs: string[] }
export interface Role { kind: 'Role' | 'ClusterRole'; namespace: string | null; name: string; rules: PolicyRule[]; builtin?: boolean; system: boolean }
export interface Subject { index: number; kind: string; name: string; namespace: string | null }
export interface Binding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  apiVersion: string;
  namespace: string | null;
  name: string;
  roleRef: { kind: string; name: string };
  subjects: Subject[];
  system: boolean;
  locate?: (path: Path) => Location;
}

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

function isSystem(o: Obj): boolean {
  const md = obj(o.metadata) ?? {};
  return (str(md.name) ?? '').startsWith('system:') || obj(md.labels)?.['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

export function readRules(o: Obj): PolicyRule[] {
  return arr(o.rules).filter(isObj).map((r, index) => ({
    index,
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  }));
}

export function readRole(o: Obj): Role {
  const md = obj(o.metadata) ?? {};
  return { kind: o.kind === 'ClusterRole' ? 'ClusterRole' : 'Role', namespace: o.kind === 'ClusterRole' ? null : str(md.namespace) ?? 'default', name: str(md.name) ?? '', rules: readRules(o), system: isSystem(o) };
}

export function readBinding(o: Obj, defaultNamespace: string, locate?: (path: Path) => Location): Binding {
  const md = obj(o.metadata) ?? {};
  const cluster = o.kind === 'ClusterRoleBinding';
  const ref = obj(o.roleRef) ?? {};
  return {
    kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
    apiVersion: str(o.apiVersion) ?? `${RBAC_GROUP}/v1`,
    namespace: cluster ? null : str(md.namespace) ?? defaultNamespace,
    name: str(md.name) ?? '',
    roleRef: { kind: str(ref.kind) ?? 'ClusterRole', name: str(ref.name) ?? '' },
    subjects: arr(o.subjects).filter(isObj).map((s, index) => ({ index, kind: str(s.kind) ?? '', name: str(s.name) ?? '', namespace: str(s.namespace) ?? null })),
    system: isSystem(o),
    locate,
  };
}

/** The built-in ClusterRoles, for manifests that bind them without defining them (the main grants only). */
export const BUILTIN_CLUSTER_ROLES: Record<string, PolicyRule[]> = (() => {
  const r = (index: number, verbs: string[], apiGroups: string[], resources: string[]): PolicyRule => ({ index, verbs, apiGroups, resources, resourceNames: [], nonResourceURLs: [] });
  const workloads = ['pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers'];
  const write = ['create', 'delete', 'deletecollection', 'patch', 'update'];
  const edit = [
    r(0, ['create', 'delete', 'deletecollection', 'patch', 'update', 'get', 'list', 'watch'], ['', 'apps', 'batch'], workloads),
    r(1, ['create', 'get'], [''], ['pods/exec', 'pods/attach', 'pods/portforward']),
    r(2, ['get', 'list', 'watch', ...write], [''], ['secrets', 'configmaps', 'services', 'persistentvolumeclaims']),
    r(3, ['impersonate'], [''], ['serviceaccounts']),
  ];
  return {
    'cluster-admin': [
      { index: 0, verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: [], nonResourceURLs: [] },
      { index: 1, verbs: ['*'], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ['*'] },
    ],
    admin: [...edit, r(4, ['get', 'list', 'watch', ...write], [RBAC_GROUP], ['roles', 'rolebindings'])],
    edit,
    view: [r(0, ['get', 'list', 'watch'], ['', 'apps', 'batch'], [...workloads, 'configmaps', 'services'])],
  };
})();

function matches(list: string[], value: string): boolean {
  return list.includes('*') || list.includes(value);
}

/** True when the rule names the resource (or subresource) itself or through a wildcard. */
function resourceMatches(resources: string[], resource: string): boolean {
  if (resources.includes('*') || resources.includes(resource)) return true;
  const [base, sub] = resource.split('/');
  return sub !== undefined && (resources.includes(`${base}/*`) || resources.includes(`*/${sub}`));
}

/** Whether a rule grants verb on group/resource; `explicit` ignores grants that come only from "*". */
export function grants(rule: PolicyRule, verb: string, group: string, resource: string, explicit = false): boolean {
  if (rule.resources.length === 0) return false;
  if (explicit) {
    if (!rule.verbs.includes(verb)) return false;
    if (!(rule.resources.includes(resource) || (resource.includes('/') && rule.resources.includes(`${resource.split('/')[0]}/*`)))) return false;
    return matches(rule.apiGroups, group);
  }
  return matches(rule.verbs, verb) && matches(rule.apiGroups, group) && resourceMatches(rule.resources, resource);
}

export function isWildcard(rule: PolicyRule): boolean {
  return rule.verbs.includes('*') || rule.resources.includes('*') || rule.nonResourceURLs.includes('*');
}

export function describeRule(rule: PolicyRule, lang: 'en' | 'ja' = 'en'): string {
  const named = rule.resourceNames.join(',');
  if (rule.nonResourceURLs.length && rule.resources.length === 0) {
    return lang === 'ja' ? `${rule.nonResourceURLs.join(',')} への ${rule.verbs.join(',')}` : `${rule.verbs.join(',')} on ${rule.nonResourceURLs.join(',')}`;
  }
  const groups = rule.apiGroups.map((g) => (g === '' ? 'core' : g)).join(',');
  if (lang === 'ja') return `${rule.resources.join(',')}${groups ? `（${groups}）` : ''}${named ? `（名前 ${named}）` : ''}への ${rule.verbs.join(',')}`;
  return `${rule.verbs.join(',')} on ${rule.resources.join(',')}${groups ? ` (${groups})` : ''}${named ? ` named ${named}` : ''}`;
}
