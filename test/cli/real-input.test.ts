// mamori on real repositories: banners, broken files, non-objects, charts, links, devices, empty input and closed pipes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN, ROOT, ensureBuilt, mamori, scratch } from './run.js';
import type { Report } from '../../src/core/report.js';
import { needHelm } from '../harness/helm.js';

ensureBuilt();

const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: apps
spec:
  containers:
  - name: c
    image: x
    securityContext:
      privileged: true
`;
const only = ['--policy', 'privileged-container'];

function json(args: string[], opts: Parameters<typeof mamori>[1] = {}): { code: number; report: Report; stderr: string } {
  const r = mamori([...args, '--format', 'json'], opts);
  assert.doesNotMatch(r.stderr, /internal error|\n {4}at /, r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}
const notices = (r: Report): string[] => r.notices.map((n) => n.message);

test('real input: a 98-# banner before a document scans (it hung before)', () => {
  const banner = `${'#'.repeat(98)}\n# Copyright\n${'#'.repeat(98)}\n`;
  const dir = scratch({ 'istio.yaml': `${banner}${POD('a')}---\n${banner}${'#'.repeat(5000)} \n${POD('b')}` });
  const { code, report } = json(['scan', dir, ...only]);
  assert.equal(code, 1);
  assert.deepEqual(report.findings.map((f) => f.resource.name), ['a', 'b']);
});

const BROKEN = {
  'alias.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: *nope\n',
  'anchor.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n&x &y spec: {}\n',
  'merge.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec: &s\n  <<: [1, 2]\n  x: {a: [}\n',
  'deep.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
  'deep.json': `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"x": ${'['.repeat(5000)}${']'.repeat(5000)}}}`,
};

test('real input: every parse failure is one input error with file and line; the other files are still judged (scan, fix, rbac, versions)', () => {
  const dir = scratch({ ...BROKEN, 'zz-good.yaml': POD('good') });
  const { code, report } = json(['scan', dir, ...only]);
  assert.equal(code, 2);
  for (const name of Object.keys(BROKEN)) {
    const errs = report.errors.filter((e) => e.file.endsWith(name));
    assert.equal(errs.length, 1, `${name}: ${JSON.stringify(report.errors)}`);
    assert.ok(typeof errs[0]!.line === 'number' && errs[0]!.line >= 1, `${name} has a line`);
    assert.doesNotMatch(errs[0]!.message, /call stack|internal/);
  }
  assert.match(report.errors.find((e) => e.file.endsWith('alias.yaml'))!.message, /undefined alias \*nope/);
  assert.equal(report.errors.find((e) => e.file.endsWith('alias.yaml'))!.line, 5);
  assert.match(report.errors.find((e) => e.file.endsWith('deep.yaml'))!.message, /nesting too deep/);
  assert.deepEqual(report.findings.map((f) => f.resource.name), ['good']);
  for (const cmd of [['fix'], ['rbac'], ['versions']]) {
    const r = mamori([...cmd, dir]);
    assert.equal(r.code, 2, `${cmd[0]}: ${r.stderr}`);
    assert.doesNotMatch(r.stdout + r.stderr, /internal error|\n {4}at /);
    assert.match(r.stdout + r.stderr, /alias\.yaml:5: undefined alias \*nope/, cmd[0]);
  }
});

test('real input: non-objects are skipped and counted; tool configs too; an unrendered template elsewhere is one notice', () => {
  const dir = scratch({
    'package.json': '{"name": "x", "scripts": {}}',
    'tsconfig.json': '{\n  // comments, as tsconfig allows\n  "compilerOptions": {},\n}\n',
    'values.yaml': 'image:\n  tag: "1"\n',
    'list.yaml': '- a\n- b\n',
    'kustomize-config.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
    'skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\n',
    'kind.yaml': 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\n',
    'kubeconfig.yaml': 'apiVersion: v1\nkind: Config\nclusters: []\n',
    'operator/asset.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Name }}\n  labels: {{ toYaml .Labels }}\n---\nspec: {{ .X }}\n',
    'pod.yaml': POD('real'),
  });
  const { code, report } = json(['scan', dir, ...only]);
  assert.equal(code, 1, JSON.stringify(report.errors));
  assert.equal(report.errors.length, 0);
  assert.equal(report.summary.resources, 1);
  assert.equal(report.summary.skipped, 10, 'package.json, tsconfig, values, list, 4 tool configs, the 2 template documents');
  const templ = notices(report).filter((m) => /unrendered template/.test(m));
  assert.equal(templ.length, 1, 'one notice for the template file');
  assert.match(templ[0]!, /asset\.yaml:\d+: skipped: an unrendered template/);
  const table = mamori(['scan', dir, ...only]);
  assert.doesNotMatch(table.stdout, /package\.json|values\.yaml/, 'silent in the table');
});

const CHART = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'chart/values.yaml': 'privileged: true\n',
  'chart/templates/_helpers.tpl': '{{- define "web.name" -}}web{{- end -}}\n',
  'chart/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ include "web.name" . }}\n  namespace: apps\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      privileged: {{ .Values.privileged }}\n',
  'kust/kustomization.yaml': 'resources:\n- pod.yaml\nnamespace: team\n',
  'kust/pod.yaml': POD('kpod'),
};

test('real input: without helm or kubectl on PATH a chart and a kustomization are one notice each; templates are never parsed', () => {
  const dir = scratch({ ...CHART, 'pod.yaml': POD('plain') });
  const { code, report } = json(['scan', dir, ...only], { env: { PATH: '/nonexistent' } });
  assert.equal(code, 1, JSON.stringify(report.errors));
  assert.equal(report.errors.length, 0);
  assert.equal(notices(report).filter((m) => /a Helm chart, not scanned: helm is not on PATH/.test(m)).length, 1);
  assert.equal(notices(report).filter((m) => /a kustomization, scanned as plain files/.test(m)).length, 1);
  assert.deepEqual(report.findings.map((f) => f.resource.name).sort(), ['kpod', 'plain']);
});

test('real input: with helm on PATH a chart is rendered (--helm-set passed through), findings point at the template file', (t) => {
  const helm = needHelm(t);
  if (!helm) return;
  const dir = scratch(CHART);
  const env = { PATH: `${helm === 'helm' ? '' : `${dirname(helm)}:`}${process.env.PATH}` };
  const { code, report } = json(['scan', join(dir, 'chart'), ...only], { env });
  assert.equal(code, 1, JSON.stringify(report.errors));
  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0]!.location?.file, join(dir, 'chart', 'templates', 'pod.yaml'));
  assert.equal(report.findings[0]!.resource.name, 'web');
  const off = json(['scan', join(dir, 'chart'), ...only, '--helm-set', 'privileged=false'], { env });
  assert.equal(off.code, 0, JSON.stringify(off.report.errors));
  const values = join(dir, 'off.yaml');
  writeFileSync(values, 'privileged: false\n');
  assert.equal(json(['scan', join(dir, 'chart'), ...only, '--helm-values', values], { env }).code, 0);
});

test('real input: a kustomization is rendered with kubectl kustomize when on PATH, its files not read twice', (t) => {
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0) {
    if (process.env.CI === 'true') assert.fail('kubectl is missing under CI');
    t.skip('skipped: needs kubectl');
    return;
  }
  const dir = scratch({ 'kust/kustomization.yaml': CHART['kust/kustomization.yaml'], 'kust/pod.yaml': POD('kpod') });
  const { code, report } = json(['scan', dir, ...only]);
  assert.equal(code, 1, JSON.stringify(report.errors));
  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0]!.resource.namespace, 'team', 'the rendered object, with the kustomization namespace');
  assert.equal(report.findings[0]!.location?.file, join(dir, 'kust', 'kustomization.yaml'));
});

test('real input: mamori\'s own deploy/ and repository root are findings or clean, never input errors', () => {
  for (const p of ['deploy/', '.']) {
    const r = json(['scan', p]);
    assert.equal(r.report.errors.length, 0, `${p}: ${JSON.stringify(r.report.errors.slice(0, 5))}`);
    assert.notEqual(r.code, 2, p);
  }
  assert.equal(json(['scan', '.']).code, 1, 'examples/ hold privileged Pods');
});

test('real input: symbolic links are not followed by default; --follow-symlinks stays under the root, notes a loop once, reads each file once', () => {
  const outside = scratch({ 'secret.yaml': POD('outside') });
  const dir = scratch({ 'a/pod.yaml': POD('inside') });
  symlinkSync(join(dir, 'a', 'pod.yaml'), join(dir, 'link.yaml'));
  symlinkSync(join(dir, 'a'), join(dir, 'a', 'loop'));
  symlinkSync('..', join(dir, 'a', 'up'));
  symlinkSync(join(outside, 'secret.yaml'), join(dir, 'out.yaml'));
  const plain = json(['scan', dir, ...only]);
  assert.deepEqual(plain.report.findings.map((f) => f.resource.name), ['inside']);
  assert.ok(notices(plain.report).some((m) => /link\.yaml: skipped: a symbolic link, not followed/.test(m)));
  const followed = json(['scan', dir, ...only, '--follow-symlinks']);
  assert.deepEqual(followed.report.findings.map((f) => f.resource.name), ['inside'], 'the linked file once, nothing from outside');
  assert.ok(notices(followed.report).some((m) => /out\.yaml: skipped: a symbolic link to .*outside/.test(m)));
  const loops = notices(followed.report).filter((m) => /loop/.test(m));
  assert.deepEqual(loops.map((m) => m.split(':')[0]!.slice(dir.length)), ['/a/loop', '/a/up'], 'each of the two loops noted once');
  const twice = json(['scan', join(dir, 'a', 'pod.yaml'), join(dir, 'a'), dir, ...only]);
  assert.equal(twice.report.findings.length, 1, 'a file named twice is scanned once');
});

test('real input: devices and pipes are not read as files; the byte limit holds while reading', () => {
  const dir = scratch({ 'pod.yaml': POD('p') });
  symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
  const fifo = join(dir, 'pipe.yaml');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const walked = json(['scan', dir, ...only, '--follow-symlinks']);
  assert.equal(walked.code, 1);
  assert.ok(notices(walked.report).some((m) => /pipe\.yaml: skipped: a named pipe/.test(m)), notices(walked.report).join('\n'));
  assert.ok(notices(walked.report).some((m) => /zero\.yaml: skipped: a symbolic link to \/dev\/zero/.test(m)));
  const named = json(['scan', '/dev/zero', join(dir, 'pod.yaml'), ...only]);
  assert.equal(named.code, 2);
  assert.match(named.report.errors[0]!.message, /a device, not a regular file/);
  assert.equal(named.report.findings.length, 1);
  // A pipe named on the command line (process substitution) is read, but never past --max-file-size.
  const writer = spawn('sh', ['-c', `exec yes 'a: b' > '${fifo}'`], { stdio: 'ignore' });
  writer.unref();
  try {
    const limited = json(['scan', fifo, join(dir, 'pod.yaml'), ...only, '--max-file-size', '100000']);
    assert.equal(limited.code, 2);
    assert.match(limited.report.errors[0]!.message, /more than the limit of 100000 bytes/);
  } finally { writer.kill(); }
});

test('real input: no Kubernetes object at all is exit 2 with a message (scan, fix, rbac, versions), --allow-empty makes it 0', () => {
  const dir = scratch({ 'values.yaml': 'a: 1\n' });
  for (const cmd of ['scan', 'fix', 'rbac', 'versions']) {
    for (const input of [{ args: ['-'], stdin: '' }, { args: [dir], stdin: '' }]) {
      const r = mamori([cmd, ...input.args], { input: input.stdin });
      assert.equal(r.code, 2, `${cmd} ${input.args}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout + r.stderr, /no Kubernetes objects in the input/, cmd);
      assert.equal(mamori([cmd, ...input.args, '--allow-empty'], { input: input.stdin }).code, 0, `${cmd} --allow-empty`);
    }
  }
});

test('real input: a closed pipe on stdout ends quietly with the usual status', () => {
  for (const args of [['policies'], ['scan', 'examples'], ['seccomp', 'diff', 'examples/prevent-chmod-legacy.json', 'examples/prevent-chmod.json']]) {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args.join(' ')} | head -c 1 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`], { cwd: ROOT, encoding: 'utf8' });
    const expected = mamori(args).code;
    assert.equal(r.stderr.trim(), `status=${expected}`, `${args.join(' ')}: ${r.stderr}`);
  }
});

test('real input: fix --write refuses a symbolic link (naming link and target) and keeps inode and hard links of the files it writes', () => {
  const dir = scratch({ 'real/pod.yaml': POD('p'), 'other/pod.yaml': POD('q') });
  const link = join(dir, 'real', 'link.yaml');
  symlinkSync(join(dir, 'other', 'pod.yaml'), link);
  // privileged: false may stop a workload, so it is written only when asked for (--risk all)
  const r = mamori(['fix', '--write', '--risk', 'all', ...only, link]);
  assert.equal(r.code, 2);
  assert.match(r.stdout + r.stderr, new RegExp(`link\\.yaml: a symbolic link to ${join(dir, 'other', 'pod.yaml').replaceAll('/', '\\/')}`));
  assert.equal(readFileSync(join(dir, 'other', 'pod.yaml'), 'utf8'), POD('q'), 'the target is untouched');
  const file = join(dir, 'real', 'pod.yaml');
  mkdirSync(join(dir, 'hard'));
  linkSync(file, join(dir, 'hard', 'pod.yaml'));
  const ino = statSync(file).ino;
  const w = mamori(['fix', '--write', '--risk', 'all', ...only, join(dir, 'real')]);
  assert.equal(w.code, 0, w.stdout + w.stderr);
  assert.equal(statSync(file).ino, ino, 'written in place');
  assert.match(readFileSync(join(dir, 'hard', 'pod.yaml'), 'utf8'), /privileged: false/, 'the hard link sees the fix');
});
