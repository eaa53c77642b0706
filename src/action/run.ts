// The GitHub Action: `mamori scan` on the inputs, the report in the chosen format, a SARIF file, outputs, a job summary, exit by fail-on.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main as cli } from '../cli/main.js';
import { catalogueRules } from '../cli/rules.js';
import { FORMATS, renderReport, type Format } from '../formatters/index.js';
import type { Report } from '../core/report.js';
import { annotate, appendSummary, getInput, setOutput } from './github.js';
import { renderStepSummary } from './summary.js';

/** The inputs action.yml declares; a test keeps the two in step. */
export const ACTION_INPUTS = ['path', 'profile', 'config', 'format', 'output', 'fail-on', 'baseline'] as const;

const DEFAULT_OUTPUT: Record<Format, string> = {
  sarif: 'mamori.sarif', json: 'mamori.json', junit: 'mamori-junit.xml', html: 'mamori.html', table: 'mamori.txt',
};

export interface ActionInputs {
  paths: string[]; profile: string; config: string; format: Format; output: string; failOn: string; baseline: string;
}

export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionInputs | string {
  const format = (getInput('format', env) || 'sarif') as Format;
  if (!FORMATS.includes(format)) return `input format: ${format} is not one of ${FORMATS.join(', ')}`;
  const paths = (getInput('path', env) || '.').split(/\s+/).filter(Boolean);
  return {
    paths,
    profile: getInput('profile', env),
    config: getInput('config', env),
    format,
    output: getInput('output', env) || DEFAULT_OUTPUT[format],
    failOn: getInput('fail-on', env),
    baseline: getInput('baseline', env),
  };
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Runs the action in the current process; returns the exit code the step ends with. */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const inputs = readInputs(env);
  if (typeof inputs === 'string') {
    annotate('error', `mamori: ${inputs}`);
    setOutput('exit-code', '2', env);
    return 2;
  }
  // Paths in the SARIF must be relative to the repository for code scanning to place them.
  if (env.GITHUB_WORKSPACE) process.chdir(env.GITHUB_WORKSPACE);
  const scratch = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'mamori-action-'));
  try {
    const json = join(scratch, 'report.json');
    const args = ['scan', ...inputs.paths, '--format', 'json', '--output', json];
    if (inputs.failOn) args.push('--fail-on', inputs.failOn);
    if (inputs.profile) args.push('--profile', inputs.profile);
    if (inputs.config) args.push('--config', inputs.config);
    if (inputs.baseline) args.push('--baseline', inputs.baseline);
    const code = await cli(args);
    if (!existsSync(json)) {
      // A usage error (bad profile, config, fail-on): the CLI said why on stderr.
      annotate('error', `mamori scan could not run (exit ${code}); see the log above`);
      setOutput('exit-code', String(code), env);
      appendSummary(`## mamori scan could not run\n\nExit code ${code}; the step log says why.\n`, env);
      return code;
    }
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    const opts = { lang: report.lang, color: false, rules: catalogueRules() };
    write(inputs.output, renderReport(report, inputs.format, opts));
    let sarifFile = inputs.output;
    if (inputs.format !== 'sarif') {
      sarifFile = join(env.RUNNER_TEMP || dirname(inputs.output), 'mamori.sarif');
      write(sarifFile, renderReport(report, 'sarif', opts));
    }
    process.stdout.write(renderReport(report, 'table', opts));
    const open = report.findings.filter((f) => f.status === 'open').length;
    setOutput('findings', String(open), env);
    setOutput('sarif-file', sarifFile, env);
    setOutput('exit-code', String(code), env);
    appendSummary(renderStepSummary(report, { failOn: inputs.failOn, exitCode: code, output: inputs.output }), env);
    if (code === 1) annotate('error', `mamori: ${open} finding(s), some at or above fail-on ${inputs.failOn || 'low'}`);
    if (code === 2) annotate('error', `mamori: ${report.errors.length} input(s) could not be read`);
    return code;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
