// Table test for writable-root-filesystem: anything but an exact readOnlyRootFilesystem: true is a finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, runCheck } from '../../test/support/check-run.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}`;
const RO = 'securityContext.readOnlyRootFilesystem';

const cases: { name: string; yaml: string; params?: Record<string, unknown>; want: string[] }[] = [
  {
    name: 'absent securityContext, empty securityContext, false, null: all violate',
    yaml: pod(`  containers:\n  - {name: a, image: x}\n  - {name: b, image: x, securityContext: {}}\n  - {name: c, image: x, securityContext: {readOnlyRootFilesystem: false}}\n  - {name: d, image: x, securityContext: {readOnlyRootFilesystem: null}}\n`),
    want: [`Pod/p a spec.containers[0].${RO}`, `Pod/p b spec.containers[1].${RO}`, `Pod/p c spec.containers[2].${RO}`, `Pod/p d spec.containers[3].${RO}`],
  },
  {
    name: 'true passes',
    yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {readOnlyRootFilesystem: true}}\n`),
    want: [],
  },
  {
    name: 'the pod securityContext has no such field: it does not count',
    yaml: pod(`  securityContext: {readOnlyRootFilesystem: true}\n  containers:\n  - {name: a, image: x}\n`),
    want: ['Pod/p a spec.containers[0].securityContext.readOnlyRootFilesystem'],
  },
  {
    name: 'Deployment: init and ephemeral containers are covered',
    yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: i, image: x}\n      containers:\n      - {name: c, image: x, securityContext: {readOnlyRootFilesystem: true}}\n      ephemeralContainers:\n      - {name: e, image: x}\n`,
    want: [`Deployment/d i spec.template.spec.initContainers[0].${RO}`, `Deployment/d e spec.template.spec.ephemeralContainers[0].${RO}`],
  },
  {
    name: 'CronJob',
    yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x, securityContext: {readOnlyRootFilesystem: false}}\n`,
    want: [`CronJob/cj c spec.jobTemplate.spec.template.spec.containers[0].${RO}`],
  },
  {
    name: 'excludedContainers and excludedImages',
    yaml: pod(`  containers:\n  - {name: a, image: x}\n  - {name: b, image: mcr.microsoft.com/oss/x:1}\n  - {name: c, image: z}\n`),
    params: { excludedContainers: ['a'], excludedImages: ['mcr.microsoft.com/*'] },
    want: [`Pod/p c spec.containers[2].${RO}`],
  },
  {
    name: 'Windows pods are skipped',
    yaml: pod(`  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - {name: a, image: x}\n`),
    want: [],
  },
  {
    name: 'a nodeSelector of linux is not skipped',
    yaml: pod(`  nodeSelector: {kubernetes.io/os: linux}\n  containers:\n  - {name: a, image: x}\n`),
    want: [`Pod/p a spec.containers[0].${RO}`],
  },
];

for (const c of cases) {
  test(`writable-root-filesystem: ${c.name}`, () => {
    assert.deepEqual(findingsOf('writable-root-filesystem', c.yaml, { params: c.params }), c.want);
  });
}

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
