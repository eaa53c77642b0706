// export vap as data: effects, exclusions, exceptions and notices follow mamori.yaml exactly as scan reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEngineConfig } from '../config/load.js';
import type { MamoriConfig } from '../config/schema.js';
import { exportVap, pluralOf } from './vap.js';
import { vapYaml } from '../cli/commands/export.js';
import { compileRe2 } from '../checks/re2.js';

const CONFIGURED: MamoriConfig = {
  policies: {
    'untrusted-registry': { effect: 'Deny', parameters: { allowedContainerImagesRegex: '^[^/]+\\.azurecr\\.io/.+$' } },
    'disallowed-service-port': { parameters: { allowedServicePortsList: ['80', '443', '8000-8999'] } },
    'privileged-container': { effect: 'Disabled' },
  },
};

function run(config: MamoriConfig, profile = 'defender', today = '2026-11-30') {
  return exportVap(resolveEngineConfig({ config, file: null }, { profile, lang: 'en', today }));
}

interface Spec {
  validationActions: string[];
  matchResources: { namespaceSelector: { matchExpressions: unknown[] } };
  matchConditions: { name: string; expression: string }[];
  matchConstraints: { resourceRules: { resources: string[] }[] };
  variables: { name: string; expression: string }[];
  validations: unknown[];
}
type Doc = { kind: string; metadata: { name: string; annotations: Record<string, string> }; spec: Spec };
const docs = (x: ReturnType<typeof run>): Doc[] => x.documents as unknown as Doc[];
const policy = (x: ReturnType<typeof run>, id: string): Doc | undefined => docs(x).find((d) => d.kind === 'ValidatingAdmissionPolicy' && d.metadata.name === `mamori-${id}`);
const binding = (x: ReturnType<typeof run>, id: string): Doc | undefined => docs(x).find((d) => d.kind === 'ValidatingAdmissionPolicyBinding' && d.metadata.name === `mamori-${id}`);

test('at least 13 of the 16 Defender recommendations are exported exactly once configured', () => {
  const out = run(CONFIGURED);
  const defender = resolveEngineConfig({ config: {}, file: null }, { profile: 'defender', lang: 'en' }).policies
    .filter((p) => p.check.meta.references.defenderKey !== undefined).map((p) => p.check.meta.id);
  assert.equal(defender.length, 16);
  const exact = out.rows.filter((r) => defender.includes(r.policyId) && r.status === 'exact');
  // privileged-container is Disabled here, so it is not even a row
  assert.ok(exact.length >= 14, `exact: ${exact.map((r) => r.policyId).join(', ')}`);
  assert.equal(out.rows.find((r) => r.policyId === 'service-account-token-automount')?.status, 'difference');
});

test('effects: Deny → [Deny], Audit → [Warn, Audit], Disabled → not exported', () => {
  const out = run(CONFIGURED);
  assert.deepEqual(binding(out, 'untrusted-registry')?.spec.validationActions, ['Deny']);
  assert.deepEqual(binding(out, 'run-as-root')?.spec.validationActions, ['Warn', 'Audit']);
  assert.equal(policy(out, 'privileged-container'), undefined);
  assert.equal(binding(out, 'privileged-container'), undefined);
});

test('each policy names its check, Azure definition and PSS control; parameters are constants in the CEL', () => {
  const out = run(CONFIGURED);
  const p = policy(out, 'untrusted-registry')!;
  assert.equal(p.metadata.annotations['mamori.dev/policy'], 'untrusted-registry');
  assert.match(p.metadata.annotations['mamori.dev/azure-policy']!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.match(JSON.stringify(p.spec.variables), /matches\(\\"\^\[\^\/\]\+\\\\\\\\\.azurecr/);
  const ports = JSON.stringify(policy(out, 'disallowed-service-port')!.spec.validations);
  assert.match(ports, /p\.port in \[80, 443\]/);
  assert.match(ports, /p\.port >= 8000 && p\.port <= 8999/);
  assert.deepEqual(policy(out, 'disallowed-service-port')!.spec.matchConstraints.resourceRules.map((r) => r.resources), [['services']]);
  assert.equal(policy(out, 'privilege-escalation-allowed')!.metadata.annotations['mamori.dev/pss-control'], 'Privilege Escalation (restricted)');
});

test('checks that need configuration or that CEL cannot express are left out with a notice naming them', () => {
  const out = run({});
  for (const id of ['untrusted-registry', 'disallowed-service-port', 'misplaced-security-context-field']) {
    assert.equal(policy(out, id), undefined, id);
    assert.ok(out.notices.some((n) => n.startsWith(`${id}: not exported: `)), id);
  }
  const nsa = run({}, 'nsa');
  assert.ok(nsa.notices.some((n) => n.startsWith('nsa-network-policy: not exported: depends on the NetworkPolicy')));
  assert.ok(policy(nsa, 'nsa-seccomp'));
});

test('excludedNamespaces: exact names in the binding\'s namespaceSelector, prefix globs in matchConditions', () => {
  const out = run({ excludedNamespaces: ['sandbox', 'lab-*'] });
  const b = binding(out, 'run-as-root')!;
  assert.deepEqual(b.spec.matchResources.namespaceSelector.matchExpressions, [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'gatekeeper-system', 'azure-arc', 'sandbox'] }]);
  const mc = policy(out, 'run-as-root')!.spec.matchConditions;
  assert.deepEqual(mc.find((m) => m.name === 'not-in-excluded-namespace'), { name: 'not-in-excluded-namespace', expression: '!(request.namespace.startsWith("lab-"))' });
});

test('exceptions: whole objects in matchConditions, containers in the expressions; expiry is said on stderr', () => {
  const out = run({
    exceptions: [
      { policy: 'host-network-or-port', resource: { kind: 'DaemonSet', namespace: 'monitoring', name: 'node-exporter' }, container: 'node-exporter', reason: 'host metrics', expires: '2027-03-31' },
      { policy: 'run-as-root', resource: { namespace: 'legacy-*' }, reason: 'old images' },
      { policy: 'writable-root-filesystem', resource: { name: 'old' }, reason: 'gone', expires: '2026-01-01' },
    ],
  });
  const host = JSON.stringify(policy(out, 'host-network-or-port')!.spec.variables);
  assert.match(host, /!\(\(\(object\.kind == \\"DaemonSet\\"\) && \(request\.namespace == \\"monitoring\\"\) && \(object\.metadata\.name == \\"node-exporter\\"\)\) && \(c\.name == \\"node-exporter\\"\)\)/);
  const mc = policy(out, 'run-as-root')!.spec.matchConditions;
  assert.equal(mc.find((m) => m.name === 'not-excepted')?.expression, '!(request.namespace.startsWith("legacy-"))');
  assert.doesNotMatch(JSON.stringify(policy(out, 'writable-root-filesystem')), /"old"/);
  assert.ok(out.notices.some((n) => n.includes('host-network-or-port') && n.includes('expires on 2027-03-31') && n.includes('no clock')));
  assert.ok(out.notices.some((n) => n.includes('writable-root-filesystem') && n.includes('expired on 2026-01-01')));
});

test('workloadKinds are matched by their resource and read at their pod template path', () => {
  const out = run({ workloadKinds: [{ kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1', podTemplatePath: 'spec.template' }] });
  const p = policy(out, 'run-as-root')!;
  assert.deepEqual(p.spec.matchConstraints.resourceRules.at(-1), { apiGroups: ['argoproj.io'], apiVersions: ['v1alpha1'], resources: ['rollouts'], operations: ['CREATE', 'UPDATE'] });
  assert.match(p.spec.variables[0]!.expression, /^\(object\.kind == "Rollout"\) && \(object\.apiVersion == "argoproj\.io\/v1alpha1"\) \? dyn\(object\)\.spec\.template : /);
  assert.equal(pluralOf('Policy'), 'policies');
  assert.equal(pluralOf('Ingress'), 'ingresses');
});

test('the YAML is deterministic for a given configuration', () => {
  assert.equal(vapYaml(run(CONFIGURED).documents), vapYaml(run(CONFIGURED).documents));
  assert.match(vapYaml(run(CONFIGURED).documents), /^---\napiVersion: admissionregistration\.k8s\.io\/v1\nkind: ValidatingAdmissionPolicy\n/);
});

test('every pattern written into CEL matches() is RE2 that RE2 accepts and that matches as mamori does', () => {
  const config: MamoriConfig = {
    policies: {
      ...CONFIGURED.policies,
      'disallowed-host-path': { parameters: { allowedHostPaths: { paths: [{ pathPrefix: '/var/log', readOnly: true }, { pathPrefix: '/tmp/a.b' }] } } },
    },
  };
  const patterns = new Set<string>();
  for (const profile of ['defender', 'nsa']) {
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(docs(run(config, profile)).map((d) => d.spec));
    // CEL string literals are written as JSON strings (lit())
    for (const e of strings) for (const m of e.matchAll(/\.matches\(("(?:[^"\\]|\\.)*")\)/g)) patterns.add(JSON.parse(m[1]!) as string);
  }
  assert.ok(patterns.size >= 3, [...patterns].join(' '));
  for (const p of patterns) assert.doesNotThrow(() => compileRe2(p), p);
  const hostPath = [...patterns].find((p) => p.includes('var/log'))!;
  // (?s) mid-pattern is RE2-only syntax: JavaScript's RegExp would reject this pattern
  assert.match(hostPath, /\(\?s\)/);
  assert.equal(compileRe2(hostPath).test('/var/log/pods'), true);
  assert.equal(compileRe2(hostPath).test('/var/logs'), false);
  const dotted = [...patterns].find((p) => p.includes('a\\.b'))!;
  assert.equal(compileRe2(dotted).test('/tmp/a.b/c'), true);
  assert.equal(compileRe2(dotted).test('/tmp/axb'), false);
});
