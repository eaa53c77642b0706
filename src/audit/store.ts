// What the audit knows: findings per resource (workloads aggregate their Pods), the report and Defender's summary built from it.
import type { Finding, InputError, Notice, Report, ResourceRef, Severity, UnusedException } from '../core/report.js';
import { SEVERITIES } from '../core/report.js';
import type { PolicyRun } from '../engine/engine.js';
import { buildReport, type Tally } from '../core/build-report.js';

/** A finding as the audit reports it: on the workload, with the Pods that showed it. */
export interface AuditFinding extends Finding {
  pods?: string[];
  /** how many Pods showed it, when more than the names listed */
  podCount?: number;
}

/** Pod names kept per finding of a workload in a one-shot audit (the count is exact). */
export const MAX_PODS_LISTED = 50;

interface Aggregate { finding: Finding; pods: string[]; count: number }

export interface Member { findings: Finding[]; evaluated: readonly string[] }

export interface Entry {
  ref: ResourceRef;
  /** per Pod (or '' for the object itself): its findings and the policies that looked at it */
  members: Map<string, Member>;
  /** one-shot audits fold a workload's Pods into this as they come: memory per workload, not per Pod */
  agg?: Map<string, Aggregate>;
}

export function refKey(r: ResourceRef): string { return `${r.kind}|${r.namespace ?? ''}|${r.name}`; }

export interface UnhealthyResource { kind: string; namespace: string | null; name: string; findings: number; pods: string[] }

export interface RecommendationSummary {
  policyId: string;
  title: string;
  severity: Severity;
  effect: string;
  healthy: number;
  unhealthy: number;
  unhealthyResources: UnhealthyResource[];
}

export interface NamespaceSummary {
  namespace: string;
  resources: number;
  unhealthy: number;
  findings: Record<Severity, number>;
}

/** Defender for Cloud's recommendation view: per recommendation, healthy and unhealthy resources; then per namespace. */
export interface AuditSummary {
  cluster: string;
  profile: string;
  generatedAt: string;
  resources: number;
  recommendations: RecommendationSummary[];
  namespaces: NamespaceSummary[];
}

const zeroSeverities = (): Record<Severity, number> => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

function findingKey(f: Finding): string {
  return `${f.policyId}\u0000${f.container ?? ''}\u0000${f.path}\u0000${f.message}\u0000${f.status}`;
}

export interface StoreOptions {
  /** keep every Pod (needed to follow changes in --watch); otherwise only Pods with findings are kept */
  trackAll: boolean;
}

export class ResultStore {
  private entries = new Map<string, Entry>();
  /** source object (kind|ns|name) → the entry it counts towards, for updates and deletes in --watch */
  private sources = new Map<string, { entry: string; member: string }>();
  /** healthy stand-alone resources not kept in one-shot mode: counted, not stored */
  private counted = { resources: 0, evaluated: new Map<string, number>(), namespaces: new Map<string, number>(), passes: new Map<string, number>() };
  notices: Notice[] = [];
  errors: InputError[] = [];
  private noticeKeys = new Set<string>();
  unusedExceptions: UnusedException[] | undefined;
  /** bumps on every change, for writers that only act when something changed */
  generation = 0;
  private dirtyNamespaces = new Set<string>();

  constructor(private readonly opts: StoreOptions) {}

  get size(): number { return this.entries.size + this.counted.resources; }

  addNotice(n: Notice): void {
    const k = `${n.policyId}\u0000${n.message}`;
    if (this.noticeKeys.has(k)) return;
    this.noticeKeys.add(k);
    this.notices.push(n);
  }

  /** Narrows the unused exceptions: an exception is unused when no batch used it. */
  mergeUnused(list: UnusedException[]): void {
    if (!this.unusedExceptions) { this.unusedExceptions = list; return; }
    const keep = new Set(list.map((u) => `${u.policy}\u0000${u.resource}\u0000${u.reason}`));
    this.unusedExceptions = this.unusedExceptions.filter((u) => keep.has(`${u.policy}\u0000${u.resource}\u0000${u.reason}`));
  }

  /**
   * Records what one source object showed. `grouped` is true when the object counts towards a
   * workload shared with other objects (a Pod of a Deployment), which must be kept to avoid counting
   * the workload twice.
   */
  put(source: string, ref: ResourceRef, member: string, findings: Finding[], evaluated: readonly string[], grouped: boolean): void {
    this.generation++;
    this.dirtyNamespaces.add(ref.namespace ?? '');
    const key = refKey(ref);
    if (this.opts.trackAll) {
      const prev = this.sources.get(source);
      if (prev && (prev.entry !== key || prev.member !== member)) this.removeMember(prev.entry, prev.member);
      this.sources.set(source, { entry: key, member });
    } else if (!grouped && findings.length === 0) {
      this.counted.resources++;
      for (const id of evaluated) this.counted.evaluated.set(id, (this.counted.evaluated.get(id) ?? 0) + 1);
      const ns = ref.namespace ?? '';
      this.counted.namespaces.set(ns, (this.counted.namespaces.get(ns) ?? 0) + 1);
      this.counted.passes.set(ns, (this.counted.passes.get(ns) ?? 0) + evaluated.length);
      return;
    }
    let e = this.entries.get(key);
    if (!e) { e = { ref, members: new Map() }; this.entries.set(key, e); }
    if (!this.opts.trackAll && grouped) {
      // One-shot: a Pod adds the policies that looked at its workload, and its findings to the workload's.
      const m = e.members.get('') ?? { findings: [], evaluated: [] };
      const union = new Set([...m.evaluated, ...evaluated]);
      if (union.size !== m.evaluated.length) e.members.set('', { findings: m.findings, evaluated: [...union] });
      if (findings.length === 0) return;
      e.agg ??= new Map();
      const seen = new Set<string>();
      for (const f of findings) {
        const k = findingKey(f);
        if (seen.has(k)) continue;
        seen.add(k);
        const a = e.agg.get(k) ?? { finding: f, pods: [], count: 0 };
        a.count++;
        if (a.pods.length < MAX_PODS_LISTED) a.pods.push(member);
        e.agg.set(k, a);
      }
      return;
    }
    e.members.set(member, { findings, evaluated });
  }

  /** Forgets a source object (deleted in the cluster). */
  remove(source: string): void {
    const prev = this.sources.get(source);
    if (!prev) return;
    this.sources.delete(source);
    this.removeMember(prev.entry, prev.member);
    this.generation++;
  }

  /** Sources of one kind recorded so far (to sweep the ones a re-list no longer shows). */
  sourcesOfKind(kind: string): string[] {
    return [...this.sources.keys()].filter((k) => k.startsWith(`${kind}|`));
  }

  private removeMember(entryKey: string, member: string): void {
    const e = this.entries.get(entryKey);
    if (!e) return;
    this.dirtyNamespaces.add(e.ref.namespace ?? '');
    e.members.delete(member);
    if (e.members.size === 0) this.entries.delete(entryKey);
  }

  /** Policy passes of healthy resources that were counted rather than kept, per namespace. */
  countedPasses(): ReadonlyMap<string, number> { return this.counted.passes; }

  markDirty(namespace: string): void { this.dirtyNamespaces.add(namespace); }

  /** Namespaces changed since the last call ('' for cluster-scoped resources). */
  takeDirtyNamespaces(): Set<string> {
    const d = this.dirtyNamespaces;
    this.dirtyNamespaces = new Set();
    return d;
  }

  /** Each resource with its findings deduplicated across its Pods. */
  *resources(): Generator<{ ref: ResourceRef; evaluated: Set<string>; findings: AuditFinding[] }> {
    for (const e of this.entries.values()) {
      const evaluated = new Set<string>();
      const byKey = new Map<string, AuditFinding>();
      const podSets = new Map<string, Set<string>>();
      const grouped = e.members.size > 1 || !e.members.has('');
      for (const [member, m] of e.members) {
        for (const id of m.evaluated) evaluated.add(id);
        for (const f of m.findings) {
          const k = findingKey(f);
          if (!byKey.has(k)) { byKey.set(k, { ...f }); podSets.set(k, new Set()); }
          if (member) podSets.get(k)!.add(member);
        }
      }
      const findings: AuditFinding[] = [...byKey.entries()].map(([k, f]) => {
        const pods = [...podSets.get(k)!].sort();
        return grouped && pods.length > 0 ? { ...f, pods } : f;
      });
      for (const a of e.agg?.values() ?? []) {
        const f: AuditFinding = { ...a.finding, pods: [...a.pods].sort() };
        if (a.count > a.pods.length) f.podCount = a.count;
        findings.push(f);
      }
      yield { ref: e.ref, evaluated, findings };
    }
  }

  report(policies: readonly PolicyRun[], profile: string, lang: 'en' | 'ja'): Report {
    const tallies = new Map<string, Tally>();
    for (const p of policies) {
      if (p.effect === 'Disabled') continue;
      tallies.set(p.check.meta.id, { evaluated: this.counted.evaluated.get(p.check.meta.id) ?? 0, unhealthy: 0, findings: 0 });
    }
    const findings: AuditFinding[] = [];
    for (const r of this.resources()) {
      for (const id of r.evaluated) { const t = tallies.get(id); if (t) t.evaluated++; }
      const unhealthyFor = new Set<string>();
      for (const f of r.findings) {
        findings.push(f);
        if (f.status !== 'open') continue;
        const t = tallies.get(f.policyId);
        if (t) t.findings++;
        unhealthyFor.add(f.policyId);
      }
      for (const id of unhealthyFor) { const t = tallies.get(id); if (t) t.unhealthy++; }
    }
    findings.sort((a, b) => refKey(a.resource).localeCompare(refKey(b.resource)) || a.policyId.localeCompare(b.policyId) || a.path.localeCompare(b.path));
    return buildReport({
      profile, lang, rules: policies.map((p) => ({ meta: p.check.meta, effect: p.effect })), tallies, findings,
      resources: this.size, notices: this.notices, errors: this.errors, unusedExceptions: this.unusedExceptions ?? [],
    });
  }

  /** Defender's view of a report made by this store. */
  summary(report: Report, cluster: string, now = new Date()): AuditSummary {
    const unhealthy = new Map<string, Map<string, UnhealthyResource>>();
    const nsStats = new Map<string, NamespaceSummary>();
    const ns = (name: string): NamespaceSummary => {
      let s = nsStats.get(name);
      if (!s) { s = { namespace: name, resources: 0, unhealthy: 0, findings: zeroSeverities() }; nsStats.set(name, s); }
      return s;
    };
    for (const [name, n] of this.counted.namespaces) ns(name).resources += n;
    for (const r of this.resources()) {
      const s = ns(r.ref.namespace ?? '');
      s.resources++;
      let bad = false;
      for (const f of r.findings as AuditFinding[]) {
        if (f.status !== 'open') continue;
        bad = true;
        s.findings[f.severity]++;
        let per = unhealthy.get(f.policyId);
        if (!per) { per = new Map(); unhealthy.set(f.policyId, per); }
        const k = refKey(r.ref);
        const u = per.get(k) ?? { kind: r.ref.kind, namespace: r.ref.namespace, name: r.ref.name, findings: 0, pods: [] };
        u.findings++;
        for (const p of f.pods ?? []) if (!u.pods.includes(p)) u.pods.push(p);
        per.set(k, u);
      }
      if (bad) s.unhealthy++;
    }
    const recommendations: RecommendationSummary[] = report.policies.map((p) => {
      const list = [...(unhealthy.get(p.policyId)?.values() ?? [])].sort((a, b) => `${a.namespace}/${a.kind}/${a.name}`.localeCompare(`${b.namespace}/${b.kind}/${b.name}`));
      for (const u of list) u.pods.sort();
      return { policyId: p.policyId, title: p.title, severity: p.severity, effect: p.effect, healthy: p.evaluated - p.unhealthy, unhealthy: p.unhealthy, unhealthyResources: list };
    });
    recommendations.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.unhealthy - a.unhealthy || a.policyId.localeCompare(b.policyId));
    return {
      cluster,
      profile: report.profile,
      generatedAt: now.toISOString(),
      resources: report.summary.resources,
      recommendations,
      namespaces: [...nsStats.values()].sort((a, b) => a.namespace.localeCompare(b.namespace)),
    };
  }
}
