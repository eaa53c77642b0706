// What one role rule grants that mamori calls powerful, asked once: by the rules that report it and by the token rule.
import type { Text } from '../core/report.js';
import { t } from '../core/rule.js';
import { grants, isWildcard, RBAC_GROUP, type Binding, type PolicyRule, type Role } from './model.js';

const WORKLOAD_RESOURCES: ReadonlyArray<readonly [string, string]> = [
  ['', 'pods'], ['apps', 'deployments'], ['apps', 'daemonsets'], ['apps', 'statefulsets'], ['apps', 'replicasets'],
  ['batch', 'jobs'], ['batch', 'cronjobs'], ['', 'replicationcontrollers'],
];

/** escalate / bind on roles, impersonate on identities: the verbs that grant what the subject does not hold. */
export function escalationVerbs(r: PolicyRule): string[] {
  const esc: string[] = [];
  if (grants(r, 'escalate', RBAC_GROUP, 'roles', true) || grants(r, 'escalate', RBAC_GROUP, 'clusterroles', true)) esc.push('escalate');
  if (grants(r, 'bind', RBAC_GROUP, 'roles', true) || grants(r, 'bind', RBAC_GROUP, 'clusterroles', true)) esc.push('bind');
  if (['users', 'groups', 'serviceaccounts', 'userextras/*', 'uids'].some((res) => grants(r, 'impersonate', '', res, true) || grants(r, 'impersonate', 'authentication.k8s.io', res, true))) esc.push('impersonate');
  return esc;
}

/** get / list / watch on every Secret of every namespace: a ClusterRoleBinding to a rule without resourceNames. */
export function clusterSecretReads(b: Binding, r: PolicyRule): string[] {
  if (b.kind !== 'ClusterRoleBinding' || r.resourceNames.length > 0) return [];
  return ['get', 'list', 'watch'].filter((v) => grants(r, v, '', 'secrets', true));
}

export function execVerbs(r: PolicyRule): string[] {
  return ['create', 'get'].filter((v) => grants(r, v, '', 'pods/exec', true));
}

/** The workload resources the rule lets the subject create or change in kube-system, when the binding reaches it. */
export function kubeSystemWorkloads(b: Binding, r: PolicyRule): string[] {
  if (!(b.kind === 'ClusterRoleBinding' || b.namespace === 'kube-system')) return [];
  return WORKLOAD_RESOURCES.filter(([g, res]) => ['create', 'update', 'patch'].some((v) => grants(r, v, g, res, true))).map(([, res]) => res);
}

export const isClusterAdmin = (b: Binding): boolean => b.roleRef.kind === 'ClusterRole' && b.roleRef.name === 'cluster-admin';

/** A role named cluster-admin (of either kind) is judged as a whole, not rule by rule. */
export const judgedRuleByRule = (b: Binding): boolean => b.roleRef.name !== 'cluster-admin';

/** Why a binding makes its service accounts powerful, in the order the findings name it; empty when it does not. */
export function powersOf(b: Binding, role: Role): Text[] {
  const why: Text[] = [];
  if (isClusterAdmin(b)) why.push(t('cluster-admin', 'cluster-admin'));
  else for (const r of role.rules) if (isWildcard(r)) why.push(t('wildcard', 'ワイルドカード'));
  if (!judgedRuleByRule(b)) return why;
  for (const r of role.rules) {
    const esc = escalationVerbs(r);
    if (esc.length) why.push(t(esc.join('/'), esc.join('/')));
    if (clusterSecretReads(b, r).length) why.push(t('secrets', 'シークレットの読み取り'));
    if (execVerbs(r).length) why.push(t('pods/exec', 'pods/exec'));
    if (kubeSystemWorkloads(b, r).length) why.push(t('kube-system workloads', 'kube-system のワークロード作成'));
  }
  return why;
}
