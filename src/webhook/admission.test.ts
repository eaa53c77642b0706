// decide(): AdmissionReview in, verdict out, with the engine's exclusions, ledger and suppression applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFile, resolveEngineConfig } from '../config/load.js';
import type { MamoriConfig } from '../config/schema.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadReview, decide } from './admission.js';
import { MAX_WARNING_CHARS } from './message.js';

/** As `mamori serve` resolves it: admission on, so the object's own ignore annotation needs the admin's leave. */
function cfg(config: MamoriConfig, only = ['privileged-container', 'privilege-escalation-allowed']) {
  return resolveEngineConfig({ config, file: null }, { only, lang: 'en', today: '2026-11-22', admission: true });
}

const denyAll: MamoriConfig = {
  excludedNamespaces: ['kube-system', 'team-*'],
  policies: { 'privileged-container': { effect: 'Deny' }, 'privilege-escalation-allowed': { effect: 'Audit' } },
};

function deployment(ns?: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...(ns ? { namespace: ns } : {}), ...extra },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          initContainers: [{ name: 'init', image: 'busybox', securityContext: { privileged: true, allowPrivilegeEscalation: false } }],
          containers: [
            { name: 'app', image: 'nginx', securityContext: { privileged: true, allowPrivilegeEscalation: true } },
            { name: 'side', image: 'envoy', securityContext: { allowPrivilegeEscalation: false } },
          ],
        },
      },
    },
  };
}

function review(object: unknown, request: Record<string, unknown> = {}) {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: { uid: 'u-1', kind: { group: 'apps', version: 'v1', kind: 'Deployment' }, operation: 'CREATE', namespace: 'shop', object, userInfo: { username: 'alice' }, ...request },
  };
}

test('Deny findings refuse with one message naming every policy, container, path and remediation', () => {
  const { review: r, decision } = decide(review(deployment()), cfg(denyAll));
  assert.equal(r.response.uid, 'u-1');
  assert.equal(r.response.allowed, false);
  assert.equal(r.response.status?.code, 403);
  const msg = r.response.status!.message;
  assert.match(msg, /refused Deployment shop\/web: 1 recommendation violated/);
  assert.match(msg, /\[privileged-container\]/);
  assert.match(msg, /container "init" at spec\.template\.spec\.initContainers\[0\]\.securityContext\.privileged/);
  assert.match(msg, /container "app" at spec\.template\.spec\.containers\[0\]\.securityContext\.privileged/);
  assert.match(msg, /remediation: /);
  assert.doesNotMatch(msg, /"side"/);
  // The Audit policy still warns alongside the denial.
  assert.deepEqual(r.response.warnings, ['[privilege-escalation-allowed] container "app": Privilege escalation container is not allowed: app']);
  assert.deepEqual(r.response.auditAnnotations, { 'deny-violations': 'privileged-container', 'audit-violations': 'privilege-escalation-allowed' });
  assert.equal(decision.allowed, false);
  assert.equal(decision.user, 'alice');
  assert.equal(decision.namespace, 'shop');
});

test('Audit findings admit with warnings and audit annotations', () => {
  const audit: MamoriConfig = { policies: { 'privileged-container': { effect: 'Audit' } } };
  const { review: r } = decide(review(deployment()), cfg(audit, ['privileged-container']));
  assert.equal(r.response.allowed, true);
  assert.equal(r.response.status, undefined);
  assert.deepEqual(r.response.warnings?.map((w) => w.split(':')[0]), ['[privileged-container] container "app"', '[privileged-container] container "init"']);
  assert.deepEqual(r.response.auditAnnotations, { 'audit-violations': 'privileged-container' });
});

test('a clean object is admitted with no warnings', () => {
  const o = deployment();
  o.spec.template.spec.initContainers = [];
  o.spec.template.spec.containers = [{ name: 'app', image: 'nginx', securityContext: { allowPrivilegeEscalation: false } }] as never;
  const { review: r } = decide(review(o), cfg(denyAll));
  assert.deepEqual(r.response, { uid: 'u-1', allowed: true });
});

test('the namespace comes from the request when the object names none, and exclusions (globs too) apply to it', () => {
  assert.equal(decide(review(deployment(), { namespace: 'kube-system' }), cfg(denyAll)).review.response.allowed, true);
  assert.equal(decide(review(deployment(), { namespace: 'team-a' }), cfg(denyAll)).review.response.allowed, true);
  const { decision } = decide(review(deployment(), { namespace: 'kube-system' }), cfg(denyAll));
  assert.equal(decision.namespace, 'kube-system');
  assert.equal(decision.findings.length, 0);
});

test('the request namespace wins over the object\'s: claiming an excluded namespace exempts nothing', () => {
  // The API server stores the object in request.namespace; metadata.namespace is only the writer's claim.
  const claim = decide(review(deployment('kube-system'), { namespace: 'shop' }), cfg(denyAll));
  assert.equal(claim.review.response.allowed, false);
  assert.equal(claim.decision.namespace, 'shop');
  assert.match(claim.review.response.status!.message, /refused Deployment shop\/web/);
  assert.equal(decide(review(deployment('shop'), { namespace: 'kube-system' }), cfg(denyAll)).review.response.allowed, true);
  // Cluster-scoped requests carry no namespace: the object's (or the default) stays.
  assert.equal(decide(review(deployment('shop'), { namespace: '' }), cfg(denyAll)).decision.namespace, 'shop');
});

test('the exception ledger and the ignore annotation apply as in scan; expired exceptions do not', () => {
  const ledger = (expires: string): MamoriConfig => ({
    ...denyAll,
    exceptions: [{ policy: 'privileged-container', resource: { kind: 'Deployment', namespace: 'shop', name: 'web' }, reason: 'needs raw sockets', expires }],
  });
  const ok = decide(review(deployment()), cfg(ledger('2027-01-01')));
  assert.equal(ok.review.response.allowed, true);
  assert.equal(ok.decision.excepted, 2);
  assert.equal(decide(review(deployment()), cfg(ledger('2026-01-01'))).review.response.allowed, false);
});

test('serve ignores the object\'s own mamori.dev/ignore unless the config allows it for that policy', () => {
  for (const list of ['*', 'privileged-container', 'privileged-container,privilege-escalation-allowed']) {
    const ignored = deployment(undefined, { annotations: { 'mamori.dev/ignore': list, 'mamori.dev/ignore-reason': 'lab' } });
    const r = decide(review(ignored), cfg(denyAll));
    assert.equal(r.review.response.allowed, false, list);
    assert.equal(r.decision.suppressed, 0, list);
    assert.match(r.review.response.status!.message, /\[privileged-container\]/);
  }
  // Allowed for privilege-escalation-allowed only: "*" on the object reaches that one, never privileged-container.
  const onlyEscalation = cfg({ ...denyAll, webhook: { allowIgnoreAnnotationFor: ['privilege-escalation-allowed'] } });
  const star = decide(review(deployment(undefined, { annotations: { 'mamori.dev/ignore': '*' } })), onlyEscalation);
  assert.equal(star.review.response.allowed, false);
  assert.deepEqual(star.decision.suppressedPolicies, ['privilege-escalation-allowed']);
});

test('an allowed suppression admits, and still warns, annotates the audit log and is logged', () => {
  const allow = cfg({ ...denyAll, webhook: { allowIgnoreAnnotationFor: ['privileged-container'] } });
  const ignored = deployment(undefined, { annotations: { 'mamori.dev/ignore': 'privileged-container', 'mamori.dev/ignore-reason': 'lab' } });
  const r = decide(review(ignored), allow);
  assert.equal(r.review.response.allowed, true);
  assert.equal(r.decision.suppressed, 2);
  assert.deepEqual(r.decision.suppressedPolicies, ['privileged-container']);
  const suppressedWarnings = r.review.response.warnings!.filter((w) => w.includes('suppressed by mamori.dev/ignore (lab)'));
  assert.deepEqual(suppressedWarnings.map((w) => w.split(':')[0]), ['[privileged-container] container "app"', '[privileged-container] container "init"']);
  assert.equal(r.review.response.auditAnnotations?.['suppressed-violations'], 'privileged-container');
});

test('scan keeps honouring the annotation: without admission every named policy is suppressed', () => {
  const scanCfg = resolveEngineConfig({ config: denyAll, file: null }, { only: ['privileged-container'], lang: 'en', today: '2026-11-22' });
  const r = decide(review(deployment(undefined, { annotations: { 'mamori.dev/ignore': '*' } })), scanCfg);
  assert.equal(r.review.response.allowed, true);
  assert.equal(r.decision.suppressed, 2);
});

test('webhook.allowIgnoreAnnotationFor: "*" and unknown policies are configuration errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-allow-ignore-'));
  try {
    const file = join(dir, 'mamori.yaml');
    writeFileSync(file, 'profile: defender\nwebhook:\n  allowIgnoreAnnotationFor:\n  - run-as-root\n  - "*"\n');
    assert.throws(() => loadConfigFile(file), (e: Error) => e.message === `${file}:5: webhook.allowIgnoreAnnotationFor.1: name each policy; "*" is not allowed here`);
    writeFileSync(file, 'webhook:\n  allowIgnoreAnnotationFor: [privileged-*]\n');
    assert.throws(() => loadConfigFile(file), /"\*" is not allowed here/);
    writeFileSync(file, 'webhook:\n  allowIgnoreAnnotationFor:\n  - no-such-policy\n');
    assert.throws(() => resolveEngineConfig(loadConfigFile(file), { lang: 'en', admission: true }), (e: Error) => e.message === `${file}:3: webhook.allowIgnoreAnnotationFor.0: unknown policy id "no-such-policy" (see \`mamori policies\`)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Disabled policies do not run', () => {
  const off: MamoriConfig = { policies: { 'privileged-container': { effect: 'Disabled' }, 'privilege-escalation-allowed': { effect: 'Disabled' } } };
  assert.deepEqual(decide(review(deployment()), cfg(off)).review.response, { uid: 'u-1', allowed: true });
});

test('DELETE, CONNECT, status subresources and objects being deleted are allowed without evaluation', () => {
  for (const req of [{ operation: 'DELETE', object: null }, { operation: 'CONNECT' }, { subResource: 'status' }, { subResource: 'scale' }]) {
    const { review: r, decision } = decide(review(deployment(), req), cfg(denyAll));
    assert.equal(r.response.allowed, true, JSON.stringify(req));
    assert.ok(decision.skipped);
  }
  const leaving = deployment(undefined, { deletionTimestamp: '2026-11-22T00:00:00Z', finalizers: [] });
  assert.equal(decide(review(leaving, { operation: 'UPDATE' }), cfg(denyAll)).review.response.allowed, true);
  // but a plain UPDATE is judged like a CREATE
  assert.equal(decide(review(deployment(), { operation: 'UPDATE', oldObject: deployment() }), cfg(denyAll)).review.response.allowed, false);
});

test('ephemeral containers added through pods/ephemeralcontainers are judged', () => {
  const pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ephemeralContainers: [{ name: 'debugger', image: 'busybox', securityContext: { privileged: true } }] },
  };
  const { review: r } = decide(review(pod, { subResource: 'ephemeralcontainers', operation: 'UPDATE', kind: { group: '', version: 'v1', kind: 'Pod' } }), cfg(denyAll));
  assert.equal(r.response.allowed, false);
  assert.match(r.response.status!.message, /container "debugger" at spec\.ephemeralContainers\[0\]/);
});

test('dryRun is judged the same and recorded in the decision', () => {
  const { review: r, decision } = decide(review(deployment(), { dryRun: true }), cfg(denyAll));
  assert.equal(r.response.allowed, false);
  assert.equal(decision.dryRun, true);
});

test('kind and apiVersion fall back to the request when the object lacks them', () => {
  const o = deployment() as Record<string, unknown>;
  delete o.kind;
  delete o.apiVersion;
  const { review: r } = decide(review(o), cfg(denyAll));
  assert.equal(r.response.allowed, false);
  assert.match(r.response.status!.message, /refused Deployment shop\/web/);
});

test('an object of the wrong shape is refused (fail closed) with the problem named', () => {
  const o = deployment();
  (o.spec.template.spec as Record<string, unknown>).containers = 'nginx';
  const { review: r, decision } = decide(review(o), cfg(denyAll));
  assert.equal(r.response.allowed, false);
  assert.equal(r.response.status?.code, 400);
  assert.match(r.response.status!.message, /cannot evaluate this Deployment: spec\.template\.spec\.containers/);
  assert.equal(decision.errors.length, 1);
});

test('malformed reviews throw BadReview (answered with 400), naming what is wrong', () => {
  const cases: [unknown, RegExp][] = [
    [null, /not a JSON object/],
    [[], /not a JSON object/],
    [{ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: {} }, /apiVersion must be admission\.k8s\.io\/v1/],
    [{ apiVersion: 'admission.k8s.io/v1', kind: 'Pod' }, /kind must be AdmissionReview/],
    [{ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, /request is missing/],
    [{ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { operation: 'CREATE' } }, /request\.uid/],
    [{ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'x' } }, /request\.operation/],
    [{ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'x', operation: 'CREATE', object: 'a string' } }, /request\.object/],
  ];
  for (const [body, re] of cases) assert.throws(() => decide(body, cfg(denyAll)), (e: unknown) => e instanceof BadReview && re.test((e as Error).message), JSON.stringify(body));
});

test('warnings stay within what the API server passes on, on one line', () => {
  const o = deployment();
  const long = 'x'.repeat(400);
  o.spec.template.spec.containers = [{ name: long, image: 'nginx', securityContext: { privileged: true } }] as never;
  o.spec.template.spec.initContainers = [];
  const audit: MamoriConfig = { policies: { 'privileged-container': { effect: 'Audit' } } };
  const w = decide(review(o), cfg(audit, ['privileged-container'])).review.response.warnings!;
  assert.equal(w.length, 1);
  assert.ok(w[0]!.length <= MAX_WARNING_CHARS);
  assert.doesNotMatch(w[0]!, /\n/);
});

test('an object over the container or volume limit is refused unjudged, naming the count and the limit', () => {
  const pod = (containers: number, volumes: number) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' },
    spec: {
      containers: Array.from({ length: containers }, (_, i) => ({ name: `c${i}`, image: 'x' })),
      ephemeralContainers: [{ name: 'e', image: 'x' }],
      volumes: Array.from({ length: volumes }, (_, i) => ({ name: `v${i}`, emptyDir: {} })),
    },
  });
  const limits = { containers: 10, volumes: 20 };
  const podReview = (o: unknown) => review(o, { kind: { group: '', version: 'v1', kind: 'Pod' } });
  const many = decide(podReview(pod(10, 0)), cfg(denyAll), limits);
  assert.equal(many.review.response.allowed, false);
  assert.equal(many.review.response.status!.message, 'mamori refused Pod big: 11 containers (init and ephemeral included) exceed the webhook\'s limit of 10 per object');
  assert.equal(many.decision.skipped, 'object too large');
  const vols = decide(podReview(pod(1, 21)), cfg(denyAll), limits);
  assert.equal(vols.review.response.status!.message, 'mamori refused Pod big: 21 volumes exceed the webhook\'s limit of 20 per object');
  // At the limit it is judged as usual.
  assert.equal(decide(podReview(pod(9, 20)), cfg(denyAll), limits).review.response.allowed, true);
  // A Deployment's template counts the same.
  const dep = deployment();
  dep.spec.template.spec.containers = Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, image: 'x', securityContext: { allowPrivilegeEscalation: false } }));
  assert.match(decide(review(dep), cfg(denyAll), limits).review.response.status!.message, /12 containers/);
});

test('a denial lists at most 10 findings per policy and an answer at most 16 warnings', () => {
  const dep = deployment();
  dep.spec.template.spec.initContainers = [];
  dep.spec.template.spec.containers = Array.from({ length: 40 }, (_, i) => ({ name: `c${i}`, image: 'x', securityContext: { privileged: true, allowPrivilegeEscalation: true } }));
  const r = decide(review(dep), cfg(denyAll)).review.response;
  assert.equal(r.allowed, false);
  assert.equal(r.status!.message.split('\n').filter((l) => l.startsWith('  - container')).length, 10);
  assert.match(r.status!.message, /- … and 30 more/);
  assert.equal(r.warnings!.length, 16);
  assert.match(r.warnings![15]!, /25 more warnings left out/);
});
