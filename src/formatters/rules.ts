// What machine-readable formatters share: each rule's metadata, and one name for a finding's resource.
import type { Finding, Severity, Text } from '../core/report.js';

export interface RuleMeta {
  id: string;
  title: Text;
  description: Text;
  remediation: Text;
  severity: Severity;
  helpUri?: string;
  tags?: string[];
}

/**
 * The one name of a finding's resource, in the three forms the outputs print: `id` "Kind/namespace/name" with
 * "-" outside namespaces, stable across runs (SARIF, JUnit); `path` "Kind/namespace/name" or "Kind/name"
 * (the table); `text` "Kind namespace/name" or "Kind name" (sentences: the HTML report, the webhook's denial).
 */
export function resourceName(f: Pick<Finding, 'resource'>, form: 'id' | 'path' | 'text' = 'id'): string {
  const r = f.resource;
  if (form === 'id') return `${r.kind}/${r.namespace ?? '-'}/${r.name}`;
  const ns = r.namespace ? `${r.namespace}/` : '';
  return form === 'path' ? `${r.kind}/${ns}${r.name}` : `${r.kind} ${ns}${r.name}`;
}

/** Rule metadata for rules documented in docs/<doc>, where each rule has an anchor named by its id. */
export function documentedRules(rules: readonly Omit<RuleMeta, 'helpUri' | 'tags'>[], doc: string, tags: readonly string[]): RuleMeta[] {
  return rules.map((r) => ({
    id: r.id, title: r.title, description: r.description, remediation: r.remediation, severity: r.severity,
    helpUri: `https://github.com/mamori-dev/mamori/blob/main/docs/${doc}#${r.id}`, tags: [...tags],
  }));
}
