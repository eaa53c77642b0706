// The one rule contract every family shares (manifest checks, RBAC, versions, seccomp and AppArmor lint).
import type { z } from 'zod';
import type { Effect, Severity, Text } from './report.js';
import type { Path } from './path.js';
import type { ChangeRisk, FixOp } from './fix-op.js';

export type { ChangeRisk, FixOp } from './fix-op.js';

/** The rule families of the registry; `mamori policies` lists them all. */
export type Family = 'manifest' | 'rbac' | 'versions' | 'seccomp-lint' | 'apparmor-lint';
export const FAMILIES: readonly Family[] = ['manifest', 'rbac', 'versions', 'seccomp-lint', 'apparmor-lint'];

/** Where a check comes from and what it corresponds to elsewhere (the crosswalk). */
export interface References {
  azurePolicy?: { guid: string; name: string; version: string; template: string };
  /** Defender for Cloud assessment key */
  defenderKey?: string;
  /** Pod Security Standards control name, e.g. "Privileged Containers" */
  pss?: string;
  /** NSA/CISA Kubernetes Hardening Guide item */
  nsa?: string;
  /** Kubescape control id, e.g. C-0057 */
  kubescape?: string;
  /** documentation links */
  links?: string[];
}

/** What every rule states about itself: the data docs, formatters and `mamori policies` are made from. */
export interface RuleMeta {
  id: string;
  title: Text;
  severity: Severity;
  description: Text;
  remediation: Text;
  /** messages by id, `{name}` filled from a violation's data (ESLint's `meta.messages`); see `say` */
  messages?: Readonly<Record<string, Text>>;
  references?: References;
  /** the effect when the profile and config say nothing */
  defaultEffect?: Effect;
  /** every change the rule's fixes and suggestions can make, with its risk (docs/fix.md is generated from these) */
  changes?: readonly ChangeSpec[];
}

/**
 * A rule: metadata, typed parameters with defaults stated once, and a pure check of one subject.
 * The subject is what the family judges: a pod or object view, an RBAC binding, a version fact, a profile.
 */
export interface Rule<Subject, S extends z.ZodObject = z.ZodObject> {
  meta: RuleMeta;
  params: S;
  check(subject: Subject, params: z.output<S>): Violation[];
}

/** One kind of change a check makes, stated once as data (like ESLint's fix vs suggest). */
export interface ChangeSpec {
  /** unique within the check, e.g. "set-run-as-non-root" */
  id: string;
  /** what the change does, e.g. "set securityContext.runAsNonRoot: true" */
  change: Text;
  risk: ChangeRisk;
  /** safe: why it cannot stop the workload; otherwise how it can */
  why: Text;
  /** for `evidence`: what the manifest must show for the change to be applied by default */
  evidence?: Text;
  /** what the user has to check or give before asking for it, e.g. "--set runAsUser=<the image's uid>" */
  needs?: Text;
}

export interface Violation {
  path: Path;
  message: Text;
  /** container name, or null for pod- or object-level findings */
  container: string | null;
  /** a change that is safe to apply without asking (build it with `remedy`) */
  fix?: FixOp[];
  /** a change that could break the workload: offered, applied only on request */
  suggestion?: { ops: FixOp[]; text: Text };
  /** which declared change `fix` or `suggestion` is, and why it is applied by default or only offered */
  change?: { id: string; risk: ChangeRisk; reason: Text };
  /** overrides the policy's effect for this finding (a namespace's pod-security labels choose enforce or audit) */
  effect?: Effect;
  /** the least change for this finding when it says more than the rule's remediation (RBAC names the binding) */
  remediation?: Text;
  /** overrides the rule's severity for this finding (a milder or graver case of the same mistake, in profile lint) */
  severity?: Severity;
  /** where in the subject's source text the finding points when its path alone cannot say (a key rather than its value) */
  at?: { line: number; column: number };
}

/** A value made on first use and kept: zod schemas cost to build, and a run uses few of them. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** A rule as its module declares it: the parameter schema as a function, called the first time `params` is read. */
export type LazyParams<R extends { params: unknown }> = Omit<R, 'params'> & { params: () => R['params'] };

/**
 * The rule with `params` turned into a getter that builds the schema on first read and keeps it: importing a rule
 * builds no schema, so a scan builds only those of the rules whose parameters it reads.
 */
export function lazyParams<R extends { params: unknown }>(rule: LazyParams<R>): R {
  const schema = once(rule.params);
  return Object.defineProperty(rule, 'params', { get: schema, enumerable: true, configurable: false }) as unknown as R;
}

export function t(en: string, ja: string): Text { return { en, ja }; }

/** A violation's fix or suggestion and the change it is. */
export type Remedy = Pick<Violation, 'fix' | 'suggestion' | 'change'>;

/**
 * The fix or suggestion for one declared change: a fix when the change is safe, or when `proof` (what the manifest
 * shows) is given for an `evidence` change; otherwise a suggestion whose text says why it might break and what it needs.
 */
export function remedy(spec: ChangeSpec, ops: FixOp[], proof?: Text, text?: Text): Remedy {
  if (spec.risk === 'safe') return { fix: ops, change: { id: spec.id, risk: spec.risk, reason: spec.why } };
  if (spec.risk === 'evidence' && proof) return { fix: ops, change: { id: spec.id, risk: spec.risk, reason: proof } };
  const when = spec.risk === 'evidence' && spec.evidence ? t(`(Applied by default only when ${spec.evidence.en}.)`, `（既定で適用するのは次の場合だけ: ${spec.evidence.ja}）`) : undefined;
  const reason = joinText([spec.why, spec.needs, when]);
  return { suggestion: { ops, text: text ? joinText([text, reason]) : reason }, change: { id: spec.id, risk: spec.risk, reason } };
}

function joinText(parts: readonly (Text | undefined)[]): Text {
  const xs = parts.filter((p): p is Text => p !== undefined);
  return { en: xs.map((x) => x.en).join(' '), ja: xs.map((x) => x.ja).join('') };
}

/** The `change` of a suggestion whose text the check writes itself: a change that is never applied by default. */
export function offered(spec: ChangeSpec): NonNullable<Violation['change']> {
  return { id: spec.id, risk: spec.risk, reason: joinText([spec.why, spec.needs]) };
}

/** A message of the rule's `meta.messages` by id, with `{name}` replaced by `data[name]` in both languages. */
export function say(meta: Pick<RuleMeta, 'id' | 'messages'>, messageId: string, data: Readonly<Record<string, string | number>> = {}): Text {
  const m = meta.messages?.[messageId];
  if (!m) throw new Error(`rule ${meta.id} has no message ${JSON.stringify(messageId)}`);
  return { en: fill(m.en, data), ja: fill(m.ja, data) };
}

/** Templates cut once at their placeholders (literal, name, literal, …): findings are made by the thousand. */
const cut = new Map<string, readonly string[]>();

function fill(template: string, data: Readonly<Record<string, string | number>>): string {
  let parts = cut.get(template);
  if (!parts) { parts = template.split(/\{(\w+)\}/); cut.set(template, parts); }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i]!;
    const v = data[k];
    out += (v !== undefined ? String(v) : k in data ? 'undefined' : `{${k}}`) + parts[i + 1]!;
  }
  return out;
}
