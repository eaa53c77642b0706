// Lints AppArmor profiles: apparmor_parser -Q -K where installed, plus mamori's own rules (they also run where the parser is missing).
import type * as ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Finding, InputError, Lang, Notice, Report } from '../core/report.js';
import type { RuleRun } from '../core/evaluate.js';
import { Ledger } from '../core/ledger.js';
import { defaultRuns, lintReport, type ProfileFile } from '../seccomp/report.js';
import { APPARMOR_LINT_RULES } from './rules/index.js';
import { appArmorSubject, type AppArmorSubject, type ParserVerdict } from './rules/subject.js';

export { APPARMOR_LINT_RULES, APPARMOR_RULES } from './rules/index.js';
export type { AppArmorSubject } from './rules/subject.js';

/** The rule registry reaches this module for every command; node:child_process loads only when apparmor_parser runs. */
const childProcess = (): typeof ChildProcess => createRequire(import.meta.url)('node:child_process') as typeof ChildProcess;

let defaults: RuleRun<AppArmorSubject>[] | undefined;

/** mamori's own rules over a profile's text, with their defaults (apparmor_parser not run). */
export function lintAppArmorText(text: string, file = 'profile'): Finding[] {
  return lintReport({
    profile: 'apparmor-lint', kind: 'AppArmorProfile', runs: defaults ??= defaultRuns(APPARMOR_LINT_RULES), ledger: new Ledger([], ''),
    lang: 'en', fileCount: 1, files: [{ file, value: appArmorSubject(text) }], errors: [],
  }).findings;
}

export function apparmorParserAvailable(): boolean {
  return !childProcess().spawnSync('apparmor_parser', ['--version'], { encoding: 'utf8' }).error;
}

/** Runs apparmor_parser -Q -K -T (no kernel load, no cache): its error, or null when it accepts the file or is not installed. */
export function parserVerdict(file: string): ParserVerdict | null {
  const r = childProcess().spawnSync('apparmor_parser', ['-Q', '-K', '-T', file], { encoding: 'utf8' });
  if (r.error || r.status === 0) return null;
  const msgs = `${r.stderr}\n${r.stdout}`.split('\n').map((s) => s.trim()).filter((s) => s && !/Cache read\/write disabled/.test(s) && !/^Warning from/.test(s));
  const text = msgs.join(' ');
  const line = /at line (\d+)/.exec(text);
  return { message: text || `exit ${r.status}`, line: line ? Number(line[1]) : null };
}

/** Lints files into one report; unreadable files become report errors (exit 2) while the rest are linted. */
export function lintAppArmorFiles(files: readonly string[], o: {
  lang: Lang; parser: boolean; runs?: readonly RuleRun<AppArmorSubject>[]; ledger?: Ledger; notices?: Notice[];
}): Report {
  const errors: InputError[] = [];
  const read: ProfileFile<AppArmorSubject>[] = [];
  for (const file of files) {
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) {
      errors.push({ file, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    read.push({ file, value: appArmorSubject(text, o.parser ? parserVerdict(file) : null) });
  }
  return lintReport({
    profile: 'apparmor-lint', kind: 'AppArmorProfile', runs: o.runs ?? defaultRuns(APPARMOR_LINT_RULES),
    ledger: o.ledger ?? new Ledger([], ''), lang: o.lang, fileCount: files.length, files: read, errors, notices: o.notices,
  });
}
