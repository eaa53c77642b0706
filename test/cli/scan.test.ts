// `mamori scan` end to end through the built binary: inputs, formats, exit codes, bad input, config, ledger.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv-draft-04';
import { mamori, scratch, ROOT } from './run.js';
import type { Report } from '../../src/core/report.js';

const PRIV = (name: string, ns = 'apps') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
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
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

test('scan: a finding exits 1 and names file, line and column', () => {
  const dir = scratch({ 'pod.yaml': PRIV('p') });
  const { code, report } = json(['scan', dir, ...only]);
  assert.equal(code, 1);
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.findings.length, 1);
  const f = report.findings[0]!;
  assert.equal(f.path, 'spec.containers[0].securityContext.privileged');
  assert.deepEqual(f.resource, { apiVersion: 'v1', kind: 'Pod', namespace: 'apps', name: 'p' });
  assert.equal(f.location?.file, join(dir, 'pod.yaml'));
  assert.equal(f.location?.line, 11);
});

test('scan: clean input exits 0; --fail-on none exits 0 even with findings; --fail-on high ignores medium', () => {
  const clean = scratch({ 'ok.yaml': PRIV('p').replace('privileged: true', 'privileged: false') });
  assert.equal(mamori(['scan', clean, ...only]).code, 0);
  const dirty = scratch({ 'pod.yaml': PRIV('p') });
  assert.equal(mamori(['scan', dirty, ...only, '--fail-on', 'none']).code, 0);
  assert.equal(mamori(['scan', dirty, ...only, '--fail-on', 'high']).code, 0);
  assert.equal(mamori(['scan', dirty, ...only, '--fail-on', 'medium']).code, 1);
});

test('scan: stdin, multi-document YAML, JSON files and List objects are all read', () => {
  const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [JSON.parse(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'inlist', namespace: 'a' }, spec: { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] } }))] });
  const dir = scratch({ 'multi.yml': `${PRIV('one')}---\n# comment only\n---\n${PRIV('two')}`, 'list.json': list, 'notes.txt': 'ignored: not a manifest extension' });
  const { report } = json(['scan', dir, ...only]);
  assert.deepEqual(report.findings.map((f) => f.resource.name).sort(), ['inlist', 'one', 'two']);
  const two = report.findings.find((f) => f.resource.name === 'two')!;
  assert.equal(two.location?.line, 25, 'line numbers count from the start of the file, across documents');
  const listed = report.findings.find((f) => f.resource.name === 'inlist')!;
  assert.equal(listed.path, 'spec.containers[0].securityContext.privileged');
  const fromStdin = json(['scan', '-', ...only], { input: PRIV('piped') });
  assert.equal(fromStdin.report.findings[0]?.resource.name, 'piped');
  assert.equal(fromStdin.report.findings[0]?.location?.file, '<stdin>');
});

test('scan: objects without a namespace take --namespace (default "default")', () => {
  const pod = PRIV('p').replace('  namespace: apps\n', '');
  assert.equal(json(['scan', '-', ...only], { input: pod }).report.findings[0]?.resource.namespace, 'default');
  assert.equal(json(['scan', '-', ...only, '--namespace', 'team-a'], { input: pod }).report.findings[0]?.resource.namespace, 'team-a');
});

test('scan: bad inputs are reported with file and line, exit 2, and every other input is still scanned', () => {
  const dir = scratch({
    'a-good.yaml': PRIV('good'),
    'b-broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n',
    'c-dupe.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n',
    'd-binary.yaml': Buffer.from([0x61, 0x3a, 0x20, 0x00, 0x01, 0x02]),
    'e-latin1.yaml': Buffer.from('a: b\nname: caf\xe9\n', 'latin1'),
    'f-bomb.yaml': `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 120 }, (_, i) => `k${i}: [*a,*a,*a,*a,*a,*a,*a,*a,*a]`).join('\n')}\n`,
    'g-notk8s.yaml': 'just: some\nconfig: file\n',
    'h-types.yaml': PRIV('typed').replace('privileged: true', 'privileged: "yes"'),
    'i-containers.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: {}\n',
    'j-second-doc-broken.yaml': `${PRIV('before')}---\nkind: [\n---\n${PRIV('after')}`,
    'k-seccomp.json': '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": []}',
  });
  const { code, report } = json(['scan', dir, join(dir, 'missing.yaml'), ...only]);
  assert.equal(code, 2);
  const byFile = (name: string) => report.errors.filter((e) => e.file.endsWith(name));
  const brokenLine = byFile('b-broken.yaml')[0]?.line ?? 0;
  assert.ok(brokenLine >= 4 && brokenLine <= 5, `unclosed flow sequence reported at line ${brokenLine}`);
  assert.match(byFile('c-dupe.yaml')[0]!.message, /duplicate key/);
  assert.equal(byFile('c-dupe.yaml')[0]?.line, 5);
  assert.match(byFile('d-binary.yaml')[0]!.message, /binary/);
  assert.match(byFile('e-latin1.yaml')[0]!.message, /UTF-8/);
  assert.equal(byFile('e-latin1.yaml')[0]?.line, 2);
  assert.match(byFile('f-bomb.yaml')[0]!.message, /alias/);
  assert.equal(byFile('g-notk8s.yaml').length, 0, 'a document without apiVersion and kind is no object: skipped, not an error');
  assert.equal(report.summary.skipped, 2, 'g-notk8s.yaml and the seccomp profile are counted as skipped');
  assert.match(byFile('h-types.yaml')[0]!.message, /privileged: expected boolean, got the string "yes"/);
  assert.equal(byFile('h-types.yaml')[0]?.line, 11);
  assert.match(byFile('i-containers.yaml')[0]!.message, /spec\.containers: expected array, got a mapping/);
  assert.equal(byFile('j-second-doc-broken.yaml').length, 1);
  assert.match(byFile('missing.yaml')[0]!.message, /no such file/);
  assert.equal(byFile('k-seccomp.json').length, 0, 'a seccomp profile beside the manifests is skipped, not an error');
  assert.ok(report.notices.some((n) => /k-seccomp\.json:1: skipped: a seccomp profile/.test(n.message)));
  assert.deepEqual(report.findings.map((f) => f.resource.name).sort(), ['after', 'before', 'good']);
});

test('scan: table output groups by resource, has a summary line, no colour when piped', () => {
  const dir = scratch({ 'pod.yaml': PRIV('p') });
  const r = mamori(['scan', dir, ...only]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /pod\.yaml\n {2}Pod\/apps\/p$/m);
  assert.match(r.stdout, /Privileged containers should be avoided \[privileged-container\] \(c\)/);
  assert.match(r.stdout, /1 resources scanned, 1 findings \(0 high, 1 medium, 0 low\)/);
  assert.ok(!r.stdout.includes('\x1b['), 'no escape sequence when stdout is not a terminal');
});

test('scan: --lang ja prints Japanese titles and messages', () => {
  const dir = scratch({ 'pod.yaml': PRIV('p') });
  const r = mamori(['scan', dir, ...only, '--lang', 'ja']);
  assert.match(r.stdout, /特権コンテナー/);
  assert.match(r.stdout, /検出事項 1 件/);
  const viaEnv = mamori(['scan', dir, ...only], { env: { LANG: 'ja_JP.UTF-8' } });
  assert.match(viaEnv.stdout, /特権コンテナー/);
});

test('scan: SARIF output validates against the SARIF 2.1.0 schema', () => {
  const dir = scratch({ 'pod.yaml': PRIV('p'), 'broken.yaml': 'a: [' });
  const r = mamori(['scan', dir, ...only, '--format', 'sarif']);
  const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-2.1.0.schema.json'), 'utf8')) as object;
  // ajv-draft-04 is CommonJS: its class is the default export's default.
  const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
  const ajv = new (Ajv as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } })({ allErrors: true, strict: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const run = log.runs[0]!;
  assert.equal(run.results[0]?.ruleId, 'privileged-container');
  assert.equal(run.results[0]?.level, 'warning');
  assert.equal(run.results[0]?.locations[0]?.physicalLocation.region.startLine, 11);
  assert.ok(run.tool.driver.rules.some((x) => x.id === 'privileged-container'));
});

test('scan: JUnit has one failing test case per (resource, check) and counts passes', () => {
  const dir = scratch({ 'pods.yaml': `${PRIV('bad1')}---\n${PRIV('bad2')}---\n${PRIV('fine').replace('privileged: true', 'privileged: false')}` });
  const r = mamori(['scan', dir, ...only, '--format', 'junit']);
  assert.match(r.stdout, /^<\?xml/);
  assert.equal((r.stdout.match(/<failure /g) ?? []).length, 2);
  assert.match(r.stdout, /<testsuite name="privileged-container" tests="3" failures="2"/);
  assert.match(r.stdout, /1 other resource\(s\) passed/);
});

test('scan: --output writes the file and nothing to stdout', () => {
  const dir = scratch({ 'pod.yaml': PRIV('p') });
  const out = join(dir, 'out.json');
  const r = mamori(['scan', join(dir, 'pod.yaml'), ...only, '-f', 'json', '-o', out]);
  assert.equal(r.stdout, '');
  assert.equal((JSON.parse(readFileSync(out, 'utf8')) as Report).findings.length, 1);
});

test('scan: config with an unknown key, a bad effect or an invalid regex is exit 2 naming key and line', () => {
  const dir = scratch({
    'unknown.yaml': 'profile: defender\nexcludedNamespace: [a]\n',
    'effect.yaml': 'policies:\n  privileged-container:\n    effect: Block\n',
    'pod.yaml': PRIV('p'),
  });
  const a = mamori(['scan', join(dir, 'pod.yaml'), '--config', join(dir, 'unknown.yaml'), ...only]);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /unknown\.yaml(:\d+)?: .*unknown key "excludedNamespace"/);
  const b = mamori(['scan', join(dir, 'pod.yaml'), '--config', join(dir, 'effect.yaml'), ...only]);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /effect\.yaml:3: policies\.privileged-container\.effect/);
  const c = mamori(['scan', join(dir, 'pod.yaml'), '--profile', 'nope']);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /unknown profile "nope"/);
  const d = mamori(['scan', join(dir, 'pod.yaml'), '--policy', 'no-such-check']);
  assert.equal(d.code, 2);
});

test('scan: the exception ledger excepts, expires and lists unused entries', () => {
  const cfg = `exceptions:
  - policy: privileged-container
    resource: {kind: Pod, namespace: apps, name: ok-until-2099}
    reason: needs raw sockets
    owner: platform
    expires: 2099-01-01
  - policy: privileged-container
    resource: {kind: Pod, namespace: apps, name: expired}
    reason: old
    expires: 2020-01-01
  - policy: privileged-container
    resource: {kind: Pod, name: nothing-matches}
    reason: stale entry
`;
  const dir = scratch({ 'mamori.yaml': cfg, 'pods.yaml': `${PRIV('ok-until-2099')}---\n${PRIV('expired')}` });
  const { code, report } = json(['scan', 'pods.yaml', ...only], { cwd: dir });
  assert.equal(code, 1);
  const ex = report.findings.find((f) => f.resource.name === 'ok-until-2099')!;
  assert.equal(ex.status, 'excepted');
  assert.equal(ex.statusReason, 'needs raw sockets');
  assert.equal(report.findings.find((f) => f.resource.name === 'expired')?.status, 'open');
  assert.ok(report.notices.some((n) => /expired on 2020-01-01/.test(n.message)));
  assert.deepEqual(report.unusedExceptions.map((u) => u.reason), ['stale entry']);
  assert.equal(report.summary.findings, 1);
  assert.equal(report.summary.excepted, 1);
  const onlyExcepted = json(['scan', '-', ...only], { cwd: dir, input: PRIV('ok-until-2099') });
  assert.equal(onlyExcepted.code, 0, 'an excepted finding does not fail the build');
});

test('scan: mamori.dev/ignore suppresses with its reason, reported not dropped', () => {
  const pod = PRIV('p').replace('  namespace: apps\n', '  namespace: apps\n  annotations:\n    mamori.dev/ignore: "privileged-container, other"\n    mamori.dev/ignore-reason: CNI plugin\n');
  const { code, report } = json(['scan', '-', ...only], { input: pod });
  assert.equal(code, 0);
  assert.equal(report.findings[0]?.status, 'suppressed');
  assert.equal(report.findings[0]?.statusReason, 'CNI plugin');
  assert.equal(report.summary.suppressed, 1);
});

test('scan: a custom workload kind is evaluated through its declared pod template path', () => {
  const rollout = `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r, namespace: a}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: c, image: x, securityContext: {privileged: true}}\n`;
  const dir = scratch({ 'mamori.yaml': 'workloadKinds:\n  - {kind: Rollout, apiVersion: argoproj.io/v1alpha1, podTemplatePath: spec.template}\n', 'r.yaml': rollout });
  const { report } = json(['scan', 'r.yaml', ...only], { cwd: dir });
  assert.equal(report.findings[0]?.path, 'spec.template.spec.containers[0].securityContext.privileged');
  assert.equal(report.findings[0]?.resource.kind, 'Rollout');
  const without = json(['scan', '-', ...only], { input: rollout });
  assert.equal(without.report.findings.length, 0);
});

test('scan: usage errors exit 2 without a stack trace', () => {
  const r = mamori(['scan', 'examples', '--format', 'yaml']);
  assert.equal(r.code, 2);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
});

test('scan: an Azure Policy assignment parameters file carries over unchanged (--azure-parameters)', () => {
  const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  containers:\n  - {name: ok, image: contoso.azurecr.io/app:1}\n  - {name: bad, image: docker.io/library/nginx:1.27}\n`;
  const dir = scratch({
    'assignment.json': JSON.stringify({ allowedContainerImagesRegex: { value: '^[^/]+\\.azurecr\\.io/.+$' }, effect: { value: 'deny' } }),
    'wrapped.json': JSON.stringify({ parameters: { allowedContainerImagesRegex: { value: '^docker\\.io/.+$' } } }),
    'broken.json': JSON.stringify({ allowedContainerImagesRegex: '^x$' }),
  });
  const a = json(['scan', '-', '--policy', 'untrusted-registry', '--azure-parameters', join(dir, 'assignment.json')], { input: pod });
  assert.equal(a.code, 1);
  assert.deepEqual(a.report.notices, [], 'configured: no "needs configuration" notice');
  assert.deepEqual(a.report.findings.map((f) => `${f.container} ${f.effect}`), ['bad Deny']);
  const b = json(['scan', '-', '--policy', 'untrusted-registry', '--azure-parameters', join(dir, 'wrapped.json')], { input: pod });
  assert.deepEqual(b.report.findings.map((f) => `${f.container} ${f.effect}`), ['ok Audit']);
  const c = mamori(['scan', '-', '--policy', 'untrusted-registry', '--azure-parameters', join(dir, 'broken.json')], { input: pod });
  assert.equal(c.code, 2);
  assert.match(c.stderr, /broken\.json: parameter allowedContainerImagesRegex: expected \{"value": …\}/);
});
