// The engine: runs the profile's checks over objects and builds the one report every front end reads.
import type { Effect, Finding, InputError, Lang, Location, Notice, PolicyTally, Report, ResourceRef, Severity } from '../model/types.js';
import { SEVERITIES } from '../model/types.js';
import type { Check, Inventory, Violation } from '../checks/types.js';
import { formatPath, getAt, type Path } from '../k8s/path.js';
import { arr, obj, str, strings, type Obj } from '../k8s/values.js';
import { objectView, podTemplatePath, podView, type CustomWorkloadKind, type PodView } from '../k8s/workload.js';
import { checkMetadata, checkPodTemplate, checkService, type ShapeProblem } from '../k8s/shape.js';
import { imageExcluded, namespaceMatches } from './exclusions.js';
import { describeException, exceptionMatches, isExpired, type ExceptionEntry } from './exceptions.js';
import { VERSION } from '../version.js';

export interface PolicyRun {
  check: Check;
  effect: Effect;
  params: Record<string, unknown>;
  excludedNamespaces: string[];
}

export interface EngineConfig {
  profile: string;
  policies: PolicyRun[];
  defaultNamespace: string;
  customKinds: CustomWorkloadKind[];
  exceptions: ExceptionEntry[];
  /** YYYY-MM-DD, for exception expiry */
  today: string;
  lang: Lang;
  version?: string;
  /**
   * Which policies an object's own mamori.dev/ignore annotation may suppress: every one (scan, where the
   * repository owner writes the annotation; the default) or only the ones the administrator named (serve).
   */
  ignoreAnnotation?: 'all' | readonly string[];
}

/** Where an object came from, when it came from a file. */
export interface Origin { file: string; locate(path: Path): Location }

export interface EngineInput { object: Obj; origin?: Origin }

export const IGNORE_ANNOTATION = 'mamori.dev/ignore';
export const IGNORE_REASON_ANNOTATION = 'mamori.dev/ignore-reason';

/** Objects other checks may consult: ServiceAccounts, Namespaces, NetworkPolicies of the same input. */
export class InventoryIndex implements Inventory {
  private sas = new Map<string, Obj>();
  private nss = new Map<string, Obj>();
  private netpols = new Map<string, Obj[]>();
  private bindings: { namespace: string; object: Obj }[] = [];
  constructor(private readonly defaultNamespace: string) {}

  private static isContextKind(kind: unknown): boolean {
    return kind === 'ServiceAccount' || kind === 'Namespace' || kind === 'NetworkPolicy' || kind === 'RoleBinding' || kind === 'ClusterRoleBinding';
  }

  /** Keeps the object if it is of a kind checks consult; returns whether it did. Any object may be offered. */
  add(o: Obj): boolean {
    if (!InventoryIndex.isContextKind(o.kind)) return false;
    const v = objectView(o, this.defaultNamespace);
    if (v.kind === 'ServiceAccount') this.sas.set(`${v.namespace}/${v.name}`, o);
    else if (v.kind === 'Namespace') this.nss.set(v.name, o);
    else if (v.kind === 'RoleBinding' || v.kind === 'ClusterRoleBinding') this.bindings.push({ namespace: v.namespace, object: o });
    else {
      const list = this.netpols.get(v.namespace) ?? [];
      list.push(o);
      this.netpols.set(v.namespace, list);
    }
    return true;
  }
  serviceAccount(namespace: string, name: string): Obj | undefined { return this.sas.get(`${namespace}/${name}`); }
  namespace(name: string): Obj | undefined { return this.nss.get(name); }
  networkPolicies(namespace: string): Obj[] { return this.netpols.get(namespace) ?? []; }
  bindingsOf(namespace: string, serviceAccount: string): Obj[] {
    const groups = new Set(['system:serviceaccounts', `system:serviceaccounts:${namespace}`]);
    return this.bindings.filter((b) => arr(b.object.subjects).some((s) => {
      const subject = obj(s);
      if (!subject) return false;
      if (subject.kind === 'Group') return groups.has(str(subject.name) ?? '');
      if (subject.kind !== 'ServiceAccount' || subject.name !== serviceAccount) return false;
      // a RoleBinding's subject without a namespace means the binding's own
      return (str(subject.namespace) ?? (b.object.kind === 'RoleBinding' ? b.namespace : '')) === namespace;
    })).map((b) => b.object);
  }
}

export interface Tally { evaluated: number; unhealthy: number; findings: number }

function isWindowsPod(pod: PodView): boolean {
  return obj(pod.spec.nodeSelector)?.['kubernetes.io/os'] === 'windows';
}

/** The policies the object's annotation suppresses, cut to the ones the configuration lets it suppress. */
function ignoredPolicies(o: Obj, allowed: EngineConfig['ignoreAnnotation'] = 'all'): { ids: Set<string>; reason: string } | undefined {
  const ann = obj(obj(o.metadata)?.annotations);
  const list = str(ann?.[IGNORE_ANNOTATION]);
  if (!list) return undefined;
  const named = new Set(list.split(',').map((s) => s.trim()).filter(Boolean));
  let ids = named;
  if (allowed !== 'all') {
    // "*" on the object stands for every policy the administrator allows, never for more.
    ids = new Set(allowed.filter((id) => id !== '*' && (named.has(id) || named.has('*'))));
    if (ids.size === 0) return undefined;
  }
  return { ids, reason: str(ann?.[IGNORE_REASON_ANNOTATION]) ?? 'suppressed by annotation (no reason given)' };
}

/** An engine's accumulated results as structured-cloneable data (see Engine.partial / Engine.absorb). */
export interface PartialResult {
  findings: Finding[];
  errors: InputError[];
  notices: Notice[];
  tallies: [string, Tally][];
  resources: number;
  /** documents that were no Kubernetes object */
  skipped: number;
  usedExceptions: number[];
  expiredExceptions: number[];
}

export class Engine {
  private findings: Finding[] = [];
  private errors: InputError[] = [];
  private notices: Notice[] = [];
  /** notices about inputs (not about configuration), carried between engines by partial() */
  private inputNotices: Notice[] = [];
  private tallies = new Map<string, Tally>();
  private resources = 0;
  private skipped = 0;
  private usedExceptions = new Set<ExceptionEntry>();
  private expiredNoticed = new Set<ExceptionEntry>();
  /** policies that wait for configuration run no check; they say so once */
  private active: PolicyRun[];

  constructor(private readonly cfg: EngineConfig, private readonly inventory: Inventory) {
    this.active = [];
    for (const p of cfg.policies) {
      if (p.effect === 'Disabled') continue;
      this.tallies.set(p.check.meta.id, { evaluated: 0, unhealthy: 0, findings: 0 });
      const need = p.check.needsConfiguration?.(p.params as never);
      if (need) this.notices.push({ policyId: p.check.meta.id, message: need[cfg.lang] });
      else this.active.push(p);
    }
  }

  addError(e: InputError): void { this.errors.push(e); }
  /** An input passed over on purpose: said once in the report, not an error. */
  addSkipped(e: InputError): void {
    const n = { policyId: null, message: `${e.file}${e.line ? `:${e.line}` : ''}: skipped: ${e.message}` };
    this.notices.push(n);
    this.inputNotices.push(n);
  }

  /** Documents passed over because they are no Kubernetes object (values files, package.json): only counted. */
  countSkipped(n: number): void { this.skipped += n; }

  /** Evaluates one object and returns its findings (also kept for the report). */
  evaluate(input: EngineInput): Finding[] {
    const { object: o, origin } = input;
    const shape = this.shapeProblems(o);
    if (shape.length > 0) {
      for (const p of shape) {
        const loc = origin?.locate(p.path);
        this.errors.push({ file: origin?.file ?? '<request>', line: loc?.line ?? null, message: `${formatPath(p.path)}: ${p.message}` });
      }
      return [];
    }
    this.resources++;
    const view = objectView(o, this.cfg.defaultNamespace);
    const pod = podView(o, this.cfg.defaultNamespace, this.cfg.customKinds);
    const resource: ResourceRef = {
      apiVersion: view.apiVersion,
      kind: view.kind,
      namespace: view.namespace,
      name: view.name,
    };
    const ignored = ignoredPolicies(o, this.cfg.ignoreAnnotation);
    const out: Finding[] = [];
    for (const run of this.active) {
      const { check } = run;
      if (namespaceMatches(run.excludedNamespaces, view.namespace)) continue;
      let violations: Violation[];
      if (check.target === 'pod') {
        if (!pod) continue;
        this.tallies.get(check.meta.id)!.evaluated++;
        if (check.skipWindows && isWindowsPod(pod)) continue;
        const params = run.params as Record<string, unknown>;
        const exclNames = check.excludes.containers ? strings(params.excludedContainers) : [];
        const exclImages = check.excludes.images ? strings(params.excludedImages) : [];
        const containers = pod.containers.filter((c) => check.classes.includes(c.cls)
          && !exclNames.includes(c.name) && !imageExcluded(exclImages, c.image));
        if (check.requiresIncludedContainer && containers.length === 0) continue;
        violations = check.check({ pod, containers, inventory: this.inventory, version: this.cfg.version }, params as never);
      } else {
        const matches = check.kinds.includes(view.kind) || (check.kinds.includes('Pod') && pod !== undefined);
        if (!matches) continue;
        if (check.apiGroups) {
          const group = view.apiVersion.includes('/') ? view.apiVersion.split('/')[0]! : '';
          if (!check.apiGroups.includes(group)) continue;
        }
        this.tallies.get(check.meta.id)!.evaluated++;
        violations = check.check({ view, inventory: this.inventory, version: this.cfg.version }, run.params as never);
      }
      if (violations.length === 0) continue;
      const seen = new Set<string>();
      let open = 0;
      for (const v of violations) {
        const path = formatPath(v.path);
        const message = v.message[this.cfg.lang];
        const key = `${path}\u0000${message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const f: Finding = {
          policyId: check.meta.id,
          severity: check.meta.severity,
          effect: v.effect ?? run.effect,
          resource,
          container: v.container,
          path,
          message,
          remediation: check.meta.remediation[this.cfg.lang],
          location: origin ? origin.locate(v.path) : null,
          status: 'open',
        };
        if (v.fix?.length) f.fix = v.fix;
        if (v.suggestion) f.suggestion = { ops: v.suggestion.ops, text: v.suggestion.text[this.cfg.lang] };
        if (v.change) f.change = { id: v.change.id, risk: v.change.risk, reason: v.change.reason[this.cfg.lang] };
        if (ignored && (ignored.ids.has(check.meta.id) || ignored.ids.has('*'))) {
          f.status = 'suppressed';
          f.statusReason = ignored.reason;
        } else {
          this.applyException(f);
        }
        if (f.status === 'open') open++;
        out.push(f);
      }
      const t = this.tallies.get(check.meta.id)!;
      t.findings += open;
      if (open > 0) t.unhealthy++;
    }
    for (const f of out) this.findings.push(f);
    return out;
  }

  private applyException(f: Finding): void {
    for (const e of this.cfg.exceptions) {
      if (!exceptionMatches(e, f)) continue;
      this.usedExceptions.add(e);
      if (isExpired(e, this.cfg.today)) {
        this.noteExpired(e);
        continue;
      }
      f.status = 'excepted';
      f.statusReason = e.reason;
      f.exception = { owner: e.owner, expires: e.expires };
      return;
    }
  }

  private noteExpired(e: ExceptionEntry): void {
    if (this.expiredNoticed.has(e)) return;
    this.expiredNoticed.add(e);
    this.notices.push({ policyId: e.policy, message: `exception for ${describeException(e)} expired on ${e.expires}; its findings count again` });
  }

  /** What this engine has seen, as plain data another engine (in another thread) can absorb. */
  partial(): PartialResult {
    const index = (set: Set<ExceptionEntry>) => this.cfg.exceptions.flatMap((e, i) => (set.has(e) ? [i] : []));
    return {
      findings: this.findings,
      errors: this.errors,
      notices: this.inputNotices,
      tallies: [...this.tallies.entries()],
      resources: this.resources,
      skipped: this.skipped,
      usedExceptions: index(this.usedExceptions),
      expiredExceptions: index(this.expiredNoticed),
    };
  }

  /** Adds the results of an engine that ran the same configuration over other objects. */
  absorb(p: PartialResult): void {
    // A loop, not push(...spread): a spread of a large array overflows the call stack.
    for (const f of p.findings) this.findings.push(f);
    for (const e of p.errors) this.errors.push(e);
    for (const n of p.notices) { this.notices.push(n); this.inputNotices.push(n); }
    this.resources += p.resources;
    this.skipped += p.skipped;
    for (const [id, t] of p.tallies) {
      const mine = this.tallies.get(id);
      if (!mine) continue;
      mine.evaluated += t.evaluated;
      mine.unhealthy += t.unhealthy;
      mine.findings += t.findings;
    }
    for (const i of p.usedExceptions) this.usedExceptions.add(this.cfg.exceptions[i]!);
    for (const i of p.expiredExceptions) this.noteExpired(this.cfg.exceptions[i]!);
  }

  private shapeProblems(o: Obj): ShapeProblem[] {
    const problems = checkMetadata(o.metadata);
    const tplPath = podTemplatePath(o, this.cfg.customKinds);
    if (tplPath) {
      const tpl = tplPath.length === 0 ? o : getAt(o, tplPath);
      if (tpl !== undefined) return problems.concat(checkPodTemplate(tpl, tplPath));
    } else if (o.kind === 'Service') {
      return problems.concat(checkService(o));
    }
    return problems;
  }

  report(): Report {
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    const byPolicy: Record<string, number> = {};
    let excepted = 0;
    let suppressed = 0;
    for (const f of this.findings) {
      if (f.status === 'excepted') { excepted++; continue; }
      if (f.status === 'suppressed') { suppressed++; continue; }
      bySeverity[f.severity]++;
      byPolicy[f.policyId] = (byPolicy[f.policyId] ?? 0) + 1;
    }
    const policies: PolicyTally[] = this.cfg.policies.filter((p) => this.tallies.has(p.check.meta.id)).map((p) => {
      const t = this.tallies.get(p.check.meta.id)!;
      return { policyId: p.check.meta.id, title: p.check.meta.title[this.cfg.lang], severity: p.check.meta.severity, effect: p.effect, ...t };
    });
    return {
      schemaVersion: 1,
      tool: { name: 'mamori', version: VERSION },
      profile: this.cfg.profile,
      lang: this.cfg.lang,
      summary: {
        resources: this.resources,
        skipped: this.skipped,
        findings: this.findings.length - excepted - suppressed,
        bySeverity,
        byPolicy,
        excepted,
        suppressed,
      },
      policies,
      findings: this.findings,
      notices: this.notices,
      errors: this.errors,
      unusedExceptions: this.cfg.exceptions.filter((e) => !this.usedExceptions.has(e)).map((e) => ({ policy: e.policy, resource: describeException(e), reason: e.reason })),
    };
  }
}
