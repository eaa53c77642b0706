// convert (dialects, legacy name -> names), diff (per arch, and against RuntimeDefault) and merge (union) of seccomp profiles.
import type { Profile, Rule, Filter } from './profile.js';
import { type Arch, existsOn, fromScmpArch, fromGoArch, toScmpArch, namesOf } from './syscall-table.js';
import { RUNTIME_DEFAULT_ALLOW, RUNTIME_DEFAULT_CONDITIONAL } from './data/runtime-default.js';

export type Target = 'oci' | 'docker' | 'containers' | 'spo';

/** Actions that let a call through (LOG runs it and only records it). */
const permissive = (action: string): boolean => action === 'SCMP_ACT_ALLOW' || action === 'SCMP_ACT_LOG';
/** What a profile whose default lets calls through allows on an arch: every name there but the denied ones. */
const allBut = (arch: Arch, denied: Set<string>): Set<string> => new Set(namesOf(arch).filter((n) => !denied.has(n)));

/** errno names containers/common accepts, with their Linux numbers. */
export const ERRNO: Record<string, number> = { EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, ENOEXEC: 8, EBADF: 9, ECHILD: 10, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14, EBUSY: 16, EEXIST: 17, EXDEV: 18, ENODEV: 19, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ENOTTY: 25, EFBIG: 27, ENOSPC: 28, ESPIPE: 29, EROFS: 30, EMLINK: 31, EPIPE: 32, ERANGE: 34, ENOSYS: 38, EOPNOTSUPP: 95, ENOTSUP: 95 };

export interface ConvertOptions { to: Target; arch: Arch; caps: string[]; kernel: string }
export interface ConvertResult { profile: Profile; warnings: string[] }

function kernelAtLeast(kernel: string, min: string): boolean {
  const [a = 0, b = 0] = kernel.split('.').map((x) => parseInt(x, 10) || 0);
  const [c = 0, d = 0] = min.split('.').map((x) => parseInt(x, 10) || 0);
  return a > c || (a === c && b >= d);
}

/** Docker's includes/excludes semantics, evaluated for one target (arch, caps, kernel). */
function ruleApplies(r: Rule, o: ConvertOptions): boolean {
  const archOk = (f: Filter) => (f.arches ?? []).some((a) => fromGoArch(a) === o.arch);
  if (r.excludes) {
    const e = r.excludes;
    if (e.arches?.length && archOk(e)) return false;
    if (e.caps?.length && e.caps.some((c) => o.caps.includes(c))) return false;
    if (e.minKernel && kernelAtLeast(o.kernel, e.minKernel)) return false;
  }
  if (r.includes) {
    const i = r.includes;
    if (i.arches?.length && !archOk(i)) return false;
    if (i.caps?.length && !i.caps.every((c) => o.caps.includes(c))) return false;
    if (i.minKernel && !kernelAtLeast(o.kernel, i.minKernel)) return false;
  }
  return true;
}

const ruleKey = (r: Rule): string => JSON.stringify([r.action, r.errnoRet ?? null, r.errno ?? null, (r.args ?? []).map((a) => [a.index, String(a.value), a.valueTwo === undefined ? null : String(a.valueTwo), a.op]), r.includes ?? null, r.excludes ?? null, r.comment ?? null]);

/** Folds `name` into `names`, sorts names, and joins neighbouring rules that differ only in names. */
export function normalise(p: Profile): Profile {
  const rules: Rule[] = [];
  for (const r0 of p.syscalls) {
    const r: Rule = { ...r0, names: [...new Set([...r0.names, ...(r0.legacyName ? [r0.legacyName] : [])])].sort() };
    delete r.legacyName;
    const last = rules[rules.length - 1];
    if (last && ruleKey(last) === ruleKey(r)) last.names = [...new Set([...last.names, ...r.names])].sort();
    else rules.push(r);
  }
  return { ...p, syscalls: rules };
}

export function convertProfile(p: Profile, o: ConvertOptions): ConvertResult {
  const warnings: string[] = [];
  const out: Profile = { ...p, syscalls: [] };
  const legacy = p.syscalls.filter((r) => r.legacyName !== undefined).length;
  if (legacy) warnings.push(`${legacy} rule(s) used the legacy "name" field; moved into "names" (containerd ignores "name")`);
  const ociLike = o.to === 'oci';
  if (p.archMap && (ociLike || o.to === 'spo')) {
    const entry = p.archMap.find((m) => fromScmpArch(m.architecture) === o.arch);
    out.architectures = entry ? [entry.architecture, ...entry.subArchitectures] : [toScmpArch(o.arch)];
    delete out.archMap;
    warnings.push(`archMap expanded for ${o.arch} only (as Docker does on such a node): ${out.architectures.join(', ')}`);
  }
  if (ociLike && p.defaultErrno) {
    const n = ERRNO[p.defaultErrno];
    if (n !== undefined) out.defaultErrnoRet = n;
    else warnings.push(`defaultErrno ${p.defaultErrno} has no known number; dropped`);
    delete out.defaultErrno;
  }
  if (o.to === 'containers' && p.defaultErrnoRet !== undefined && !p.defaultErrno) {
    const name = Object.entries(ERRNO).find(([, v]) => v === p.defaultErrnoRet)?.[0];
    if (name) { out.defaultErrno = name; delete out.defaultErrnoRet; }
  }
  for (const r0 of p.syscalls) {
    const r: Rule = { ...r0 };
    if (ociLike || o.to === 'spo') {
      if (r.includes || r.excludes) {
        const applies = ruleApplies(r, o);
        const cond = JSON.stringify({ ...(r.includes ? { includes: r.includes } : {}), ...(r.excludes ? { excludes: r.excludes } : {}) });
        const names = [...r.names, ...(r.legacyName ? [r.legacyName] : [])].join(', ');
        warnings.push(applies
          ? `rule for ${names}: condition ${cond} holds for ${o.arch}, caps [${o.caps.join(', ')}], kernel ${o.kernel}; kept as unconditional`
          : `rule for ${names}: condition ${cond} does not hold for ${o.arch}, caps [${o.caps.join(', ')}], kernel ${o.kernel}; dropped`);
        delete r.includes;
        delete r.excludes;
        if (!applies) continue;
      }
      if (r.comment) { delete r.comment; }
      if (r.errno) {
        const n = ERRNO[r.errno];
        if (n !== undefined) r.errnoRet = n;
        else warnings.push(`errno ${r.errno} has no known number; dropped`);
        delete r.errno;
      }
    }
    out.syscalls.push(r);
  }
  if ((ociLike || o.to === 'spo') && p.syscalls.some((r) => r.comment)) warnings.push('comments dropped (not part of the OCI format)');
  return { profile: normalise(out), warnings };
}

/** Names a profile lets through per arch: allowed (or logged) when the default denies, denied when it allows. */
function effectiveSets(p: Profile, fallbackArch: Arch): Map<Arch, { allowed: Set<string>; conditional: Set<string>; denied: Set<string> }> {
  const arches = new Set<Arch>();
  for (const a of p.architectures ?? []) { const k = fromScmpArch(a); if (k) arches.add(k); }
  for (const m of p.archMap ?? []) for (const a of [m.architecture, ...m.subArchitectures]) { const k = fromScmpArch(a); if (k) arches.add(k); }
  if (arches.size === 0) arches.add(fallbackArch);
  const out = new Map<Arch, { allowed: Set<string>; conditional: Set<string>; denied: Set<string> }>();
  for (const arch of arches) {
    const s = { allowed: new Set<string>(), conditional: new Set<string>(), denied: new Set<string>() };
    for (const r of p.syscalls) {
      if (r.includes?.arches?.length && !r.includes.arches.some((x) => fromGoArch(x) === arch)) continue;
      if (r.excludes?.arches?.length && r.excludes.arches.some((x) => fromGoArch(x) === arch)) continue;
      const conditional = Boolean(r.args?.length || r.includes?.caps || r.includes?.minKernel || r.excludes?.caps || r.excludes?.minKernel);
      for (const n of [...r.names, ...(r.legacyName ? [r.legacyName] : [])]) {
        if (!existsOn(arch, n)) continue;
        if (permissive(r.action)) (conditional ? s.conditional : s.allowed).add(n);
        else if (!conditional) s.denied.add(n);
      }
    }
    for (const n of s.allowed) s.conditional.delete(n);
    out.set(arch, s);
  }
  return out;
}

export interface ArchDiff { arch: string; added: string[]; removed: string[] }

/** Syscalls B allows that A does not (added) and the reverse (removed), per architecture. */
export function diffProfiles(a: Profile, b: Profile, native: Arch): ArchDiff[] {
  const sa = effectiveSets(a, native);
  const sb = effectiveSets(b, native);
  const arches = [...new Set([...sa.keys(), ...sb.keys()])];
  const allow = (p: Profile, s: { allowed: Set<string>; conditional: Set<string>; denied: Set<string> } | undefined, arch: Arch): Set<string> => {
    if (!s) return new Set();
    return permissive(p.defaultAction) ? allBut(arch, s.denied) : new Set([...s.allowed, ...s.conditional]);
  };
  return arches.map((arch) => {
    const x = allow(a, sa.get(arch), arch);
    const y = allow(b, sb.get(arch), arch);
    return { arch, added: [...y].filter((n) => !x.has(n)).sort(), removed: [...x].filter((n) => !y.has(n)).sort() };
  });
}

export interface DefaultDiff { arch: string; looser: Array<{ name: string; defaultCondition: string | null }>; stricter: string[] }

/** Compares a profile with the runtime's default: what it allows beyond it, and what it refuses that the default allows. */
export function diffAgainstDefault(p: Profile, native: Arch): DefaultDiff[] {
  const sets = effectiveSets(p, native);
  const def = new Set(RUNTIME_DEFAULT_ALLOW);
  const out: DefaultDiff[] = [];
  for (const [arch, s] of sets) {
    const allowed = permissive(p.defaultAction) ? allBut(arch, s.denied) : s.allowed;
    const looser = [...allowed].filter((n) => !def.has(n)).sort().map((name) => ({ name, defaultCondition: RUNTIME_DEFAULT_CONDITIONAL[name] ?? null }));
    const stricter = [...def].filter((n) => existsOn(arch, n) && !allowed.has(n) && !s.conditional.has(n)).sort();
    out.push({ arch, looser, stricter });
  }
  return out;
}

/** Union: one allow rule with every unconditionally allowed name, other rules kept once each, arches joined. */
export function mergeProfiles(ps: Profile[]): { profile: Profile; warnings: string[] } {
  const warnings: string[] = [];
  const first = ps[0]!;
  const defaults = new Set(ps.map((p) => p.defaultAction));
  if (defaults.size > 1) warnings.push(`profiles have different defaultActions (${[...defaults].join(', ')}); kept ${first.defaultAction}`);
  const arches = [...new Set(ps.flatMap((p) => p.architectures ?? []))];
  const allow = new Set<string>();
  const others: Rule[] = [];
  const seenOthers = new Set<string>();
  for (const p of ps) {
    for (const r0 of normalise(p).syscalls) {
      if (r0.action === 'SCMP_ACT_ALLOW' && !r0.args?.length && !r0.includes && !r0.excludes) r0.names.forEach((n) => allow.add(n));
      else {
        const k = ruleKey(r0) + r0.names.join(',');
        if (!seenOthers.has(k)) { seenOthers.add(k); others.push(r0); }
      }
    }
  }
  const profile: Profile = {
    defaultAction: first.defaultAction,
    ...(first.defaultErrnoRet !== undefined ? { defaultErrnoRet: first.defaultErrnoRet } : {}),
    ...(arches.length ? { architectures: arches } : {}),
    ...(first.flags ? { flags: first.flags } : {}),
    syscalls: [...(allow.size ? [{ names: [...allow].sort(), action: 'SCMP_ACT_ALLOW' }] : []), ...others],
  };
  return { profile, warnings };
}

/** True when `base` allows everything each of `others` allows (spoc merge --check semantics). */
export function isSuperset(base: Profile, others: Profile[], native: Arch): { ok: boolean; missing: ArchDiff[] } {
  const missing = others.flatMap((o) => diffProfiles(base, o, native)).filter((d) => d.added.length);
  return { ok: missing.length === 0, missing };
}
