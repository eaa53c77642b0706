// A manifest check: the rule contract with a pod or object subject, and what the engine needs to choose containers.
import type { z } from 'zod';
import type { Text } from '../core/report.js';
import { lazyParams, type LazyParams, type References, type RuleMeta, type Violation } from '../core/rule.js';
import type { ContainerClass, ContainerView, ObjectView, PodView } from '../k8s/workload.js';
import type { Obj } from '../k8s/values.js';

// What check modules author with, from the one contract below them.
export { t, remedy, offered, say, once } from '../core/rule.js';
export type { ChangeRisk, ChangeSpec, FixOp, References, Remedy, Violation } from '../core/rule.js';

/** A manifest check's metadata: the shared rule metadata plus Defender's category and a crosswalk that is always stated. */
export interface CheckMeta extends RuleMeta {
  /** the security control Defender files the recommendation under */
  category: Text;
  /** true when the check cannot give a useful verdict until the user configures it */
  needsConfiguration: boolean;
  references: References;
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

/** Keeps a check's parameter type attached to its check function; the schema is built the first time it is read. */
export function definePodCheck<S extends z.ZodObject>(c: LazyParams<PodCheck<S>>): PodCheck<S> { return lazyParams(c); }
export function defineObjectCheck<S extends z.ZodObject>(c: LazyParams<ObjectCheck<S>>): ObjectCheck<S> { return lazyParams(c); }

