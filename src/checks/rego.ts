// Values printed as Azure's Rego templates print them (%v): objects with sorted keys, ": " and ", " separators.

export function rego(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(rego).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}: ${rego(o[k])}`).join(', ')}}`;
  }
  return JSON.stringify(v);
}
