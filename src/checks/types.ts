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
  /** a change that is safe to apply without asking */
  fix?: FixOp[];
  /** a change that could break the workload: offered, applied only on request */
  suggestion?: { ops: FixOp[]; text: Text };
  /** overrides the policy's effect for this finding (a namespace's pod-security labels choose enforce or audit) */
  effect?: Effect;
}

/** Other objects of the same input that a check may consult (what a live cluster would know). */
export interface Inventory {
  serviceAccount(namespace: string, name: string): Obj | undefined;
  namespace(name: string): Obj | undefined;
  networkPolicies(namespace: string): Obj[];
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
