// Image and container exclusions, matched as Azure Policy / Gatekeeper match them.

/** excludedImages: exact string, or a prefix when the entry ends with "*"; no image normalisation. */
export function imageExcluded(patterns: readonly string[], image: string | undefined): boolean {
  if (image === undefined) return false;
  return patterns.some((p) => (p.endsWith('*') ? image.startsWith(p.slice(0, -1)) : p === image));
}
