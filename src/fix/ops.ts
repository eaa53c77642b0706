// Fix ops as data: ordering, de-duplication, conflicts, and applying them to parsed objects (the expected result).
import { isDeepStrictEqual } from 'node:util';
import type { FixOp } from '../checks/types.js';
import { formatPath, type Path } from '../core/path.js';

export type { FixOp };

export interface NormalizedOps { ops: FixOp[]; conflicts: string[] }

function isPrefix(a: Path, b: Path): boolean {
  return a.length <= b.length && a.every((s, i) => s === b[i]);
}

function compareDesc(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y) < String(x) ? -1 : 1;
  }
  return b.length - a.length;
}

/**
 * One op per place: duplicates dropped, the first of two different values at the same place wins (reported),
 * sets under a removed field dropped. Sets come first and removals last, highest list index first, so that
 * removing list items never shifts the index of another op.
 */
export function normalizeOps(input: readonly FixOp[]): NormalizedOps {
  const conflicts: string[] = [];
  const out: FixOp[] = [];
  for (const op of input) {
    const same = out.find((o) => isDeepStrictEqual(o.path, op.path));
    if (same) {
      if (!isDeepStrictEqual(same, op)) conflicts.push(`${formatPath(op.path)}: two fixes disagree (${describe(same)} / ${describe(op)}); kept the first`);
      continue;
    }
    out.push(op);
  }
  const removes = out.filter((o) => o.op === 'remove');
  const sets = out.filter((o) => o.op === 'set' && !removes.some((r) => isPrefix(r.path, o.path)));
  // A set inside a value that another set replaces wholesale would be overwritten; keep the outer one.
  const keptSets = sets.filter((o) => !sets.some((p) => p !== o && p.path.length < o.path.length && isPrefix(p.path, o.path)));
  const keptRemoves = removes.filter((o) => !removes.some((p) => p !== o && p.path.length < o.path.length && isPrefix(p.path, o.path)));
  keptRemoves.sort((a, b) => compareDesc(a.path, b.path));
  return { ops: [...keptSets, ...keptRemoves], conflicts };
}

export function describe(op: FixOp): string {
  return op.op === 'set' ? `set ${formatPath(op.path)} = ${JSON.stringify(op.value)}` : `remove ${formatPath(op.path)}`;
}

export function prefixOps(base: Path, ops: readonly FixOp[]): FixOp[] {
  if (base.length === 0) return [...ops];
  return ops.map((o) => (o.op === 'set' ? { op: 'set', path: [...base, ...o.path], value: o.value } : { op: 'remove', path: [...base, ...o.path] }));
}

type Container = Record<string | number, unknown>;

/** Applies ops to a deep copy of a parsed value: what the file must parse to after the edit. */
export function applyToValue(root: unknown, ops: readonly FixOp[]): unknown {
  const copy = structuredClone(root) as unknown;
  for (const op of ops) {
    if (op.path.length === 0) continue;
    let cur = copy as Container;
    let ok = true;
    for (let i = 0; i < op.path.length - 1; i++) {
      const seg = op.path[i]!;
      let next = cur[seg];
      if (next === null || next === undefined) {
        if (op.op === 'remove') { ok = false; break; }
        next = {};
        cur[seg] = next;
      }
      if (typeof next !== 'object') { ok = false; break; }
      cur = next as Container;
    }
    if (!ok) continue;
    const last = op.path[op.path.length - 1]!;
    if (op.op === 'set') cur[last] = structuredClone(op.value);
    else if (Array.isArray(cur) && typeof last === 'number') { if (last < cur.length) cur.splice(last, 1); }
    else delete cur[last];
  }
  return copy;
}

/** Paths (as text) where two parsed values differ, for tests and for explaining a refused edit. */
export function diffPaths(a: unknown, b: unknown, path: Path = []): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  const ao = a !== null && typeof a === 'object';
  const bo = b !== null && typeof b === 'object';
  if (!ao || !bo || Array.isArray(a) !== Array.isArray(b)) return [formatPath(path) || '(root)'];
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  const out: string[] = [];
  for (const k of keys) {
    const seg = Array.isArray(a) ? Number(k) : k;
    out.push(...diffPaths((a as Container)[k], (b as Container)[k], [...path, seg]));
  }
  return out;
}
