// Unit tests of the audit's pure parts: owner resolution, the workload a Pod is judged as, result folding, bounded PolicyReports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OwnerIndex, asOwnedWorkload } from '../k8s/owners.js';
import { ResultStore, MAX_PODS_LISTED } from './store.js';
import { buildPolicyReports } from './policy-report.js';
import { listingPlan } from './run.js';
import { renderSummary } from './summary-text.js';
import { resolveEngineConfig } from '../config/load.js';
import type { Finding, ResourceRef } from '../core/report.js';

const own = (kind: string, name: string, uid: string, apiVersion = 'apps/v1') => [{ apiVersion, kind, name, uid, controller: true }];

const spec = { containers: [{ name: 'c', image: 'i' }] };
const tpl = (extra: Record<string, unknown> = {}) => ({ template: { metadata: { labels: { app: 'x' } }, spec: { ...spec, ...extra } } });

test('Pod → ReplicaSet → Deployment and Pod → Job → CronJob, each link verified; an owner never read stops the climb', () => {
  const idx = new OwnerIndex();
  idx.record({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'a', uid: 'rs1', ownerReferences: own('Deployment', 'web', 'd1') }, spec: tpl() });
  idx.record({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'a', uid: 'd1', annotations: { 'mamori.dev/ignore': 'run-as-root', other: 'x' } }, spec: tpl() });
  idx.record({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'n-1', namespace: 'a', uid: 'j1', ownerReferences: own('CronJob', 'n', 'c1', 'batch/v1') }, spec: tpl() });
  const pod = (refs: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a', ownerReferences: refs }, spec });
  const web = idx.resolve(pod(own('ReplicaSet', 'web-1', 'rs1')))!;
  assert.deepEqual(web.ref, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'a', name: 'web' });
  assert.deepEqual(web.annotations, { 'mamori.dev/ignore': 'run-as-root' });
  // The CronJob was never read: the Pod is folded into the Job, the last owner proven.
  assert.deepEqual(idx.resolve(pod(own('Job', 'n-1', 'j1', 'batch/v1')))!.ref, { apiVersion: 'batch/v1', kind: 'Job', namespace: 'a', name: 'n-1' });
  assert.deepEqual(idx.unknownOwners(pod(own('Job', 'n-1', 'j1', 'batch/v1'))).map((r) => r.kind), ['CronJob']);
  assert.equal(idx.resolve(pod(own('ReplicaSet', 'gone', 'rs9'))), undefined);
  assert.equal(idx.resolve(pod(undefined)), undefined);
  // Not a controller reference: no owner, even when it is the only one.
  assert.equal(idx.resolve(pod([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs1' }])), undefined);
});

test('forged owner references are not followed: wrong uid, kind, name, namespace or group, a different spec or security annotations', () => {
  const idx = new OwnerIndex();
  idx.record({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'a', uid: 'd1' }, spec: tpl() });
  idx.record({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'other', namespace: 'b', uid: 'd2' }, spec: tpl() });
  const pod = (ref: Record<string, unknown>, over: Record<string, unknown> = {}, annotations?: Record<string, string>) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a', annotations, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true, ...ref }] }, spec: { ...spec, ...over },
  });
  assert.equal(idx.resolve(pod({}))!.ref.name, 'web', 'the genuine shape is folded');
  for (const [what, p] of [
    ['unknown uid', pod({ uid: 'nope' })],
    ['another name', pod({ name: 'webx' })],
    ['another kind', pod({ kind: 'StatefulSet' })],
    ['another group', pod({ apiVersion: 'example.com/v1' })],
    ['an owner in another namespace', pod({ name: 'other', uid: 'd2' })],
    ['a privileged container', pod({}, { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] })],
    ['host PID', pod({}, { hostPID: true })],
    ['a hostPath volume', pod({}, { volumes: [{ name: 'h', hostPath: { path: '/' } }] })],
    ['an ephemeral container', pod({}, { ephemeralContainers: [{ name: 'debug', image: 'busybox' }] })],
    ['another service account', pod({}, { serviceAccountName: 'admin' })],
    ['an unconfined AppArmor annotation', pod({}, {}, { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' })],
    ['its own ignore annotation', pod({}, {}, { 'mamori.dev/ignore': '*' })],
  ] as const) assert.equal(idx.resolve(p), undefined, what);
});

test('what the API server, admission and controllers add to Pods does not break the match', () => {
  const idx = new OwnerIndex();
  const claim = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } };
  idx.record({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'a', uid: 's1' }, spec: { ...tpl({ containers: [{ name: 'c', image: 'i', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }), volumeClaimTemplates: [claim] } });
  idx.record({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'a', uid: 'ds1' }, spec: tpl() });
  const tokenVolume = { name: 'kube-api-access-x7k2q', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } }] } };
  const tokenMount = { name: 'kube-api-access-x7k2q', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true };
  const added = {
    nodeName: 'node-1', serviceAccountName: 'default', serviceAccount: 'default', priority: 0, preemptionPolicy: 'PreemptLowerPriority',
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }] } } },
  };
  const sts = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db-0', namespace: 'a', ownerReferences: own('StatefulSet', 'db', 's1') }, spec: {
    ...added, hostname: 'db-0', subdomain: 'db',
    containers: [{ name: 'c', image: 'i', volumeMounts: [{ name: 'data', mountPath: '/data' }, tokenMount] }],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }, tokenVolume],
  } };
  assert.equal(idx.resolve(sts)!.ref.name, 'db');
  const ds = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'agent-x', namespace: 'a', ownerReferences: own('DaemonSet', 'agent', 'ds1') }, spec: { ...added, containers: [{ name: 'c', image: 'i', volumeMounts: [tokenMount] }], volumes: [tokenVolume] } };
  assert.equal(idx.resolve(ds)!.ref.name, 'agent');
  // A token volume smuggled in by a Pod that opts out of automounting is a difference.
  idx.record({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'quiet', namespace: 'a', uid: 'ds2' }, spec: tpl({ automountServiceAccountToken: false }) });
  const smuggled = { ...ds, metadata: { ...ds.metadata, ownerReferences: own('DaemonSet', 'quiet', 'ds2') }, spec: { ...ds.spec, automountServiceAccountToken: false } };
  assert.equal(idx.resolve(smuggled), undefined);
  // A "token volume" that also projects a Secret is not the injected one.
  const withSecret = { ...tokenVolume, projected: { sources: [...tokenVolume.projected.sources, { secret: { name: 'db-password' } }] } };
  assert.equal(idx.resolve({ ...ds, spec: { ...ds.spec, volumes: [withSecret] } }), undefined);
});

test('defaults the API server gives Pods but not templates (requests from limits, service links, hostNetwork ports) do not break the match', () => {
  const idx = new OwnerIndex();
  const c = { name: 'c', image: 'i', resources: { limits: { cpu: '100m', memory: '128Mi' } }, ports: [{ containerPort: 8080, protocol: 'TCP' }] };
  idx.record({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'net', namespace: 'a', uid: 'ds1' }, spec: tpl({ hostNetwork: true, containers: [c] }) });
  const stored = { ...c, resources: { limits: c.resources.limits, requests: { cpu: '100m', memory: '128Mi' } }, ports: [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }] };
  const pod = (container: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'net-x', namespace: 'a', ownerReferences: own('DaemonSet', 'net', 'ds1') }, spec: { hostNetwork: true, enableServiceLinks: true, containers: [container] } });
  assert.equal(idx.resolve(pod(stored))!.ref.name, 'net');
  // Requests below the limits, or another host port, are the Pod's own choice: no match.
  assert.equal(idx.resolve(pod({ ...stored, resources: { limits: c.resources.limits, requests: { cpu: '10m', memory: '128Mi' } } })), undefined);
  assert.equal(idx.resolve(pod({ ...stored, ports: [{ containerPort: 8080, hostPort: 22, protocol: 'TCP' }] })), undefined);
});

test('an old ReplicaSet of a Deployment (its template no longer the Deployment\'s) keeps its Pods: they are folded into the ReplicaSet', () => {
  const idx = new OwnerIndex();
  idx.record({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'a', uid: 'd1' }, spec: tpl({ hostNetwork: true }) });
  idx.record({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-old', namespace: 'a', uid: 'rs1', ownerReferences: own('Deployment', 'web', 'd1') }, spec: tpl() });
  const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-old-x', namespace: 'a', ownerReferences: own('ReplicaSet', 'web-old', 'rs1') }, spec };
  assert.deepEqual(idx.resolve(p)!.ref, { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'a', name: 'web-old' });
});

test('the fields the owner match ignores change no finding of any check', async () => {
  const { Engine, InventoryIndex } = await import('../engine/engine.js');
  const { ALL_CHECKS } = await import('../checks/index.js');
  const { IGNORED_POD_FIELDS } = await import('../k8s/template-match.js');
  const cfg = resolveEngineConfig({ config: {}, file: null } as never, { profile: 'defender', lang: 'en', only: ALL_CHECKS.map((c) => c.meta.id), today: '2026-11-22' });
  const base = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a' }, spec: { serviceAccountName: 'default', containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] } };
  const placed = { ...base, spec: { ...base.spec,
    nodeName: 'control-plane', tolerations: [{ operator: 'Exists' }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['control-plane'] }] }] } } },
    priority: 2000001000, priorityClassName: 'system-node-critical', preemptionPolicy: 'PreemptLowerPriority', overhead: { cpu: '10', memory: '1Gi' }, hostname: 'root', subdomain: 'kube-system',
    resources: { limits: { cpu: '64', memory: '512Gi' } },
  } };
  assert.deepEqual(Object.keys(placed.spec).filter((k) => !(k in base.spec)).sort(), [...IGNORED_POD_FIELDS].sort(), 'every ignored field is exercised');
  const run = (o: object) => new Engine(cfg, new InventoryIndex('default')).evaluate({ object: o as never, origin: { file: 'x', locate: () => ({ file: 'x', line: 0, column: 0 }) } }).map((f) => `${f.policyId} ${f.path} ${f.message}`).sort();
  const before = run(base);
  assert.ok(before.length > 0, 'the checks ran');
  assert.deepEqual(run(placed), before);
});

test('the Pod as its workload: stored spec in the owner\'s template, labels and annotations kept', () => {
  const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a', labels: { app: 'x' }, annotations: { k: 'v' }, uid: 'pod' }, spec: { containers: [{ name: 'c' }] } };
  const cj = asOwnedWorkload(p, { ref: { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'a', name: 'n' }, annotations: undefined, uid: 'c1' }, [])!;
  assert.deepEqual(cj, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'n', namespace: 'a', uid: 'c1' }, spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'x' }, annotations: { k: 'v' } }, spec: p.spec } } } } });
  assert.equal(asOwnedWorkload(p, { ref: { apiVersion: 'v1', kind: 'Node', namespace: null, name: 'n1' }, annotations: undefined, uid: undefined }, []), undefined);
});

const ref: ResourceRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'a', name: 'web' };
const finding = (policyId: string, path = 'spec.template.spec.containers[0].securityContext.privileged'): Finding => ({
  policyId, severity: 'medium', effect: 'Audit', resource: ref, container: 'c', path, message: `${policyId} message`, remediation: 'r', location: null, status: 'open',
});
const policies = ['privileged-container', 'run-as-root'].map((id) => ({ check: { meta: { id, title: { en: id, ja: id }, severity: 'medium' } }, effect: 'Audit', params: {}, excludedNamespaces: [] })) as never;

test('one-shot: three unhealthy Pods make one unhealthy workload with their names; healthy bare objects are only counted', () => {
  const s = new ResultStore({ trackAll: false });
  for (const p of ['p3', 'p1', 'p2']) s.put(`Pod|a|${p}`, ref, p, [finding('privileged-container')], ['privileged-container', 'run-as-root'], true);
  s.put('Pod|a|ok', ref, 'ok', [], ['privileged-container', 'run-as-root'], true);
  s.put('Service|a|svc', { apiVersion: 'v1', kind: 'Service', namespace: 'a', name: 'svc' }, '', [], ['run-as-root'], false);
  const r = s.report(policies, 'defender', 'en');
  assert.equal(r.findings.length, 1);
  assert.deepEqual((r.findings[0] as { pods?: string[] }).pods, ['p1', 'p2', 'p3']);
  assert.deepEqual(r.policies.map((p) => [p.policyId, p.evaluated, p.unhealthy, p.findings]), [['privileged-container', 1, 1, 1], ['run-as-root', 2, 0, 0]]);
  assert.equal(r.summary.resources, 2);
  const sum = s.summary(r, 'https://x');
  assert.deepEqual(sum.recommendations.find((x) => x.policyId === 'privileged-container')!.unhealthyResources, [{ kind: 'Deployment', namespace: 'a', name: 'web', findings: 1, pods: ['p1', 'p2', 'p3'] }]);
  assert.deepEqual(sum.namespaces, [{ namespace: 'a', resources: 2, unhealthy: 1, findings: { high: 0, medium: 1, low: 0 } }]);
});

test('one-shot: pod names per finding are capped, the count stays exact', () => {
  const s = new ResultStore({ trackAll: false });
  for (let i = 0; i < MAX_PODS_LISTED + 7; i++) s.put(`Pod|a|p${i}`, ref, `p${String(i).padStart(3, '0')}`, [finding('privileged-container')], ['privileged-container'], true);
  const f = s.report(policies, 'defender', 'en').findings[0] as unknown as { pods: string[]; podCount: number };
  assert.equal(f.pods.length, MAX_PODS_LISTED);
  assert.equal(f.podCount, MAX_PODS_LISTED + 7);
});

test('watch mode: updates replace, deletes remove, and the workload heals when its last bad Pod goes', () => {
  const s = new ResultStore({ trackAll: true });
  s.put('Pod|a|p1', ref, 'p1', [finding('privileged-container')], ['privileged-container'], true);
  s.put('Pod|a|p2', ref, 'p2', [], ['privileged-container'], true);
  assert.equal(s.report(policies, 'd', 'en').summary.findings, 1);
  s.put('Pod|a|p1', ref, 'p1', [], ['privileged-container'], true);
  assert.equal(s.report(policies, 'd', 'en').summary.findings, 0);
  s.put('Pod|a|p1', ref, 'p1', [finding('privileged-container')], ['privileged-container'], true);
  s.remove('Pod|a|p1');
  const r = s.report(policies, 'd', 'en');
  assert.deepEqual([r.summary.findings, r.policies[0]!.evaluated], [0, 1]);
  s.remove('Pod|a|p2');
  assert.equal(s.report(policies, 'd', 'en').summary.resources, 0);
  assert.deepEqual(s.sourcesOfKind('Pod'), []);
});

test('PolicyReports: one result per resource and policy, pass counted, results bounded with a note', () => {
  const s = new ResultStore({ trackAll: false });
  for (let i = 0; i < 5; i++) {
    const r: ResourceRef = { ...ref, name: `w${i}` };
    s.put(`Pod|a|w${i}-x`, r, `w${i}-x`, [{ ...finding('privileged-container'), resource: r }, { ...finding('privileged-container', 'other.path'), resource: r }], ['privileged-container', 'run-as-root'], true);
  }
  s.put('Svc', { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'a' }, '', [], ['run-as-root'], false);
  const reports = buildPolicyReports(s, 'defender', { maxResults: 3, maxListed: 10 }, new Date(0));
  const pr = reports.get('a')! as { kind: string; summary: Record<string, number>; results: Array<{ properties: Record<string, string>; message: string }>; metadata: { annotations?: Record<string, string> } };
  assert.equal(pr.kind, 'PolicyReport');
  assert.deepEqual(pr.summary, { pass: 5, fail: 5, warn: 0, error: 0, skip: 0 });
  assert.equal(pr.results.length, 3);
  assert.equal(pr.metadata.annotations!['mamori.dev/results-truncated'], '2');
  assert.equal(pr.results[0]!.properties.findings, '2');
  assert.match(pr.results[0]!.message, /\(\+1 more\)$/);
  // Healthy bare objects are counted, not kept, in one-shot mode: their passes still show.
  assert.deepEqual((reports.get('') as { kind: string; summary: { pass: number }; results: unknown[] }).summary.pass, 1);
  assert.equal((reports.get('') as { kind: string }).kind, 'ClusterPolicyReport');
});

test('the listing plan: inventory first, owners when Pods are judged, then the kinds the profile names', () => {
  const cfg = resolveEngineConfig({ config: {}, file: null }, { profile: 'defender', lang: 'en' });
  const plan = listingPlan(cfg);
  assert.deepEqual(plan.inventory, ['Namespace', 'ServiceAccount', 'NetworkPolicy']);
  assert.ok(plan.owners.includes('ReplicaSet') && plan.owners.includes('CronJob'));
  assert.deepEqual(plan.evaluated, ['Pod', 'Ingress', 'Service', 'ServiceAccount']);
  assert.deepEqual(plan.unknown, []);
  const only = listingPlan(resolveEngineConfig({ config: {}, file: null }, { profile: 'defender', lang: 'en', only: ['ingress-not-https'] }));
  assert.deepEqual([only.owners, only.evaluated], [[], ['Ingress']]);
});

test('a Pod judged as its Deployment: exceptions for the Deployment and its ignore annotation apply', async () => {
  const { AuditEvaluator } = await import('./evaluate.js');
  const loaded = { config: { exceptions: [{ policy: 'privileged-container', resource: { kind: 'Deployment', namespace: 'a', name: 'agent' }, reason: 'needs the host', owner: 'platform', expires: '2099-01-01' }] }, file: null };
  const cfg = resolveEngineConfig(loaded as never, { profile: 'defender', lang: 'en', only: ['privileged-container'], today: '2026-11-22' });
  const store = new ResultStore({ trackAll: false });
  const ev = new AuditEvaluator(cfg, store);
  const privileged = { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] };
  const deploy = (name: string, annotations?: Record<string, string>) => {
    ev.owners.record({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'a', uid: `d-${name}`, annotations }, spec: { template: { spec: privileged } } });
    ev.owners.record({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `${name}-1`, namespace: 'a', uid: `rs-${name}`, ownerReferences: own('Deployment', name, `d-${name}`) }, spec: { template: { spec: privileged } } });
  };
  deploy('agent');
  deploy('quiet', { 'mamori.dev/ignore': 'privileged-container', 'mamori.dev/ignore-reason': 'lab only' });
  deploy('web');
  for (const name of ['agent', 'quiet', 'web']) {
    ev.evaluatePod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${name}-1-x`, namespace: 'a', ownerReferences: own('ReplicaSet', `${name}-1`, `rs-${name}`) }, spec: privileged });
  }
  ev.flush();
  const r = store.report(cfg.policies, cfg.profile, 'en');
  assert.deepEqual(r.findings.map((f) => `${f.resource.kind}/${f.resource.name} ${f.status} ${f.statusReason ?? ''}`.trim()).sort(), [
    'Deployment/agent excepted needs the host',
    'Deployment/quiet suppressed lab only',
    'Deployment/web open',
  ]);
  assert.deepEqual(r.unusedExceptions, []);
  assert.deepEqual([r.policies[0]!.evaluated, r.policies[0]!.unhealthy], [3, 1]);
});

test('the recommendations view escapes control characters in names from the cluster', () => {
  const s = new ResultStore({ trackAll: false });
  const evil: ResourceRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'a', name: 'web\x1b[2J\x1b]0;x\x07' };
  s.put('Pod|a|p', evil, 'p\x1b[31m', [{ ...finding('privileged-container'), resource: evil }], ['privileged-container'], true);
  const text = renderSummary(s.summary(s.report(policies, 'defender', 'en'), 'https://x'), 'en');
  assert.ok(!text.includes('\x1b'), text);
  assert.match(text, /Deployment a\/web\\x1b\[2J\\x1b\]0;x\\x07 \(pods: p\\x1b\[31m\)/);
});
