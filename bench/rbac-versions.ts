// Benchmarks mamori rbac and mamori versions on an estate generated in memory: roles, bindings, workloads.
// Usage: node --import tsx bench/rbac-versions.ts [--bindings 5000] [--workloads 10000] [--runs 5]
import { analyzeRbac } from '../src/rbac/analyze.js';
import { analyzeVersions } from '../src/versions/analyze.js';
import { RELEASES, RELEASES_AS_OF } from '../src/versions/releases.js';
import type { Obj } from '../src/k8s/values.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const BINDINGS = arg('bindings', 5000);
const WORKLOADS = arg('workloads', 10000);
const RUNS = arg('runs', 5);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const RBAC = 'rbac.authorization.k8s.io';
const RULES: Obj[][] = [
  [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] }],
  [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'update', 'patch'] }],
  [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }, { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
  [{ apiGroups: [''], resources: ['*'], verbs: ['*'] }],
  [{ apiGroups: [RBAC], resources: ['roles'], verbs: ['bind', 'escalate'] }, { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
];

/** An estate: ClusterRoles, namespaced Roles, bindings to them and to the built-in roles, service accounts, workloads. */
function estate(): Obj[] {
  const r = rng(13);
  const out: Obj[] = [];
  const ns = (i: number): string => (i % 17 === 0 ? 'kube-system' : `team-${i % 40}`);
  RULES.forEach((rules, i) => out.push({ apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: `cr-${i}` }, rules }));
  for (let i = 0; i < 40; i++) RULES.forEach((rules, j) => out.push({ apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name: `role-${j}`, namespace: `team-${i}` }, rules }));
  for (let i = 0; i < BINDINGS; i++) {
    const subjects = [
      { kind: 'ServiceAccount', name: r() < 0.2 ? 'default' : `sa-${i % 300}`, namespace: ns(i) },
      ...(r() < 0.3 ? [{ kind: 'User', name: `user-${i}`, apiGroup: RBAC }] : [{ kind: 'Group', name: `group-${i % 50}`, apiGroup: RBAC }]),
    ];
    const pick = r();
    const roleRef = pick < 0.05 ? { kind: 'ClusterRole', name: 'cluster-admin' }
      : pick < 0.3 ? { kind: 'ClusterRole', name: ['admin', 'edit', 'view'][i % 3]! }
        : pick < 0.6 ? { kind: 'ClusterRole', name: `cr-${i % RULES.length}` }
          : { kind: 'Role', name: `role-${i % RULES.length}` };
    const cluster = roleRef.kind === 'ClusterRole' && r() < 0.2;
    out.push({
      apiVersion: `${RBAC}/v1`, kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
      metadata: cluster ? { name: `crb-${i}` } : { name: `rb-${i}`, namespace: ns(i) },
      roleRef: { apiGroup: RBAC, ...roleRef }, subjects,
    });
  }
  for (let i = 0; i < 300; i++) out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${i}`, namespace: ns(i) }, ...(i % 5 === 0 ? { automountServiceAccountToken: false } : {}) });
  for (let i = 0; i < WORKLOADS; i++) {
    out.push({
      apiVersion: i % 50 === 0 ? 'extensions/v1beta1' : 'apps/v1', kind: 'Deployment', metadata: { name: `app-${i}`, namespace: ns(i) },
      spec: { template: { spec: { serviceAccountName: `sa-${i % 300}`, containers: [{ name: 'c', image: 'x' }] } } },
    });
  }
  return out;
}

/** CPU time of this process in ms: on a shared machine, wall time measures the neighbours as much as mamori. */
function cpu(): number { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }

function median(xs: number[]): number { return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!; }

const objects = estate();
const inputs = objects.map((object) => ({ object }));
const nodes = Array.from({ length: 200 }, (_, i) => ({ metadata: { name: `node-${i}` }, status: { nodeInfo: { kubeletVersion: `v1.${30 + (i % 6)}.1` } } }));
const rbacMs: number[] = [];
const versionsMs: number[] = [];
let findings = [0, 0];
for (let run = 0; run < RUNS + 1; run++) {
  const a = cpu();
  const report = analyzeRbac(inputs, { lang: 'en' });
  const b = cpu();
  const v = analyzeVersions({ lang: 'en', today: '2026-11-22', releases: RELEASES, tableAsOf: RELEASES_AS_OF, target: '1.31', cluster: { gitVersion: 'v1.33.2' }, nodes, objects: inputs });
  const c = cpu();
  findings = [report.findings.length, v.report.findings.length];
  if (run === 0) continue; // warm-up
  rbacMs.push(b - a);
  versionsMs.push(c - b);
}
console.log(`objects ${objects.length} (bindings ${BINDINGS}, workloads ${WORKLOADS}), runs ${RUNS}`);
console.log(`rbac     median ${median(rbacMs).toFixed(1)} ms CPU  (${findings[0]} findings)`);
console.log(`versions median ${median(versionsMs).toFixed(1)} ms CPU  (${findings[1]} findings)`);
