// Lints seccomp profiles for the runtime that will load them; this half brings the syscall tables the rules read as facts.
import { readFileSync } from 'node:fs';
import type { Finding, InputError, Lang, Notice, Report } from '../core/report.js';
import type { RuleRun } from '../core/evaluate.js';
import { Ledger } from '../core/ledger.js';
import { parseProfileText, ProfileError, type LoadedProfile } from './profile.js';
import { GO_ARCHES, SCMP_ARCHES, existsOn, fromScmpArch, isArch, isKnownSyscall, nearestSyscall } from './syscall-table.js';
import { RUNTIME_DEFAULT_ALLOW } from './data/runtime-default.js';
import { ERRNO } from './ops.js';
import { seccompSubjectOf, type Runtime, type SeccompSubject, type SyscallFacts } from './rules/subject.js';
import { SECCOMP_LINT_RULES } from './rules/index.js';
import { defaultRuns, lintReport, type ProfileFile } from './report.js';

export type { Runtime, SeccompSubject } from './rules/subject.js';
export { SECCOMP_LINT_RULES, SECCOMP_RULES } from './rules/index.js';

/** mamori's syscall tables, as the facts seccomp lint rules read. */
export const SYSCALL_FACTS: SyscallFacts = {
  scmpArches: SCMP_ARCHES,
  goArches: GO_ARCHES,
  errnoNames: Object.keys(ERRNO),
  fromScmpArch,
  isKnownSyscall,
  nearestSyscall,
  existsOn: (arch, name) => isArch(arch) && existsOn(arch, name),
  runtimeDefaultAllow: new Set(RUNTIME_DEFAULT_ALLOW),
};

export interface LintOptions { runtime: Runtime; size?: number; lang?: Lang }

export function seccompSubject(profile: LoadedProfile, o: LintOptions): SeccompSubject {
  return seccompSubjectOf(profile, o.runtime, SYSCALL_FACTS, o.size);
}

let defaults: RuleRun<SeccompSubject>[] | undefined;

/** Every rule, with its defaults, over one loaded profile: the findings, positions referring to the text it was loaded from. */
export function lintSeccomp(lp: LoadedProfile, o: LintOptions, file = 'profile.json'): Finding[] {
  return lintReport({
    profile: `seccomp-lint:${o.runtime}`, kind: 'SeccompProfile', runs: defaults ??= defaultRuns(SECCOMP_LINT_RULES), ledger: new Ledger([], ''),
    lang: o.lang ?? 'en', fileCount: 1, files: [{ file, value: seccompSubject(lp, o) }], errors: [],
  }).findings;
}

/** Lints files into one report; unreadable or unparsable files become report errors (exit 2) while the rest are linted. */
export function lintSeccompFiles(files: readonly string[], o: {
  runtime: Runtime; lang: Lang; runs?: readonly RuleRun<SeccompSubject>[]; ledger?: Ledger; notices?: Notice[];
}): Report {
  const errors: InputError[] = [];
  const read: ProfileFile<SeccompSubject>[] = [];
  for (const file of files) {
    let text: string;
    try { text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8'); } catch (e) {
      errors.push({ file, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    let lp: LoadedProfile;
    try { lp = parseProfileText(text); } catch (e) {
      if (e instanceof ProfileError) { errors.push({ file, line: e.line, message: e.message }); continue; }
      throw e;
    }
    read.push({ file, value: seccompSubject(lp, { runtime: o.runtime, size: Buffer.byteLength(text) }) });
  }
  return lintReport({
    profile: `seccomp-lint:${o.runtime}`, kind: 'SeccompProfile', runs: o.runs ?? defaultRuns(SECCOMP_LINT_RULES),
    ledger: o.ledger ?? new Ledger([], ''), lang: o.lang, fileCount: files.length, files: read, errors, notices: o.notices,
  });
}
