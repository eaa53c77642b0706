// Table test for privileged-container: which containers Azure's no-privilege template flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, runCheck } from './testing.js';

const cases: { name: string; yaml: string; params?: Record<string, unknown>; want: string[] }[] = [
  {
    name: 'privileged: true on a Pod container',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext: {privileged: true}\n`,
    want: ['Pod/p a spec.containers[0].securityContext.privileged'],
  },
  {
    name: 'privileged: false and unset both pass',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {privileged: false}}\n  - {name: b, image: x}\n`,
    want: [],
  },
  {
    name: 'privileged in the pod securityContext is no field Kubernetes reads: the container is not privileged',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {privileged: true}\n  containers:\n  - {name: a, image: x}\n`,
    want: [],
  },
  {
    name: 'init and ephemeral containers of a Deployment are covered',
    yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: i, image: x, securityContext: {privileged: true}}\n      containers:\n      - {name: c, image: x}\n      ephemeralContainers:\n      - {name: e, image: x, securityContext: {privileged: true}}\n`,
    want: ['Deployment/d i spec.template.spec.initContainers[0].securityContext.privileged', 'Deployment/d e spec.template.spec.ephemeralContainers[0].securityContext.privileged'],
  },
  {
    name: 'CronJob pod template',
    yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x, securityContext: {privileged: true}}\n`,
    want: ['CronJob/cj c spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged'],
  },
  {
    name: 'excludedContainers and excludedImages (trailing * is a prefix)',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {privileged: true}}\n  - {name: b, image: reg.io/tools:1, securityContext: {privileged: true}}\n  - {name: c, image: nginx, securityContext: {privileged: true}}\n`,
    params: { excludedContainers: ['a'], excludedImages: ['reg.io/*', 'docker.io/library/nginx*'] },
    want: ['Pod/p c spec.containers[2].securityContext.privileged'],
  },
  {
    name: 'excludedImages: "*" alone matches every image',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {privileged: true}}\n  - {name: b, image: "reg.io:5000/t@sha256:abc", securityContext: {privileged: true}}\n`,
    params: { excludedImages: ['*'] },
    want: [],
  },
  {
    name: 'excludedImages: a * that is not trailing is literal',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: reg.io/team/app:1, securityContext: {privileged: true}}\n`,
    params: { excludedImages: ['reg.io/*/app:1'] },
    want: ['Pod/p a spec.containers[0].securityContext.privileged'],
  },
  {
    name: 'excludedImages: exact entries compare the whole string (tag, digest, registry port are just characters)',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: "reg.io:5000/app@sha256:abc", securityContext: {privileged: true}}\n  - {name: b, image: "reg.io:5000/app:1@sha256:abc", securityContext: {privileged: true}}\n  - {name: c, image: "reg.io/app:1", securityContext: {privileged: true}}\n  - {name: d, image: "reg.io:5000/app", securityContext: {privileged: true}}\n`,
    params: { excludedImages: ['reg.io:5000/app@sha256:abc', 'reg.io/app'] },
    want: ['Pod/p b spec.containers[1].securityContext.privileged', 'Pod/p c spec.containers[2].securityContext.privileged', 'Pod/p d spec.containers[3].securityContext.privileged'],
  },
  {
    name: 'excludedImages: a registry port is part of the prefix',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: "reg.io:5000/app:1", securityContext: {privileged: true}}\n  - {name: b, image: "reg.io/app:1", securityContext: {privileged: true}}\n`,
    params: { excludedImages: ['reg.io:5000/*'] },
    want: ['Pod/p b spec.containers[1].securityContext.privileged'],
  },
  {
    name: 'excludedContainers: exact, case-sensitive name match',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: x, securityContext: {privileged: true}}\n  - {name: app-sidecar, image: x, securityContext: {privileged: true}}\n`,
    params: { excludedContainers: ['App', 'app-*'] },
    want: ['Pod/p app spec.containers[0].securityContext.privileged', 'Pod/p app-sidecar spec.containers[1].securityContext.privileged'],
  },
  {
    name: 'Windows skip needs nodeSelector kubernetes.io/os exactly "windows" (not Windows, not affinity, not runtimeClass, not spec.os)',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector: {kubernetes.io/os: Windows}\n  containers:\n  - {name: a, image: x, securityContext: {privileged: true}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  os: {name: windows}\n  runtimeClassName: windows-2022\n  tolerations: [{key: os, value: windows}]\n  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/os, operator: In, values: [windows]}]}]}}}\n  containers:\n  - {name: a, image: x, securityContext: {privileged: true}}\n`,
    want: ['Pod/p a spec.containers[0].securityContext.privileged', 'Pod/q a spec.containers[0].securityContext.privileged'],
  },
  {
    name: 'Windows pods are skipped entirely',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - {name: a, image: x, securityContext: {privileged: true}}\n`,
    want: [],
  },
];

for (const c of cases) {
  test(`privileged-container: ${c.name}`, () => {
    assert.deepEqual(findingsOf('privileged-container', c.yaml, { params: c.params }), c.want);
  });
}

test('privileged-container: the finding points at the line of the field', () => {
  const r = runCheck('privileged-container', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      privileged: true\n`);
  assert.equal(r.findings[0]?.location?.line, 9);
  assert.equal(r.findings[0]?.location?.column, 7);
});

test('privileged-container: privileged: "yes" is an input error, not a pass', () => {
  const r = runCheck('privileged-container', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      privileged: "yes"\n`);
  assert.equal(r.findings.length, 0);
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0]?.line, 9);
  assert.match(r.errors[0]!.message, /privileged: expected boolean/);
});

test('privileged-container: unquoted yes is a YAML 1.1 boolean, as kubectl reads it', () => {
  const r = runCheck('privileged-container', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {privileged: yes}}\n`);
  assert.equal(r.findings.length, 1);
});

test('privileged-container: message prints the securityContext as Rego does (sorted keys, ": " and ", ")', () => {
  const r = runCheck('privileged-container', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 0, privileged: true, capabilities: {add: [SYS_ADMIN]}}}\n`);
  assert.equal(r.findings[0]?.message, 'Privileged container is not allowed: a, securityContext: {"capabilities": {"add": ["SYS_ADMIN"]}, "privileged": true, "runAsUser": 0}');
  const ja = runCheck('privileged-container', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {privileged: true}}\n`, { lang: 'ja' });
  assert.equal(ja.findings[0]?.message, '特権コンテナーは許可されていません: a、securityContext: {"privileged": true}');
});
