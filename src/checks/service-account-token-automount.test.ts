// Rule tests for service-account-token-automount: the template's rule plus the token a live cluster injects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { checkById } from './index.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './service-account-token-automount.js';

const pod = (spec: string, ns = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${ns ? `, namespace: ${ns}` : ''}}\nspec:\n${spec}`;
const sa = (name: string, automount: boolean | null, ns = '') => `---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}\n${automount === null ? '' : `automountServiceAccountToken: ${automount}\n`}`;
const MOUNT = '{name: tok, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}';

ruleTester(check, {
  valid: [
    { name: 'explicit false passes, even with an explicit mount of the token path', yaml: pod(`  automountServiceAccountToken: false\n  containers:\n  - {name: a, image: x, volumeMounts: [${MOUNT}]}\n`) },
    { name: 'null, and the ServiceAccount disables automount', yaml: pod(`  automountServiceAccountToken: null\n  containers:\n  - {name: a, image: x}\n`) + sa('default', false) },
    { name: 'absent, the default ServiceAccount of the same input disables automount', yaml: pod(`  containers:\n  - {name: a, image: x}\n`) + sa('default', false) },
    { name: 'absent, the named ServiceAccount disables automount', yaml: pod(`  serviceAccountName: builder\n  containers:\n  - {name: a, image: x}\n`, 'ci') + sa('builder', false, 'ci') },
    { name: 'absent, the deprecated spec.serviceAccount names the account', yaml: pod(`  serviceAccount: legacy\n  containers:\n  - {name: a, image: x}\n`) + sa('legacy', false) },
    { name: 'the mount path must match exactly (a trailing slash is another path)', yaml: pod(`  containers:\n  - {name: a, image: x, volumeMounts: [{name: tok, mountPath: /var/run/secrets/kubernetes.io/serviceaccount/}]}\n`) + sa('default', false) },
    {
      name: 'every image excluded: the pod passes although automount is on',
      yaml: pod(`  automountServiceAccountToken: true\n  initContainers:\n  - {name: i, image: reg.io/i:1}\n  containers:\n  - {name: a, image: reg.io/a:1}\n`),
      params: { excludedImages: ['reg.io/*'] },
    },
  ],
  invalid: [
    {
      name: 'explicit true fails, even when the ServiceAccount disables automount',
      yaml: pod(`  automountServiceAccountToken: true\n  containers:\n  - {name: a, image: x}\n`) + sa('default', false),
      errors: [{ path: 'spec.automountServiceAccountToken', container: null, message: 'Automounting service account token is disallowed, pod: p', change: 'disable-token-automount' }],
      output: null,
    },
    {
      name: 'absent, no ServiceAccount in the input: the cluster injects the token (Azure sample violation-automount-undefined)',
      yaml: pod(`  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.automountServiceAccountToken', container: null, message: 'Automounting service account token is disallowed, pod: p', change: 'disable-token-automount', suggestion: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x}\n  automountServiceAccountToken: false\n' }],
      output: null,
    },
    {
      name: 'null is not an explicit false: the cluster injects the token',
      yaml: pod(`  automountServiceAccountToken: null\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.automountServiceAccountToken', container: null, message: 'Automounting service account token is disallowed, pod: p', change: 'disable-token-automount', suggestion: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - {name: a, image: x}\n' }],
      output: null,
    },
    {
      name: 'absent, the named ServiceAccount leaves automount on (true or unset)',
      yaml: pod(`  serviceAccountName: builder\n  containers:\n  - {name: a, image: x}\n`) + sa('builder', true) + sa('default', false),
      errors: [{ path: 'spec.automountServiceAccountToken', container: null, message: 'Automounting service account token is disallowed, pod: p', change: 'disable-token-automount' }],
      output: null,
    },
    {
      name: 'absent, ServiceAccount without the field',
      yaml: pod(`  containers:\n  - {name: a, image: x}\n`) + sa('default', null),
      errors: [{ path: 'spec.automountServiceAccountToken', container: null, message: 'Automounting service account token is disallowed, pod: p', change: 'disable-token-automount', suggestion: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x}\n  automountServiceAccountToken: false\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\n' }],
      output: null,
    },
    {
      name: 'absent, the ServiceAccount lives in another namespace',
      yaml: pod(`  containers:\n  - {name: a, image: x}\n`, 'prod') + sa('default', false),
      errors: [{ path: 'spec.automountServiceAccountToken', container: null, message: 'Automounting service account token is disallowed, pod: p', change: 'disable-token-automount', suggestion: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: prod}\nspec:\n  containers:\n  - {name: a, image: x}\n  automountServiceAccountToken: false\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nautomountServiceAccountToken: false\n' }],
      output: null,
    },
    {
      name: 'absent, ServiceAccount off, but a container mounts the token path explicitly',
      yaml: pod(`  containers:\n  - {name: a, image: x, volumeMounts: [${MOUNT}]}\n`) + sa('default', false),
      errors: [{ path: 'spec.automountServiceAccountToken', container: null, message: 'Automounting service account token is disallowed, pod: p', change: 'disable-token-automount', suggestion: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, volumeMounts: [{name: tok, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}\n  automountServiceAccountToken: false\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nautomountServiceAccountToken: false\n' }],
      output: null,
    },
    {
      name: 'an explicit mount by an image-excluded container still counts when another container is included',
      yaml: pod(`  containers:\n  - {name: a, image: reg.io/a:1, volumeMounts: [${MOUNT}]}\n  - {name: b, image: busybox}\n`) + sa('default', false),
      params: { excludedImages: ['reg.io/*'] },
      errors: [{ path: 'spec.automountServiceAccountToken', container: null, message: 'Automounting service account token is disallowed, pod: p', change: 'disable-token-automount', suggestion: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: reg.io/a:1, volumeMounts: [{name: tok, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}\n  - {name: b, image: busybox}\n  automountServiceAccountToken: false\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nautomountServiceAccountToken: false\n' }],
      output: null,
    },
    {
      name: 'excludedContainers is not a parameter of v2: no effect',
      yaml: pod(`  automountServiceAccountToken: true\n  containers:\n  - {name: a, image: x}\n`),
      // not a key of the check's schema, on purpose: the schema drops it
      params: { excludedContainers: ['a'] } as never,
      errors: [{ path: 'spec.automountServiceAccountToken', container: null, message: 'Automounting service account token is disallowed, pod: p', change: 'disable-token-automount' }],
      output: null,
    },
    {
      name: 'Deployment: an ephemeral container mounting the token path',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: c, image: x}\n      ephemeralContainers:\n      - {name: e, image: x, volumeMounts: [${MOUNT}]}\n` + sa('default', false),
      errors: [{ path: 'spec.template.spec.automountServiceAccountToken', container: null, resource: 'Deployment/d', message: 'Automounting service account token is disallowed, pod: d', change: 'disable-token-automount', suggestion: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: c, image: x}\n      ephemeralContainers:\n      - {name: e, image: x, volumeMounts: [{name: tok, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}\n      automountServiceAccountToken: false\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nautomountServiceAccountToken: false\n' }],
      output: null,
    },
    {
      name: 'Deployment: an init container mounting the token path',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: i, image: x, volumeMounts: [${MOUNT}]}\n      containers:\n      - {name: c, image: x}\n` + sa('default', false),
      errors: [{ path: 'spec.template.spec.automountServiceAccountToken', container: null, resource: 'Deployment/d', message: 'Automounting service account token is disallowed, pod: d', change: 'disable-token-automount', suggestion: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: i, image: x, volumeMounts: [{name: tok, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}\n      containers:\n      - {name: c, image: x}\n      automountServiceAccountToken: false\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nautomountServiceAccountToken: false\n' }],
      output: null,
    },
    {
      name: 'CronJob without the field',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken', container: null, resource: 'CronJob/cj', message: 'Automounting service account token is disallowed, pod: cj', change: 'disable-token-automount', suggestion: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x}\n          automountServiceAccountToken: false\n' }],
      output: null,
    },
    {
      name: 'no Windows skip',
      yaml: pod(`  nodeSelector: {kubernetes.io/os: windows}\n  automountServiceAccountToken: true\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.automountServiceAccountToken', container: null, message: 'Automounting service account token is disallowed, pod: p', change: 'disable-token-automount' }],
      output: null,
    },
  ],
});

test('service-account-token-automount: one finding per pod with Azure\'s message, none for the ServiceAccount itself', () => {
  const r = runCheck('service-account-token-automount', pod(`  containers:\n  - {name: a, image: x}\n  - {name: b, image: x}\n`) + sa('other', true));
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0]?.message, 'Automounting service account token is disallowed, pod: p');
  assert.equal(r.findings[0]?.container, null);
  assert.deepEqual(Object.keys(checkById('service-account-token-automount')!.params.shape), ['excludedImages']);
});
