// The catalogue as data: each check's metadata, parameters (type, default, description) and profiles.
import { z } from 'zod';
import type { Check } from '../checks/types.js';
import type { Severity } from '../core/report.js';
import type { Profile } from '../profiles/types.js';

export interface ParamInfo { name: string; type: string; default: unknown; description: string }

export interface PolicyInfo {
  id: string;
  title: { en: string; ja: string };
  severity: Severity;
  category: { en: string; ja: string };
  needsConfiguration: boolean;
  description: { en: string; ja: string };
  remediation: { en: string; ja: string };
  target: string;
  containers?: readonly string[];
  parameters: ParamInfo[];
  references: Check['meta']['references'];
  profiles: string[];
}

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

export function paramsOf(check: Check): ParamInfo[] {
  const json = z.toJSONSchema(check.params, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>> };
  return Object.entries(check.params.shape).map(([name, schema]) => {
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
    title: m.title,
    severity: m.severity,
    category: m.category,
    needsConfiguration: m.needsConfiguration,
    description: m.description,
    remediation: m.remediation,
    target: check.target === 'pod' ? 'pod-bearing workloads' : check.kinds.join(', '),
    containers: check.target === 'pod' ? check.classes : undefined,
    parameters: paramsOf(check),
    references: m.references,
    profiles: profiles.filter((p) => m.id in p.policies).map((p) => p.name),
  };
}

