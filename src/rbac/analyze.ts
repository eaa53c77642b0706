// Finds RBAC that grants more than needed: each finding says who gets what, through which binding, and the least change that removes it.
import type { Finding, InputError, Lang, Location, PolicyTally, Report, ResourceRef, Severity } from '../core/report.js';
import { SEVERITIES } from '../core/report.js';
import { formatPath, type Path } from '../core/path.js';
import { obj, str, type Obj } from '../k8s/values.js';
import { podView } from '../k8s/workload.js';
import { VERSION } from '../core/version.js';
import { RBAC_RULES, rbacRule } from './rules.js';
import { BUILTIN_CLUSTER_ROLES, describeRule, grants, isWildcard, RBAC_GROUP, readBinding, readRole, type Binding, type Role, type Subject } from './model.js';

export interface RbacInput { object: Obj; locate?: (path: Path) => Location; file?: string }

export interface RbacOptions {
  lang: Lang;
  defaultNamespace?: string;
  /** also judge the API server's own bootstrap roles and bindings (system:*) */
  includeSystem?: boolean;
}

const WORKLOAD_RESOURCES: Array<[string, string]> = [
  ['', 'pods'], ['apps', 'deployments'], ['apps', 'daemonsets'], ['apps', 'statefulsets'], ['apps', 'replicasets'],
  ['batch', 'jobs'], ['batch', 'cronjobs'], ['', 'replicationcontrollers'],
];

const SUBJECT_JA: Record<string, string> = { User: 'ユーザー', Group: 'グループ', ServiceAccount: 'ServiceAccount' };

function subjectText(s: Subject, lang: Lang): string {
  const kind = lang === 'ja' ? SUBJECT_JA[s.kind] ?? s.kind : s.kind;
  return s.kind === 'ServiceAccount' ? `${kind} ${s.namespace ?? '?'}/${s.name}` : `${kind} ${s.name}`;
}

/** What each rule says of one binding: the "what" and the least change, both languages. */
function tr(lang: Lang, en: string, ja: string): string { return lang === 'ja' ? ja : en; }

export function analyzeRbac(inputs: readonly RbacInput[], opts: RbacOptions): Report {
  const lang = opts.lang;
  const defNs = opts.defaultNamespace ?? 'default';
  const roles = new Map<string, Role>();
  const roleObjects: Obj[] = [];
  const bindings: Binding[] = [];
  const pods: Array<{ o: Obj; locate?: (p: Path) => Location }> = [];
  const serviceAccounts = new Map<string, Obj>();
  const errors: InputError[] = [];
  for (const i of inputs) {
    const kind = str(i.object.kind);
    if (kind === 'Role' || kind === 'ClusterRole') { const r = readRole(i.object); roles.set(`${r.kind}|${r.namespace ?? ''}|${r.name}`, r); roleObjects.push(i.object); }
    else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') bindings.push(readBinding(i.object, defNs, i.locate));
    else if (kind === 'ServiceAccount') { const md = obj(i.object.metadata) ?? {}; serviceAccounts.set(`${str(md.namespace) ?? defNs}/${str(md.name)}`, i.object); }
    else if (podView(i.object, defNs)) pods.push({ o: i.object, locate: i.locate });
  }
  // Aggregated ClusterRoles (admin, edit, view, custom) take the rules of the roles their selectors match.
  for (const o of roleObjects) {
    const sel = obj(o.aggregationRule);
    if (o.kind !== 'ClusterRole' || !sel) continue;
    const role = roles.get(`ClusterRole||${str(obj(o.metadata)?.name)}`)!;
    if (role.rules.length > 0) continue;
    const selectors = (Array.isArray(sel.clusterRoleSelectors) ? sel.clusterRoleSelectors : []).map((s) => obj(obj(s)?.matchLabels) ?? {});
    for (const other of roleObjects) {
      if (other === o || other.kind !== 'ClusterRole') continue;
      const labels = obj(obj(other.metadata)?.labels) ?? {};
      if (selectors.some((m) => Object.keys(m).length > 0 && Object.entries(m).every(([k, v]) => labels[k] === v))) {
        role.rules.push(...roles.get(`ClusterRole||${str(obj(other.metadata)?.name)}`)!.rules);
      }
    }
  }
  const roleOf = (b: Binding): Role | undefined => {
    if (b.roleRef.kind === 'ClusterRole') {
      const r = roles.get(`ClusterRole||${b.roleRef.name}`);
      if (r) return r;
      const builtin = BUILTIN_CLUSTER_ROLES[b.roleRef.name];
      return builtin ? { kind: 'ClusterRole', namespace: null, name: b.roleRef.name, rules: builtin, builtin: true, system: false } : undefined;
    }
    return roles.get(`Role|${b.namespace ?? ''}|${b.roleRef.name}`);
  };

  const findings: Finding[] = [];
  const tallies = new Map<string, { evaluated: number; unhealthy: number; findings: number }>(RBAC_RULES.map((r) => [r.id, { evaluated: 0, unhealthy: 0, findings: 0 }]));
  /** service accounts (ns/name) that hold powerful permissions, with why */
  const powerful = new Map<string, string[]>();

  for (const b of bindings) {
    if (b.system && !opts.includeSystem) continue;
    const role = roleOf(b);
    const scope = b.kind === 'ClusterRoleBinding' ? tr(lang, 'cluster-wide', 'クラスター全体') : tr(lang, `in namespace ${b.namespace}`, `名前空間 ${b.namespace} で`);
    const through = `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name} → ${b.roleRef.kind} ${b.roleRef.name}`;
    const who = b.subjects.map((x) => subjectText(x, lang)).join(lang === 'ja' ? '、' : ', ') || tr(lang, 'no subject', 'サブジェクトなし');
    // "User alice gets …", "User alice, Group ops get …"
    const get = b.subjects.length === 1 ? 'gets' : 'get';
    const resource: ResourceRef = { apiVersion: b.apiVersion, kind: b.kind, namespace: b.namespace, name: b.name };
    const reached = new Set<string>();
    const add = (ruleId: string, path: Path, message: string, remediation: string, container: string | null = null, res = resource, locate = b.locate): void => {
      const meta = rbacRule(ruleId);
      const ignored = b.ignored && (b.ignored.has(ruleId) || b.ignored.has('*')) && res === resource;
      findings.push({
        policyId: ruleId, severity: meta.severity, effect: 'Audit', resource: res, container,
        path: formatPath(path),
        message, remediation, location: locate ? locate(path) : null, status: ignored ? 'suppressed' : 'open',
        ...(ignored ? { statusReason: 'suppressed by annotation mamori.dev/ignore' } : {}),
      });
      if (!ignored) reached.add(ruleId);
    };
    for (const id of ['rbac-cluster-admin-binding', 'rbac-wildcard-permission', 'rbac-escalation-verbs', 'rbac-secrets-cluster-wide', 'rbac-pods-exec', 'rbac-kube-system-workload-create', 'rbac-user-subject', 'rbac-default-service-account']) tallies.get(id)!.evaluated++;

    // Individual users where a group would serve.
    for (const s of b.subjects) {
      if (s.kind !== 'User' || s.name.startsWith('system:')) continue;
      add('rbac-user-subject', ['subjects', s.index],
        tr(lang, `User ${s.name} gets ${b.roleRef.kind} ${b.roleRef.name} ${scope} through ${through}, bound to the user rather than a group`, `ユーザー ${s.name} が ${through} により ${scope} ${b.roleRef.kind} ${b.roleRef.name} を個人として付与されています`),
        tr(lang, `In ${b.kind} ${b.name}, replace subjects[${s.index}] (User ${s.name}) with a Group the user belongs to`, `${b.kind} ${b.name} の subjects[${s.index}]（ユーザー ${s.name}）を、そのユーザーが属するグループに置き換える`));
    }
    if (!role) continue;
    const why: string[] = [];
    if (b.roleRef.kind === 'ClusterRole' && b.roleRef.name === 'cluster-admin') {
      why.push('cluster-admin');
      add('rbac-cluster-admin-binding', ['roleRef', 'name'],
        tr(lang, `${who} ${get} every permission (cluster-admin) ${scope} through ${through}`, `${who} が ${through} により ${scope} すべての権限（cluster-admin）を持ちます`),
        b.kind === 'ClusterRoleBinding'
          ? tr(lang, `Replace ${b.kind} ${b.name} with RoleBindings to ClusterRole admin (or edit / view) in the namespaces the subjects manage`, `${b.kind} ${b.name} を、サブジェクトが管理する名前空間での ClusterRole admin（または edit / view）への RoleBinding に置き換える`)
          : tr(lang, `Change roleRef of RoleBinding ${b.namespace}/${b.name} from cluster-admin to admin (or edit / view)`, `RoleBinding ${b.namespace}/${b.name} の roleRef を cluster-admin から admin（または edit / view）に変更する`));
    } else {
      for (const r of role.rules) {
        if (!isWildcard(r)) continue;
        why.push(tr(lang, 'wildcard', 'ワイルドカード'));
        add('rbac-wildcard-permission', ['roleRef'],
          tr(lang, `${who} ${get} ${describeRule(r)} ${scope} through ${through} (rules[${r.index}])`, `${who} が ${through}（rules[${r.index}]）により ${scope} ${describeRule(r, 'ja')} の権限を持ちます`),
          tr(lang, `In ${role.kind} ${role.name} rules[${r.index}], list the verbs and resources needed instead of "*"`, `${role.kind} ${role.name} の rules[${r.index}] で "*" の代わりに必要な動詞とリソースを列挙する`));
      }
    }
    if (b.roleRef.name !== 'cluster-admin') {
      for (const r of role.rules) {
        const esc: string[] = [];
        if (grants(r, 'escalate', RBAC_GROUP, 'roles', true) || grants(r, 'escalate', RBAC_GROUP, 'clusterroles', true)) esc.push('escalate');
        if (grants(r, 'bind', RBAC_GROUP, 'roles', true) || grants(r, 'bind', RBAC_GROUP, 'clusterroles', true)) esc.push('bind');
        if (['users', 'groups', 'serviceaccounts', 'userextras/*', 'uids'].some((res) => grants(r, 'impersonate', '', res, true) || grants(r, 'impersonate', 'authentication.k8s.io', res, true))) esc.push('impersonate');
        if (esc.length) {
          why.push(esc.join('/'));
          add('rbac-escalation-verbs', ['roleRef'],
            tr(lang, `${who} ${get} ${esc.join(', ')} (${describeRule(r)}) ${scope} through ${through} (rules[${r.index}])`, `${who} が ${through}（rules[${r.index}]）により ${scope} ${esc.join(', ')}（${describeRule(r, 'ja')}）の権限を持ちます`),
            tr(lang, `Remove ${esc.join(', ')} from ${role.kind} ${role.name} rules[${r.index}]`, `${role.kind} ${role.name} の rules[${r.index}] から ${esc.join(', ')} を削除する`));
        }
        const readSecrets = ['get', 'list', 'watch'].filter((v) => grants(r, v, '', 'secrets', true));
        if (b.kind === 'ClusterRoleBinding' && readSecrets.length && r.resourceNames.length === 0) {
          why.push(tr(lang, 'secrets', 'シークレットの読み取り'));
          add('rbac-secrets-cluster-wide', ['roleRef'],
            tr(lang, `${who} can ${readSecrets.join('/')} every Secret in every namespace through ${through} (rules[${r.index}])`, `${who} が ${through}（rules[${r.index}]）によりすべての名前空間のシークレットを ${readSecrets.join('/')} できます`),
            tr(lang, `Replace ${b.kind} ${b.name} with RoleBindings in the namespaces whose Secrets are needed, or remove secrets from ${role.kind} ${role.name} rules[${r.index}]`, `${b.kind} ${b.name} を必要な名前空間の RoleBinding に置き換えるか、${role.kind} ${role.name} の rules[${r.index}] から secrets を削除する`));
        }
        const exec = ['create', 'get'].filter((v) => grants(r, v, '', 'pods/exec', true));
        if (exec.length) {
          why.push('pods/exec');
          add('rbac-pods-exec', ['roleRef'],
            tr(lang, `${who} can exec into Pods (${exec.join('/')} pods/exec) ${scope} through ${through} (rules[${r.index}])`, `${who} が ${through}（rules[${r.index}]）により ${scope} ポッドで exec（${exec.join('/')} pods/exec）できます`),
            tr(lang, `Remove pods/exec from ${role.kind} ${role.name} rules[${r.index}], or bind it only to an operators' group in the namespaces that need it`, `${role.kind} ${role.name} の rules[${r.index}] から pods/exec を削除するか、必要な名前空間でオペレーターのグループにのみバインドする`));
        }
        const reachesKubeSystem = b.kind === 'ClusterRoleBinding' || b.namespace === 'kube-system';
        const wl = WORKLOAD_RESOURCES.filter(([g, res]) => ['create', 'update', 'patch'].some((v) => grants(r, v, g, res, true))).map(([, res]) => res);
        if (reachesKubeSystem && wl.length) {
          why.push(tr(lang, 'kube-system workloads', 'kube-system のワークロード作成'));
          add('rbac-kube-system-workload-create', ['roleRef'],
            tr(lang, `${who} can create or change ${wl.join(', ')} in kube-system through ${through} (rules[${r.index}])`, `${who} が ${through}（rules[${r.index}]）により kube-system で ${wl.join(', ')} を作成・変更できます`),
            b.kind === 'ClusterRoleBinding'
              ? tr(lang, `Replace ${b.kind} ${b.name} with RoleBindings in the application namespaces (not kube-system)`, `${b.kind} ${b.name} を、kube-system 以外のアプリケーションの名前空間での RoleBinding に置き換える`)
              : tr(lang, `Remove RoleBinding kube-system/${b.name}, or drop create/update/patch on ${wl.join(', ')} from ${role.kind} ${role.name} rules[${r.index}]`, `RoleBinding kube-system/${b.name} を削除するか、${role.kind} ${role.name} の rules[${r.index}] から ${wl.join(', ')} の create/update/patch を外す`));
        }
      }
    }
    const holdsPermissions = role.rules.some((r) => r.verbs.length > 0);
    for (const s of b.subjects) {
      if (s.kind !== 'ServiceAccount') continue;
      const ns = s.namespace ?? b.namespace ?? defNs;
      if (s.name === 'default' && holdsPermissions) {
        add('rbac-default-service-account', ['subjects', s.index],
          tr(lang, `ServiceAccount ${ns}/default (every Pod in ${ns} that names no service account) gets ${b.roleRef.kind} ${b.roleRef.name} ${scope} through ${through}`, `ServiceAccount ${ns}/default（${ns} でサービス アカウントを指定しないすべてのポッド）が ${through} により ${scope} ${b.roleRef.kind} ${b.roleRef.name} を持ちます`),
          tr(lang, `Create a service account for the workload that needs ${b.roleRef.name} and put it in subjects[${s.index}] of ${b.kind} ${b.name} instead of default`, `${b.roleRef.name} が必要なワークロード用のサービス アカウントを作成し、${b.kind} ${b.name} の subjects[${s.index}] の default と置き換える`));
      }
      if (why.length) powerful.set(`${ns}/${s.name}`, [...(powerful.get(`${ns}/${s.name}`) ?? []), tr(lang, `${why.join(', ')} through ${through}`, `${through} による ${why.join('、')}`)]);
    }
    for (const id of reached) { const t = tallies.get(id)!; t.unhealthy++; }
  }

  // Service accounts with powerful roles whose token is mounted into Pods.
  for (const { o, locate } of pods) {
    const pv = podView(o, defNs)!;
    tallies.get('rbac-automounted-powerful-token')!.evaluated++;
    const saName = str(pv.spec.serviceAccountName) ?? str(pv.spec.serviceAccount) ?? 'default';
    const why = powerful.get(`${pv.namespace}/${saName}`);
    if (!why) continue;
    const sa = serviceAccounts.get(`${pv.namespace}/${saName}`);
    const podSetting = pv.spec.automountServiceAccountToken;
    const mounted = podSetting === false ? false : podSetting === true ? true : sa?.automountServiceAccountToken !== false;
    if (!mounted) continue;
    const ref: ResourceRef = { apiVersion: pv.apiVersion, kind: pv.kind, namespace: pv.namespace, name: pv.name };
    const meta = rbacRule('rbac-automounted-powerful-token');
    findings.push({
      policyId: meta.id, severity: meta.severity, effect: 'Audit', resource: ref, container: null,
      path: formatPath([...pv.specPath, 'automountServiceAccountToken']),
      message: tr(lang, `${pv.kind} ${pv.namespace}/${pv.name} mounts the token of ServiceAccount ${pv.namespace}/${saName}, which holds ${why.join('; ')}`, `${pv.kind} ${pv.namespace}/${pv.name} は ServiceAccount ${pv.namespace}/${saName} のトークンをマウントしており、そのアカウントは ${why.join('。')} の権限を持ちます`),
      remediation: tr(lang, `Set ${[...pv.specPath, 'automountServiceAccountToken'].join('.')}: false if the workload does not call the API; otherwise narrow the role bound to ${saName}`, `ワークロードが API を呼ばない場合は ${[...pv.specPath, 'automountServiceAccountToken'].join('.')}: false を設定し、呼ぶ場合は ${saName} にバインドされたロールを絞る`),
      location: locate ? locate([...pv.specPath]) : null, status: 'open',
    });
    tallies.get(meta.id)!.unhealthy++;
  }

  findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.policyId.localeCompare(b.policyId) || `${a.resource.namespace}/${a.resource.name}`.localeCompare(`${b.resource.namespace}/${b.resource.name}`) || a.message.localeCompare(b.message));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byPolicy: Record<string, number> = {};
  let suppressed = 0;
  for (const f of findings) {
    if (f.status !== 'open') { suppressed++; continue; }
    bySeverity[f.severity]++;
    byPolicy[f.policyId] = (byPolicy[f.policyId] ?? 0) + 1;
    tallies.get(f.policyId)!.findings++;
  }
  const policies: PolicyTally[] = RBAC_RULES.map((r) => ({ policyId: r.id, title: r.title[lang], severity: r.severity, effect: 'Audit', ...tallies.get(r.id)! }));
  return {
    schemaVersion: 1,
    tool: { name: 'mamori', version: VERSION },
    profile: 'rbac',
    lang,
    summary: { resources: bindings.filter((b) => opts.includeSystem || !b.system).length + pods.length, findings: findings.length - suppressed, bySeverity, byPolicy, excepted: 0, suppressed },
    policies,
    findings,
    notices: [],
    errors,
    unusedExceptions: [],
  };
}
