// The report of a recording (what was kept, from which processes, what could not be seen) as a model, and its text form.
import type { RecordedProcess, RecordTally, Recording, UnattributedProcess } from './record.js';
import type { GenerateResult } from './generate.js';

export interface RecordReport {
  sources: string[];
  selection: string;
  window: { first: number | null; last: number | null };
  tally: RecordTally;
  processes: RecordedProcess[];
  unattributed: UnattributedProcess[];
  observed: Record<string, string[]>;
  added: GenerateResult['added'];
  notes: string[];
  gaps: string[];
}

export function recordReport(r: Recording, g: GenerateResult, o: { sources: string[]; selection: string; gaps: string[] }): RecordReport {
  return {
    sources: o.sources,
    selection: o.selection,
    window: { first: r.firstTime, last: r.lastTime },
    tally: r.tally,
    processes: [...r.processes.values()].sort((a, b) => a.pid - b.pid),
    unattributed: [...r.unattributed.values()].sort((a, b) => a.pid - b.pid),
    observed: g.observed,
    added: g.added,
    notes: g.notes.map((n) => `${n.file ? `${n.file}${n.line ? `:${n.line}` : ''}: ` : ''}${n.message}`),
    gaps: o.gaps,
  };
}

function when(t: number | null): string {
  return t === null ? '?' : new Date(t * 1000).toISOString();
}

/** Plain text for the terminal: what was recorded, then what the recording could not see. */
export function formatRecordText(m: RecordReport): string {
  const out: string[] = [];
  const t = m.tally;
  out.push(`mamori: recorded ${t.kept} seccomp log records of ${m.selection} from ${m.sources.join(', ')} (${t.seccompRecords} seccomp records in ${t.lines} lines)`);
  if (t.kept) out.push(`  from ${when(m.window.first)} to ${when(m.window.last)}`);
  for (const p of m.processes.slice(0, 20)) out.push(`  pid ${p.pid} ${p.comm ?? '?'}${p.exe ? ` (${p.exe})` : ''}: ${p.records} records`);
  if (m.processes.length > 20) out.push(`  … and ${m.processes.length - 20} more processes`);
  const skipped = [t.otherProcesses ? `${t.otherProcesses} of other processes` : '', t.outsideWindow ? `${t.outsideWindow} outside the time window` : '', t.unattributed ? `${t.unattributed} not attributable` : ''].filter(Boolean);
  if (skipped.length) out.push(`  skipped: ${skipped.join(', ')}`);
  for (const [arch, names] of Object.entries(m.observed)) out.push(`  seen on ${arch}: ${names.length} syscalls`);
  if (m.added.runtime.length) out.push(`  added for the runtime: ${m.added.runtime.join(' ')}`);
  if (m.added.always.length) out.push(`  added because every program needs them: ${m.added.always.join(' ')}`);
  if (m.added.extra.length) out.push(`  added by --add: ${m.added.extra.join(' ')}`);
  for (const n of m.notes) out.push(`  note: ${n}`);
  out.push('what the recording could not see:');
  for (const g of m.gaps) out.push(`  - ${g}`);
  return `${out.join('\n')}\n`;
}
