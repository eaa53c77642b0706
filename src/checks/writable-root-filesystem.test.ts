// Rule tests for writable-root-filesystem: anything but an exact readOnlyRootFilesystem: true is a finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './writable-root-filesystem.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}`;

ruleTester(check, {
  valid: [
    {
      name: 'true passes',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {readOnlyRootFilesystem: true}}\n`),
    },
    {
      name: 'Windows pods are skipped',
      yaml: pod(`  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - {name: a, image: x}\n`),
    },
  ],
  invalid: [
    {
      name: 'absent securityContext, empty securityContext, false, null: all violate',
      yaml: pod(`  containers:\n  - {name: a, image: x}\n  - {name: b, image: x, securityContext: {}}\n  - {name: c, image: x, securityContext: {readOnlyRootFilesystem: false}}\n  - {name: d, image: x, securityContext: {readOnlyRootFilesystem: null}}\n`),
      errors: [
        { path: 'spec.containers[0].securityContext.readOnlyRootFilesystem', container: 'a', message: "Readonly root filesystem is required for container. pod:'p', container:'a'", change: 'set-read-only-root-filesystem' },
        { path: 'spec.containers[1].securityContext.readOnlyRootFilesystem', container: 'b', message: "Readonly root filesystem is required for container. pod:'p', container:'b'", change: 'set-read-only-root-filesystem' },
        { path: 'spec.containers[2].securityContext.readOnlyRootFilesystem', container: 'c', message: "Readonly root filesystem is required for container. pod:'p', container:'c'", change: 'set-read-only-root-filesystem' },
        { path: 'spec.containers[3].securityContext.readOnlyRootFilesystem', container: 'd', message: "Readonly root filesystem is required for container. pod:'p', container:'d'", change: 'set-read-only-root-filesystem' },
      ],
      output: null,
    },
    {
      name: 'the pod securityContext has no such field: it does not count',
      yaml: pod(`  securityContext: {readOnlyRootFilesystem: true}\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.readOnlyRootFilesystem', container: 'a', message: "Readonly root filesystem is required for container. pod:'p', container:'a'", change: 'set-read-only-root-filesystem' }],
      output: null,
    },
    {
      name: 'Deployment: init and ephemeral containers are covered',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: i, image: x}\n      containers:\n      - {name: c, image: x, securityContext: {readOnlyRootFilesystem: true}}\n      ephemeralContainers:\n      - {name: e, image: x}\n`,
      errors: [
        { path: 'spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem', container: 'i', resource: 'Deployment/d', message: "Readonly root filesystem is required for container. pod:'d', container:'i'", change: 'set-read-only-root-filesystem' },
        { path: 'spec.template.spec.ephemeralContainers[0].securityContext.readOnlyRootFilesystem', container: 'e', resource: 'Deployment/d', message: "Readonly root filesystem is required for container. pod:'d', container:'e'", change: 'set-read-only-root-filesystem' },
      ],
      output: null,
    },
    {
      name: 'CronJob',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x, securityContext: {readOnlyRootFilesystem: false}}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem', container: 'c', resource: 'CronJob/cj', message: "Readonly root filesystem is required for container. pod:'cj', container:'c'", change: 'set-read-only-root-filesystem' }],
      output: null,
    },
    {
      name: 'excludedContainers and excludedImages',
      yaml: pod(`  containers:\n  - {name: a, image: x}\n  - {name: b, image: mcr.microsoft.com/oss/x:1}\n  - {name: c, image: z}\n`),
      params: { excludedContainers: ['a'], excludedImages: ['mcr.microsoft.com/*'] },
      errors: [{ path: 'spec.containers[2].securityContext.readOnlyRootFilesystem', container: 'c', message: "Readonly root filesystem is required for container. pod:'p', container:'c'", change: 'set-read-only-root-filesystem' }],
      output: null,
    },
    {
      name: 'a nodeSelector of linux is not skipped',
      yaml: pod(`  nodeSelector: {kubernetes.io/os: linux}\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.readOnlyRootFilesystem', container: 'a', message: "Readonly root filesystem is required for container. pod:'p', container:'a'", change: 'set-read-only-root-filesystem' }],
      output: null,
    },
  ],
});

test('writable-root-filesystem: message and location of a missing field (where it belongs: the container)', () => {
  const r = runCheck('writable-root-filesystem', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: web\n    image: x\n`);
  assert.equal(r.findings[0]?.message, "Readonly root filesystem is required for container. pod:'p', container:'web'");
  assert.equal(r.findings[0]?.location?.line, 6);
});

test('writable-root-filesystem: a non-boolean is an input error (the API server rejects it), not a pass', () => {
  const r = runCheck('writable-root-filesystem', pod(`  containers:\n  - {name: a, image: x, securityContext: {readOnlyRootFilesystem: "true"}}\n`));
  assert.equal(r.findings.length, 0);
  assert.equal(r.errors.length, 1);
});
