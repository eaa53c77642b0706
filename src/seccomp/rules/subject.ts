// What seccomp lint rules judge: a loaded profile, the runtime that loads it, and the syscall facts the caller looks up.
import type { Severity, Text } from '../../core/report.js';
import { say, type RuleMeta, type Violation } from '../../core/rule.js';
import { formatPath, type Path } from '../../core/path.js';
import { type JEntry, type JNode, type Pos, get, getEntry } from '../json-lossless.js';
import type { LoadedProfile } from '../profile.js';

export type Runtime = 'containerd' | 'cri-o' | 'docker';

/**
 * The facts of mamori's syscall tables a rule needs. The lint command passes them in, so the rule modules (which the
 * registry imports at every start) never load the tables themselves.
 */
export interface SyscallFacts {
  scmpArches: readonly string[];
  goArches: readonly string[];
  errnoNames: readonly string[];
  /** an SCMP_ARCH_* name as a table key (x86_64, x86, x32, aarch64), or null when mamori has no table for it */
  fromScmpArch(name: string): string | null;
  isKnownSyscall(name: string): boolean;
  nearestSyscall(name: string): string | null;
  existsOn(arch: string, name: string): boolean;
  runtimeDefaultAllow: ReadonlySet<string>;
}

export interface SeccompSubject {
  profile: LoadedProfile;
  runtime: Runtime;
  /** the profile file's size in bytes, when read from a file */
  size?: number;
  facts: SyscallFacts;
  /** the profile read once for every rule (build subjects with `seccompSubjectOf`) */
  view: Analysis;
}

/** A subject with its view of the profile. */
export function seccompSubjectOf(profile: LoadedProfile, runtime: Runtime, facts: SyscallFacts, size?: number): SeccompSubject {
  const base = { profile, runtime, facts, ...(size !== undefined ? { size } : {}) };
  return { ...base, view: compute(base) };
}

/** A syscall name as a rule lists it, with where it is. */
export interface NameRef { name: string; node: JNode; path: Path; legacy: boolean }

/** One object of `syscalls`, read once for every rule. */
export interface RuleView {
  index: number;
  base: Path;
  node: JNode & { type: 'object' };
  action: string | null;
  actionNode: JNode | undefined;
  nameEntry: JEntry | undefined;
  namesNode: JNode | undefined;
  names: NameRef[];
  argsNode: JNode | undefined;
  /** has argument conditions or Docker includes/excludes */
  conditional: boolean;
}

/** An unconditional rule names a syscall that an earlier unconditional rule already names. */
export interface Repeat { ref: NameRef; action: string; prev: { action: string; path: Path } }

/** The profile as several rules see it: the default action, the architectures, the rules and their names. */
export interface Analysis {
  root: JNode;
  da: JNode | undefined;
  defaultAction: string | null;
  /** table keys of the architectures listed in `architectures` and `archMap` */
  arches: string[];
  rulesNode: JNode | undefined;
  items: JNode[];
  rules: RuleView[];
  unconditional: Map<string, { action: string; path: Path; node: JNode; rule: number }>;
  /** syscalls an unconditional ALLOW or LOG rule names */
  allowedUncond: Set<string>;
  repeats: Repeat[];
}

/** The profile as the rules see it: read once per subject, shared by every rule of the family. */
export const analyse = (s: SeccompSubject): Analysis => s.view;

function compute(s: Omit<SeccompSubject, 'view'>): Analysis {
  const root = s.profile.node;
  const da = get(root, 'defaultAction');
  const defaultAction = da?.type === 'string' ? da.value : null;
  const arches: string[] = [];
  const archNode = get(root, 'architectures');
  if (archNode?.type === 'array') {
    for (const a of archNode.items) {
      if (a.type !== 'string' || !s.facts.scmpArches.includes(a.value)) continue;
      const k = s.facts.fromScmpArch(a.value);
      if (k) arches.push(k);
    }
  }
  const archMapNode = get(root, 'archMap');
  if (archMapNode?.type === 'array') {
    for (const m of archMapNode.items) {
      const v = get(m, 'architecture');
      for (const x of v?.type === 'array' ? v.items : v ? [v] : []) {
        if (x.type !== 'string' || !s.facts.scmpArches.includes(x.value)) continue;
        const k = s.facts.fromScmpArch(x.value);
        if (k) arches.push(k);
      }
    }
  }
  const rulesNode = get(root, 'syscalls');
  const items = rulesNode?.type === 'array' ? rulesNode.items : [];
  const rules: RuleView[] = [];
  const unconditional: Analysis['unconditional'] = new Map();
  const allowedUncond = new Set<string>();
  const repeats: Repeat[] = [];
  items.forEach((r, index) => {
    if (r.type !== 'object') return;
    const base: Path = ['syscalls', index];
    const actionNode = get(r, 'action');
    const action = actionNode?.type === 'string' ? actionNode.value : null;
    const nameEntry = getEntry(r, 'name');
    const namesNode = get(r, 'names');
    const names: NameRef[] = [];
    if (nameEntry?.value.type === 'string') names.push({ name: nameEntry.value.value, node: nameEntry.value, path: [...base, 'name'], legacy: true });
    if (namesNode?.type === 'array') {
      namesNode.items.forEach((n, j) => {
        if (n.type === 'string' && n.value !== '') names.push({ name: n.value, node: n, path: [...base, 'names', j], legacy: false });
      });
    }
    const argsNode = get(r, 'args');
    const conditional = Boolean(argsNode?.type === 'array' && argsNode.items.length) || Boolean(get(r, 'includes')) || Boolean(get(r, 'excludes'));
    rules.push({ index, base, node: r, action, actionNode, nameEntry, namesNode, names, argsNode, conditional });
    if (conditional || !action) return;
    // containerd ignores the legacy `name`, so only `names` count there.
    for (const n of s.runtime === 'containerd' ? names.filter((x) => !x.legacy) : names) {
      const prev = unconditional.get(n.name);
      if (prev && prev.rule !== index) repeats.push({ ref: n, action, prev });
      else if (!prev) unconditional.set(n.name, { action, path: n.path, node: n.node, rule: index });
      if (action === 'SCMP_ACT_ALLOW' || action === 'SCMP_ACT_LOG') allowedUncond.add(n.name);
    }
  });
  return { root, da, defaultAction, arches, rulesNode, items, rules, unconditional, allowedUncond, repeats };
}

/** A message in both languages; lint messages are English in both today, as they were before the rule contract. */
export const same = (s: string): Text => ({ en: s, ja: s });

/** " (did you mean X?)" with X as given, or nothing. */
export const didYouMean = (s: string | null, quote = false): string => (s ? ` (did you mean ${quote ? `"${s}"` : s}?)` : '');

export { formatPath };

/** A violation of `meta` at `path`, pointing at `node` in the profile text. */
export function found(meta: RuleMeta, messageId: string, path: Path, node: Pos | null | undefined,
  data: Readonly<Record<string, string | number>> = {}, severity?: Severity): Violation {
  return {
    path,
    message: say(meta, messageId, data),
    container: null,
    ...(node ? { at: { line: node.line, column: node.column } } : {}),
    ...(severity ? { severity } : {}),
  };
}
