// What a check is: metadata, typed parameters with defaults stated once, and a pure check function.
import type { z } from 'zod';
import type { Effect, Severity, Text } from '../model/types.js';
import type { Path } from '../k8s/path.js';
import type { ContainerClass, ContainerView, ObjectView, PodView } from '../k8s/workload.js';
import type { Obj } from '../k8s/values.js';

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

export interface CheckMeta {
  id: string;
  title: Text;
  severity: Severity;
  /** the security control Defender files the recommendation under */
  category: Text;
  /** true when the check cannot give a useful verdict until the user configures it */
  needsConfiguration: boolean;
  description: Text;
  remediation: Text;
  references: References;
  /** the effect when the profile and config say nothing */
  defaultEffect?: Effect;
  /** every change the check's fixes and suggestions can make, with its risk (docs/fix.md is generated from these) */
  changes?: readonly ChangeSpec[];
}

/**
 * How much a change can hurt a workload that runs today. `safe`: it cannot stop it, applied by default;
 * `evidence`: applied by default only when the manifest shows `evidence`, else offered; `may-break`: only offered.
 */
export type ChangeRisk = 'safe' | 'evidence' | 'may-break';

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

/** A change to a manifest, as data the engine applies. */
export type FixOp =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'remove'; path: Path };

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
}

/** Other objects of the same input that a check may consult (what a live cluster would know). */
export interface Inventory {
  serviceAccount(namespace: string, name: string): Obj | undefined;
  namespace(name: string): Obj | undefined;
  networkPolicies(namespace: string): Obj[];
  /** RoleBindings and ClusterRoleBindings of the input that name this ServiceAccount (directly or by its groups) */
  bindingsOf(namespace: string, serviceAccount: string): Obj[];
}

export interface PodContext {
  pod: PodView;
  /** containers of the classes the check covers, minus excluded names and images */
  containers: ContainerView[];
  inventory: Inventory;
  /** Kubernetes version the check should judge by (e.g. "1.33"), where behaviour differs by version */
  version?: string;
}

export interface ObjectContext {
  view: ObjectView;
  inventory: Inventory;
  version?: string;
}

interface CheckBase<S extends z.ZodObject> {
  meta: CheckMeta;
  /** parameters: names, types, defaults and descriptions, stated once */
  params: S;
  /** a notice instead of findings when the parameters still need configuring */
  needsConfiguration?(params: z.output<S>): Text | null;
}

export interface PodCheck<S extends z.ZodObject = z.ZodObject> extends CheckBase<S> {
  target: 'pod';
  /** which container classes the check looks at */
  classes: readonly ContainerClass[];
  /** the whole pod is skipped when spec.nodeSelector["kubernetes.io/os"] is exactly "windows" */
  skipWindows: boolean;
  /** honour excludedContainers / excludedImages for this check */
  excludes: { containers: boolean; images: boolean };
  /** pod-level checks: report only when at least one covered container is not excluded */
  requiresIncludedContainer?: boolean;
  check(ctx: PodContext, params: z.output<S>): Violation[];
}

export interface ObjectCheck<S extends z.ZodObject = z.ZodObject> extends CheckBase<S> {
  target: 'object';
  /** kinds (and optionally API groups) the check evaluates */
  kinds: readonly string[];
  apiGroups?: readonly string[];
  check(ctx: ObjectContext, params: z.output<S>): Violation[];
}

export type Check = PodCheck<z.ZodObject> | ObjectCheck<z.ZodObject>;

/** Keeps a check's parameter type attached to its check function. */
export function definePodCheck<S extends z.ZodObject>(c: PodCheck<S>): PodCheck<S> { return c; }
export function defineObjectCheck<S extends z.ZodObject>(c: ObjectCheck<S>): ObjectCheck<S> { return c; }

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
