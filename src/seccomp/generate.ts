// Builds an allow-list profile from what a trace showed, adds what the trace cannot show, and explains each addition.
import type { Profile } from './profile.js';
import type { Observation, TraceCollector, TraceDiagnostic } from './trace-reader.js';
import { ALWAYS, runtimeBase, type RuntimeBase } from './runtime-base.js';
import { type Arch, existsOn, isArch, toScmpArch } from './syscall-table.js';

export interface GenerateOptions {
  /** architectures to list; default: every arch the trace showed calls for */
  arches?: Arch[];
  runtime: RuntimeBase;
  defaultAction: 'SCMP_ACT_ERRNO' | 'SCMP_ACT_LOG' | 'SCMP_ACT_KILL_PROCESS';
  defaultErrnoRet?: number;
  /** extra syscalls the user knows the program needs */
  extra?: string[];
  /** a seccomp recording states its own gaps (record.ts); the trace-shaped ones would mislead there */
  source?: 'trace' | 'recording';
}

export interface GenerateResult {
  profile: Profile;
  /** arch -> syscalls the trace showed */
  observed: Record<string, string[]>;
  added: { runtime: string[]; always: string[]; extra: string[] };
  notes: TraceDiagnostic[];
}

export function generateProfile(c: TraceCollector, o: GenerateOptions): GenerateResult {
  const observed: Record<string, string[]> = {};
  for (const arch of [...c.seen.keys()].sort()) observed[arch] = c.names(arch);
  const seenArches = Object.keys(observed).filter(isArch);
  const arches: Arch[] = o.arches?.length ? o.arches : seenArches.length ? seenArches : ['x86_64'];
  const names = new Set<string>(Object.values(observed).flat());
  const traced = new Set(names);
  const runtime = runtimeBase(o.runtime).filter((n) => !traced.has(n));
  runtime.forEach((n) => names.add(n));
  const always = ALWAYS.filter((n) => !names.has(n));
  always.forEach((n) => names.add(n));
  const extra = (o.extra ?? []).filter((n) => !names.has(n));
  extra.forEach((n) => names.add(n));

  // A name that exists on none of the listed arches would be skipped by runc; keep it out.
  const notes: TraceDiagnostic[] = [...c.notes];
  for (const n of [...names]) {
    if (!arches.some((a) => existsOn(a, n)) && !/^syscall_/.test(n)) {
      const at = firstSighting(c, n);
      if (traced.has(n) || extra.includes(n)) notes.push({ file: at?.file ?? '', line: at?.line ?? null, message: `${n} is not a syscall on ${arches.join(', ')}; left out of the profile` });
      names.delete(n);
    }
  }
  if (o.source !== 'recording') notes.push(...whatTheTraceCouldNotShow(c));

  const profile: Profile = {
    defaultAction: o.defaultAction,
    ...(o.defaultAction === 'SCMP_ACT_ERRNO' ? { defaultErrnoRet: o.defaultErrnoRet ?? 1 } : {}),
    architectures: sortArches(arches).map(toScmpArch),
    syscalls: [{ names: [...names].sort(), action: 'SCMP_ACT_ALLOW' }],
  };
  return { profile, observed, added: { runtime: runtime.filter((n) => names.has(n)), always, extra }, notes };
}

function sortArches(a: Arch[]): Arch[] {
  const order: Arch[] = ['x86_64', 'x86', 'x32', 'aarch64'];
  return [...new Set(a)].sort((x, y) => order.indexOf(x) - order.indexOf(y));
}

/** Where a name was first seen in the input, on whichever arch. */
function firstSighting(c: TraceCollector, name: string): Observation | undefined {
  for (const byName of c.seen.values()) {
    const o = byName.get(name);
    if (o) return o;
  }
  return undefined;
}

/** The gaps a trace of this shape is known to have, stated so the user can close them. */
function whatTheTraceCouldNotShow(c: TraceCollector): TraceDiagnostic[] {
  const out: TraceDiagnostic[] = [];
  const note = (message: string): void => { out.push({ file: '', line: null, message }); };
  const all = new Set([...c.seen.values()].flatMap((m) => [...m.keys()]));
  if (c.usedSummary) note('strace -c tables never list exit/exit_group (they do not return) nor unassigned syscall numbers; exit and exit_group were added');
  if (!all.has('execve') && !all.has('execveat') && all.size > 0) note('no execve in the trace: it was filtered (-e trace=, --seccomp-bpf) or attached with -p after start; the profile may be partial');
  if (all.size > 0 && all.size < 15 && !c.usedSummary && c.stats.auditRecords === 0) note(`only ${all.size} distinct syscalls seen: a filtered or very short trace; exercise every code path (start-up, requests, shutdown, error paths)`);
  if (c.sawForkWithoutFollow) note('the program forked but the trace has no pid column: children were not traced; run strace with -f');
  if (!c.usedNumbers && !c.sawPersonalityNotice && c.stats.syscallLines > 0) note('32-bit calls from 64-bit processes cannot be told apart without -n (or stderr capture); trace with -n to be sure');
  if (c.stats.unresumed > 0) note(`${c.stats.unresumed} calls never resumed before their task exited or the trace ended (cut trace?); their names are still counted`);
  if (c.stats.auditRecords > 0) note('audit records appear once per logged (pid, syscall) and may be rate-limited by printk (kernel.printk_ratelimit); calls allowed by the logging profile itself are not logged');
  note('the container runtime\'s own syscalls after it installs the filter are not in an application trace; they come from the --runtime base set');
  return out;
}
