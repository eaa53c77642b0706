// Table test for disallowed-host-path: Azure's allowed-host-paths v3 template (candidate volumes, prefixes, readOnly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, runCheck } from '../../test/support/check-run.js';
import { pathMatches } from './disallowed-host-path.js';

const ID = 'disallowed-host-path';

function pod(volumes: string, containers: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${extra}  volumes: ${volumes}\n  containers:\n${containers}`;
}
const TMP = '[{name: v, hostPath: {path: /tmp}}]';
const mounts = (readOnly?: boolean): string => `[{name: v, mountPath: /data${readOnly === undefined ? '' : `, readOnly: ${readOnly}`}}]`;
const paths = (...p: { pathPrefix: string; readOnly?: boolean }[]) => ({ allowedHostPaths: { paths: p } });

const cases: { name: string; yaml: string; params?: Record<string, unknown>; want: string[]; messages?: string[] }[] = [
  {
    name: 'Defender default (no paths): a mounted hostPath is a finding at the volume path',
    yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(true)}}\n`),
    want: ['Pod/p - spec.volumes[0].hostPath.path'],
    messages: ['HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} is not allowed, pod: p. Allowed path: []'],
  },
  // Azure v3 ignores these three; mamori does not, since an ephemeral container can mount the volume later.
  { name: 'an unmounted hostPath volume is a finding (stricter than Azure v3)', yaml: pod(TMP, '  - {name: a, image: x}\n'), want: ['Pod/p - spec.volumes[0].hostPath.path'] },
  { name: 'an unmounted hostPath volume under an allowed prefix passes', yaml: pod(TMP, '  - {name: a, image: x}\n'), params: paths({ pathPrefix: '/tmp', readOnly: true }), want: [] },
  { name: 'a non-hostPath volume is ignored', yaml: pod('[{name: v, emptyDir: {}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), want: [] },
  {
    name: 'a volume mounted only by an ephemeral container is a finding',
    yaml: pod(TMP, '  - {name: a, image: x}\n') + `  ephemeralContainers:\n  - {name: e, image: x, volumeMounts: ${mounts()}}\n`,
    want: ['Pod/p - spec.volumes[0].hostPath.path'],
  },
  {
    name: 'an ephemeral container mounting an allowed read-only path writable fails the read-only requirement',
    yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(true)}}\n`) + `  ephemeralContainers:\n  - {name: e, image: x, volumeMounts: ${mounts()}}\n`,
    params: paths({ pathPrefix: '/tmp', readOnly: true }),
    want: ['Pod/p - spec.volumes[0].hostPath.path'],
  },
  { name: 'a disallowed volume mounted only by excluded containers is a finding (exclusions exempt from read-only only, as v4)', yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts()}}\n  - {name: b, image: reg.io/t, volumeMounts: ${mounts()}}\n`), params: { excludedContainers: ['a'], excludedImages: ['reg.io/*'] }, want: ['Pod/p - spec.volumes[0].hostPath.path'] },
  { name: 'allowed prefix passes', yaml: pod('[{name: v, hostPath: {path: /var/log/pods}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), params: paths({ pathPrefix: '/var/log' }), want: [] },
  { name: 'segment-wise: /foo does not cover /foobar', yaml: pod('[{name: v, hostPath: {path: /foobar}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), params: paths({ pathPrefix: '/foo' }), want: ['Pod/p - spec.volumes[0].hostPath.path'] },
  { name: '/foo does not cover /', yaml: pod('[{name: v, hostPath: {path: /}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), params: paths({ pathPrefix: '/foo' }), want: ['Pod/p - spec.volumes[0].hostPath.path'] },
  { name: '/ covers everything', yaml: pod('[{name: v, hostPath: {path: /etc/kubernetes}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), params: paths({ pathPrefix: '/' }), want: [] },
  { name: 'case-sensitive', yaml: pod('[{name: v, hostPath: {path: /Var/log}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), params: paths({ pathPrefix: '/var/log' }), want: ['Pod/p - spec.volumes[0].hostPath.path'] },
  { name: 'no .. normalisation: /var/log/../../etc is under /var/log', yaml: pod('[{name: v, hostPath: {path: /var/log/../../etc}}]', `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`), params: paths({ pathPrefix: '/var/log' }), want: [] },
  {
    name: 'readOnly entry: a writable mount fails the read-only requirement',
    yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`),
    params: paths({ pathPrefix: '/tmp', readOnly: true }),
    want: ['Pod/p - spec.volumes[0].hostPath.path'],
    messages: ['HostPath volume {"hostPath": {"path": "/tmp"}, "name": "v"} does not meet the readonly requirement, pod: p. Allowed path: [{"pathPrefix": "/tmp", "readOnly": true}]'],
  },
  { name: 'readOnly entry: readOnly: true mounts pass', yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(true)}}\n`), params: paths({ pathPrefix: '/tmp', readOnly: true }), want: [] },
  { name: 'readOnly entry: readOnly: false fails', yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(false)}}\n`), params: paths({ pathPrefix: '/tmp', readOnly: true }), want: ['Pod/p - spec.volumes[0].hostPath.path'] },
  {
    name: 'readOnly requirement fires even when another matching entry is writable (stricter than PSP)',
    yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`),
    params: paths({ pathPrefix: '/tmp', readOnly: false }, { pathPrefix: '/', readOnly: true }),
    want: ['Pod/p - spec.volumes[0].hostPath.path'],
  },
  { name: 'readOnly: a writable mount in an excluded container does not count', yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts(true)}}\n  - {name: b, image: x, volumeMounts: ${mounts()}}\n`), params: { ...paths({ pathPrefix: '/tmp', readOnly: true }), excludedContainers: ['b'] }, want: [] },
  {
    name: 'one finding per volume, several volumes',
    yaml: pod('[{name: v, hostPath: {path: /tmp}}, {name: w, hostPath: {path: /etc}}, {name: u, hostPath: {path: /var/log}}]', '  - {name: a, image: x, volumeMounts: [{name: v, mountPath: /a}, {name: w, mountPath: /b}, {name: u, mountPath: /c}]}\n  - {name: b, image: x, volumeMounts: [{name: v, mountPath: /a}]}\n'),
    params: paths({ pathPrefix: '/var/log' }),
    want: ['Pod/p - spec.volumes[0].hostPath.path', 'Pod/p - spec.volumes[1].hostPath.path'],
  },
  {
    name: 'init container mount in a Deployment',
    yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      volumes: [{name: v, hostPath: {path: /var/run/docker.sock}}]\n      initContainers:\n      - {name: i, image: x, volumeMounts: [{name: v, mountPath: /s}]}\n      containers:\n      - {name: c, image: x}\n`,
    want: ['Deployment/d - spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    name: 'CronJob pod template',
    yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          volumes: [{name: v, hostPath: {path: /tmp}}]\n          containers:\n          - {name: c, image: x, volumeMounts: [{name: v, mountPath: /t}]}\n`,
    want: ['CronJob/cj - spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path'],
  },
  { name: 'Windows pods are skipped', yaml: pod(TMP, `  - {name: a, image: x, volumeMounts: ${mounts()}}\n`, '  nodeSelector: {kubernetes.io/os: windows}\n'), want: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(ID, c.yaml, { params: c.params }), c.want);
    if (c.messages) assert.deepEqual(runCheck(ID, c.yaml, { params: c.params }).findings.map((f) => f.message), c.messages);
  });
}

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
