// Which ops a finding contributes: its fix by default, its suggestion when the user asked by risk level, policy id or value.
import { isDeepStrictEqual } from 'node:util';
import type { Finding } from '../core/report.js';
import type { FixOp } from '../checks/types.js';
import { formatPath, parsePath, type Path } from '../core/path.js';
import { k8sQuantity } from '../k8s/quantity.js';
import { isObj } from '../k8s/values.js';
import { UsageError } from '../core/errors.js';

export interface SetValue { key: string; path: Path; value: unknown; used: boolean }

/** `safe`: only changes that cannot stop a running workload (or that the manifest proves safe); `all`: every suggestion too. */
export type RiskLevel = 'safe' | 'all';
export const RISK_LEVELS: readonly RiskLevel[] = ['safe', 'all'];

export interface Selection {
  /** safe when absent */
  risk?: RiskLevel;
  applySuggestions: ReadonlySet<string>;
  values: SetValue[];
}

const BOOLEAN_FIELDS = new Set([
  'runAsNonRoot', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'automountServiceAccountToken',
  'hostNetwork', 'hostPID', 'hostIPC', 'readOnly',
]);
const ID_FIELDS = new Set(['runAsUser', 'runAsGroup', 'fsGroup']);
const MAX_ID = 2147483647;

/** Why `value` cannot go into the field `path` ends with, or undefined when it can. */
function invalid(path: Path, value: unknown): string | undefined {
  const field = String(path[path.length - 1]);
  const parent = path.length > 1 ? String(path[path.length - 2]) : undefined;
  if (BOOLEAN_FIELDS.has(field) && typeof value !== 'boolean') return `${field} takes true or false`;
  if (ID_FIELDS.has(field)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_ID) return `${field} takes an id from 0 to ${MAX_ID}`;
    if (field === 'runAsUser' && value === 0) return 'runAsUser 0 is root; give the non-root uid the image runs as, e.g. runAsUser=10001';
  }
  if (field === 'supplementalGroups') {
    const ids = Array.isArray(value) ? value : [value];
    if (!ids.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_ID)) return `supplementalGroups takes ids from 0 to ${MAX_ID}, e.g. supplementalGroups=1000,2000`;
  }
  const resource = field === 'cpu' || field === 'memory' || field === 'ephemeral-storage';
  if (resource && (parent === undefined || parent === 'limits' || parent === 'requests') && k8sQuantity(value) === undefined) {
    return `${String(value)} is not a Kubernetes quantity (e.g. 250m, 0.5, 256Mi, 1Gi)`;
  }
  return undefined;
}

/** "runAsUser=10001" or "limits.cpu=250m": a path suffix and a value read as a number, boolean or string, checked for its field. */
export function parseSetValue(text: string): SetValue {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set ${text}: expected key=value, e.g. runAsUser=10001`);
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  let path: Path;
  try { path = parsePath(key); } catch { throw new UsageError(`--set ${text}: ${key} is not a field name`); }
  if (path.length === 0) throw new UsageError(`--set ${text}: empty key`);
  const scalar = (s: string): unknown => {
    if (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s))) return Number(s);
    if (s === 'true' || s === 'false') return s === 'true';
    return s;
  };
  const value = path[path.length - 1] === 'supplementalGroups' ? raw.split(',').map((s) => scalar(s.trim())) : scalar(raw);
  const problem = invalid(path, value);
  if (problem) throw new UsageError(`--set ${text}: ${problem}`);
  return { key, path, value, used: false };
}

function endsWith(path: Path, suffix: Path): boolean {
  if (suffix.length > path.length) return false;
  const off = path.length - suffix.length;
  return suffix.every((s, i) => String(s) === String(path[off + i]));
}

/** The object fields a `set` offers inside its value, as paths relative to the op (so each can be given with --set). */
function offeredFields(value: unknown, prefix: Path = []): Path[] {
  if (!isObj(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...offeredFields(v, [...prefix, k])]);
}

/** Where a --set lands in a set op: [] for the op's own value, a field path inside an offered object, or undefined. */
function landing(op: FixOp, v: SetValue): Path | undefined {
  if (op.op !== 'set') return undefined;
  if (endsWith(op.path, v.path)) return [];
  for (const field of offeredFields(op.value)) {
    const full = [...op.path, ...field];
    // the user's key must reach into the offered object, not stop short of it
    if (v.path.length >= field.length && endsWith(full, v.path)) return field;
  }
  return undefined;
}

function withField(value: unknown, field: Path, given: unknown): unknown {
  if (field.length === 0) return given;
  const copy = structuredClone(value) as Record<string, unknown>;
  let cur = copy;
  for (const seg of field.slice(0, -1)) cur = cur[String(seg)] as Record<string, unknown>;
  cur[String(field[field.length - 1])] = given;
  return copy;
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
    const byValue = s.ops.some((o) => sel.values.some((v) => landing(o, v) !== undefined));
    if (sel.risk === 'all' || byId || byValue) {
      const ops: FixOp[] = [];
      for (const o of s.ops) {
        if (o.op === 'remove') { ops.push(o); continue; }
        let value = o.value;
        for (const v of sel.values) {
          const at = landing(o, v);
          if (at === undefined) continue;
          v.used = true;
          value = withField(value, at, v.value);
        }
        if (value === undefined || value === null) { missing = formatPath(o.path); break; }
        ops.push(isDeepStrictEqual(value, o.value) ? o : { op: 'set', path: o.path, value });
      }
      if (missing === undefined) { chosen.push(...ops); fromSuggestion = true; }
    }
  }
  if (chosen.length === 0 && missing === undefined) return undefined;
  return { ops: chosen, missing, fromSuggestion };
}
