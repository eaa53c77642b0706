// Rule tests for disallowed-host-path: Azure's allowed-host-paths v3 template (candidate volumes, prefixes, readOnly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { pathMatches } from './disallowed-host-path.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './disallowed-host-path.js';

const ID = 'disallowed-host-path';

function pod(volumes: string, containers: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${extra}  volumes: ${volumes}\n  containers:\n${containers}`;
}
const TMP = '[{name: v, hostPath: {path: /tmp}}]';
const mounts = (readOnly?: boolean): string => `[{name: v, mountPath: /data${readOnly === undefined ? '' : `, readOnly: ${readOnly}`}}]`;
const paths = (...p: { pathPrefix: string; readOnly?: boolean }[]) => ({ allowedHostPaths: { paths: p } });

ruleTester(check, {
  valid: [
    { name: 'an unmounted hostPath volume under an allowed prefix passes', yaml: pod(TMP, '  - {name: a, image: x}\n'), params: paths({ pathPrefix: '/tmp', readOnly: true }) },
    { name: 'a non-hostPath volume is ignored', yaml: pod('[{name: v, emptyDir: {}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`) },
    { name: 'allowed prefix passes', yaml: pod('[{name: v, hostPath: {path: /var/log/pods}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), params: paths({ pathPrefix: '/var/log' }) },
    { name: '/ covers everything', yaml: pod('[{name: v, hostPath: {path: /etc/kubernetes}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), params: paths({ pathPrefix: '/' }) },
    { name: 'no .. normalisation: /var/log/../../etc is under /var/log', yaml: pod('[{name: v, hostPath: {path: /var/log/../../etc}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), params: paths({ pathPrefix: '/var/log' }) },
    { name: 'readOnly entry: readOnly: true mounts pass', yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(true)}}\n`), params: paths({ pathPrefix: '/tmp', readOnly: true }) },
    { name: 'readOnly: a writable mount in an excluded container does not count', yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(true)}}\n  - {name: b, image: x, volumeMounts: ${mounts()}}\n`), params: { ...paths({ pathPrefix: '/tmp', readOnly: true }), excludedContainers: ['b'] } },
    { name: 'Windows pods are skipped', yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`, '  nodeSelector: {kubernetes.io/os: windows}\n') },
  ],
  invalid: [
    {
      name: 'Defender default (no paths): a mounted hostPath is a finding at the volume path',
      yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(true)}}\n`),
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} is not allowed, pod: p. Allowed path: []' }],
      output: null,
    },
    {
      name: 'an unmounted hostPath volume is a finding (stricter than Azure v3)',
      yaml: pod(TMP, '  - {name: a, image: x}\n'),
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} is not allowed, pod: p. Allowed path: []' }],
      output: null,
    },
    {
      name: 'a volume mounted only by an ephemeral container is a finding',
      yaml: pod(TMP, '  - {name: a, image: x}\n') + `  ephemeralContainers:\n  - {name: e, image: x, volumeMounts: ${mounts()}}\n`,
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} is not allowed, pod: p. Allowed path: []' }],
      output: null,
    },
    {
      name: 'an ephemeral container mounting an allowed read-only path writable fails the read-only requirement',
      yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(true)}}\n`) + `  ephemeralContainers:\n  - {name: e, image: x, volumeMounts: ${mounts()}}\n`,
      params: paths({ pathPrefix: '/tmp', readOnly: true }),
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} does not meet the readonly requirement, pod: p. Allowed path: [{"pathPrefix": "/tmp", "readOnly": true}]', change: 'mount-host-path-read-only' }],
      output: null,
    },
    {
      name: 'a disallowed volume mounted only by excluded containers is a finding (exclusions exempt from read-only only, as v4)',
      yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts()}}\n  - {name: b, image: reg.io/t, volumeMounts: ${mounts()}}\n`),
      params: { excludedContainers: ['a'], excludedImages: ['reg.io/*'] },
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} is not allowed, pod: p. Allowed path: []' }],
      output: null,
    },
    {
      name: 'segment-wise: /foo does not cover /foobar',
      yaml: pod('[{name: v, hostPath: {path: /foobar}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`),
      params: paths({ pathPrefix: '/foo' }),
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/foobar"}, "name": "v"} is not allowed, pod: p. Allowed path: [{"pathPrefix": "/foo"}]' }],
      output: null,
    },
    {
      name: '/foo does not cover /',
      yaml: pod('[{name: v, hostPath: {path: /}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`),
      params: paths({ pathPrefix: '/foo' }),
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/"}, "name": "v"} is not allowed, pod: p. Allowed path: [{"pathPrefix": "/foo"}]' }],
      output: null,
    },
    {
      name: 'case-sensitive',
      yaml: pod('[{name: v, hostPath: {path: /Var/log}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`),
      params: paths({ pathPrefix: '/var/log' }),
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/Var/log"}, "name": "v"} is not allowed, pod: p. Allowed path: [{"pathPrefix": "/var/log"}]' }],
      output: null,
    },
    {
      name: 'readOnly entry: a writable mount fails the read-only requirement',
      yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`),
      params: paths({ pathPrefix: '/tmp', readOnly: true }),
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} does not meet the readonly requirement, pod: p. Allowed path: [{"pathPrefix": "/tmp", "readOnly": true}]', change: 'mount-host-path-read-only' }],
      output: null,
    },
    {
      name: 'readOnly entry: readOnly: false fails',
      yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(false)}}\n`),
      params: paths({ pathPrefix: '/tmp', readOnly: true }),
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} does not meet the readonly requirement, pod: p. Allowed path: [{"pathPrefix": "/tmp", "readOnly": true}]', change: 'mount-host-path-read-only' }],
      output: null,
    },
    {
      name: 'readOnly requirement fires even when another matching entry is writable (stricter than PSP)',
      yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`),
      params: paths({ pathPrefix: '/tmp', readOnly: false }, { pathPrefix: '/', readOnly: true }),
      errors: [{ path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} does not meet the readonly requirement, pod: p. Allowed path: [{"pathPrefix": "/tmp", "readOnly": false}, {"pathPrefix": "/", "readOnly": true}]', change: 'mount-host-path-read-only' }],
      output: null,
    },
    {
      name: 'one finding per volume, several volumes',
      yaml: pod('[{name: v, hostPath: {path: /tmp}}, {name: w, hostPath: {path: /etc}}, {name: u, hostPath: {path: /var/log}}]', '  - {name: a, image: x, volumeMounts: [{name: v, mountPath: /a}, {name: w, mountPath: /b}, {name: u, mountPath: /c}]}\n  - {name: b, image: x, volumeMounts: [{name: v, mountPath: /a}]}\n'),
      params: paths({ pathPrefix: '/var/log' }),
      errors: [
        { path: 'spec.volumes[0].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} is not allowed, pod: p. Allowed path: [{"pathPrefix": "/var/log"}]' },
        { path: 'spec.volumes[1].hostPath.path', container: null, message: 'HostPath volume {"hostPath": {"path": "/etc"}, "name": "w"} is not allowed, pod: p. Allowed path: [{"pathPrefix": "/var/log"}]' },
      ],
      output: null,
    },
    {
      name: 'init container mount in a Deployment',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      volumes: [{name: v, hostPath: {path: /var/run/docker.sock}}]\n      initContainers:\n      - {name: i, image: x, volumeMounts: [{name: v, mountPath: /s}]}\n      containers:\n      - {name: c, image: x}\n`,
      errors: [{ path: 'spec.template.spec.volumes[0].hostPath.path', container: null, resource: 'Deployment/d', message: 'HostPath volume {"hostPath": {"path": "/var/run/docker.sock"}, "name": "v"} is not allowed, pod: d. Allowed path: []' }],
      output: null,
    },
    {
      name: 'CronJob pod template',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          volumes: [{name: v, hostPath: {path: /tmp}}]\n          containers:\n          - {name: c, image: x, volumeMounts: [{name: v, mountPath: /t}]}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path', container: null, resource: 'CronJob/cj', message: 'HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} is not allowed, pod: cj. Allowed path: []' }],
      output: null,
    },
  ],
});

test(`${ID}: segment-wise prefix matching`, () => {
  const table: [string, string, boolean][] = [
    ['/foo', '/foo', true], ['/foo', '/foo/', true], ['/foo', '/foo/bar', true], ['/foo', 'foo/bar', true],
    ['/foo', '/foobar', false], ['/foo', '/', false], ['/', '/', true], ['/', '/anything/at/all', true],
    ['/foo/bar', '/foo', false], ['/foo/', '/foo/bar', true], ['/foo', '//foo', true], ['/foo', '/./foo', false],
  ];
  for (const [prefix, path, want] of table) assert.equal(pathMatches(prefix, path), want, `${prefix} vs ${path}`);
});

test(`${ID}: the read-only remedy is a suggestion on each writable mount`, async () => {
  const check = (await import('./disallowed-host-path.js')).default;
  const { parseManifests } = await import('../source/load.js');
  const { podView } = await import('../k8s/workload.js');
  const view = podView(parseManifests('t.yaml', pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(true)}}\n  - {name: b, image: x, volumeMounts: [{name: o, mountPath: /o}, {name: v, mountPath: /d}]}\n`)).objects[0]!.object, 'default')!;
  const v = check.check({ pod: view, containers: view.containers, inventory: undefined as never }, check.params.parse(paths({ pathPrefix: '/tmp', readOnly: true })));
  assert.equal(v.length, 1);
  assert.equal(v[0]!.fix, undefined);
  assert.deepEqual(v[0]!.suggestion?.ops, [{ op: 'set', path: ['spec', 'containers', 1, 'volumeMounts', 1, 'readOnly'], value: true }]);
});

test(`${ID}: Japanese message`, () => {
  const r = runCheck(ID, pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), { lang: 'ja' });
  assert.deepEqual(r.findings.map((f) => f.message), ['HostPath ボリューム {"hostPath": {"path": "/tmp"}, "name": "v"} は許可されていません。ポッド: p。許可されているパス: []']);
});

test(`${ID}: parameter shape is Azure's {paths: [{pathPrefix, readOnly}]}`, async () => {
  const check = (await import('./disallowed-host-path.js')).default;
  assert.equal(check.params.safeParse(paths({ pathPrefix: '/tmp', readOnly: true })).success, true);
  assert.equal(check.params.safeParse({ allowedHostPaths: [{ pathPrefix: '/tmp' }] }).success, false);
  assert.equal(check.params.safeParse(paths({ pathPrefix: '/tmp', readOnly: 'yes' } as never)).success, false);
});
