// Rule tests for host-namespace-shared: hostPID / hostIPC, one finding per pod, gated on a non-excluded image.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, runCheck } from '../../test/support/check-run.js';
import { checkById } from './index.js';
import { parse } from 'yaml';
import { podView } from '../k8s/workload.js';
import { InventoryIndex } from '../engine/engine.js';
import type { Obj } from '../k8s/values.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './host-namespace-shared.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}`;

ruleTester(check, {
  valid: [
    {
      name: 'false, absent, hostNetwork and shareProcessNamespace all pass (v2 judges PID and IPC only)',
      yaml: pod(`  hostPID: false\n  hostNetwork: true\n  shareProcessNamespace: true\n  containers:\n  - {name: a, image: x}\n`),
    },
    {
      name: 'every image excluded: the pod passes although hostPID is on',
      yaml: pod(`  hostPID: true\n  initContainers:\n  - {name: i, image: reg.io/init:1}\n  containers:\n  - {name: a, image: reg.io/app:1}\n`),
      params: { excludedImages: ['reg.io/*'] },
    },
    {
      name: 'Windows pods are skipped',
      yaml: pod(`  nodeSelector: {kubernetes.io/os: windows}\n  hostPID: true\n  containers:\n  - {name: a, image: x}\n`),
    },
  ],
  invalid: [
    {
      name: 'hostPID: true',
      yaml: pod(`  hostPID: true\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.hostPID', container: null, message: 'Sharing the host namespace is not allowed: p', change: 'remove-host-namespaces' }],
      output: null,
    },
    {
      name: 'hostIPC: true',
      yaml: pod(`  hostIPC: true\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.hostIPC', container: null, message: 'Sharing the host namespace is not allowed: p', change: 'remove-host-namespaces' }],
      output: null,
    },
    {
      name: 'both: one finding per pod, at hostPID',
      yaml: pod(`  hostPID: true\n  hostIPC: true\n  containers:\n  - {name: a, image: x}\n  - {name: b, image: x}\n`),
      errors: [{ path: 'spec.hostPID', container: null, message: 'Sharing the host namespace is not allowed: p', change: 'remove-host-namespaces' }],
      output: null,
    },
    {
      name: 'one init container with a non-excluded image is enough',
      yaml: pod(`  hostIPC: true\n  initContainers:\n  - {name: i, image: busybox}\n  containers:\n  - {name: a, image: reg.io/app:1}\n`),
      params: { excludedImages: ['reg.io/*'] },
      errors: [{ path: 'spec.hostIPC', container: null, message: 'Sharing the host namespace is not allowed: p', change: 'remove-host-namespaces' }],
      output: null,
    },
    {
      name: 'an ephemeral container with a non-excluded image counts too',
      yaml: pod(`  hostPID: true\n  containers:\n  - {name: a, image: reg.io/app:1}\n  ephemeralContainers:\n  - {name: debug, image: busybox}\n`),
      params: { excludedImages: ['reg.io/app:1'] },
      errors: [{ path: 'spec.hostPID', container: null, message: 'Sharing the host namespace is not allowed: p', change: 'remove-host-namespaces' }],
      output: null,
    },
    {
      name: 'Deployment',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      hostIPC: true\n      containers:\n      - {name: c, image: x}\n`,
      errors: [{ path: 'spec.template.spec.hostIPC', container: null, resource: 'Deployment/d', message: 'Sharing the host namespace is not allowed: d', change: 'remove-host-namespaces' }],
      output: null,
    },
    {
      name: 'CronJob',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostPID: true\n          containers:\n          - {name: c, image: x}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.hostPID', container: null, resource: 'CronJob/cj', message: 'Sharing the host namespace is not allowed: cj', change: 'remove-host-namespaces' }],
      output: null,
    },
  ],
});

test('host-namespace-shared: only excludedImages is a parameter (v2 has no excludedContainers)', () => {
  assert.deepEqual(Object.keys(checkById('host-namespace-shared')!.params.shape), ['excludedImages']);
  // an excluded container name therefore changes nothing
  assert.deepEqual(findingsOf('host-namespace-shared', pod(`  hostPID: true\n  containers:\n  - {name: a, image: x}\n`), { params: { excludedContainers: ['a'] } }), ['Pod/p - spec.hostPID']);
});

test('host-namespace-shared: message names the pod; the suggestion removes both fields (agents that need them would stop)', () => {
  const yaml = pod(`  hostPID: true\n  hostIPC: true\n  containers:\n  - {name: a, image: x}\n`);
  assert.equal(runCheck('host-namespace-shared', yaml).findings[0]?.message, 'Sharing the host namespace is not allowed: p');
  const check = checkById('host-namespace-shared')!;
  assert.equal(check.target, 'pod');
  if (check.target !== 'pod') return;
  const view = podView(parse(yaml) as Obj, 'default')!;
  const v = check.check({ pod: view, containers: view.containers, inventory: new InventoryIndex('default') }, check.params.parse({}));
  assert.equal(v[0]?.fix, undefined);
  assert.deepEqual(v[0]?.suggestion?.ops, [{ op: 'remove', path: ['spec', 'hostPID'] }, { op: 'remove', path: ['spec', 'hostIPC'] }]);
  assert.equal(v[0]?.change?.risk, 'may-break');
});
