// Unit tests of the audit's pure parts: owner resolution, the workload a Pod is judged as, result folding, bounded PolicyReports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OwnerIndex, asOwnedWorkload } from './owners.js';
import { ResultStore, MAX_PODS_LISTED } from './store.js';
import { buildPolicyReports } from './policy-report.js';
import { listingPlan } from './run.js';
import { renderSummary } from './summary-text.js';
import { resolveEngineConfig } from '../config/load.js';
import type { Finding, ResourceRef } from '../model/types.js';

const own = (kind: string, name: string, uid: string, apiVersion = 'apps/v1') => [{ apiVersion, kind, name, uid, controller: true }];

test('Pod → ReplicaSet → Deployment and Pod → Job → CronJob; unknown owners stop at the reference', () => {
  const idx = new OwnerIndex();
  idx.record({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'a', uid: 'rs1', ownerReferences: own('Deployment', 'web', 'd1') } });
  idx.record({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'a', uid: 'd1', annotations: { 'mamori.dev/ignore': 'run-as-root', other: 'x' } } });
  idx.record({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'n-1', namespace: 'a', uid: 'j1', ownerReferences: own('CronJob', 'n', 'c1', 'batch/v1') } });
  const pod = (refs: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a', ownerReferences: refs }, spec: { containers: [{ name: 'c', image: 'i' }] } });
  const web = idx.resolve(pod(own('ReplicaSet', 'web-1', 'rs1')))!;
  assert.deepEqual(web.ref, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'a', name: 'web' });
  assert.deepEqual(web.annotations, { 'mamori.dev/ignore': 'run-as-root' });
  // The CronJob itself was never listed: the Job's reference names it.
  assert.deepEqual(idx.resolve(pod(own('Job', 'n-1', 'j1', 'batch/v1')))!.ref, { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'a', name: 'n' });
  assert.deepEqual(idx.unknownOwners(pod(own('Job', 'n-1', 'j1', 'batch/v1'))).map((r) => r.kind), ['CronJob']);
  assert.deepEqual(idx.resolve(pod(own('ReplicaSet', 'gone', 'rs9')))!.ref.name, 'gone');
  assert.equal(idx.resolve(pod(undefined)), undefined);
  // Not a controller and more than one reference: no owner.
  assert.equal(idx.resolve(pod([{ kind: 'A', name: 'a', uid: '1' }, { kind: 'B', name: 'b', uid: '2' }])), undefined);
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
  const deploy = (name: string, annotations?: Record<string, string>) => {
    ev.owners.record({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'a', uid: `d-${name}`, annotations } });
    ev.owners.record({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `${name}-1`, namespace: 'a', uid: `rs-${name}`, ownerReferences: own('Deployment', name, `d-${name}`) } });
  };
  deploy('agent');
  deploy('quiet', { 'mamori.dev/ignore': 'privileged-container', 'mamori.dev/ignore-reason': 'lab only' });
  deploy('web');
  for (const name of ['agent', 'quiet', 'web']) {
    ev.evaluatePod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${name}-1-x`, namespace: 'a', ownerReferences: own('ReplicaSet', `${name}-1`, `rs-${name}`) }, spec: { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] } });
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
  assert.doesNotMatch(text, /\x1b/);
  assert.match(text, /Deployment a\/web\\x1b\[2J\\x1b\]0;x\\x07 \(pods: p\\x1b\[31m\)/);
});
