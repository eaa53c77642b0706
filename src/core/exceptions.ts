// The exception ledger: accepted risks with a reason, an owner and an expiry, shared by scan, serve and audit.
import type { Finding } from './report.js';

export interface ExceptionEntry {
  policy: string;
  resource: { kind?: string; namespace?: string; name?: string };
  container?: string;
  reason: string;
  owner?: string;
  /** YYYY-MM-DD: the exception applies up to and including this day */
  expires?: string;
}

function glob(pattern: string | undefined, value: string | null): boolean {
  if (pattern === undefined || pattern === '*') return true;
  if (value === null) return false;
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value;
}

export function exceptionMatches(e: ExceptionEntry, f: Finding): boolean {
  return (e.policy === '*' || e.policy === f.policyId)
    && glob(e.resource.kind, f.resource.kind)
    && glob(e.resource.namespace, f.resource.namespace)
    && glob(e.resource.name, f.resource.name)
    && (e.container === undefined || glob(e.container, f.container));
}

export function isExpired(e: ExceptionEntry, today: string): boolean {
  return e.expires !== undefined && e.expires < today;
}

export function describeException(e: ExceptionEntry): string {
  const r = e.resource;
  return `${r.kind ?? '*'}/${r.namespace ?? '*'}/${r.name ?? '*'}${e.container ? ` container ${e.container}` : ''}`;
}
