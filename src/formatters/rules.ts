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

/** Kind/namespace/name, with "-" for objects outside namespaces: stable across runs, for SARIF and JUnit. */
export function resourceName(f: Finding): string {
  const r = f.resource;
  return `${r.kind}/${r.namespace ?? '-'}/${r.name}`;
}

/** Rule metadata for rules documented in docs/<doc>, where each rule has an anchor named by its id. */
export function documentedRules(rules: readonly Omit<RuleMeta, 'helpUri' | 'tags'>[], doc: string, tags: readonly string[]): RuleMeta[] {
  return rules.map((r) => ({
    id: r.id, title: r.title, description: r.description, remediation: r.remediation, severity: r.severity,
    helpUri: `https://github.com/mamori-dev/mamori/blob/main/docs/${doc}#${r.id}`, tags: [...tags],
  }));
}
