// The YAML a person pastes to resolve a finding, derived from its fix ops: nested from the container (or pod spec) down.
import { yamlLib } from '../core/yaml-lib.js';
import type { FixOp } from '../core/fix-op.js';
import { formatPath, type Path } from '../core/path.js';

/** Where a snippet starts: just inside the last list item on the path (a container, a volume), else inside the last "spec". */
function contextLength(path: Path): number {
  for (let i = path.length - 2; i >= 0; i--) if (typeof path[i] === 'number') return i + 1;
  for (let i = path.length - 2; i >= 0; i--) if (path[i] === 'spec') return i + 1;
  return 0;
}

type Fields = Record<string, unknown>;

export interface Snippet { context: string; yaml: string }

/** One snippet per context: `# spec.template.spec.containers[0]` then the fields to set, removals as comments. */
export function snippets(ops: readonly FixOp[]): Snippet[] {
  const groups = new Map<string, { sets: Fields; removes: string[] }>();
  for (const op of ops) {
    const n = contextLength(op.path);
    const ctx = formatPath(op.path.slice(0, n));
    const g = groups.get(ctx) ?? { sets: {}, removes: [] };
    groups.set(ctx, g);
    const rest = op.path.slice(n);
    if (op.op === 'remove') { g.removes.push(formatPath(rest)); continue; }
    let cur = g.sets;
    rest.forEach((seg, i) => {
      const k = String(seg);
      if (i === rest.length - 1) cur[k] = op.value;
      else {
        const next = cur[k];
        // an op's value may be a list or a scalar: only a mapping is descended into
        cur = next !== null && typeof next === 'object' && !Array.isArray(next) ? next as Fields : (cur[k] = {});
      }
    });
  }
  return [...groups].map(([context, g]) => {
    const parts: string[] = [];
    if (Object.keys(g.sets).length) parts.push(yamlLib().stringify(g.sets, { version: '1.1', lineWidth: 0 }).trimEnd());
    for (const r of g.removes) parts.push(`# remove: ${r}`);
    return { context, yaml: parts.join('\n') };
  });
}

/** The snippets as one text, each under a comment naming where it goes. */
export function snippetText(ops: readonly FixOp[]): string {
  return snippets(ops).map((s) => (s.context ? `# ${s.context}\n${s.yaml}` : s.yaml)).join('\n\n');
}
