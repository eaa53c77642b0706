// CEL text for the exported admission policies: literals, globs, securityContext reads on dynamically typed objects.

/** A CEL string literal (JSON's escapes are all valid CEL escapes). */
export function lit(s: string): string {
  return JSON.stringify(s);
}

export function litList(xs: readonly string[]): string {
  return `[${xs.map(lit).join(', ')}]`;
}

export function intList(xs: readonly number[]): string {
  return `[${xs.join(', ')}]`;
}

/** OR of terms, "false" when there are none. */
export function anyOf(terms: readonly string[]): string {
  return terms.length === 0 ? 'false' : terms.length === 1 ? terms[0]! : terms.map((x) => `(${x})`).join(' || ');
}

/** AND of terms, "true" when there are none. */
export function allOf(terms: readonly string[]): string {
  return terms.length === 0 ? 'true' : terms.length === 1 ? terms[0]! : terms.map((x) => `(${x})`).join(' && ');
}

/** mamori's glob: exact, or a prefix when the pattern ends with "*"; "*" alone matches anything. */
export function glob(expr: string, pattern: string): string {
  if (pattern === '*') return 'true';
  return pattern.endsWith('*') ? `${expr}.startsWith(${lit(pattern.slice(0, -1))})` : `${expr} == ${lit(pattern)}`;
}

export function globAny(expr: string, patterns: readonly string[]): string {
  const exact = patterns.filter((p) => !p.endsWith('*'));
  const prefixes = patterns.filter((p) => p.endsWith('*'));
  const terms: string[] = [];
  if (exact.length === 1) terms.push(`${expr} == ${lit(exact[0]!)}`);
  else if (exact.length > 1) terms.push(`${expr} in ${litList(exact)}`);
  for (const p of prefixes) terms.push(glob(expr, p));
  return anyOf(terms);
}

const RE2_META = new Set([...'\\.+*?()|[]{}^$']);
/** A literal string as an RE2 pattern. */
export function re2Literal(s: string): string {
  return [...s].map((ch) => (RE2_META.has(ch) ? `\\${ch}` : ch)).join('');
}

/** The pod's securityContext field, guarded: [is set, value]. */
export function podSc(field: string): { set: string; val: string } {
  return {
    set: `(has(variables.spec.securityContext) && has(variables.spec.securityContext.${field}))`,
    val: `variables.spec.securityContext.${field}`,
  };
}

/** A container's own securityContext field, guarded: [is set, value]. */
export function containerSc(field: string, c = 'c'): { set: string; val: string } {
  return {
    set: `(has(${c}.securityContext) && has(${c}.securityContext.${field}))`,
    val: `${c}.securityContext.${field}`,
  };
}

/** The effective value of a field Kubernetes reads from the container first and the pod second; null when unset. */
export function effective(field: string, c = 'c'): string {
  const own = containerSc(field, c);
  const pod = podSc(field);
  return `(${own.set} ? ${own.val} : ${pod.set} ? ${pod.val} : null)`;
}

/** A container-only securityContext field, or null when unset. */
export function containerValue(field: string, c = 'c'): string {
  const own = containerSc(field, c);
  return `(${own.set} ? ${own.val} : null)`;
}

/** A pod-only securityContext field, or null when unset. */
export function podValue(field: string): string {
  const pod = podSc(field);
  return `(${pod.set} ? ${pod.val} : null)`;
}

/** The pod template's annotations as a map ({} when none). */
export const TEMPLATE_ANNOTATIONS = '(has(variables.tpl.metadata) && has(variables.tpl.metadata.annotations) ? variables.tpl.metadata.annotations : {})';
