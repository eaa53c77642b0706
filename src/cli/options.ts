// Options several commands share (config, profile, language, output), parsed and validated once.
import { Option, type Command } from 'commander';
import type { InputError, Lang, Notice, Severity } from '../core/report.js';
import { FORMATS, type Format } from '../formatters/formats.js';
import { UsageError } from '../core/errors.js';

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const l = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return l.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/**
 * The options of every command that runs the engine: scan, fix, serve, audit. `-n` names the namespace of objects
 * that name none, unless the command gives it another meaning (audit: the one namespace to read).
 */
export function addEngineOptions(cmd: Command, namespace?: string): Command {
  return cmd
    .option('-c, --config <file>', 'configuration file (default: mamori.yaml in the working directory)')
    .option('-p, --profile <name>', 'profile: defender, pss-baseline, pss-restricted[:vX.Y], pss-namespace, nsa')
    .option('--policy <id>', 'run only this policy (repeatable, or comma-separated)', collect)
    .addOption(namespace ? new Option('-n, --namespace <ns>', namespace) : new Option('-n, --namespace <ns>', 'namespace for objects that name none').default('default'))
    .option('--azure-parameters <file>', 'Azure Policy assignment parameters file ({"name": {"value": …}})')
    .addOption(langOption());
}

/** --lang, defaulting to the locale's language. */
export function langOption(description = 'language of titles and messages'): Option {
  return new Option('--lang <lang>', description).choices(['en', 'ja']).default(defaultLang(), 'from LANG');
}

/** --kubeconfig and --context, for the commands that read a live cluster. */
export function addClusterOptions(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config, else the in-cluster service account)')
    .option('--context <name>', 'kubeconfig context to use');
}

/** --fail-on, the threshold for exit code 1 (read with parseFailOn, which defaults to low). */
export function failOnOption(description = 'exit 1 when a finding is at or above this severity'): Option {
  return new Option('--fail-on <severity>', description).choices(['high', 'medium', 'low', 'none']);
}

export function addOutputOptions(cmd: Command, formats: readonly string[] = FORMATS): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices([...formats]).default('table'))
    .option('-o, --output <file>', 'write the output to a file instead of standard output')
    .option('--no-color', 'never colour the table output (NO_COLOR is honoured too)');
}

/** What every command that reads manifests accepts about its inputs. */
export interface InputFlags { followSymlinks?: boolean; helmValues?: string[]; helmSet?: string[]; allowEmpty?: boolean }

const repeat = (value: string, previous: string[] = []): string[] => [...previous, value];

/** --follow-symlinks, --helm-values, --helm-set and --allow-empty. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .option('--follow-symlinks', 'follow symbolic links inside folders (never out of the folder named)')
    .option('--helm-values <file>', 'values file for the Helm charts found (repeatable; passed to helm template)', repeat)
    .option('--helm-set <key=value>', 'value for the Helm charts found (repeatable; passed to helm template --set)', repeat)
    .option('--allow-empty', 'exit 0 when the inputs hold no Kubernetes object (default: exit 2, a pass on nothing is no pass)');
}

/** The walk and render options from those flags. */
export function inputOptions(flags: InputFlags): { followSymlinks: boolean; helm: { values: string[]; set: string[] } } {
  return { followSymlinks: flags.followSymlinks === true, helm: { values: flags.helmValues ?? [], set: flags.helmSet ?? [] } };
}

/** An input passed over on purpose, as a report notice. */
export function asNotice(e: InputError): Notice {
  return { policyId: null, message: `${e.file}${e.line ? `:${e.line}` : ''}: skipped: ${e.message}` };
}

export type FailOn = Severity | 'none';
export function parseFailOn(v: string | undefined): FailOn {
  const s = (v ?? 'low').toLowerCase();
  if (s === 'high' || s === 'medium' || s === 'low' || s === 'none') return s;
  throw new UsageError(`--fail-on ${v}: expected high, medium, low or none`);
}

export function useColor(opts: { color?: boolean; output?: string }, stream: NodeJS.WriteStream = process.stdout): boolean {
  return opts.color !== false && !opts.output && !process.env.NO_COLOR && stream.isTTY === true;
}

export function asFormat(v: string): Format { return v as Format; }
