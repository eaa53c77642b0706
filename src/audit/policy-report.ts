// Audit results as wgpolicyk8s.io/v1alpha2 PolicyReports and openreports.io/v1alpha1 Reports (one per namespace, one cluster-wide), bounded in size, updated in place.
import type { ResourceRef, Severity } from '../core/report.js';
import { severityRank } from '../core/report.js';
import type { Obj } from '../k8s/values.js';
import type { AuditFinding, ResultStore } from './store.js';
import { ApiError, type KubeClient } from './client.js';
import { CRDS } from './crds.js';
import { collectionPath, objectPath, RESOURCES, type ApiResource } from './kinds.js';
import { asOpenReport, CLUSTER_REPORT, OPENREPORTS_CRDS, REPORT } from './openreports.js';

export const REPORT_NAME = 'mamori-audit';
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'mamori' };
export const TRUNCATED_ANNOTATION = 'mamori.dev/results-truncated';

export interface ReportLimits {
  /** results kept per report; the summary still counts every one */
  maxResults: number;
  /** pod names and paths listed per result */
  maxListed: number;
}

export const DEFAULT_LIMITS: ReportLimits = { maxResults: 1000, maxListed: 10 };

/** The report APIs mamori writes: the Policy WG's original, and OpenReports, which succeeds it. */
export type ReportApi = 'wgpolicyk8s' | 'openreports';
export const REPORT_API_CHOICES = ['auto', 'wgpolicyk8s', 'openreports'] as const;
export type ReportApiChoice = (typeof REPORT_API_CHOICES)[number];

interface ApiInfo { groupVersion: string; namespaced: ApiResource; cluster: ApiResource; crds: Obj[] }
export const REPORT_APIS: Record<ReportApi, ApiInfo> = {
  wgpolicyk8s: { groupVersion: 'wgpolicyk8s.io/v1alpha2', namespaced: RESOURCES.PolicyReport!, cluster: RESOURCES.ClusterPolicyReport!, crds: CRDS },
  openreports: { groupVersion: 'openreports.io/v1alpha1', namespaced: REPORT, cluster: CLUSTER_REPORT, crds: OPENREPORTS_CRDS },
};

function apiOf(report: Obj): ApiInfo {
  const info = Object.values(REPORT_APIS).find((a) => a.groupVersion === report.apiVersion);
  if (!info) throw new Error(`not a report API mamori writes: ${String(report.apiVersion)}`);
  return info;
}

/** Whether the API server serves a group version (discovery needs no permission beyond being authenticated). */
async function served(client: KubeClient, groupVersion: string): Promise<boolean> {
  try {
    await client.request('GET', `/apis/${groupVersion}`);
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return false;
    throw e;
  }
}

/** Whether mamori may list an API's cluster reports: writing needs more, but a 403 here settles it. */
async function mayList(client: KubeClient, api: ReportApi): Promise<boolean> {
  try {
    await client.request('GET', `${collectionPath(REPORT_APIS[api].cluster)}?limit=1`);
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return false;
    throw e;
  }
}

/**
 * The APIs to write. auto: every one the cluster serves and mamori may use, so consumers find reports where
 * they look; on a cluster with neither, wgpolicyk8s.io, which more consumers read today (its CRDs are created).
 * notes: APIs auto left out because the audit's RBAC does not cover them.
 */
export async function resolveReportApis(client: KubeClient, choice: ReportApiChoice): Promise<{ apis: ReportApi[]; notes: string[] }> {
  if (choice !== 'auto') return { apis: [choice], notes: [] };
  const apis: ReportApi[] = [];
  const notes: string[] = [];
  for (const api of ['wgpolicyk8s', 'openreports'] as const) {
    if (!(await served(client, REPORT_APIS[api].groupVersion))) continue;
    if (await mayList(client, api)) apis.push(api);
    else notes.push(`${REPORT_APIS[api].groupVersion} is served but this account may not list its reports; not writing them`);
  }
  return { apis: apis.length > 0 ? apis : ['wgpolicyk8s'], notes };
}

interface Result {
  source: string; policy: string; result: 'fail' | 'skip'; severity: Severity; category?: string;
  message: string; scored: boolean; timestamp: { seconds: number; nanos: number };
  resources: Obj[]; properties: Record<string, string>;
}

function listed(values: string[], max: number): string {
  const uniq = [...new Set(values)];
  return uniq.length <= max ? uniq.join(', ') : `${uniq.slice(0, max).join(', ')}, … (${uniq.length} in all)`;
}

function resultFor(ref: ResourceRef, policy: string, fs: AuditFinding[], limits: ReportLimits, seconds: number): Result {
  const open = fs.filter((f) => f.status === 'open');
  const shown = open.length > 0 ? open : fs;
  const first = shown[0]!;
  const more = shown.length > 1 ? ` (+${shown.length - 1} more)` : '';
  const properties: Record<string, string> = {
    findings: String(shown.length),
    effect: first.effect,
    paths: listed(shown.map((f) => f.path), limits.maxListed),
  };
  const containers = shown.map((f) => f.container).filter((c): c is string => c !== null);
  if (containers.length) properties.containers = listed(containers, limits.maxListed);
  const pods = shown.flatMap((f) => f.pods ?? []);
  if (pods.length) properties.pods = listed(pods, limits.maxListed);
  if (open.length === 0) properties.status = `${first.status}: ${first.statusReason ?? ''}`.trim();
  const resource: Obj = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name };
  if (ref.namespace) resource.namespace = ref.namespace;
  return {
    source: 'mamori',
    policy,
    result: open.length > 0 ? 'fail' : 'skip',
    severity: first.severity,
    message: `${first.message}${more}`,
    scored: true,
    timestamp: { seconds, nanos: 0 },
    resources: [resource],
    properties,
  };
}

/** Every report the store's results make: namespace → PolicyReport ('' → the ClusterPolicyReport). */
export function buildPolicyReports(store: ResultStore, profile: string, limits: ReportLimits = DEFAULT_LIMITS, now = new Date(), only?: Set<string>): Map<string, Obj> {
  const seconds = Math.floor(now.getTime() / 1000);
  const perNs = new Map<string, { results: Result[]; pass: number; fail: number; skip: number }>();
  for (const r of store.resources()) {
    const ns = r.ref.namespace ?? '';
    if (only && !only.has(ns)) continue;
    let acc = perNs.get(ns);
    if (!acc) { acc = { results: [], pass: 0, fail: 0, skip: 0 }; perNs.set(ns, acc); }
    const byPolicy = new Map<string, AuditFinding[]>();
    for (const f of r.findings) {
      const l = byPolicy.get(f.policyId) ?? [];
      l.push(f);
      byPolicy.set(f.policyId, l);
    }
    for (const id of r.evaluated) if (!byPolicy.has(id)) acc.pass++;
    for (const [policy, fs] of byPolicy) {
      const res = resultFor(r.ref, policy, fs, limits, seconds);
      if (res.result === 'fail') acc.fail++; else acc.skip++;
      acc.results.push(res);
    }
  }
  for (const [ns, n] of store.countedPasses()) {
    if (only && !only.has(ns)) continue;
    const acc = perNs.get(ns) ?? { results: [], pass: 0, fail: 0, skip: 0 };
    acc.pass += n;
    perNs.set(ns, acc);
  }
  const out = new Map<string, Obj>();
  for (const [ns, acc] of perNs) {
    acc.results.sort((a, b) => (a.result === b.result ? 0 : a.result === 'fail' ? -1 : 1)
      || severityRank[b.severity] - severityRank[a.severity]
      || a.policy.localeCompare(b.policy)
      || String(a.resources[0]!.name).localeCompare(String(b.resources[0]!.name)));
    const kept = acc.results.slice(0, limits.maxResults);
    const metadata: Obj = { name: REPORT_NAME, labels: { ...MANAGED_BY, 'mamori.dev/profile': profile.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 63) } };
    if (ns) metadata.namespace = ns;
    if (kept.length < acc.results.length) metadata.annotations = { [TRUNCATED_ANNOTATION]: String(acc.results.length - kept.length) };
    out.set(ns, {
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: ns ? 'PolicyReport' : 'ClusterPolicyReport',
      metadata,
      ...(ns ? { scope: { apiVersion: 'v1', kind: 'Namespace', name: ns } } : {}),
      summary: { pass: acc.pass, fail: acc.fail, warn: 0, error: 0, skip: acc.skip },
      results: kept,
    });
  }
  return out;
}

/** The report CRDs are not installed and the audit was not asked to install them. */
export class MissingCrdError extends Error {}

/**
 * Checks that the report APIs' CRDs are served; with `create` (--create-crds) creates missing ones
 * first. Without it the audit needs no permission on CRDs beyond reading these.
 */
export async function ensureCrds(client: KubeClient, apis: ReportApi[] = ['wgpolicyk8s'], opts: { create?: boolean; timeoutMs?: number } = {}): Promise<string[]> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const crdRes = RESOURCES.CustomResourceDefinition!;
  const created: string[] = [];
  const crds = apis.flatMap((a) => REPORT_APIS[a].crds);
  for (const crd of crds) {
    const name = String((crd.metadata as Obj).name);
    try {
      await client.request('GET', objectPath(crdRes, name));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
      if (!opts.create) throw new MissingCrdError(`the CRD ${name} is not installed: kubectl apply -f deploy/crds/ (or pass --create-crds, which needs create on customresourcedefinitions)`);
      try {
        await client.request('POST', objectPath(crdRes, '').replace(/\/$/, ''), crd);
        created.push(name);
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 409)) throw err;
      }
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (const crd of crds) {
    const name = String((crd.metadata as Obj).name);
    for (;;) {
      const got = await client.request<{ status?: { conditions?: Array<{ type: string; status: string }> } }>('GET', objectPath(crdRes, name));
      if (got.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline) throw new Error(`CRD ${name} was not established within ${timeoutMs}ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return created;
}

/** Writes one report: replaces the existing object in place (keeping its identity), or creates it. */
export async function writeReport(client: KubeClient, report: Obj): Promise<'created' | 'updated'> {
  const md = report.metadata as Obj;
  const ns = md.namespace as string | undefined;
  const api = apiOf(report);
  const r = ns ? api.namespaced : api.cluster;
  const path = objectPath(r, REPORT_NAME, ns);
  for (let attempt = 0; ; attempt++) {
    try {
      const existing = await client.request<Obj>('GET', path);
      const rv = (existing.metadata as Obj | undefined)?.resourceVersion;
      await client.request('PUT', path, { ...report, metadata: { ...md, resourceVersion: rv } });
      return 'updated';
    } catch (e) {
      if (e instanceof ApiError && e.status === 404 && e.method === 'GET') {
        try {
          await client.request('POST', path.slice(0, path.lastIndexOf('/')), report);
          return 'created';
        } catch (err) {
          // A CRD just established may take a moment to be served; a concurrent writer may have created it.
          if (attempt < 20 && err instanceof ApiError && (err.status === 404 || err.status === 409)) { await new Promise((res) => setTimeout(res, 250)); continue; }
          throw err;
        }
      }
      if (attempt < 20 && e instanceof ApiError && (e.status === 409 || (e.status === 404 && e.method === 'PUT'))) continue;
      throw e;
    }
  }
}

/** Namespaces holding a report mamori wrote earlier, in any of the APIs (those it may not list are skipped). */
export async function namespacesWithReports(client: KubeClient, apis: ReportApi[], namespace?: string): Promise<Set<string>> {
  const selector = encodeURIComponent(Object.entries(MANAGED_BY).map(([k, v]) => `${k}=${v}`).join(','));
  const out = new Set<string>();
  for (const api of apis) {
    try {
      const existing = await client.request<{ items?: Array<{ metadata?: { namespace?: string } }> }>('GET', `${collectionPath(REPORT_APIS[api].namespaced, namespace)}?labelSelector=${selector}`);
      for (const i of existing.items ?? []) if (i.metadata?.namespace) out.add(i.metadata.namespace);
    } catch (e) { if (!(e instanceof ApiError && e.status === 403)) throw e; }
  }
  return out;
}

/**
 * Writes the reports of the given namespaces ('' is the cluster report), in each API asked for. A namespace
 * whose resources are all gone gets an empty report, so an earlier run's results do not linger.
 */
export async function writePolicyReports(client: KubeClient, store: ResultStore, profile: string, opts: { limits?: ReportLimits; namespaces?: Set<string>; now?: Date; apis?: ReportApi[] } = {}): Promise<{ created: number; updated: number }> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const reports = buildPolicyReports(store, profile, limits, opts.now, opts.namespaces);
  for (const ns of opts.namespaces ?? []) {
    if (reports.has(ns)) continue;
    const metadata: Obj = { name: REPORT_NAME, labels: { ...MANAGED_BY } };
    if (ns) metadata.namespace = ns;
    reports.set(ns, { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: ns ? 'PolicyReport' : 'ClusterPolicyReport', metadata, summary: { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 }, results: [] });
  }
  let created = 0;
  let updated = 0;
  for (const api of opts.apis ?? ['wgpolicyk8s']) {
    for (const report of reports.values()) {
      const shaped = api === 'openreports' ? asOpenReport(report, limits.maxResults) : report;
      if ((await writeReport(client, shaped)) === 'created') created++; else updated++;
    }
  }
  return { created, updated };
}
