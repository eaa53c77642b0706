// `seccomp record`'s model: the logging profile, which audit records belong to the recorded workload, and what the recording could not see.
import type { Profile } from './profile.js';
import { parseAuditSeccomp, type SeccompRecord } from './audit-line.js';
import { lossNotice, seccompAction, type LossNotice, type SeccompAction } from './record-line.js';
import { TraceCollector, TraceReader } from './trace-reader.js';
import { type Arch, isArch, syscallName, toScmpArch, X32_SYSCALL_BIT } from './syscall-table.js';

/** The architectures a node of this arch runs code for: the compat ones must log too, or 32-bit calls would pass unseen. */
export function nodeArches(native: Arch): Arch[] {
  return native === 'x86_64' ? ['x86_64', 'x86', 'x32'] : [native];
}

/** The profile the workload runs under while it is recorded: every call allowed and logged by the kernel. */
export function loggingProfile(native: Arch): Profile {
  return { defaultAction: 'SCMP_ACT_LOG', architectures: nodeArches(native).map(toScmpArch), syscalls: [] };
}

const MAX_PENDING = 500_000;

/** Which records to keep; every given kind must match, any value within a kind. */
export interface RecordSelector {
  pids?: ReadonlySet<number>;
  comms?: ReadonlySet<string>;
  exes?: ReadonlySet<string>;
  /** epoch seconds, inclusive */
  since?: number;
  until?: number;
}

/**
 * Whether a live process belongs to the recorded container: 'in', 'out', or 'gone' when it exited before
 * anyone could ask (records carry a pid, never a container, so only the live process can tell).
 */
export type Attribute = (pid: number) => 'in' | 'out' | 'gone';

export interface RecordedProcess { pid: number; comm: string | null; exe: string | null; records: number }
export interface UnattributedProcess extends RecordedProcess { syscalls: string[]; beforeStart: boolean; added: boolean }

/**
 * What to do with records of processes that exited before their container could be read: keep, drop, or
 * auto: keep them when no live process outside the container logged during the recording, since the
 * logging profile then ran only there.
 */
export type ExitedPolicy = 'auto' | 'keep' | 'drop';

export interface RecordTally {
  lines: number;
  seccompRecords: number;
  kept: number;
  /** records made for other actions (an enforcing profile refusing or killing), by action */
  otherActions: Partial<Record<SeccompAction, number>>;
  outsideWindow: number;
  otherProcesses: number;
  unattributed: number;
  /** records from live processes outside the container, made while recording: another user of a logging profile */
  outsideLive: number;
  /** how records of exited processes were treated, once the recording ended */
  exited: 'none' | 'added' | 'dropped';
}

function resolveName(rec: SeccompRecord): string | null {
  if (!/^\d{1,10}$/.test(rec.syscall)) return rec.syscall;
  const nr = Number(rec.syscall);
  let arch = rec.arch;
  if (arch === 'x86_64' && nr >= X32_SYSCALL_BIT) arch = 'x32';
  return isArch(arch) ? syscallName(arch, nr) ?? null : null;
}

/**
 * Reads log lines as they come and keeps the records of the recorded workload. Attribution runs when a
 * line is read, so a live source must be read promptly: the process may exit soon after its record.
 */
export class Recording {
  readonly collector = new TraceCollector();
  readonly tally: RecordTally = { lines: 0, seccompRecords: 0, kept: 0, otherActions: {}, outsideWindow: 0, otherProcesses: 0, unattributed: 0, outsideLive: 0, exited: 'none' };
  readonly losses: LossNotice[] = [];
  readonly processes = new Map<number, RecordedProcess>();
  readonly unattributed = new Map<number, UnattributedProcess>();
  readonly sourceLosses: string[] = [];
  firstTime: number | null = null;
  lastTime: number | null = null;
  private readonly readers = new Map<string, TraceReader>();
  /** pids already placed, so each live process is looked up once (a pid is not reused within a recording's minutes) */
  private readonly placed = new Map<number, 'in' | 'out'>();
  /** records of exited processes made during the recording, replayed at the end when the policy keeps them */
  private readonly pendingLines: Array<{ source: string; rec: SeccompRecord }> = [];
  private pendingDropped = 0;

  constructor(
    private readonly native: Arch,
    private readonly selector: RecordSelector = {},
    private readonly attribute: Attribute | null = null,
    /** epoch seconds when reading began: earlier records are in the log's backlog */
    private readonly startedAt: number | null = null,
    private readonly exited: ExitedPolicy = 'auto',
  ) {}

  private reader(source: string): TraceReader {
    let r = this.readers.get(source);
    if (!r) { r = new TraceReader(this.collector, source, this.native); this.readers.set(source, r); }
    return r;
  }

  line(text: string, source: string): void {
    this.tally.lines++;
    const rec = parseAuditSeccomp(text);
    if (!rec) {
      const loss = lossNotice(text);
      if (loss) this.losses.push(loss);
      return;
    }
    this.tally.seccompRecords++;
    const action = seccompAction(rec.code);
    if (action !== 'log') {
      this.tally.otherActions[action] = (this.tally.otherActions[action] ?? 0) + 1;
      return;
    }
    const s = this.selector;
    if (rec.time !== null && ((s.since !== undefined && rec.time < s.since) || (s.until !== undefined && rec.time > s.until))) {
      this.tally.outsideWindow++;
      return;
    }
    if ((s.pids && (rec.pid === null || !s.pids.has(rec.pid))) || (s.comms && (rec.comm === null || !s.comms.has(rec.comm))) || (s.exes && (rec.exe === null || !s.exes.has(rec.exe)))) {
      this.tally.otherProcesses++;
      return;
    }
    if (this.attribute) {
      if (rec.pid === null) { this.tally.otherProcesses++; return; }
      let where: 'in' | 'out' | 'gone' | undefined = this.placed.get(rec.pid);
      if (!where) {
        where = this.attribute(rec.pid);
        if (where !== 'gone') this.placed.set(rec.pid, where);
      }
      if (where === 'out') {
        this.tally.otherProcesses++;
        if (!this.before(rec)) this.tally.outsideLive++;
        return;
      }
      if (where === 'gone') { this.noteUnattributed(rec, source); return; }
    }
    this.keep(rec, source);
  }

  private keep(rec: SeccompRecord, source: string): void {
    this.tally.kept++;
    if (rec.time !== null) {
      if (this.firstTime === null || rec.time < this.firstTime) this.firstTime = rec.time;
      if (this.lastTime === null || rec.time > this.lastTime) this.lastTime = rec.time;
    }
    if (rec.pid !== null) {
      const p = this.processes.get(rec.pid);
      if (p) { p.records++; p.comm = rec.comm ?? p.comm; p.exe = rec.exe ?? p.exe; } else this.processes.set(rec.pid, { pid: rec.pid, comm: rec.comm, exe: rec.exe, records: 1 });
    }
    this.reader(source).auditRecord(rec.arch, rec.syscall);
  }

  private before(rec: SeccompRecord): boolean {
    return this.startedAt !== null && rec.time !== null && rec.time < this.startedAt;
  }

  private noteUnattributed(rec: SeccompRecord, source: string): void {
    this.tally.unattributed++;
    const pid = rec.pid!;
    let u = this.unattributed.get(pid);
    if (!u) {
      u = { pid, comm: rec.comm, exe: rec.exe, records: 0, syscalls: [], beforeStart: this.before(rec), added: false };
      this.unattributed.set(pid, u);
    }
    // Bounded: a recording of exited processes beyond this is reported, not kept.
    if (!u.beforeStart && this.exited !== 'drop') {
      if (this.pendingLines.length < MAX_PENDING) this.pendingLines.push({ source, rec });
      else this.pendingDropped++;
    }
    u.records++;
    const name = resolveName(rec) ?? `${rec.arch}:${rec.syscall}`;
    if (!u.syscalls.includes(name)) u.syscalls.push(name);
  }

  /** Records of the container heard so far, including those of exited processes not yet decided. */
  get heard(): number {
    return this.tally.kept + this.pendingLines.length;
  }

  /** A reader lost records itself (the kernel ring buffer overwrote them before they were read). */
  sourceLost(message: string): void {
    this.sourceLosses.push(message);
  }

  /** Kernel log records overwritten before they were read, all kinds (not only seccomp). */
  overwritten = 0;
  logOverwritten(records: number): void {
    this.overwritten += records;
  }

  end(): void {
    if (this.pendingLines.length || this.pendingDropped) {
      const add = this.exited === 'keep' || (this.exited === 'auto' && this.tally.outsideLive === 0);
      this.tally.exited = add ? 'added' : 'dropped';
      if (add) {
        for (const p of this.pendingLines) {
          this.tally.unattributed--;
          this.unattributed.get(p.rec.pid!)!.added = true;
          this.keep(p.rec, p.source);
        }
        if (this.pendingDropped) this.sourceLost(`${this.pendingDropped} records of exited processes beyond ${MAX_PENDING} were not kept`);
      }
      this.pendingLines.length = 0;
    }
    for (const r of this.readers.values()) r.end();
  }
}

/** What the recording could not see, in the words a user acts on. Pure: a function of the recording and how it was read. */
export function recordingGaps(r: Recording, how: { printkRatelimit: number | null; readsKernelLog: boolean }): string[] {
  const out: string[] = [];
  out.push('only the code paths the workload ran while recorded are in the profile: exercise start-up, every kind of request, error paths and shutdown, or merge several recordings (mamori seccomp merge)');
  const suppressed = r.losses.filter((l) => l.kind === 'printk-ratelimit').reduce((n, l) => n + (l.count ?? 0), 0);
  if (r.losses.some((l) => l.kind === 'printk-ratelimit')) out.push(`the kernel's printk rate limit dropped ${suppressed} audit records ("callbacks suppressed"): record again with kernel.printk_ratelimit=0 (--lift-ratelimit) or with auditd running`);
  else if (how.readsKernelLog && how.printkRatelimit !== null && how.printkRatelimit > 0) out.push(`kernel.printk_ratelimit is ${how.printkRatelimit}: without auditd the kernel prints at most a burst of audit records per interval and drops the rest, and says so only with the next record it prints; use --lift-ratelimit or auditd`);
  const backlog = r.losses.filter((l) => l.kind === 'audit-backlog' || l.kind === 'audit-rate-limit').length;
  if (backlog) out.push(`the audit subsystem reported ${backlog} backlog or rate-limit overflows: records were dropped (raise audit_backlog_limit with auditctl -b, or lift -r)`);
  const lost = Math.max(0, ...r.losses.filter((l) => l.kind === 'audit-lost').map((l) => l.count ?? 0));
  if (lost) out.push(`the audit subsystem counts ${lost} lost records (audit_lost) since boot`);
  const journald = r.losses.filter((l) => l.kind === 'journald-ratelimit').reduce((n, l) => n + (l.count ?? 0), 0);
  if (journald) out.push(`journald suppressed ${journald} messages: the journal is missing records (read /dev/kmsg or audit.log instead)`);
  if (r.overwritten) out.push(`${r.overwritten} kernel log records were overwritten before mamori read them: the log's ring buffer filled faster than it was read (a loaded node, or a burst of calls); calls seen only there are missing — record again, or run auditd and read audit.log`);
  for (const m of r.sourceLosses) out.push(m);
  const during = [...r.unattributed.values()].filter((u) => !u.beforeStart);
  const added = during.filter((u) => u.added);
  if (added.length) out.push(`${added.length} processes exited before mamori could read their cgroup (${added.slice(0, 5).map((u) => `${u.pid} ${u.comm ?? '?'}`).join(', ')}${added.length > 5 ? ', …' : ''}); their records were added because no process outside the container logged while recording (--exited drop leaves them out)`);
  const left = during.filter((u) => !u.added);
  for (const u of left.slice(0, 10)) {
    out.push(`pid ${u.pid} (${u.comm ?? '?'}${u.exe ? `, ${u.exe}` : ''}) exited before mamori could tell its container; its ${u.records} records were not added: ${u.syscalls.join(' ')}${r.tally.outsideLive ? ` (${r.tally.outsideLive} records came from live processes outside the container, so exited ones cannot be assumed to be its own)` : ''}; add them with --add if the workload needs them`);
  }
  if (left.length > 10) out.push(`${left.length - 10} more exited processes were not attributed`);
  const before = [...r.unattributed.values()].filter((u) => u.beforeStart);
  if (before.length) out.push(`${before.length} processes logged before the recording began and had exited: their records cannot be attributed and were not added (start mamori before the workload)`);
  const refused = Object.entries(r.tally.otherActions).filter(([a]) => a !== 'unknown');
  if (refused.length) out.push(`records of other seccomp actions were ignored (${refused.map(([a, n]) => `${a}: ${n}`).join(', ')}): a process logged there ran under an enforcing profile, not the logging one`);
  out.push('each logged call is a record, but a call the logging profile never saw (before the filter was installed, or made by the runtime outside the container) is not in the recording');
  return out;
}
