// What RBAC rules judge: each binding with the role it resolves to, and each Pod with its service account and what it holds.
import type { z } from 'zod';
import type { Location, ResourceRef, Text } from '../core/report.js';
import type { Path } from '../core/path.js';
import type { Rule, RuleMeta, Violation } from '../core/rule.js';
import type { Subject } from '../core/evaluate.js';
import { suppressionOf } from '../core/ledger.js';
import { obj, str, type Obj } from '../k8s/values.js';
import { podView } from '../k8s/workload.js';
import { t } from '../core/rule.js';
import { BUILTIN_CLUSTER_ROLES, readBinding, readRole, type Binding, type Role } from './model.js';
import { powersOf } from './powers.js';

export interface RbacInput { object: Obj; locate?: (path: Path) => Location; file?: string }

/** A binding with the role it grants, aggregation applied; no role when the input neither defines it nor is it built in. */
export interface BindingSubject { on: 'binding'; binding: Binding; role?: Role; defaultNamespace: string }

/** A Pod (or the workload whose template makes it), the service account it runs as, and what that account holds. */
export interface PodSubject {
  on: 'pod';
  kind: string; namespace: string; name: string;
  specPath: Path;
  /** the pod spec's automountServiceAccountToken as written */
  automount: unknown;
  /** the ServiceAccount's own automountServiceAccountToken, when the input has the ServiceAccount */
  serviceAccount: { name: string; automount?: unknown };
  /** the powerful grants bound to the service account, each with the binding it comes through */
  holds: Text[];
}

export type RbacSubject = BindingSubject | PodSubject;

/** An RBAC rule judges either bindings or Pods. */
export type RbacRule = Rule<RbacSubject> & { judges: RbacSubject['on'] };

export function bindingRule<S extends z.ZodObject>(meta: RuleMeta, params: S, check: (s: BindingSubject, p: z.output<S>) => Violation[]): RbacRule {
  return { meta, params, judges: 'binding', check: (s, p) => (s.on === 'binding' ? check(s, p as z.output<S>) : []) };
}

export function podRule<S extends z.ZodObject>(meta: RuleMeta, params: S, check: (s: PodSubject, p: z.output<S>) => Violation[]): RbacRule {
  return { meta, params, judges: 'pod', check: (s, p) => (s.on === 'pod' ? check(s, p as z.output<S>) : []) };
}

export interface InventoryOptions {
  defaultNamespace: string;
  /** also judge the API server's own bootstrap roles and bindings (system:*) */
  includeSystem?: boolean;
}

const roleKey = (kind: string, namespace: string | null, name: string): string => `${kind}|${namespace ?? ''}|${name}`;

/** Aggregated ClusterRoles (admin, edit, view, custom) take the rules of the roles their selectors match. */
function aggregate(roleObjects: readonly Obj[], roles: Map<string, Role>): void {
  for (const o of roleObjects) {
    const sel = obj(o.aggregationRule);
    if (o.kind !== 'ClusterRole' || !sel) continue;
    const role = roles.get(roleKey('ClusterRole', null, str(obj(o.metadata)?.name) ?? ''))!;
    if (role.rules.length > 0) continue;
    const selectors = (Array.isArray(sel.clusterRoleSelectors) ? sel.clusterRoleSelectors : []).map((s) => obj(obj(s)?.matchLabels) ?? {});
    for (const other of roleObjects) {
      if (other === o || other.kind !== 'ClusterRole') continue;
      const labels = obj(obj(other.metadata)?.labels) ?? {};
      if (selectors.some((m) => Object.keys(m).length > 0 && Object.entries(m).every(([k, v]) => labels[k] === v))) {
        role.rules.push(...roles.get(roleKey('ClusterRole', null, str(obj(other.metadata)?.name) ?? ''))!.rules);
      }
    }
  }
}

/** The subjects of one run: bindings first (system ones only when asked), then Pods, in input order. */
export function rbacSubjects(inputs: readonly RbacInput[], opts: InventoryOptions): Subject<RbacSubject>[] {
  const defNs = opts.defaultNamespace;
  const roles = new Map<string, Role>();
  const roleObjects: Obj[] = [];
  const bindings: Array<{ binding: Binding; object: Obj }> = [];
  const pods: RbacInput[] = [];
  const serviceAccounts = new Map<string, Obj>();
  for (const i of inputs) {
    const kind = str(i.object.kind);
    if (kind === 'Role' || kind === 'ClusterRole') { const r = readRole(i.object); roles.set(roleKey(r.kind, r.namespace, r.name), r); roleObjects.push(i.object); }
    else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') bindings.push({ binding: readBinding(i.object, defNs, i.locate), object: i.object });
    else if (kind === 'ServiceAccount') { const md = obj(i.object.metadata) ?? {}; serviceAccounts.set(`${str(md.namespace) ?? defNs}/${str(md.name)}`, i.object); }
    else if (podView(i.object, defNs)) pods.push(i);
  }
  aggregate(roleObjects, roles);
  const roleOf = (b: Binding): Role | undefined => {
    if (b.roleRef.kind !== 'ClusterRole') return roles.get(roleKey('Role', b.namespace, b.roleRef.name));
    const builtin = BUILTIN_CLUSTER_ROLES[b.roleRef.name];
    return roles.get(roleKey('ClusterRole', null, b.roleRef.name))
      ?? (builtin ? { kind: 'ClusterRole', namespace: null, name: b.roleRef.name, rules: builtin, builtin: true, system: false } : undefined);
  };

  const out: Subject<RbacSubject>[] = [];
  /** service accounts (ns/name) that hold powerful permissions, with why */
  const powerful = new Map<string, Text[]>();
  for (const { binding: b, object } of bindings) {
    if (b.system && !opts.includeSystem) continue;
    const role = roleOf(b);
    const resource: ResourceRef = { apiVersion: b.apiVersion, kind: b.kind, namespace: b.namespace, name: b.name };
    out.push({ value: { on: 'binding', binding: b, role, defaultNamespace: defNs }, resource, locate: b.locate, suppression: suppressionOf(obj(object.metadata)?.annotations) });
    if (!role) continue;
    const why = powersOf(b, role);
    if (why.length === 0) continue;
    const through = `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name} → ${b.roleRef.kind} ${b.roleRef.name}`;
    const held = t(`${why.map((w) => w.en).join(', ')} through ${through}`, `${through} による ${why.map((w) => w.ja).join('、')}`);
    for (const s of b.subjects) {
      if (s.kind !== 'ServiceAccount') continue;
      const key = `${s.namespace ?? b.namespace ?? defNs}/${s.name}`;
      powerful.set(key, [...(powerful.get(key) ?? []), held]);
    }
  }
  for (const { object, locate } of pods) {
    const pv = podView(object, defNs)!;
    const saName = str(pv.spec.serviceAccountName) ?? str(pv.spec.serviceAccount) ?? 'default';
    const sa = serviceAccounts.get(`${pv.namespace}/${saName}`);
    out.push({
      value: {
        on: 'pod', kind: pv.kind, namespace: pv.namespace, name: pv.name, specPath: pv.specPath,
        automount: pv.spec.automountServiceAccountToken,
        serviceAccount: { name: saName, ...(sa ? { automount: sa.automountServiceAccountToken } : {}) },
        holds: powerful.get(`${pv.namespace}/${saName}`) ?? [],
      },
      resource: { apiVersion: pv.apiVersion, kind: pv.kind, namespace: pv.namespace, name: pv.name },
      locate,
      suppression: suppressionOf(obj(object.metadata)?.annotations),
    });
  }
  return out;
}
