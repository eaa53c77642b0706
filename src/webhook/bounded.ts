// Caps on what a request may put into logs, metrics and answers: request bodies are written by anyone who can reach the port.
import { POD_TEMPLATE_PATHS } from '../k8s/workload.js';

/** Longest text kept from one request field; Kubernetes names stop at 253 characters. */
export const MAX_FIELD_CHARS = 256;
/** Input errors kept per request (each one a line of the denial). */
export const MAX_ERRORS = 20;

/** Operations an AdmissionReview can carry; anything else is counted as "other". */
export const OPERATIONS: ReadonlySet<string> = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);
/** Kinds the webhook is registered for: metric labels come from this set, never from the request. */
export const KINDS: ReadonlySet<string> = new Set([...Object.keys(POD_TEMPLATE_PATHS), 'Service', 'Ingress', 'ServiceAccount']);

/** Containers (all three classes) and volumes one object may carry before mamori refuses to judge it. */
export interface ObjectLimits { containers: number; volumes: number }
/** Far beyond any real workload, far below what keeps a request's work short. */
export const DEFAULT_LIMITS: ObjectLimits = { containers: 500, volumes: 1000 };

/** The text cut to max characters, marking the cut; code points are never split. */
export function cap(s: string, max = MAX_FIELD_CHARS): string {
  if (s.length <= max) return s;
  let end = max - 1;
  // Do not leave half of a surrogate pair behind.
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/** A metric label or log value from a closed set: unknown values become "other". */
export function closed(value: string, known: ReadonlySet<string>): string {
  return known.has(value) ? value : 'other';
}
