// What the GitHub runner hands a JavaScript action (INPUT_* variables) and takes back (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY files).
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

/** The runner passes input `fail-on` as INPUT_FAIL-ON: upper-cased, spaces to underscores, hyphens kept. */
export function getInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Appends name=value to $GITHUB_OUTPUT; a multi-line value goes in a heredoc whose delimiter it cannot contain. */
export function setOutput(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) { process.stdout.write(`output ${name}=${value}\n`); return; }
  if (!value.includes('\n')) { appendFileSync(file, `${name}=${value}\n`); return; }
  const delimiter = `mamori_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/** Appends Markdown to the job summary; without a runner it goes nowhere. */
export function appendSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
}

/** A workflow command the runner turns into an annotation on the run. */
export function annotate(level: 'error' | 'warning' | 'notice', message: string): void {
  const escaped = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  process.stdout.write(`::${level}::${escaped}\n`);
}
