// Turns the lines of one input (strace text, `strace -c` tables, seccomp audit records, or a mix) into observed (arch, syscall) pairs.
import { parseStraceLine, hasSplicedNotice } from './strace-line.js';
import { parseAuditSeccomp } from './audit-line.js';
import { type Arch, syscallName, syscallNumber, X32_SYSCALL_BIT, isArch } from './syscall-table.js';

export interface Observation { count: number; file: string; line: number }
export interface TraceDiagnostic { file: string; line: number | null; message: string }

/** What all inputs together showed: syscalls per arch, plus what the trace could not show. */
export class TraceCollector {
  /** arch -> syscall -> first sighting and count */
  readonly seen = new Map<string, Map<string, Observation>>();
  readonly notes: TraceDiagnostic[] = [];
  readonly errors: TraceDiagnostic[] = [];
  readonly stats = { lines: 0, syscallLines: 0, summaryRows: 0, auditRecords: 0, unrecognized: 0, unresumed: 0, unknownNumbers: 0 };
  usedNumbers = false;
  usedSummary = false;
  sawPersonalityNotice = false;
  sawPidColumn = false;
  sawForkWithoutFollow = false;
  private unrecognizedShown = 0;

  add(arch: string, name: string, file: string, line: number): void {
    let m = this.seen.get(arch);
    if (!m) { m = new Map(); this.seen.set(arch, m); }
    const o = m.get(name);
    if (o) o.count++;
    else m.set(name, { count: 1, file, line });
  }

  unrecognized(file: string, line: number, text: string): void {
    this.stats.unrecognized++;
    if (this.unrecognizedShown < 5) {
      this.unrecognizedShown++;
      this.notes.push({ file, line, message: `line not understood, skipped: ${text.slice(0, 80)}` });
    }
  }

  names(arch: string): string[] {
    return [...(this.seen.get(arch)?.keys() ?? [])].sort();
  }
}

const SUMMARY_HEADER = /^\s*(?:%\s*time|syscall|calls|errors|seconds)\b/;
const SUMMARY_RULER = /^[-\s]+$/;
const SUMMARY_MODE = /^System call usage summary for (32 bit|x32) mode:/;
const NUMERIC = /^[\d.%]+$/;
const FORKS = new Set(['clone', 'clone3', 'fork', 'vfork']);

/**
 * Reads one input line by line. Holds only per-pid state (personality, unfinished calls), never
 * the lines themselves, so memory stays flat however long the trace is.
 */
export class TraceReader {
  private lineNo = 0;
  private afterSplice = false;
  private summary: 'off' | 'header' | 'rows' = 'off';
  private summaryArch: Arch;
  private readonly pidArch = new Map<number | null, Arch>();
  private readonly pending = new Map<number | null, string>();
  /** x86_64 -n lines: (nr, name) -> arch, memoised because the table lookups would otherwise run on every line */
  private readonly nrArch = new Map<number, Map<string, Arch>>();
  private anyPid = false;
  private forkSeen = false;

  constructor(
    private readonly c: TraceCollector,
    private readonly file: string,
    private readonly native: Arch,
    /** pid taken from a `-ff -o PREFIX.PID` file name */
    private readonly filePid: number | null = null,
  ) {
    this.summaryArch = native;
  }

  private archOf(pid: number | null): Arch {
    return this.pidArch.get(pid) ?? this.native;
  }

  line(raw: string): void {
    this.lineNo++;
    this.c.stats.lines++;
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (this.summary !== 'off' && this.summaryLine(text)) return;
    const ev = parseStraceLine(text);
    // Audit records never parse as syscall lines, so only lines strace did not claim are looked at again.
    if (ev.kind === 'other' && (text.includes('type=1326') || text.includes('type=SECCOMP') || text.includes(': SECCOMP '))) {
      const rec = parseAuditSeccomp(text);
      if (rec) { this.audit(rec.arch, rec.syscall); return; }
    }
    const spliced = this.afterSplice;
    this.afterSplice = false;
    switch (ev.kind) {
      case 'syscall': {
        const pid = ev.pid ?? this.filePid;
        if (ev.pid !== null) this.anyPid = true;
        this.c.stats.syscallLines++;
        this.syscall(pid, ev.nr, ev.name);
        if (ev.interrupted) this.syscall(pid, null, ev.interrupted);
        if (ev.resumed) {
          if (this.pending.get(pid) === ev.name) this.pending.delete(pid);
        }
        if (ev.unfinished) this.pending.set(pid, ev.name);
        if (hasSplicedNotice(text)) this.afterSplice = true;
        if (FORKS.has(ev.name) && !ev.unfinished) this.forkSeen = true;
        return;
      }
      case 'personality':
        this.c.sawPersonalityNotice = true;
        this.pidArch.set(ev.pid, ev.mode === '32' ? 'x86' : ev.mode === 'x32' ? 'x32' : 'x86_64');
        // Without -f the lines carry no pid; the notice then speaks for the only traced process.
        if (!this.anyPid) this.pidArch.set(null, this.pidArch.get(ev.pid)!);
        return;
      case 'exit': {
        const pid = ev.pid ?? this.filePid;
        if (this.pending.delete(pid)) this.c.stats.unresumed++;
        return;
      }
      case 'continuation':
      case 'other': {
        if (spliced) return;
        const mode = SUMMARY_MODE.exec(text);
        if (mode) {
          this.summaryArch = mode[1] === 'x32' ? 'x32' : 'x86';
          this.summary = 'header';
          return;
        }
        if (SUMMARY_HEADER.test(text) && /\bcalls\b/.test(text) && /\b(syscall|name)\b/.test(text)) {
          this.summary = 'header';
          return;
        }
        if (ev.kind === 'other' && text.trim() !== '') this.c.unrecognized(this.file, this.lineNo, text);
        return;
      }
      default:
        return;
    }
  }

  /** Returns true when the line belonged to a `strace -c` table. */
  private summaryLine(text: string): boolean {
    if (SUMMARY_RULER.test(text) && text.includes('-')) {
      this.summary = 'rows';
      return true;
    }
    if (this.summary === 'header') {
      if (SUMMARY_HEADER.test(text)) return true;
      this.summary = 'off';
      return false;
    }
    const tokens = text.trim().split(/\s+/);
    const names = tokens.filter((t) => !NUMERIC.test(t));
    if (tokens.length >= 2 && names.length === 1 && tokens.length - 1 === tokens.filter((t) => NUMERIC.test(t)).length) {
      const name = names[0]!;
      if (name === 'total') {
        this.summary = 'off';
        this.summaryArch = this.native;
        return true;
      }
      this.c.usedSummary = true;
      this.c.stats.summaryRows++;
      this.resolveAndAdd(this.summaryArch, name);
      return true;
    }
    this.summary = 'off';
    this.summaryArch = this.native;
    return false;
  }

  /** A seccomp record its caller already parsed (`seccomp record` selects records before they count), read as the next line. */
  auditRecord(archName: string, syscall: string): void {
    this.lineNo++;
    this.c.stats.lines++;
    this.audit(archName, syscall);
  }

  private audit(archName: string, syscall: string): void {
    this.c.stats.auditRecords++;
    if (/^-?\d+$/.test(syscall)) {
      const nr = Number(syscall);
      let arch = archName;
      if (arch === 'x86_64' && nr >= X32_SYSCALL_BIT) arch = 'x32';
      if (!isArch(arch)) {
        this.c.errors.push({ file: this.file, line: this.lineNo, message: `audit record for architecture ${arch}: mamori has no syscall table for it, syscall ${nr} skipped` });
        return;
      }
      const name = syscallName(arch, nr);
      if (!name) {
        this.c.stats.unknownNumbers++;
        this.c.notes.push({ file: this.file, line: this.lineNo, message: `syscall number ${nr} is not in mamori's ${arch} table (newer kernel?); add it by name if the program needs it` });
        return;
      }
      this.c.add(arch, name, this.file, this.lineNo);
      return;
    }
    this.c.add(archName, syscall, this.file, this.lineNo);
  }

  private syscall(pid: number | null, nr: number | null, name: string): void {
    const arch = this.archOf(pid);
    if (nr === null) { this.resolveAndAdd(arch, name); return; }
    this.c.usedNumbers = true;
    if (arch !== 'x86_64') { this.resolveAndAdd(numberedArch(arch, nr, name), name); return; }
    let byName = this.nrArch.get(nr);
    if (!byName) { byName = new Map(); this.nrArch.set(nr, byName); }
    let a = byName.get(name);
    if (a === undefined) { a = numberedArch(arch, nr, name); byName.set(name, a); }
    this.resolveAndAdd(a, name);
  }

  private resolveAndAdd(arch: Arch, name: string): void {
    // Fast path: a name already seen on this arch needs no more checks.
    const seen = this.c.seen.get(arch)?.get(name);
    if (seen) { seen.count++; return; }
    const unknown = /^syscall_(0x[0-9a-f]+|\d+)$/.exec(name);
    if (unknown) {
      const n = Number(unknown[1]);
      const resolved = syscallName(arch, n);
      if (resolved) { this.c.add(arch, resolved, this.file, this.lineNo); return; }
      this.c.stats.unknownNumbers++;
      this.c.notes.push({ file: this.file, line: this.lineNo, message: `${name}: syscall number ${n} is unknown on ${arch} (strace did not know it either); not added` });
      return;
    }
    // an unknown name is still recorded with where it was seen: generate says once what it does with it
    this.c.add(arch, name, this.file, this.lineNo);
  }

  /** Called at end of input: reports calls cut off by the end of the trace. */
  end(): void {
    this.c.stats.unresumed += this.pending.size;
    if (this.anyPid || this.filePid !== null) this.c.sawPidColumn = true;
    if (this.forkSeen && !this.anyPid && this.filePid === null) this.c.sawForkWithoutFollow = true;
  }
}

/**
 * With -n a number that disagrees with the table of the task's arch but fits the other x86 table
 * reveals a call of the other personality (the personality notice never reaches `-o` files).
 */
function numberedArch(arch: Arch, nr: number, name: string): Arch {
  if (arch === 'x86_64' && syscallNumber('x86_64', name) !== nr && syscallNumber('x86', name) === nr) return 'x86';
  if (arch === 'x86' && syscallNumber('x86', name) !== nr && syscallNumber('x86_64', name) === nr) return 'x86_64';
  return arch;
}
