// Which ops a finding contributes: its safe fix always, its suggestion only when the user asked by policy id or gave a value.
import type { Finding } from '../model/types.js';
import type { FixOp } from '../checks/types.js';
import { formatPath, parsePath, type Path } from '../k8s/path.js';
import { UsageError } from '../cli/errors.js';

export interface SetValue { key: string; path: Path; value: unknown; used: boolean }

export interface Selection {
  applySuggestions: ReadonlySet<string>;
  values: SetValue[];
}

/** "runAsUser=10001" or "resources.limits.cpu=100m": a path suffix and a value read as a number, boolean or string. */
export function parseSetValue(text: string): SetValue {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set ${text}: expected key=value, e.g. runAsUser=10001`);
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  let path: Path;
  try { path = parsePath(key); } catch { throw new UsageError(`--set ${text}: ${key} is not a field name`); }
  if (path.length === 0) throw new UsageError(`--set ${text}: empty key`);
  let value: unknown = raw;
  if (/^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) value = Number(raw);
  else if (raw === 'true' || raw === 'false') value = raw === 'true';
  return { key, path, value, used: false };
}

function endsWith(path: Path, suffix: Path): boolean {
  if (suffix.length > path.length) return false;
  const off = path.length - suffix.length;
  return suffix.every((s, i) => String(s) === String(path[off + i]));
}

export interface Chosen {
  ops: FixOp[];
  /** a suggestion the user asked for that still lacks a value */
  missing?: string;
  /** whether the ops came from a suggestion */
  fromSuggestion: boolean;
}

/** The ops to apply for one open finding, or undefined when it has none the user allowed. */
export function chooseOps(f: Finding, sel: Selection): Chosen | undefined {
  const chosen: FixOp[] = [...(f.fix ?? [])];
  let missing: string | undefined;
  let fromSuggestion = false;
  const s = f.suggestion;
  if (s && s.ops.length > 0) {
    const byId = sel.applySuggestions.has(f.policyId);
    const byValue = s.ops.some((o) => o.op === 'set' && sel.values.some((v) => endsWith(o.path, v.path)));
    if (byId || byValue) {
      const ops: FixOp[] = [];
      for (const o of s.ops) {
        if (o.op === 'remove') { ops.push(o); continue; }
        const given = sel.values.find((v) => endsWith(o.path, v.path));
        if (given) { given.used = true; ops.push({ op: 'set', path: o.path, value: given.value }); continue; }
        if (o.value === undefined || o.value === null) { missing = formatPath(o.path); break; }
        ops.push(o);
      }
      if (missing === undefined) { chosen.push(...ops); fromSuggestion = true; }
    }
  }
  if (chosen.length === 0 && missing === undefined) return undefined;
  return { ops: chosen, missing, fromSuggestion };
}
