// Table-test support for checks: run one check over inline YAML and get its findings back, compactly.
import { scanTexts } from '../scan/texts.js';
import { checkById } from './index.js';
import type { Finding, Lang, Report } from '../core/report.js';
import type { ExceptionEntry } from '../core/exceptions.js';

export interface RunOptions {
  params?: Record<string, unknown>;
  excludedNamespaces?: string[];
  lang?: Lang;
  exceptions?: ExceptionEntry[];
  version?: string;
}

/** Runs a single check (no namespace exclusions unless given) over a YAML text. */
export function runCheck(id: string, yamlText: string, opts: RunOptions = {}): Report {
  const check = checkById(id);
  if (!check) throw new Error(`no check ${id}`);
  const parsed = check.params.parse(opts.params ?? {}) as Record<string, unknown>;
  return scanTexts({
    profile: 'test',
    policies: [{ check, effect: 'Audit', params: parsed, excludedNamespaces: opts.excludedNamespaces ?? [] }],
    defaultNamespace: 'default',
    customKinds: [],
    exceptions: opts.exceptions ?? [],
    today: '2026-11-22',
    lang: opts.lang ?? 'en',
    version: opts.version,
  }, [{ file: 'test.yaml', text: yamlText }]);
}

/** The findings as "Kind/name container path" lines: what a table test compares. */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.resource.kind}/${f.resource.name} ${f.container ?? '-'} ${f.path}`);
}

export function findingsOf(id: string, yamlText: string, opts: RunOptions = {}): string[] {
  const r = runCheck(id, yamlText, opts);
  if (r.errors.length) throw new Error(`input errors: ${JSON.stringify(r.errors)}`);
  return brief(r.findings);
}
