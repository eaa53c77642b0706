// Rule tests for privileged-container: which containers Azure's no-privilege template flags, its message and its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './privileged-container.js';

/** The error for container `c` at `path`, whose securityContext Rego prints as `sc`. */
const err = (c: string, path: string, resource?: string, sc = '{"privileged": true}') =>
  ({ path, container: c, resource, change: 'set-privileged-false', message: `Privileged container is not allowed: ${c}, securityContext: ${sc}` });
const pod = (containers: string, spec = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}  containers:\n${containers}`;
const priv = (name: string, image = 'x') => `  - {name: ${name}, image: ${JSON.stringify(image)}, securityContext: {privileged: true}}\n`;
const unpriv = (name: string, image = 'x') => `  - {name: ${name}, image: ${JSON.stringify(image)}, securityContext: {privileged: false}}\n`;

ruleTester(check, {
  valid: [
    { name: 'privileged: false and unset both pass', yaml: pod(`  - {name: a, image: x, securityContext: {privileged: false}}\n  - {name: b, image: x}\n`) },
    { name: 'privileged in the pod securityContext is no field Kubernetes reads: the container is not privileged', yaml: pod(`  - {name: a, image: x}\n`, `  securityContext: {privileged: true}\n`) },
    { name: 'excludedImages: "*" alone matches every image', yaml: pod(priv('a') + priv('b', 'reg.io:5000/t@sha256:abc')), params: { excludedImages: ['*'] } },
    { name: 'Windows pods are skipped entirely', yaml: pod(priv('a'), `  nodeSelector: {kubernetes.io/os: windows}\n`) },
  ],
  invalid: [
    {
      name: 'privileged: true on a Pod container, set to false',
      yaml: pod(`  - name: a\n    image: x\n    securityContext: {privileged: true}\n`),
      errors: [{
        ...err('a', 'spec.containers[0].securityContext.privileged'),
        line: 8,
        suggestion: pod(`  - name: a\n    image: x\n    securityContext: {privileged: false}\n`),
      }],
      output: null,
    },
    {
      name: 'init and ephemeral containers of a Deployment are covered',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: i, image: x, securityContext: {privileged: true}}\n      containers:\n      - {name: c, image: x}\n      ephemeralContainers:\n      - {name: e, image: x, securityContext: {privileged: true}}\n`,
      errors: [err('i', 'spec.template.spec.initContainers[0].securityContext.privileged', 'Deployment/d'), err('e', 'spec.template.spec.ephemeralContainers[0].securityContext.privileged', 'Deployment/d')],
      output: null,
    },
    {
      name: 'CronJob pod template',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x, securityContext: {privileged: true}}\n`,
      errors: [{ ...err('c', 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged', 'CronJob/cj'), suggestion: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x, securityContext: {privileged: false}}\n` }],
      output: null,
    },
    {
      name: 'excludedContainers and excludedImages (trailing * is a prefix)',
      yaml: pod(priv('a') + priv('b', 'reg.io/tools:1') + priv('c', 'nginx')),
      params: { excludedContainers: ['a'], excludedImages: ['reg.io/*', 'docker.io/library/nginx*'] },
      errors: [{ ...err('c', 'spec.containers[2].securityContext.privileged'), suggestion: pod(priv('a') + priv('b', 'reg.io/tools:1') + unpriv('c', 'nginx')) }],
      output: null,
    },
    {
      name: 'excludedImages: a * that is not trailing is literal',
      yaml: pod(priv('a', 'reg.io/team/app:1')),
      params: { excludedImages: ['reg.io/*/app:1'] },
      errors: [{ ...err('a', 'spec.containers[0].securityContext.privileged'), suggestion: pod(unpriv('a', 'reg.io/team/app:1')) }],
      output: null,
    },
    {
      name: 'excludedImages: exact entries compare the whole string (tag, digest, registry port are just characters)',
      yaml: pod(priv('a', 'reg.io:5000/app@sha256:abc') + priv('b', 'reg.io:5000/app:1@sha256:abc') + priv('c', 'reg.io/app:1') + priv('d', 'reg.io:5000/app')),
      params: { excludedImages: ['reg.io:5000/app@sha256:abc', 'reg.io/app'] },
      errors: [err('b', 'spec.containers[1].securityContext.privileged'), err('c', 'spec.containers[2].securityContext.privileged'), err('d', 'spec.containers[3].securityContext.privileged')],
      output: null,
    },
    {
      name: 'excludedImages: a registry port is part of the prefix',
      yaml: pod(priv('a', 'reg.io:5000/app:1') + priv('b', 'reg.io/app:1')),
      params: { excludedImages: ['reg.io:5000/*'] },
      errors: [{ ...err('b', 'spec.containers[1].securityContext.privileged'), suggestion: pod(priv('a', 'reg.io:5000/app:1') + unpriv('b', 'reg.io/app:1')) }],
      output: null,
    },
    {
      name: 'excludedContainers: exact, case-sensitive name match',
      yaml: pod(priv('app') + priv('app-sidecar')),
      params: { excludedContainers: ['App', 'app-*'] },
      errors: [err('app', 'spec.containers[0].securityContext.privileged'), err('app-sidecar', 'spec.containers[1].securityContext.privileged')],
      output: null,
    },
    {
      name: 'Windows skip needs nodeSelector kubernetes.io/os exactly "windows" (not Windows, not affinity, not runtimeClass, not spec.os)',
      yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector: {kubernetes.io/os: Windows}\n  containers:\n  - {name: a, image: x, securityContext: {privileged: true}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  os: {name: windows}\n  runtimeClassName: windows-2022\n  tolerations: [{key: os, value: windows}]\n  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/os, operator: In, values: [windows]}]}]}}}\n  containers:\n  - {name: a, image: x, securityContext: {privileged: true}}\n`,
      errors: [err('a', 'spec.containers[0].securityContext.privileged', 'Pod/p'), err('a', 'spec.containers[0].securityContext.privileged', 'Pod/q')],
      output: null,
    },
    {
      name: 'the message prints the securityContext as Rego does (sorted keys, ": " and ", ")',
      yaml: pod(`  - {name: a, image: x, securityContext: {runAsUser: 0, privileged: true, capabilities: {add: [SYS_ADMIN]}}}\n`),
      errors: [{ ...err('a', 'spec.containers[0].securityContext.privileged', 'Pod/p', '{"capabilities": {"add": ["SYS_ADMIN"]}, "privileged": true, "runAsUser": 0}'), suggestion: pod(`  - {name: a, image: x, securityContext: {runAsUser: 0, privileged: false, capabilities: {add: [SYS_ADMIN]}}}\n`) }],
      output: null,
    },
    {
      name: 'the Japanese message',
      lang: 'ja',
      yaml: pod(priv('a')),
      errors: [{ path: 'spec.containers[0].securityContext.privileged', message: '特権コンテナーは許可されていません: a、securityContext: {"privileged": true}', suggestion: pod(unpriv('a')) }],
      output: null,
    },
  ],
});

test('privileged-container: the finding points at the line and column of the field', () => {
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
