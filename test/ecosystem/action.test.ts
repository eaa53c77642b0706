// The GitHub Action run the way the runner runs it: node dist/action/main.js with INPUT_* variables and the GITHUB_* files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import AjvModule from 'ajv-draft-04';
import { ROOT, ensureBuilt, scratch } from '../cli/run.js';
import { ACTION_INPUTS } from '../../src/action/run.js';

interface Step { code: number; stdout: string; stderr: string; outputs: Record<string, string>; summary: string }

/** A workspace as actions/checkout leaves it, with the runner's files. */
function workspace(files: Record<string, string>): string {
  const ws = scratch(files);
  mkdirSync(join(ws, '.runner-temp'));
  return ws;
}

/** Parses $GITHUB_OUTPUT: name=value lines and name<<DELIM heredocs. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = line.indexOf('<<');
    if (heredoc > 0 && !line.includes('=')) {
      const delim = line.slice(heredoc + 2);
      const end = lines.indexOf(delim, i + 1);
      out[line.slice(0, heredoc)] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function runStep(ws: string, inputs: Record<string, string>): Step {
  ensureBuilt();
  if (!existsSync(join(ROOT, 'dist', 'action', 'main.js'))) {
    const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stdout + b.stderr);
  }
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('INPUT_') && !k.startsWith('GITHUB_') && !k.startsWith('RUNNER_')) env[k] = v;
  const outputFile = join(ws, '.runner-temp', 'output');
  const summaryFile = join(ws, '.runner-temp', 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  Object.assign(env, { GITHUB_WORKSPACE: ws, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: join(ws, '.runner-temp'), GITHUB_ACTIONS: 'true', LANG: 'C' });
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  // The runner starts the action in the workspace with runs.main, relative to the action's checkout.
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { main: string } };
  const r = spawnSync(process.execPath, [join(ROOT, action.runs.main)], { cwd: ws, env, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') };
}

function validSarif(text: string): { runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation?: { artifactLocation: { uri: string } } }> }> }> } {
  const log = JSON.parse(text);
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-2.1.0.schema.json'), 'utf8')) as object;
  const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
  const ajv = new (Ajv as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } })({ allErrors: true, strict: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  return log;
}

const examples = (names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [`k8s/${n}`, readFileSync(join(ROOT, 'examples', n), 'utf8')]));

test('action.yml: a node24 JavaScript action whose inputs and outputs are the ones the entry reads and writes', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; main: string }; inputs: Record<string, { default?: string }>; outputs: Record<string, unknown> };
  assert.equal(action.runs.using, 'node24');
  assert.equal(action.runs.main, 'dist/action/main.js');
  assert.deepEqual(Object.keys(action.inputs).sort(), [...ACTION_INPUTS].sort());
  assert.equal(action.inputs.format!.default, 'sarif');
  assert.deepEqual(Object.keys(action.outputs).sort(), ['exit-code', 'findings', 'sarif-file']);
});

test('action: SARIF by default, outputs set, summary per severity, recommendation and resource, exit 1 on findings', () => {
  const ws = workspace(examples(['redis-unhealthy.yaml', 'redis-healthy.yaml']));
  const step = runStep(ws, { path: 'k8s', format: 'sarif', 'fail-on': 'low' });
  assert.equal(step.code, 1, step.stderr);
  const sarif = validSarif(readFileSync(join(ws, 'mamori.sarif'), 'utf8'));
  const results = sarif.runs[0]!.results;
  assert.ok(results.length > 0);
  // code scanning places results by repository-relative paths
  assert.ok(results.every((r) => r.locations[0]!.physicalLocation!.artifactLocation.uri.startsWith('k8s/redis-')), JSON.stringify(results[0]));
  assert.deepEqual(step.outputs, { findings: String(results.length), 'sarif-file': 'mamori.sarif', 'exit-code': '1' });
  assert.match(step.stdout, /^::error::mamori: \d+ finding\(s\), some at or above fail-on low$/m);
  const s = step.summary;
  assert.match(s, new RegExp(`^## mamori scan: ${results.length} findings$`, 'm'));
  const high = results.filter((r) => r.level === 'error').length;
  assert.match(s, new RegExp(`^\\| high \\| ${high} \\|$`, 'm'));
  const priv = results.filter((r) => r.ruleId === 'privileged-container').length;
  assert.match(s, new RegExp(`^\\| Privileged containers should be avoided \\| \`privileged-container\` \\| medium \\| ${priv} \\| 1 \\|$`, 'm'));
  assert.match(s, /^### Top resources$/m);
  assert.match(s, /^\| Deployment default\/redis-unhealthy-deployment \| `k8s\/redis-unhealthy\.yaml:\d+` \| \d+ \| high \|$/m);
  // the unhealthy Deployment has the most findings, so it heads the list
  const firstRow = s.split('### Top resources')[1]!.split('\n').find((l) => l.startsWith('| ') && !l.startsWith('| resource') && !l.startsWith('| ---'));
  assert.match(firstRow!, /redis-unhealthy-deployment/);
});

test('action: another format goes to output, a SARIF still goes to sarif-file; fail-on none passes', () => {
  const ws = workspace(examples(['redis-unhealthy.yaml']));
  const step = runStep(ws, { path: 'k8s', format: 'json', output: 'reports/mamori.json', 'fail-on': 'none', profile: 'pss-restricted' });
  assert.equal(step.code, 0, step.stderr);
  const json = JSON.parse(readFileSync(join(ws, 'reports', 'mamori.json'), 'utf8')) as { profile: string; findings: unknown[] };
  assert.match(json.profile, /^pss-restricted:v\d+\.\d+$/);
  assert.equal(step.outputs['exit-code'], '0');
  assert.equal(step.outputs.findings, String(json.findings.length));
  assert.equal(step.outputs['sarif-file'], join(ws, '.runner-temp', 'mamori.sarif'));
  assert.equal(validSarif(readFileSync(step.outputs['sarif-file']!, 'utf8')).runs[0]!.results.length, json.findings.length);
  assert.match(step.summary, /passed: nothing at or above `none`/);
  assert.doesNotMatch(step.stdout, /::error::/);
});

test('action: the config file\'s failOn applies unless the fail-on input overrides it', () => {
  const ws = workspace({
    // privileged and more, but nothing high: a user and group are set
    'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: web}\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - name: c\n    image: x\n    securityContext: {privileged: true, runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000}\n',
    'ci/mamori.yaml': 'failOn: high\n',
  });
  const byConfig = runStep(ws, { path: 'k8s', config: 'ci/mamori.yaml' });
  assert.equal(byConfig.code, 0, byConfig.stderr);
  assert.equal(byConfig.outputs['exit-code'], '0');
  const results = validSarif(readFileSync(join(ws, 'mamori.sarif'), 'utf8')).runs[0]!.results;
  assert.ok(results.some((r) => r.ruleId === 'privileged-container'));
  assert.ok(results.every((r) => r.level !== 'error'), 'no high finding');
  assert.match(byConfig.summary, /passed: nothing at or above the fail-on threshold/);
  const byInput = runStep(ws, { path: 'k8s', config: 'ci/mamori.yaml', 'fail-on': 'medium' });
  assert.equal(byInput.code, 1, byInput.stderr);
  assert.equal(byInput.outputs.findings, byConfig.outputs.findings);
});

test('action: an unreadable input is reported, listed in the summary, exit 2; the other files are still scanned', () => {
  const ws = workspace({ ...examples(['redis-unhealthy.yaml']), 'k8s/broken.yaml': 'a: [' });
  const step = runStep(ws, { path: 'k8s' });
  assert.equal(step.code, 2);
  assert.equal(step.outputs['exit-code'], '2');
  assert.ok(Number(step.outputs.findings) > 0);
  assert.match(step.summary, /### Inputs that could not be read\n\n- `k8s\/broken\.yaml:\d+`: YAML does not parse/);
  assert.match(step.summary, /failed: some input could not be read/);
});

test('action: a bad input fails the step with exit 2 and says which', () => {
  const ws = workspace(examples(['redis-healthy.yaml']));
  const bad = runStep(ws, { path: 'k8s', format: 'pdf' });
  assert.equal(bad.code, 2);
  assert.match(bad.stdout, /::error::mamori: input format: pdf is not one of table, json, sarif, junit, html/);
  assert.equal(bad.outputs['exit-code'], '2');
  const profile = runStep(ws, { path: 'k8s', profile: 'no-such-profile' });
  assert.equal(profile.code, 2);
  assert.match(profile.stderr, /no-such-profile/);
  assert.match(profile.summary, /could not run/);
});

test('action: several paths separated by spaces and new lines', () => {
  const ws = workspace(examples(['redis-unhealthy.yaml']));
  copyFileSync(join(ROOT, 'examples', 'redis-healthy.yaml'), join(ws, 'healthy.yaml'));
  const step = runStep(ws, { path: 'k8s/redis-unhealthy.yaml\nhealthy.yaml' });
  assert.equal(step.code, 1, step.stderr);
  const uris = new Set(validSarif(readFileSync(join(ws, 'mamori.sarif'), 'utf8')).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation!.artifactLocation.uri));
  assert.deepEqual([...uris].sort(), ['healthy.yaml', 'k8s/redis-unhealthy.yaml']);
});

test('action: baseline is passed to mamori scan --baseline', () => {
  const ws = workspace(examples(['redis-healthy.yaml']));
  const step = runStep(ws, { path: 'k8s', baseline: 'no-such-baseline.json' });
  // a missing baseline file, or a mamori without --baseline: either way exit 2, naming the flag or the file
  assert.equal(step.code, 2, step.stdout);
  assert.equal(step.outputs['exit-code'], '2');
  assert.match(step.stderr, /baseline/);
});
