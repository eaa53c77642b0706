// Options several commands share (config, profile, language, output), parsed and validated once.
import { Option, type Command } from 'commander';
import type { Lang, Severity } from '../model/types.js';
import { FORMATS, type Format } from '../formatters/index.js';
import { UsageError } from './errors.js';

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const l = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return l.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** The options of every command that runs the engine: scan, fix, serve, audit. */
export function addEngineOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'configuration file (default: mamori.yaml in the working directory)')
    .option('-p, --profile <name>', 'profile: defender, pss-baseline, pss-restricted[:vX.Y], pss-namespace, nsa')
    .option('--policy <id>', 'run only this policy (repeatable, or comma-separated)', collect)
    .option('-n, --namespace <ns>', 'namespace for objects that name none', 'default')
    .option('--azure-parameters <file>', 'Azure Policy assignment parameters file ({"name": {"value": …}})')
    .addOption(new Option('--lang <lang>', 'language of titles and messages').choices(['en', 'ja']).default(defaultLang(), 'from LANG'));
}

export function addOutputOptions(cmd: Command, formats: readonly string[] = FORMATS): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices([...formats]).default('table'))
    .option('-o, --output <file>', 'write the output to a file instead of standard output')
    .option('--no-color', 'never colour the table output (NO_COLOR is honoured too)');
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
