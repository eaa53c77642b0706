// What version rules judge: the cluster's version, each node's kubelet, each manifest's apiVersion at the target.
import type { z } from 'zod';
import type { Rule, RuleMeta, Violation } from '../core/rule.js';
import type { Release } from './releases.js';
import { deprecatedApi, type DeprecatedApi } from './deprecated-apis.js';

/** The API server's version against the supported window on a date. */
export interface ClusterFact { on: 'cluster'; gitVersion: string; minor: string; window: readonly string[]; today: string; release?: Release }

/** A node's kubelet against the API server. */
export interface NodeFact { on: 'node'; name: string; kubelet: string; cluster: { gitVersion: string; minor: string } }

/** A manifest's apiVersion and kind at the target version, with the deprecation guide's entry for them if it has one. */
export interface ManifestFact { on: 'manifest'; apiVersion: string; kind: string; target: string; deprecation?: DeprecatedApi }

export function manifestFact(apiVersion: string, kind: string, target: string): ManifestFact {
  const deprecation = deprecatedApi(apiVersion, kind);
  return { on: 'manifest', apiVersion, kind, target, ...(deprecation ? { deprecation } : {}) };
}

export type VersionFact = ClusterFact | NodeFact | ManifestFact;

/** A version rule judges one kind of fact. */
export type VersionRule = Rule<VersionFact> & { judges: VersionFact['on'] };

type FactOf<K extends VersionFact['on']> = Extract<VersionFact, { on: K }>;

export function versionRule<K extends VersionFact['on'], S extends z.ZodObject>(judges: K, meta: RuleMeta, params: S, check: (f: FactOf<K>, p: z.output<S>) => Violation[]): VersionRule {
  return { meta, params, judges, check: (f, p) => (f.on === judges ? check(f as FactOf<K>, p as z.output<S>) : []) };
}
