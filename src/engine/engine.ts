// The engine: runs the profile's checks over objects and builds the one report every front end reads.
import type { Effect, Finding, InputError, Lang, Notice, Origin, Report, ResourceRef } from '../core/report.js';
import type { Check, Inventory, Violation } from '../checks/types.js';
import { formatPath, getAt } from '../core/path.js';
import { obj, strings, type Obj } from '../k8s/values.js';
import { objectView, podTemplatePath, podView, type CustomWorkloadKind, type PodView } from '../k8s/workload.js';
import { checkMetadata, checkPodTemplate, checkService, type ShapeProblem } from '../k8s/shape.js';
import { imageExcluded } from './exclusions.js';
import { namespaceMatches } from '../core/namespaces.js';
import type { ExceptionEntry } from '../core/exceptions.js';
import { Ledger, suppressionOf } from '../core/ledger.js';
import { buildReport, emptyTally, type Tally } from '../core/build-report.js';
import { settle, toFindings } from '../core/evaluate.js';

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

export type { Origin } from '../core/report.js';

export interface EngineInput { object: Obj; origin?: Origin }


/** Objects other checks may consult: ServiceAccounts, Namespaces, NetworkPolicies of the same input. */
export class InventoryIndex implements Inventory {
  private sas = new Map<string, Obj>();
  private nss = new Map<string, Obj>();
  private netpols = new Map<string, Obj[]>();
  constructor(private readonly defaultNamespace: string) {}

  private static isContextKind(kind: unknown): boolean {
    return kind === 'ServiceAccount' || kind === 'Namespace' || kind === 'NetworkPolicy';
  }

  /** Keeps the object if it is of a kind checks consult; returns whether it did. Any object may be offered. */
  add(o: Obj): boolean {
    if (!InventoryIndex.isContextKind(o.kind)) return false;
    const v = objectView(o, this.defaultNamespace);
    if (v.kind === 'ServiceAccount') this.sas.set(`${v.namespace}/${v.name}`, o);
    else if (v.kind === 'Namespace') this.nss.set(v.name, o);
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
}

export type { Tally };

function isWindowsPod(pod: PodView): boolean {
  return obj(pod.spec.nodeSelector)?.['kubernetes.io/os'] === 'windows';
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
  private readonly ledger: Ledger;
  /** policies that wait for configuration run no check; they say so once */
  private active: PolicyRun[];

  constructor(private readonly cfg: EngineConfig, private readonly inventory: Inventory) {
    this.ledger = new Ledger(cfg.exceptions, cfg.today, (n) => this.notices.push(n));
    this.active = [];
    for (const p of cfg.policies) {
      if (p.effect === 'Disabled') continue;
      this.tallies.set(p.check.meta.id, emptyTally());
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
    return this.judge(input).findings;
  }

  /** Evaluates one object: its findings, and the ids of the policies that looked at it (what a tally counts). */
  judge(input: EngineInput): { findings: Finding[]; evaluated: string[] } {
    const { object: o, origin } = input;
    const evaluated: string[] = [];
    const shape = this.shapeProblems(o);
    if (shape.length > 0) {
      for (const p of shape) {
        const loc = origin?.locate(p.path);
        this.errors.push({ file: origin?.file ?? '<request>', line: loc?.line ?? null, message: `${formatPath(p.path)}: ${p.message}` });
      }
      return { findings: [], evaluated };
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
    const suppression = suppressionOf(obj(o.metadata)?.annotations, this.cfg.ignoreAnnotation);
    const out: Finding[] = [];
    for (const run of this.active) {
      const { check } = run;
      if (namespaceMatches(run.excludedNamespaces, view.namespace)) continue;
      let violations: Violation[];
      if (check.target === 'pod') {
        if (!pod) continue;
        this.tallies.get(check.meta.id)!.evaluated++;
        evaluated.push(check.meta.id);
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
        evaluated.push(check.meta.id);
        violations = check.check({ view, inventory: this.inventory, version: this.cfg.version }, run.params as never);
      }
      if (violations.length === 0) continue;
      const fs = toFindings(violations, { meta: check.meta, effect: run.effect, resource, locate: origin?.locate, lang: this.cfg.lang });
      settle(fs, this.ledger, this.tallies.get(check.meta.id)!, suppression);
      for (const f of fs) out.push(f);
    }
    for (const f of out) this.findings.push(f);
    return { findings: out, evaluated };
  }

  /** What this engine has seen, as plain data another engine (in another thread) can absorb. */
  partial(): PartialResult {
    const ledger = this.ledger.partial();
    return {
      findings: this.findings,
      errors: this.errors,
      notices: this.inputNotices,
      tallies: [...this.tallies.entries()],
      resources: this.resources,
      skipped: this.skipped,
      usedExceptions: ledger.used,
      expiredExceptions: ledger.expired,
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
    this.ledger.absorb({ used: p.usedExceptions, expired: p.expiredExceptions });
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
    return buildReport({
      profile: this.cfg.profile,
      lang: this.cfg.lang,
      rules: this.cfg.policies.map((p) => ({ meta: p.check.meta, effect: p.effect })),
      tallies: this.tallies,
      findings: this.findings,
      resources: this.resources,
      skipped: this.skipped,
      notices: this.notices,
      errors: this.errors,
      unusedExceptions: this.ledger.unused(),
    });
  }
}

/** An engine whose inventory holds the context objects (ServiceAccounts, Namespaces, NetworkPolicies) among `objects`. */
export function engineFor(cfg: EngineConfig, objects: Iterable<Obj> = [], errors: readonly InputError[] = []): Engine {
  const inventory = new InventoryIndex(cfg.defaultNamespace);
  for (const o of objects) inventory.add(o);
  const engine = new Engine(cfg, inventory);
  for (const e of errors) engine.addError(e);
  return engine;
}
