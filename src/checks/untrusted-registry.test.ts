// Rule tests for untrusted-registry: which images Azure's allowed-images template rejects, and its configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../test/support/check-run.js';
import check, { compileRe2 } from './untrusted-registry.js';
import { loadConfigFile, resolveEngineConfig } from '../config/load.js';
import { ruleTester } from '../../test/support/rule-tester.js';

const ID = 'untrusted-registry';
const ACR = '^[^/]+\\.azurecr\\.io/.+$';

function pod(...containers: string[]): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${containers.map((c) => `  - ${c}\n`).join('')}`;
}

ruleTester(check, {
  valid: [
    {
      name: 'a container with no image produces nothing',
      yaml: pod('{name: a}'),
      params: { allowedContainerImagesRegex: ACR },
    },
    {
      name: 'RE2 leading (?i) flag',
      yaml: pod('{name: a, image: MyAcr.AzureCR.io/x}'),
      params: { allowedContainerImagesRegex: '(?i)^[^/]+\\.azurecr\\.io/' },
    },
  ],
  invalid: [
    {
      name: 'ACR image passes, Docker Hub short name fails',
      yaml: pod('{name: a, image: myacr.azurecr.io/redis:7}', '{name: b, image: redis:latest}'),
      params: { allowedContainerImagesRegex: ACR },
      errors: [{ path: 'spec.containers[1].image', container: 'b', message: 'Container image redis:latest for container b has not been allowed.' }],
      output: null,
    },
    {
      name: 'no implicit docker.io/library/: a regex for docker.io rejects "nginx"',
      yaml: pod('{name: a, image: nginx}', '{name: b, image: docker.io/library/nginx}'),
      params: { allowedContainerImagesRegex: '^docker\\.io/' },
      errors: [{ path: 'spec.containers[0].image', container: 'a', message: 'Container image nginx for container a has not been allowed.' }],
      output: null,
    },
    {
      name: 'search, not full match: an unanchored regex accepts look-alike registries',
      yaml: pod('{name: a, image: evil.com/azurecr.io/x}', '{name: b, image: myacr.azurecr.io.evil.com/x}', '{name: c, image: quay.io/x}'),
      params: { allowedContainerImagesRegex: 'azurecr\\.io' },
      errors: [{ path: 'spec.containers[2].image', container: 'c', message: 'Container image quay.io/x for container c has not been allowed.' }],
      output: null,
    },
    {
      name: 'anchored regex rejects the look-alikes',
      yaml: pod('{name: a, image: evil.com/azurecr.io/x}', '{name: b, image: myacr.azurecr.io.evil.com/x}'),
      params: { allowedContainerImagesRegex: ACR },
      errors: [
        { path: 'spec.containers[0].image', container: 'a', message: 'Container image evil.com/azurecr.io/x for container a has not been allowed.' },
        { path: 'spec.containers[1].image', container: 'b', message: 'Container image myacr.azurecr.io.evil.com/x for container b has not been allowed.' },
      ],
      output: null,
    },
    {
      name: 'digests are literal text',
      yaml: pod('{name: a, image: "myacr.azurecr.io/x@sha256:abc"}', '{name: b, image: "myacr.azurecr.io/x:1"}'),
      params: { allowedContainerImagesRegex: '^myacr\\.azurecr\\.io/x@sha256:' },
      errors: [{ path: 'spec.containers[1].image', container: 'b', message: 'Container image myacr.azurecr.io/x:1 for container b has not been allowed.' }],
      output: null,
    },
    {
      name: 'a port in the registry host is part of the string: [^/]+ accepts it, a host-only regex does not',
      yaml: pod('{name: a, image: "myacr.azurecr.io:443/x:1"}', '{name: b, image: "localhost:5000/x"}'),
      params: { allowedContainerImagesRegex: '^myacr\\.azurecr\\.io/' },
      errors: [
        { path: 'spec.containers[0].image', container: 'a', message: 'Container image myacr.azurecr.io:443/x:1 for container a has not been allowed.' },
        { path: 'spec.containers[1].image', container: 'b', message: 'Container image localhost:5000/x for container b has not been allowed.' },
      ],
      output: null,
    },
    {
      name: 'the ACR example regex accepts a registry port ([^/]+ spans it)',
      yaml: pod('{name: a, image: "myacr.azurecr.io:443/x:1"}'),
      params: { allowedContainerImagesRegex: ACR },
      errors: [{ path: 'spec.containers[0].image', container: 'a', message: 'Container image myacr.azurecr.io:443/x:1 for container a has not been allowed.' }],
      output: null,
    },
    {
      name: 'a registry port is accepted by a regex that spells it',
      yaml: pod('{name: a, image: "myacr.azurecr.io:443/x:1"}', '{name: b, image: "myacr.azurecr.io/x:1"}'),
      params: { allowedContainerImagesRegex: '^myacr\\.azurecr\\.io:443/' },
      errors: [{ path: 'spec.containers[1].image', container: 'b', message: 'Container image myacr.azurecr.io/x:1 for container b has not been allowed.' }],
      output: null,
    },
    {
      name: 'no implicit :latest, and a digest-only reference is matched as written',
      yaml: pod('{name: a, image: "myacr.azurecr.io/x"}', '{name: b, image: "myacr.azurecr.io/x@sha256:0123"}', '{name: c, image: "myacr.azurecr.io/x:latest"}'),
      params: { allowedContainerImagesRegex: ':latest$' },
      errors: [
        { path: 'spec.containers[0].image', container: 'a', message: 'Container image myacr.azurecr.io/x for container a has not been allowed.' },
        { path: 'spec.containers[1].image', container: 'b', message: 'Container image myacr.azurecr.io/x@sha256:0123 for container b has not been allowed.' },
      ],
      output: null,
    },
    {
      name: 'several registries with alternation',
      yaml: pod('{name: a, image: registry.io/a}', '{name: b, image: x.azurecr.io/b}', '{name: c, image: ghcr.io/c}'),
      params: { allowedContainerImagesRegex: '^([^\\/]+\\.azurecr\\.io|registry\\.io)\\/.+$' },
      errors: [{ path: 'spec.containers[2].image', container: 'c', message: 'Container image ghcr.io/c for container c has not been allowed.' }],
      output: null,
    },
    {
      name: 'excludedContainers applies; excludedImages does not',
      yaml: pod('{name: a, image: redis}', '{name: b, image: redis}'),
      params: { allowedContainerImagesRegex: ACR, excludedContainers: ['a'] },
      errors: [{ path: 'spec.containers[1].image', container: 'b', message: 'Container image redis for container b has not been allowed.' }],
      output: null,
    },
    {
      name: 'init and ephemeral containers of a Deployment are covered',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: i, image: busybox}\n      containers:\n      - {name: c, image: r.azurecr.io/c}\n      ephemeralContainers:\n      - {name: e, image: debug}\n`,
      params: { allowedContainerImagesRegex: ACR },
      errors: [
        { path: 'spec.template.spec.initContainers[0].image', container: 'i', resource: 'Deployment/d', message: 'Container image busybox for container i has not been allowed.' },
        { path: 'spec.template.spec.ephemeralContainers[0].image', container: 'e', resource: 'Deployment/d', message: 'Container image debug for container e has not been allowed.' },
      ],
      output: null,
    },
    {
      name: 'CronJob pod template',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: alpine}\n`,
      params: { allowedContainerImagesRegex: ACR },
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].image', container: 'c', resource: 'CronJob/cj', message: 'Container image alpine for container c has not been allowed.' }],
      output: null,
    },
    {
      name: 'Windows pods are checked too',
      yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - {name: a, image: mcr.microsoft.com/windows}\n`,
      params: { allowedContainerImagesRegex: ACR },
      errors: [{ path: 'spec.containers[0].image', container: 'a', message: 'Container image mcr.microsoft.com/windows for container a has not been allowed.' }],
      output: null,
    },
  ],
});

test(`${ID}: the MCSB default regex gives one notice, not a finding per container`, () => {
  const r = runCheck(ID, pod('{name: a, image: redis}', '{name: b, image: x.azurecr.io/b}'));
  assert.equal(r.findings.length, 0);
  assert.equal(r.notices.length, 1);
  assert.match(r.notices[0]!.message, /policies\.untrusted-registry\.parameters\.allowedContainerImagesRegex/);
  assert.match(r.notices[0]!.message, /\^\[\^\/\]\+\\\.azurecr\\\.io\/\.\+\$/);
  const same = runCheck(ID, pod('{name: a, image: redis}'), { params: { allowedContainerImagesRegex: '^(.+){0}$' } });
  assert.equal(same.notices.length, 1);
  const ja = runCheck(ID, pod('{name: a, image: redis}'), { lang: 'ja' });
  assert.match(ja.notices[0]!.message, /構成が必要/);
});

test(`${ID}: the default regex, if evaluated, matches only the empty string`, () => {
  const re = compileRe2('^(.+){0}$');
  assert.equal(re.test(''), true);
  assert.equal(re.test('myacr.azurecr.io/x'), false);
});

test(`${ID}: Japanese message`, () => {
  const r = runCheck(ID, pod('{name: a, image: redis}'), { params: { allowedContainerImagesRegex: ACR }, lang: 'ja' });
  assert.deepEqual(r.findings.map((f) => f.message), ['コンテナー a のイメージ redis は許可されていません。']);
});

test(`${ID}: parameter validation rejects invalid and non-RE2 regexes, naming the key`, () => {
  for (const bad of ['(', '[a-z', 'a(?=b)', '(?<!x)y', '(a)\\1', '[[:nope:]]', 'a{1001}', '\\Z', 'x*+']) {
    const r = check.params.safeParse({ allowedContainerImagesRegex: bad });
    assert.equal(r.success, false, bad);
    assert.deepEqual(r.error!.issues[0]!.path, ['allowedContainerImagesRegex'], bad);
    assert.match(r.error!.issues[0]!.message, /allowedContainerImagesRegex: not a valid regular expression/, bad);
  }
  for (const good of [ACR, '(?P<reg>[^/]+)/x', '\\Aa.azurecr.io/', '^[[:alnum:]-]+\\.azurecr\\.io/', '[]a]', '(?i:x)', '(?U)a+', '[[:^alpha:]]', '\\pL']) {
    assert.equal(check.params.safeParse({ allowedContainerImagesRegex: good }).success, true, good);
  }
});

test(`${ID}: the parameter error carries RE2's own reason`, () => {
  const r = check.params.safeParse({ allowedContainerImagesRegex: 'a(?=b)' });
  assert.equal(r.success, false);
  assert.match(r.error!.issues[0]!.message, /\(RE2\): invalid or unsupported Perl syntax: `\(\?=`$/);
});

test(`${ID}: RE2 semantics where JavaScript's differ`, () => {
  // flags inside the pattern, scoped to a group: JavaScript (Node 20) has no (?i:…)
  assert.equal(compileRe2('^(?i:MYACR)\\.azurecr\\.io/').test('myacr.azurecr.io/x'), true);
  assert.equal(compileRe2('^(?i:MYACR)\\.AZURECR\\.io/').test('myacr.azurecr.io/x'), false);
  // (?s) in the middle of a pattern: from there on . matches a newline
  assert.equal(compileRe2('^a(?s).b$').test('a\nb'), true);
  assert.equal(compileRe2('^a.b$').test('a\nb'), false);
  // $ without (?m) is the end of the text, never before a final newline (JavaScript agrees; Perl and PCRE do not)
  assert.equal(compileRe2('^x$').test('x\n'), false);
  // a negated POSIX class
  assert.equal(compileRe2('[[:^digit:]]').test('123'), false);
  assert.equal(compileRe2('^[[:^digit:]]+$').test('abc'), true);
  // \pN and Unicode classes; \Q…\E quotes
  assert.equal(compileRe2('^\\pL+$').test('héllo'), true);
  assert.equal(compileRe2('^\\Qa.b\\E$').test('a.b'), true);
  assert.equal(compileRe2('^\\Qa.b\\E$').test('axb'), false);
  // \Z (end of text in Perl) is not RE2
  assert.throws(() => compileRe2('x\\Z'), /invalid escape sequence/);
});

test(`${ID}: a pattern that backtracks exponentially in JavaScript runs in linear time`, () => {
  // (a+)+$ against "aaa…a!" takes 2^n steps in a backtracking engine: with n = 100,000 it would never end.
  const evil = `${'a'.repeat(100_000)}!`;
  assert.equal(compileRe2('^(a+)+$').test(evil), false);
  assert.equal(compileRe2('^(a|a)*$').test(evil), false);
  assert.equal(compileRe2('^(a|a)*!$').test(evil), true);
  // the same through the check, as the webhook would meet it: an attacker-chosen image string
  const yaml = pod(`{name: a, image: "${'a'.repeat(50_000)}!"}`);
  const r = runCheck(ID, yaml, { params: { allowedContainerImagesRegex: '^([a-z]+)+\\.azurecr\\.io/' } });
  assert.deepEqual(r.findings.map((f) => `${f.resource.kind}/${f.resource.name} ${f.container} ${f.path}`), ['Pod/p a spec.containers[0].image']);
});

test(`${ID}: RE2 syntax behaves as RE2 does`, () => {
  assert.equal(compileRe2('^[[:alpha:]]+$').test('abc'), true);
  assert.equal(compileRe2('^[[:alpha:]]+$').test('ab1'), false);
  assert.equal(compileRe2('x\\z').test('ax'), true);
  assert.equal(compileRe2('x\\z').test('x\n'), false);
  assert.equal(compileRe2('[]a]').test(']'), true);
});

test(`${ID}: a bad regex in mamori.yaml is a config error naming the key and line`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-ur-'));
  try {
    const file = join(dir, 'mamori.yaml');
    writeFileSync(file, 'policies:\n  untrusted-registry:\n    parameters:\n      allowedContainerImagesRegex: "(unclosed"\n');
    const loaded = loadConfigFile(file);
    assert.throws(() => resolveEngineConfig(loaded, { lang: 'en', only: [ID] }), (e: Error) => {
      assert.match(e.message, /policies\.untrusted-registry\.parameters\.allowedContainerImagesRegex/);
      assert.match(e.message, /mamori\.yaml:4/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
