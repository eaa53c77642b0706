// Rule tests for privilege-escalation-allowed: the v3 three-way rule, including the passes that surprise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './privilege-escalation-allowed.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}`;

ruleTester(check, {
  valid: [
    {
      name: 'surprising pass: no allowPrivilegeEscalation and no runAsUser anywhere',
      yaml: pod(`  containers:\n  - {name: a, image: x}\n  - {name: b, image: x, securityContext: {}}\n`),
    },
    {
      name: 'surprising pass: container runAsUser 0 overrides a non-zero pod value (Azure sample pass-uid)',
      yaml: pod(`  securityContext: {runAsUser: 1000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 0}}\n`),
    },
    {
      name: 'pod runAsUser 0 and container unset passes',
      yaml: pod(`  securityContext: {runAsUser: 0}\n  containers:\n  - {name: a, image: x}\n`),
    },
    {
      name: 'explicit false passes with any user',
      yaml: pod(`  securityContext: {runAsUser: 1000}\n  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: false, runAsUser: 2000}}\n  - {name: b, image: x, securityContext: {allowPrivilegeEscalation: false}}\n`),
    },
    {
      name: 'runAsNonRoot and privileged are not considered',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: true}}\n  - {name: b, image: x, securityContext: {privileged: true, capabilities: {add: [SYS_ADMIN]}}}\n`),
    },
    {
      name: 'Windows pods are skipped',
      yaml: pod(`  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: true}}\n`),
    },
  ],
  invalid: [
    {
      name: 'a: allowPrivilegeEscalation: true',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: true}}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'a', message: 'Privilege escalation container is not allowed: a', change: 'set-allow-privilege-escalation-false' }],
      output: null,
    },
    {
      name: 'a: explicit true fires even as UID 0',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: true, runAsUser: 0}}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'a', message: 'Privilege escalation container is not allowed: a', change: 'set-allow-privilege-escalation-false' }],
      output: null,
    },
    {
      name: 'b: container runAsUser non-zero without an explicit false',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 1000}}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'a', message: 'Privilege escalation container is not allowed: a', change: 'set-allow-privilege-escalation-false', suggestion: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 1000, allowPrivilegeEscalation: false}}\n' }],
      output: null,
    },
    {
      name: 'b: allowPrivilegeEscalation: null is not an explicit false',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: null, runAsUser: 1000}}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'a', message: 'Privilege escalation container is not allowed: a', change: 'set-allow-privilege-escalation-false', suggestion: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: false, runAsUser: 1000}}\n' }],
      output: null,
    },
    {
      name: 'c: pod runAsUser non-zero, container unset; the path is where the field belongs on the container',
      yaml: pod(`  securityContext: {runAsUser: 1000}\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'a', message: 'Privilege escalation container is not allowed: a', change: 'set-allow-privilege-escalation-false', suggestion: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000}\n  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: false}}\n' }],
      output: null,
    },
    {
      name: 'allowPrivilegeEscalation exists on the container only: a pod-level true or false changes nothing',
      yaml: pod(`  securityContext: {allowPrivilegeEscalation: false, runAsUser: 1000}\n  containers:\n  - {name: a, image: x}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  securityContext: {allowPrivilegeEscalation: true}\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'a', message: 'Privilege escalation container is not allowed: a', change: 'set-allow-privilege-escalation-false', suggestion: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {allowPrivilegeEscalation: false, runAsUser: 1000}\n  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: false}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  securityContext: {allowPrivilegeEscalation: true}\n  containers:\n  - {name: a, image: x}\n' }],
      output: null,
    },
    {
      name: 'Deployment: init and ephemeral containers inherit the pod user',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      securityContext: {runAsUser: 1000}\n      initContainers:\n      - {name: i, image: x}\n      containers:\n      - {name: c, image: x, securityContext: {allowPrivilegeEscalation: false}}\n      ephemeralContainers:\n      - {name: e, image: x}\n`,
      errors: [
        { path: 'spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation', container: 'i', resource: 'Deployment/d', message: 'Privilege escalation container is not allowed: i', change: 'set-allow-privilege-escalation-false', suggestion: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      securityContext: {runAsUser: 1000}\n      initContainers:\n      - {name: i, image: x, securityContext: {allowPrivilegeEscalation: false}}\n      containers:\n      - {name: c, image: x, securityContext: {allowPrivilegeEscalation: false}}\n      ephemeralContainers:\n      - {name: e, image: x}\n' },
        { path: 'spec.template.spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation', container: 'e', resource: 'Deployment/d', message: 'Privilege escalation container is not allowed: e', change: 'set-allow-privilege-escalation-false', suggestion: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      securityContext: {runAsUser: 1000}\n      initContainers:\n      - {name: i, image: x}\n      containers:\n      - {name: c, image: x, securityContext: {allowPrivilegeEscalation: false}}\n      ephemeralContainers:\n      - {name: e, image: x, securityContext: {allowPrivilegeEscalation: false}}\n' },
      ],
      output: null,
    },
    {
      name: 'CronJob pod template',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x, securityContext: {allowPrivilegeEscalation: true}}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'c', resource: 'CronJob/cj', message: 'Privilege escalation container is not allowed: c', change: 'set-allow-privilege-escalation-false' }],
      output: null,
    },
    {
      name: 'excludedContainers and excludedImages',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: true}}\n  - {name: b, image: reg.io/t:1, securityContext: {allowPrivilegeEscalation: true}}\n  - {name: c, image: z, securityContext: {allowPrivilegeEscalation: true}}\n`),
      params: { excludedContainers: ['a'], excludedImages: ['reg.io/*'] },
      errors: [{ path: 'spec.containers[2].securityContext.allowPrivilegeEscalation', container: 'c', message: 'Privilege escalation container is not allowed: c', change: 'set-allow-privilege-escalation-false' }],
      output: null,
    },
  ],
});

test('privilege-escalation-allowed: message as Azure words it, in both languages', () => {
  const y = pod(`  containers:\n  - {name: web, image: x, securityContext: {allowPrivilegeEscalation: true}}\n`);
  assert.equal(runCheck('privilege-escalation-allowed', y).findings[0]?.message, 'Privilege escalation container is not allowed: web');
  assert.equal(runCheck('privilege-escalation-allowed', y, { lang: 'ja' }).findings[0]?.message, '特権エスカレーションが可能なコンテナーは許可されていません: web');
});

test('privilege-escalation-allowed: allowPrivilegeEscalation: "false" is an input error, not a pass', () => {
  const r = runCheck('privilege-escalation-allowed', pod(`  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: "false", runAsUser: 5}}\n`));
  assert.equal(r.findings.length, 0);
  assert.equal(r.errors.length, 1);
});
