// The registry: every rule mamori knows, of every family, by id — what `mamori policies`, the docs and the config read.
import type { z } from 'zod';
import type { Family, RuleMeta } from './core/rule.js';
import { ALL_CHECKS } from './checks/index.js';
import { RBAC_RULES } from './rbac/rules/index.js';
import { VERSION_RULES } from './versions/rules/index.js';
import { SECCOMP_LINT_RULES } from './seccomp/rules/index.js';
import { APPARMOR_LINT_RULES } from './apparmor/rules/index.js';

/** What the registry keeps of a rule: its metadata and, where it takes any, its parameter schema. */
export interface RuleEntry { meta: RuleMeta; params?: z.ZodObject }

export interface RegisteredRule extends RuleEntry { family: Family }

const byFamily: Record<Family, readonly RuleEntry[]> = {
  manifest: ALL_CHECKS,
  rbac: RBAC_RULES,
  versions: VERSION_RULES,
  'seccomp-lint': SECCOMP_LINT_RULES,
  'apparmor-lint': APPARMOR_LINT_RULES,
};

/** Every rule, family by family in the order of FAMILIES, each family sorted by id. */
export const REGISTRY: readonly RegisteredRule[] = (Object.entries(byFamily) as [Family, readonly RuleEntry[]][])
  .flatMap(([family, rules]) => [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id)).map((r) => ({ family, meta: r.meta, params: r.params })));

const byId = new Map(REGISTRY.map((r) => [r.meta.id, r]));

export function registeredRule(id: string): RegisteredRule | undefined { return byId.get(id); }
