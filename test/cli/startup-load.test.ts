// What a one-file scan loads of the bundle: the chunks it imports, read from the run itself, and their sources.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT, ensureBuilt, scratch } from './run.js';

ensureBuilt();

/** The source files (as esbuild's metafile names them) of every bundle chunk the process loaded. */
function sourcesLoadedBy(args: string[], cwd = ROOT): { status: number | null; stderr: string; chunks: string[]; sources: Set<string> } {
  const dir = scratch({});
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`);
  // CommonJS files the bundle requires (yaml) go through require's cache, not the ESM hooks: listed at exit
  writeFileSync(join(dir, 'register.mjs'), `import { register, createRequire } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\nprocess.on('exit', () => { for (const f of Object.keys(createRequire(import.meta.url).cache)) appendFileSync(${JSON.stringify(log)}, 'file://' + f + '\\n'); });\n`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, BIN, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const chunks = readFileSync(log, 'utf8').split('\n').filter((u) => u.includes('/dist/bundle/')).map((u) => basename(new URL(u).pathname));
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle-meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const sources = new Set<string>();
  for (const c of chunks) for (const input of Object.keys(meta.outputs[`dist/bundle/${c}`]?.inputs ?? {})) sources.add(input);
  return { status: r.status, stderr: r.stderr, chunks, sources };
}

const OTHER_FAMILIES = /^src\/(rbac|versions|seccomp|apparmor)\//;

test('a one-file scan loads no rule code of the other families (RBAC, versions, seccomp and AppArmor lint)', () => {
  const r = sourcesLoadedBy(['scan', 'examples/redis-unhealthy.yaml', '--format', 'json', '-o', join(scratch({}), 'out.json')]);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.sources.has('src/checks/privileged-container.ts') && r.sources.has('src/cli/commands/scan.ts'), `the hook saw the scan: ${r.chunks.join(', ')}`);
  assert.deepEqual([...r.sources].filter((s) => OTHER_FAMILIES.test(s) || s === 'src/registry.ts'), []);
  assert.ok(!r.chunks.includes('yaml.cjs'), 'block-style YAML needs no yaml library');
});

test('a one-file scan without mamori.yaml loads no zod, and only the renderer of the format it prints', () => {
  const r = sourcesLoadedBy(['scan', 'examples/redis-unhealthy.yaml', '--format', 'json', '-o', join(scratch({}), 'out.json')]);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.sources.has('src/k8s/shape.ts') && r.sources.has('src/formatters/json.ts'), `the hook saw the scan: ${r.chunks.join(', ')}`);
  assert.deepEqual([...r.sources].filter((s) => s.startsWith('node_modules/zod/')), []);
  assert.ok(!r.chunks.includes('zod.cjs'), r.chunks.join(', '));
  assert.deepEqual([...r.sources].filter((s) => /^src\/formatters\/(table|sarif|junit|html|summary-by-namespace)\.ts$/.test(s)), []);
});

test('a scan printing SARIF loads the SARIF renderer and not the table', () => {
  const r = sourcesLoadedBy(['scan', 'examples/redis-unhealthy.yaml', '--format', 'sarif', '-o', join(scratch({}), 'out.sarif')]);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.sources.has('src/formatters/sarif.ts'), r.chunks.join(', '));
  assert.ok(!r.sources.has('src/formatters/table.ts') && !r.sources.has('src/formatters/html.ts'), r.chunks.join(', '));
});

test('a document with a merge key loads the yaml library, from its own file, on first use', () => {
  const dir = scratch({ 'merge.yaml': 'base: &b\n  privileged: true\napiVersion: v1\nkind: Pod\nmetadata:\n  name: merged\nspec:\n  containers:\n  - name: c\n    image: nginx\n    securityContext:\n      <<: *b\n' });
  const r = sourcesLoadedBy(['scan', join(dir, 'merge.yaml'), '--format', 'json', '-o', join(dir, 'out.json')]);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.chunks.includes('yaml.cjs'), r.chunks.join(', '));
  assert.ok(r.sources.has('node_modules/yaml/dist/index.js'));
});

test('a scan whose mamori.yaml configures rules of other families still loads none of their code', () => {
  const dir = scratch({ 'mamori.yaml': 'policies:\n  rbac-pods-exec:\n    effect: Disabled\n  seccomp-notify:\n    effect: Deny\n  privileged-container:\n    parameters:\n      excludedContainers: [sidecar]\n' });
  const r = sourcesLoadedBy(['scan', join(ROOT, 'examples', 'redis-unhealthy.yaml'), '--format', 'json', '-o', join(dir, 'out.json')], dir);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.sources.has('src/config/load.ts'), `the hook saw the config loaded: ${r.chunks.join(', ')}`);
  assert.deepEqual([...r.sources].filter((s) => OTHER_FAMILIES.test(s) || s === 'src/registry.ts'), []);
  // parameters given in mamori.yaml go through their zod schema, required from its own file on first use
  assert.ok(r.chunks.includes('zod.cjs') && r.sources.has('node_modules/zod/v4/classic/schemas.js'), r.chunks.join(', '));
});

test('a misspelt rule id in mamori.yaml is still refused by scan, naming the file and the id', () => {
  const dir = scratch({ 'mamori.yaml': 'policies:\n  rbac-pod-exec:\n    effect: Disabled\n' });
  const r = sourcesLoadedBy(['scan', join(ROOT, 'examples', 'redis-unhealthy.yaml')], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /mamori\.yaml: policies\.rbac-pod-exec: unknown policy id/);
});

test('seccomp lint loads no RBAC or versions rule code, nor the registry', () => {
  const r = sourcesLoadedBy(['seccomp', 'lint', 'examples/prevent-chmod.json', '--format', 'json']);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  assert.ok([...r.sources].some((s) => s.startsWith('src/seccomp/rules/')), `the hook saw the lint: ${r.chunks.join(', ')}`);
  assert.deepEqual([...r.sources].filter((s) => /^src\/(rbac|versions)\//.test(s) || s === 'src/registry.ts'), []);
});

test('mamori --help lists the commands without loading any command module', () => {
  const r = sourcesLoadedBy(['--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.sources.has('src/cli/commands/index.ts'), `the hook saw the run: ${r.chunks.join(', ')}`);
  assert.deepEqual([...r.sources].filter((s) => /^src\/cli\/commands\/(?!index\.ts$)/.test(s)), []);
});
