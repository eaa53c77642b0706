// What machine-readable formatters share: each rule's metadata, and one name for a finding's resource.
import type { Finding, Severity, Text } from '../model/types.js';

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
