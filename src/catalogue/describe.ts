// The catalogue as data: each rule's family, metadata, parameters (type, default, description) and profiles.
import { z } from 'zod';
import type { Check } from '../checks/types.js';
import type { Severity, Text } from '../core/report.js';
import type { Family, References } from '../core/rule.js';
import type { Profile } from '../profiles/types.js';
import type { RegisteredRule } from '../registry.js';

export interface ParamInfo { name: string; type: string; default: unknown; description: string }

export interface PolicyInfo {
  id: string;
  /** which command judges it: scan/serve/audit (manifest), rbac, versions, seccomp lint, apparmor lint */
  family: Family;
  title: Text;
  severity: Severity;
  /** manifest checks: the security control Defender files the recommendation under */
  category?: Text;
  needsConfiguration: boolean;
  description: Text;
  remediation: Text;
  target: string;
  containers?: readonly string[];
  parameters: ParamInfo[];
  references: References;
  profiles: string[];
}

/** What each family's rules judge, for the catalogue's "Evaluates" line. */
const FAMILY_TARGET: Record<Exclude<Family, 'manifest'>, string> = {
  rbac: 'Roles, ClusterRoles, their bindings, and Pods with their service accounts',
  versions: 'the cluster version, node kubelets, and manifests\' apiVersions',
  'seccomp-lint': 'seccomp profiles (OCI, Docker, Security Profiles Operator)',
  'apparmor-lint': 'AppArmor profiles',
};

function typeName(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Record<string, unknown>[]).map(typeName).join(' | ');
  if (schema.enum) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  if (schema.type === 'array') return `${typeName((schema.items ?? {}) as Record<string, unknown>)}[]`;
  if (schema.type === 'object') {
    const props = Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>);
    return props.length ? `{ ${props.map(([k, v]) => `${k}: ${typeName(v)}`).join('; ')} }` : 'object';
  }
  return typeof schema.type === 'string' ? schema.type : 'any';
}

export function paramsOf(params: z.ZodObject | undefined): ParamInfo[] {
  if (!params) return [];
  const json = z.toJSONSchema(params, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>> };
  return Object.entries(params.shape).map(([name, schema]) => {
    const s = schema as z.ZodType;
    const d = s.safeParse(undefined);
    return {
      name,
      type: typeName(json.properties?.[name] ?? {}),
      default: d.success ? d.data : undefined,
      description: s.description ?? (json.properties?.[name]?.description as string | undefined) ?? '',
    };
  });
}

export function describeCheck(check: Check, profiles: readonly Profile[]): PolicyInfo {
  const m = check.meta;
  return {
    id: m.id,
    family: 'manifest',
    title: m.title,
    severity: m.severity,
    category: m.category,
    needsConfiguration: m.needsConfiguration,
    description: m.description,
    remediation: m.remediation,
    target: check.target === 'pod' ? 'pod-bearing workloads' : check.kinds.join(', '),
    containers: check.target === 'pod' ? check.classes : undefined,
    parameters: paramsOf(check.params),
    references: m.references,
    profiles: profiles.filter((p) => m.id in p.policies).map((p) => p.name),
  };
}


/** A rule of the families beside the manifest checks: no profile, category or container classes. */
export function describeRule(r: RegisteredRule): PolicyInfo {
  if (r.family === 'manifest') throw new Error(`${r.meta.id}: manifest checks are described by describeCheck`);
  const m = r.meta;
  return {
    id: m.id,
    family: r.family,
    title: m.title,
    severity: m.severity,
    needsConfiguration: false,
    description: m.description,
    remediation: m.remediation,
    target: FAMILY_TARGET[r.family],
    parameters: paramsOf(r.params),
    references: m.references ?? {},
    profiles: [],
  };
}
