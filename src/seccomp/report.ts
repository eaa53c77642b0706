// Profile lint as a mamori Report: seccomp and AppArmor rules run over profile files through the one rule loop and builder.
import type { InputError, Lang, Notice, Report } from '../core/report.js';
import { runRules, type RuleRun, type Subject } from '../core/evaluate.js';
import { buildReport } from '../core/build-report.js';
import type { Ledger } from '../core/ledger.js';
import type { Rule } from '../core/rule.js';

/** A profile file read and parsed, as its family's rules judge it. */
export interface ProfileFile<T> { file: string; value: T }

export interface LintRun<T> {
  /** the report's profile name, e.g. seccomp-lint:containerd */
  profile: string;
  kind: 'SeccompProfile' | 'AppArmorProfile';
  runs: readonly RuleRun<T>[];
  ledger: Ledger;
  lang: Lang;
  /** every file named, including those that could not be read or parsed */
  fileCount: number;
  files: readonly ProfileFile<T>[];
  errors: InputError[];
  /** expired exceptions the ledger reported */
  notices?: Notice[];
}

/** The rules as they run when no mamori.yaml says otherwise: default effect, default parameters. */
export function defaultRuns<T>(rules: readonly Rule<T>[]): RuleRun<T>[] {
  return rules.map((rule) => ({ rule, effect: rule.meta.defaultEffect ?? 'Audit', params: rule.params.parse({}) }));
}

/**
 * Lints profile files into one report. A profile file is the resource (kind SeccompProfile or AppArmorProfile, name the
 * file as given), so mamori.yaml's exceptions name it like any object; findings are in file order, then by position.
 */
export function lintReport<T>(o: LintRun<T>): Report {
  const order = new Map(o.files.map((f, i) => [f.file, i]));
  const subjects: Subject<T>[] = o.files.map((f) => ({
    value: f.value,
    resource: { apiVersion: '', kind: o.kind, namespace: null, name: f.file },
    locate: (_path, at) => (at ? { file: f.file, line: at.line, column: at.column } : null),
  }));
  const { findings, tallies } = runRules(o.runs, subjects, { lang: o.lang, ledger: o.ledger });
  const rank = (f: (typeof findings)[number]) => [order.get(f.resource.name) ?? 0, f.location?.line ?? Number.MAX_SAFE_INTEGER, f.location?.column ?? Number.MAX_SAFE_INTEGER];
  findings.sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  });
  return buildReport({
    profile: o.profile, lang: o.lang, rules: o.runs.map((r) => ({ meta: r.rule.meta, effect: r.effect })), tallies,
    findings, resources: o.fileCount, errors: o.errors, notices: o.notices, unusedExceptions: o.ledger.unused(),
  });
}
