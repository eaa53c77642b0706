// The registry: every rule mamori knows, of every family, by id — what `mamori policies`, the docs and the config read.
import type { Family, RuleMeta } from './core/rule.js';
import { ALL_CHECKS } from './checks/index.js';
import { RBAC_RULES } from './rbac/rules/index.js';
import { VERSION_RULES } from './versions/rules/index.js';
import { SECCOMP_RULES } from './seccomp/lint.js';
import { APPARMOR_RULES } from './apparmor/lint.js';

export interface RegisteredRule { family: Family; meta: RuleMeta }

const byFamily: Record<Family, readonly RuleMeta[]> = {
  manifest: ALL_CHECKS.map((c) => c.meta),
  rbac: RBAC_RULES.map((r) => r.meta),
  versions: VERSION_RULES.map((r) => r.meta),
  'seccomp-lint': SECCOMP_RULES,
  'apparmor-lint': APPARMOR_RULES,
};

/** Every rule, family by family in the order of FAMILIES, each family sorted by id. */
export const REGISTRY: readonly RegisteredRule[] = (Object.entries(byFamily) as [Family, readonly RuleMeta[]][])
  .flatMap(([family, metas]) => [...metas].sort((a, b) => a.id.localeCompare(b.id)).map((meta) => ({ family, meta })));

const byId = new Map(REGISTRY.map((r) => [r.meta.id, r]));

export function registeredRule(id: string): RegisteredRule | undefined { return byId.get(id); }

export function rulesOf(family: Family): RegisteredRule[] { return REGISTRY.filter((r) => r.family === family); }
