// Namespace lists as Azure Policy / Gatekeeper match them, for every rule family.

/** Namespace lists allow a trailing "*" as a prefix glob, as Gatekeeper does. */
export function namespaceMatches(patterns: readonly string[], ns: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? ns.startsWith(p.slice(0, -1)) : p === ns));
}
