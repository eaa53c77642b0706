// What a new user hit on real repositories, through the built binary: merge keys, duplicate JSON keys, -o paths, audit without kubeconfig, seccomp generate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mamori, scratch, ROOT } from './run.js';
import { noKubeconfigError } from '../../src/kube/client.js';

const POD = (sc: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext: ${sc}\n`;

test('scan: a privileged container written through a merge key is found (it passed every check before)', () => {
  const dir = scratch({ 'merged.yaml': POD('{<<: {privileged: true}}') });
  const r = mamori(['scan', dir, '--profile', 'pss-baseline', '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { policyId: string; location: { file: string; line: number } }[] };
  assert.deepEqual(report.findings.map((f) => f.policyId), ['pss-privileged']);
  assert.equal(report.findings[0]!.location.line, 8);
});

test('scan: a JSON manifest with a duplicate key is an input error naming file and line; the other files are still scanned', () => {
  const dir = scratch({
    'a-dup.json': '{"apiVersion": "v1", "kind": "Pod",\n "metadata": {"name": "p"},\n "spec": {"containers": [{"name": "c", "image": "x"}],\n  "hostNetwork": false, "hostNetwork": true}}\n',
    'b-ok.yaml': POD('{privileged: true}'),
  });
  const r = mamori(['scan', dir, '--profile', 'pss-baseline', '--format', 'json']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /a-dup\.json:4: duplicate key: duplicated mapping key "hostNetwork"/);
  const report = JSON.parse(r.stdout) as { findings: { resource: { name: string } }[] };
  assert.equal(report.findings.length, 1, 'b-ok.yaml is still judged');
});

test('-o into a folder that does not exist is a usage error naming the path, for every command with -o', () => {
  const dir = scratch({ 'p.yaml': POD('{privileged: true}') });
  const out = join(dir, 'no', 'such', 'dir', 'out.txt');
  const trace = join(dir, 't.trace');
  const runs: string[][] = [
    ['scan', join(dir, 'p.yaml'), '-o', out],
    ['rbac', join(dir, 'p.yaml'), '-o', out],
    ['versions', join(dir, 'p.yaml'), '-o', out],
    ['apparmor', 'generate', '--name', 'x', '-o', out],
    ['apparmor', 'lint', join(ROOT, 'examples', 'deny-write.apparmor'), '-o', out],
    ['seccomp', 'lint', join(ROOT, 'examples', 'prevent-chmod.json'), '-o', out],
    ['seccomp', 'convert', join(ROOT, 'examples', 'prevent-chmod.json'), '-o', out],
    ['seccomp', 'merge', join(ROOT, 'examples', 'prevent-chmod.json'), join(ROOT, 'examples', 'prevent-chmod.json'), '-o', out],
    ['seccomp', 'generate', trace, '-o', out],
  ];
  writeFileSync(trace, '1 execve("/bin/true", ["true"], 0x7ffd /* 1 var */) = 0\n1 exit_group(0) = ?\n');
  for (const args of runs) {
    const r = mamori(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.includes(`cannot write --output ${out}: the folder ${join(dir, 'no', 'such', 'dir')} does not exist`), `${args.join(' ')}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /internal error|ENOENT|\n {4}at /, args.join(' '));
  }
  const onFolder = mamori(['scan', join(dir, 'p.yaml'), '-o', dir]);
  assert.equal(onFolder.code, 2);
  assert.match(onFolder.stderr, /cannot write --output .*: it is a folder; name a file/);
});

test('audit without any kubeconfig says none was found and where it looked (not a TLS message)', () => {
  const home = mkdtempSync(join(tmpdir(), 'mamori-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.KUBECONFIG;
  const r = mamori(['audit'], { env });
  assert.equal(r.code, 2);
  const token = '/var/run/secrets/kubernetes.io/serviceaccount/token';
  if (existsSync(token)) {
    // inside a Pod the service account is found: the message must then not claim there is no kubeconfig
    assert.doesNotMatch(r.stderr, /no kubeconfig found/);
  } else {
    assert.equal(r.stderr.trim(), `mamori: no kubeconfig found; looked at KUBECONFIG (not set), ${join(home, '.kube', 'config')} (no such file), ${token} (not running in a Pod): pass --kubeconfig FILE or set KUBECONFIG`);
  }
  assert.doesNotMatch(r.stderr, /HTTP protocol|skipTLSVerify/);
});

test('noKubeconfigError: any of KUBECONFIG, ~/.kube/config or the service account token is enough', () => {
  const none = (): boolean => false;
  assert.match(noKubeconfigError({}, '/h', none)!.message, /^no kubeconfig found; looked at KUBECONFIG \(not set\), \/h\/\.kube\/config \(no such file\), /);
  assert.match(noKubeconfigError({}, undefined, none)!.message, /~\/\.kube\/config \(HOME not set\)/);
  assert.equal(noKubeconfigError({ KUBECONFIG: '/k' }, '/h', none), undefined);
  assert.equal(noKubeconfigError({}, '/h', (p) => p === '/h/.kube/config'), undefined);
  assert.equal(noKubeconfigError({}, '/h', (p) => p.endsWith('/token')), undefined);
});

test('seccomp generate -o all.json names all.json in its instructions; an unknown syscall gets one note', () => {
  const dir = scratch({
    'first.trace': '1 execve("/bin/true", ["true"], 0x7ffd /* 1 var */) = 0\n1 frobnicate(1) = 0\n',
    'second.trace': '2 brk(NULL) = 0x55\n2 exit_group(0) = ?\n',
  });
  const out = join(dir, 'all.json');
  const r = mamori(['seccomp', 'generate', join(dir, 'first.trace'), join(dir, 'second.trace'), '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(out));
  assert.match(r.stderr, /copy the profile to \/var\/lib\/kubelet\/seccomp\/all\.json /);
  assert.match(r.stderr, /localhostProfile: all\.json\n/);
  assert.doesNotMatch(r.stderr, /first\.json/);
  const notes = r.stderr.split('\n').filter((l) => l.includes('frobnicate'));
  assert.deepEqual(notes, [`  note: ${join(dir, 'first.trace')}:2: frobnicate is not a syscall on x86_64; left out of the profile`]);
  assert.doesNotMatch(readFileSync(out, 'utf8'), /frobnicate/);
  // --name still decides the wiring when given
  const named = mamori(['seccomp', 'generate', join(dir, 'second.trace'), '-o', out, '--name', 'web']);
  assert.match(named.stderr, /localhostProfile: web\.json\n/);
});
