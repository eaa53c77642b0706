// The pre-commit hooks run as pre-commit runs them: the hook's files/exclude/types pick the files, the entry gets them as arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, ensureBuilt, mamori, scratch } from '../cli/run.js';

interface Hook { id: string; entry: string; language: string; files?: string; exclude?: string; types_or?: string[]; args?: string[] }
const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = (id: string): Hook => hooks.find((h) => h.id === id)!;

/** identify's tags for the extensions these hooks use. */
const TAG: Record<string, string> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

/** pre-commit's selection: re.search of files and exclude on the repository-relative path, then the types. */
function selected(h: Hook, paths: string[]): string[] {
  const files = new RegExp(h.files ?? '');
  const exclude = h.exclude ? new RegExp(h.exclude) : undefined;
  return paths.filter((p) => files.test(p) && !(exclude?.test(p)) && (!h.types_or || h.types_or.includes(TAG[extname(p)] ?? '')));
}

/** `npm install -g` of the package puts its bin on PATH; so does this. */
function installedBin(): string {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'mamori-precommit-bin-'));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  for (const [name, file] of Object.entries(pkg.bin)) symlinkSync(join(ROOT, file), join(dir, name));
  return dir;
}

function runHook(h: Hook, repo: string, files: string[]): { code: number; out: string } {
  const [cmd, ...entryArgs] = h.entry.split(' ');
  const r = spawnSync(cmd!, [...entryArgs, ...(h.args ?? []), ...files], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, PATH: `${installedBin()}:${process.env.PATH}`, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

const pod = (name: string, sc: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: web}\nspec:\n  containers:\n  - name: c\n    image: registry.example/app:1\n    securityContext: ${sc}\n`;

test('the hooks: node hooks whose entries are the package\'s bin', () => {
  assert.deepEqual(hooks.map((h) => h.id), ['mamori-scan', 'mamori-seccomp-lint']);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  for (const h of hooks) {
    assert.equal(h.language, 'node');
    assert.ok(pkg.bin[h.entry.split(' ')[0]!], `${h.id}: ${h.entry} is not a bin of the package`);
  }
});

test('mamori-scan: picks manifests, not workflows, Helm templates, chart values or the config; exit 1 on findings, 0 clean, 2 unreadable', () => {
  const repo = scratch({
    'mamori.yaml': 'profile: pss-baseline\n',
    'k8s/privileged.yaml': pod('bad', '{privileged: true}'),
    'k8s/fine.yaml': pod('fine', '{allowPrivilegeEscalation: false}'),
    'deploy/app.json': JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', namespace: 'web' } }),
    'charts/app/templates/deployment.yaml': 'kind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
    'deploy/helm/app/values.yaml': 'replicas: 2\n',
    'deploy/helm/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
    '.github/workflows/ci.yaml': 'on: push\n',
    'README.md': '# app\n',
  });
  const all = ['mamori.yaml', 'k8s/privileged.yaml', 'k8s/fine.yaml', 'deploy/app.json', 'charts/app/templates/deployment.yaml', 'deploy/helm/app/values.yaml', 'deploy/helm/app/Chart.yaml', '.github/workflows/ci.yaml', 'README.md'];
  const h = hook('mamori-scan');
  assert.deepEqual(selected(h, all), ['k8s/privileged.yaml', 'k8s/fine.yaml', 'deploy/app.json']);
  const bad = runHook(h, repo, selected(h, all));
  assert.equal(bad.code, 1, bad.out);
  assert.match(bad.out, /Pod\/web\/bad/);
  assert.match(bad.out, /pss-privileged/);
  const clean = runHook(h, repo, ['k8s/fine.yaml', 'deploy/app.json']);
  assert.equal(clean.code, 0, clean.out);
  const repo2 = scratch({ 'k8s/broken.yaml': 'kind: [', 'k8s/fine.yaml': pod('fine', '{allowPrivilegeEscalation: false}'), 'mamori.yaml': 'profile: pss-baseline\n' });
  const broken = runHook(h, repo2, ['k8s/broken.yaml', 'k8s/fine.yaml']);
  assert.equal(broken.code, 2, broken.out);
  assert.match(broken.out, /k8s\/broken\.yaml/);
});

test('mamori-scan: on this repository, the default patterns pick only manifests, and they pass', () => {
  const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  const h = hook('mamori-scan');
  const files = selected(h, tracked);
  assert.ok(files.includes('deploy/manifests/40-deployment.yaml'));
  assert.ok(!files.some((f) => f.includes('/templates/') || f.startsWith('.github/') || f.endsWith('values.yaml')));
  const r = runHook(h, ROOT, files);
  assert.equal(r.code, 0, r.out);
});

test('mamori-seccomp-lint: picks profiles under a seccomp folder; exit 0 clean, 1 on a silent mistake', () => {
  const trace = scratch({ 'app.strace': '1 read(0, "", 10) = 0\n1 write(1, "x", 1) = 1\n1 exit_group(0) = ?\n' });
  const gen = mamori(['seccomp', 'generate', join(trace, 'app.strace'), '--add', 'brk,mprotect,set_tid_address,arch_prctl']);
  assert.equal(gen.code, 0, gen.stderr);
  const repo = scratch({
    'seccomp/app.json': gen.stdout,
    'deploy/seccomp/legacy.json': JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['chmodat'], action: 'SCMP_ACT_ERRNO' }] }),
    'package.json': '{"name": "x"}',
    'k8s/pod.yaml': pod('p', '{}'),
  });
  const h = hook('mamori-seccomp-lint');
  const all = ['seccomp/app.json', 'deploy/seccomp/legacy.json', 'package.json', 'k8s/pod.yaml'];
  assert.deepEqual(selected(h, all), ['seccomp/app.json', 'deploy/seccomp/legacy.json']);
  const clean = runHook(h, repo, ['seccomp/app.json']);
  assert.equal(clean.code, 0, clean.out);
  const bad = runHook(h, repo, selected(h, all));
  assert.equal(bad.code, 1, bad.out);
  assert.match(bad.out, /chmodat/);
});
