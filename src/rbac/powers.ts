// What one role rule grants that mamori calls powerful, asked once: by the rules that report it and by the token rule.
import type { Text } from '../core/report.js';
import { t } from '../core/rule.js';
import { grants, isWildcard, RBAC_GROUP, type Binding, type PolicyRule, type Role } from './model.js';

const WORKLOAD_RESOURCES: ReadonlyArray<readonly [string, string]> = [
  ['', 'pods'], ['apps', 'deployments'], ['apps', 'daemonsets'], ['apps', 'statefulsets'], ['apps', 'replicasets'],
  ['batch', 'jobs'], ['batch', 'cronjobs'], ['', 'replicationcontrollers'],
];

/** What one role rule grants of what the rules look for; roles are shared by many bindings, so it is worked out once per rule. */
interface Grants { escalation: string[]; secretReads: string[]; exec: string[]; workloadWrites: string[] }

const memo = new WeakMap<PolicyRule, Grants>();

function grantsOf(r: PolicyRule): Grants {
  let g = memo.get(r);
  if (g) return g;
  const escalation: string[] = [];
  if (grants(r, 'escalate', RBAC_GROUP, 'roles', true) || grants(r, 'escalate', RBAC_GROUP, 'clusterroles', true)) escalation.push('escalate');
  if (grants(r, 'bind', RBAC_GROUP, 'roles', true) || grants(r, 'bind', RBAC_GROUP, 'clusterroles', true)) escalation.push('bind');
  if (['users', 'groups', 'serviceaccounts', 'userextras/*', 'uids'].some((res) => grants(r, 'impersonate', '', res, true) || grants(r, 'impersonate', 'authentication.k8s.io', res, true))) escalation.push('impersonate');
  g = {
    escalation,
    secretReads: ['get', 'list', 'watch'].filter((v) => grants(r, v, '', 'secrets', true)),
    exec: ['create', 'get'].filter((v) => grants(r, v, '', 'pods/exec', true)),
    workloadWrites: WORKLOAD_RESOURCES.filter(([grp, res]) => ['create', 'update', 'patch'].some((v) => grants(r, v, grp, res, true))).map(([, res]) => res),
  };
  memo.set(r, g);
  return g;
}

/** escalate / bind on roles, impersonate on identities: the verbs that grant what the subject does not hold. */
export function escalationVerbs(r: PolicyRule): string[] { return grantsOf(r).escalation; }

/** get / list / watch on every Secret of every namespace: a ClusterRoleBinding to a rule without resourceNames. */
export function clusterSecretReads(b: Binding, r: PolicyRule): string[] {
  return b.kind !== 'ClusterRoleBinding' || r.resourceNames.length > 0 ? [] : grantsOf(r).secretReads;
}

export function execVerbs(r: PolicyRule): string[] { return grantsOf(r).exec; }

/** The workload resources the rule lets the subject create or change in kube-system, when the binding reaches it. */
export function kubeSystemWorkloads(b: Binding, r: PolicyRule): string[] {
  return b.kind === 'ClusterRoleBinding' || b.namespace === 'kube-system' ? grantsOf(r).workloadWrites : [];
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
