// `mamori fix`: apply the changes that cannot stop a running workload (and the suggestions asked for) to manifests, or print them as patches or JSON.
import { Command, Option } from 'commander';
import { words } from '../../formatters/i18n.js';
import { padEnd } from '../../formatters/width.js';
import { loadConfigFile, resolveEngineConfig } from '../../config/load.js';
import { addEngineOptions, addInputOptions, collect, inputOptions, parseFailOn, failOnOption, type InputFlags } from '../options.js';
import { setExitCode } from '../exit-code.js';
import { UsageError } from '../../core/errors.js';
import { checkById } from '../../checks/index.js';
import { exitCodeFor } from '../../scan/scan.js';
import { runFix, type FixMode, type FixOutcome } from '../../fix/run.js';
import { parseSetValue, RISK_LEVELS, type RiskLevel } from '../../fix/select.js';
import { fixJson } from '../../fix/json.js';
import type { Finding, Lang } from '../../core/report.js';

interface FixFlags extends InputFlags {
  config?: string; profile?: string; policy?: string[]; namespace: string; azureParameters?: string; lang: Lang;
  dryRun?: boolean; write?: boolean; patch?: boolean; applySuggestion?: string[]; set?: string[]; failOn?: string; maxFileSize?: string;
  risk: RiskLevel; format: 'text' | 'json';
}

const W = {
  en: {
    dry: (c: number, f: number) => `${c} finding(s) fixable in ${f} file(s) (dry run: nothing written; add --write to apply)`,
    wrote: (file: string, n: number) => `fixed ${file} (${n} finding(s))`,
    patch: (n: number) => `${n} strategic-merge patch(es) printed (kubectl patch --type strategic, or a Kustomize patch)`,
    nothing: 'nothing to fix',
    remain: (n: number) => `${n} finding(s) remain after fixing:`,
    clean: 'no findings remain',
    applied: 'applied (cannot stop the workload):',
    asked: 'applied as asked (could stop the workload):',
    offers: 'suggestions (could stop the workload; not applied):',
    why: 'why',
    apply: (id: string) => `apply with --apply-suggestion ${id}`,
    needs: (p: string) => `needs a value: --set ${p.split('.').pop()}=…`,
    warning: 'warning',
  },
  ja: {
    dry: (c: number, f: number) => `${f} ファイルで ${c} 件の検出事項を修正できます（ドライラン: 何も書き込んでいません。適用するには --write）`,
    wrote: (file: string, n: number) => `${file} を修正しました（${n} 件）`,
    patch: (n: number) => `strategic-merge パッチを ${n} 件出力しました（kubectl patch --type strategic または Kustomize のパッチ）`,
    nothing: '修正するものはありません',
    remain: (n: number) => `修正後も ${n} 件の検出事項が残ります:`,
    clean: '検出事項は残っていません',
    applied: '適用（ワークロードを止めない変更）:',
    asked: '指定により適用（ワークロードを止めるおそれがある変更）:',
    offers: '提案（ワークロードを止めるおそれがあるため適用していません）:',
    why: '理由',
    apply: (id: string) => `--apply-suggestion ${id} で適用`,
    needs: (p: string) => `値が必要です: --set ${p.split('.').pop()}=…`,
    warning: '警告',
  },
};

function resourceText(f: Finding): string {
  const r = f.resource;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}${f.container ? ` [${f.container}]` : ''}`;
}

/** The human summary: what was fixed, what remains, which suggestions are on offer. */
export function summarize(out: FixOutcome, mode: FixMode, lang: Lang): string {
  const w = W[lang];
  const lines: string[] = [];
  for (const warning of out.warnings) lines.push(`${w.warning}: ${warning}`);
  for (const e of out.errors) lines.push(`mamori: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  const changed = out.files.filter((f) => f.changed);
  if (mode === 'write') for (const f of changed.filter((x) => x.written)) lines.push(w.wrote(f.file, f.fixed));
  else if (mode === 'dry-run') lines.push(changed.length ? w.dry(changed.reduce((n, f) => n + f.fixed, 0), changed.length) : w.nothing);
  else lines.push(out.patches ? w.patch(out.patches.split(/^---$/m).length - 1) : w.nothing);
  const applied = out.files.flatMap((f) => f.changes.filter((c) => c.applied && c.change));
  // what the user asked for by name, value or --risk all is not under the heading that promises it cannot stop anything
  for (const [heading, list] of [[w.applied, applied.filter((c) => !c.asked)], [w.asked, applied.filter((c) => c.asked)]] as const) {
    if (list.length === 0) continue;
    lines.push(heading);
    for (const c of list) lines.push(`  ${c.finding.policyId}  ${resourceText(c.finding)}  ${c.change!.id}: ${c.change!.reason}`);
  }
  const remaining = out.after.findings.filter((f) => f.status === 'open');
  if (remaining.length === 0) lines.push(w.clean);
  else {
    lines.push(w.remain(remaining.length));
    for (const f of remaining) {
      const loc = f.location ? `  ${f.location.file}:${f.location.line}` : '';
      lines.push(`  ${padEnd(words(lang).severity[f.severity], lang === 'ja' ? 2 : 6)} ${f.policyId}  ${resourceText(f)}  ${f.path}${loc}`);
    }
  }
  const seen = new Set<string>();
  const offers = out.offers.filter((o) => {
    const k = `${o.finding.policyId}|${resourceText(o.finding)}|${o.finding.path}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (offers.length) {
    lines.push(w.offers);
    for (const o of offers) {
      lines.push(`  ${o.finding.policyId}  ${resourceText(o.finding)}: ${o.text}`);
      const reason = o.finding.change?.reason;
      if (reason && !o.text.includes(reason)) lines.push(`    ${w.why}: ${reason}`);
      lines.push(`    ${o.missing ? w.needs(o.missing) : w.apply(o.finding.policyId)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  const cmd = new Command('fix')
    .description('apply the changes of findings that cannot stop a running workload (a diff by default; --write to change files; --patch for rendered Helm/Kustomize output)')
    .argument('[paths...]', 'files or folders (.yaml, .yml, .json, searched recursively); - reads stdin (patch output)');
  addEngineOptions(cmd);
  addInputOptions(cmd);
  cmd
    .option('--dry-run', 'print a unified diff and change nothing (the default)')
    .option('--write', 'change the files (atomically; a file changed meanwhile is left alone)')
    .option('--patch', 'print a strategic-merge patch per workload instead of editing (for rendered Helm or Kustomize output)')
    .addOption(new Option('--risk <level>', 'safe: only changes that cannot stop a running workload, or that the manifest proves safe; all: every suggestion too').choices([...RISK_LEVELS]).default('safe'))
    .option('--apply-suggestion <policy-id>', "also apply this policy's suggestions, which could stop the workload (repeatable)", collect)
    .option('--set <key=value>', 'a value for suggestions, e.g. runAsUser=10001 or limits.cpu=250m (repeatable); applies the suggestions that use it', (v: string, prev: string[] = []) => [...prev, v])
    .addOption(new Option('-f, --format <format>', 'text: a diff (or patches) and a summary; json: the changes per file with risk and reason').choices(['text', 'json']).default('text'))
    .addOption(failOnOption('exit 1 when a finding at or above this severity remains in the files'))
    .option('--max-file-size <bytes>', 'refuse input files larger than this', String(256 * 1024 * 1024))
    .action(async (paths: string[], flags: FixFlags, self: Command) => {
      if (flags.write && flags.patch) throw new UsageError('fix: --write and --patch exclude each other');
      if (flags.write && flags.dryRun) throw new UsageError('fix: --write and --dry-run exclude each other');
      if (paths.length === 0) {
        if (process.stdin.isTTY) throw new UsageError('fix: name files or folders to fix, or - for stdin (see mamori fix --help)');
        paths = ['-'];
      }
      const stdin = paths.includes('-');
      if (stdin && flags.write) throw new UsageError('fix: standard input cannot be written back; use --patch (the default for -)');
      const mode: FixMode = flags.patch || stdin ? 'patch' : flags.write ? 'write' : 'dry-run';
      for (const id of flags.applySuggestion ?? []) {
        if (!checkById(id)) throw new UsageError(`--apply-suggestion ${id}: unknown policy id (see \`mamori policies\`)`);
      }
      const values = (flags.set ?? []).map(parseSetValue);
      const maxFileBytes = Number(flags.maxFileSize);
      if (!Number.isFinite(maxFileBytes) || maxFileBytes <= 0) throw new UsageError(`--max-file-size ${flags.maxFileSize}: expected a number of bytes`);
      const loaded = loadConfigFile(flags.config);
      const cfg = resolveEngineConfig(loaded, {
        profile: flags.profile, only: flags.policy, lang: flags.lang, defaultNamespace: flags.namespace, azureParameters: flags.azureParameters,
      });
      const out = await runFix(paths, cfg, {
        mode, risk: flags.risk, applySuggestions: new Set(flags.applySuggestion ?? []), values, maxFileBytes,
        inputs: inputOptions(flags), allowEmpty: flags.allowEmpty,
      });
      if (flags.format === 'json') process.stdout.write(fixJson(out, mode, flags.risk));
      else if (mode === 'write') process.stdout.write(summarize(out, mode, flags.lang));
      else {
        process.stdout.write(mode === 'patch' ? out.patches : out.diff);
        process.stderr.write(summarize(out, mode, flags.lang));
      }
      const failOn = parseFailOn(flags.failOn ?? loaded.config.failOn);
      // The files as they are after this command: fixed ones after --write, untouched ones otherwise.
      const state = mode === 'write' ? out.after : out.before;
      const code = out.errors.length > 0 ? 2 : exitCodeFor({ ...state, errors: [] }, failOn);
      setExitCode(self, code);
    });
  program.addCommand(cmd);
}
