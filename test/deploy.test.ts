// mamori's own deployment passes mamori: deploy/manifests (and the rendered Helm chart, with helm) under the strictest profiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { resolveEngineConfig } from '../src/config/load.js';
import type { Report } from '../src/core/report.js';
import { profileNames } from '../src/profiles/index.js';
import { webhookConfiguration } from '../src/webhook/webhook-config.js';
import { decide } from '../src/webhook/admission.js';
import { ensureBuilt } from './cli/run.js';
import { needHelm } from './harness/helm.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'mamori.js');
/** The strictest profiles mamori has; each must find nothing. */
const STRICT = ['pss-restricted', 'defender', 'nsa'].filter((p) => profileNames().includes(p));


function scan(target: string, profile: string): { code: number; report: Report; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'scan', target, '--profile', profile, '--config', join(root, 'deploy', 'mamori.yaml'), '--format', 'json'], { cwd: root, encoding: 'utf8' });
  let report: Report;
  try { report = JSON.parse(r.stdout) as Report; } catch { assert.fail(`scan --profile ${profile} printed no JSON (exit ${r.status}): ${r.stderr}`); }
  return { code: r.status ?? -1, report, stderr: r.stderr };
}

function assertClean(target: string, label: string, minResources: number): void {
  ensureBuilt();
  assert.ok(STRICT.length > 0, 'no strict profile registered');
  for (const profile of STRICT) {
    const { code, report, stderr } = scan(target, profile);
    const open = report.findings.filter((f) => f.status === 'open');
    assert.deepEqual(open.map((f) => `${f.policyId} ${f.resource.kind}/${f.resource.name} ${f.container ?? ''} ${f.path}: ${f.message}`), [], `${label} under ${profile}`);
    // A notice means a policy waited for configuration and checked nothing: that would hide findings.
    assert.deepEqual(report.notices, [], `${label} under ${profile}: notices`);
    assert.deepEqual(report.errors, [], `${label} under ${profile}: errors`);
    assert.equal(report.findings.length, 0, `${label} under ${profile}: no excepted or suppressed findings either`);
    assert.ok(report.summary.resources >= minResources, `${label} under ${profile}: ${report.summary.resources} resources scanned`);
    assert.equal(code, 0, `${label} under ${profile}: exit code (${stderr})`);
  }
}

function objects(dir: string): Record<string, any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any -- plain manifests
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS())).filter(Boolean);
}

test('deploy/manifests has zero findings and no notices under every strict profile', () => {
  assertClean(join(root, 'deploy', 'manifests'), 'deploy/manifests', 12);
});

test('deploy/audit (the audit Deployment and its RBAC) has zero findings and no notices under every strict profile', () => {
  assertClean(join(root, 'deploy', 'audit'), 'deploy/audit', 8);
});

test('deploy/manifests runs the webhook as the issue asks', () => {
  const all = objects(join(root, 'deploy', 'manifests'));
  const of = (kind: string) => all.filter((o) => o.kind === kind);
  const [dep] = of('Deployment');
  assert.ok(dep.spec.replicas >= 2);
  assert.ok(dep.spec.template.spec.affinity.podAntiAffinity);
  assert.equal(dep.spec.template.spec.automountServiceAccountToken, false);
  const c = dep.spec.template.spec.containers[0];
  assert.deepEqual(c.securityContext.capabilities.drop, ['ALL']);
  assert.equal(c.securityContext.readOnlyRootFilesystem, true);
  assert.equal(c.securityContext.allowPrivilegeEscalation, false);
  assert.equal(c.securityContext.seccompProfile.type, 'RuntimeDefault');
  assert.ok(c.resources.limits.cpu && c.resources.limits.memory && c.resources.requests.cpu);
  assert.equal(of('PodDisruptionBudget').length, 1);
  assert.equal(of('Service')[0].spec.ports[0].port, 443);
  const [hook] = of('ValidatingWebhookConfiguration');
  assert.equal(hook.metadata.annotations['cert-manager.io/inject-ca-from'], 'mamori/mamori-serving');
  const w = hook.webhooks[0];
  assert.equal(w.sideEffects, 'None');
  assert.deepEqual(w.admissionReviewVersions, ['v1']);
  // The webhook never judges its own namespace: a webhook that is down must be able to come back.
  assert.ok(w.namespaceSelector.matchExpressions[0].values.includes('mamori'));
  assert.ok(of('Certificate').some((x) => x.metadata.name === 'mamori-serving' && x.spec.secretName === 'mamori-tls'));
  assert.equal(dep.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'tls').secret.secretName, 'mamori-tls');
});

test('50-webhook.yaml is what --print-webhook-config prints for the ConfigMap\'s mamori.yaml (as its header says)', () => {
  const all = objects(join(root, 'deploy', 'manifests'));
  const config = all.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'mamori-config')!;
  const cfg = resolveEngineConfig({ config: parse(config.data['mamori.yaml']), file: null }, { lang: 'en' });
  const printed = webhookConfiguration(cfg, {
    service: { name: 'mamori', namespace: 'mamori', port: 443 }, failurePolicy: 'Fail', timeoutSeconds: 5, certManagerCertificate: 'mamori/mamori-serving',
  });
  assert.deepEqual(all.find((o) => o.kind === 'ValidatingWebhookConfiguration'), printed);
});

test('the Dockerfile is multi-stage and runs as a non-root user', () => {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
  assert.ok((text.match(/^FROM /gm) ?? []).length >= 2, 'multi-stage');
  const user = /^USER (\S+)/m.exec(text)?.[1];
  assert.ok(user && !/^(root|0)(:|$)/.test(user), `USER ${user}`);
});

test('helm template of deploy/helm/mamori has zero findings under every strict profile', (t) => {
  const helm = needHelm(t);
  if (!helm) return;
  const dir = mkdtempSync(join(tmpdir(), 'mamori-helm-'));
  try {
    // defaults: cert-manager's two Issuers and two Certificates, then SA, ConfigMap, Service, Deployment, PDB, NetworkPolicy, webhook
    for (const [label, min, args] of [['defaults', 11, []], ['without cert-manager', 7, ['--set', 'tls.certManager.enabled=false', '--set', 'tls.existingSecret=my-tls', '--set-string', 'tls.caBundle=-----BEGIN CERTIFICATE-----']]] as const) {
      const r: SpawnSyncReturns<string> = spawnSync(helm, ['template', 'mamori', join(root, 'deploy', 'helm', 'mamori'), '--namespace', 'mamori', ...args], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const file = join(dir, `${label.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, r.stdout);
      assertClean(file, `helm template (${label})`, min);
      // The chart writes its rules by hand: they must be the ones mamori prints.
      const hook = parseAllDocuments(r.stdout).map((d) => d.toJS()).find((o) => o?.kind === 'ValidatingWebhookConfiguration');
      const printed = webhookConfiguration(resolveEngineConfig({ config: {}, file: null }, { lang: 'en' }), { url: 'https://x', failurePolicy: 'Fail', timeoutSeconds: 5 }) as { webhooks: { rules: unknown }[] };
      assert.deepEqual(hook.webhooks[0].rules, printed.webhooks[0]!.rules, `helm template (${label}): rules`);
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('secure by default: every shipped config refuses the high-severity recommendations and a privileged host Pod', () => {
  const manifests = objects(join(root, 'deploy', 'manifests'));
  const configMap = parse(manifests.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'mamori-config')!.data['mamori.yaml']);
  const chart = parse(readFileSync(join(root, 'deploy', 'helm', 'mamori', 'values.yaml'), 'utf8')).config;
  const own = parse(readFileSync(join(root, 'deploy', 'mamori.yaml'), 'utf8'));
  const hostile = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'root-on-node', namespace: 'shop' }, spec: { hostPID: true, hostNetwork: true, containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }] } };
  for (const [label, config] of [['deploy/manifests/20-config.yaml', configMap], ['chart values.yaml', chart], ['deploy/mamori.yaml', own]] as const) {
    const cfg = resolveEngineConfig({ config, file: null }, { lang: 'en', admission: true });
    const high = cfg.policies.filter((p) => p.check.meta.severity === 'high');
    assert.ok(high.length >= 6, label);
    assert.deepEqual(high.filter((p) => p.effect !== 'Deny').map((p) => p.check.meta.id), [], `${label}: high severity not denied`);
    const { review } = decide({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u', operation: 'CREATE', namespace: 'shop', kind: { group: '', version: 'v1', kind: 'Pod' }, object: hostile } }, cfg);
    assert.equal(review.response.allowed, false, label);
    for (const id of ['privileged-container', 'host-namespace-shared', 'host-network-or-port']) assert.ok(review.response.status!.message.includes(`[${id}]`), `${label}: ${id}`);
  }
});

test('the NetworkPolicies admit the webhook port and, from Prometheus only, the metrics port; no egress', () => {
  const np = objects(join(root, 'deploy', 'manifests')).find((o) => o.kind === 'NetworkPolicy')!;
  assert.deepEqual(np.spec.policyTypes, ['Ingress', 'Egress']);
  assert.deepEqual(np.spec.egress, []);
  const [webhook, metrics] = np.spec.ingress;
  assert.deepEqual(webhook.ports, [{ port: 8443, protocol: 'TCP' }]);
  assert.deepEqual(metrics.ports, [{ port: 8080, protocol: 'TCP' }]);
  assert.ok(metrics.from.length === 1 && metrics.from[0].namespaceSelector && metrics.from[0].podSelector, 'metrics from one selected peer');
  const dep = objects(join(root, 'deploy', 'manifests')).find((o) => o.kind === 'Deployment')!;
  const c = dep.spec.template.spec.containers[0];
  assert.ok(c.args.includes('--metrics-port=8080'));
  assert.equal(c.readinessProbe.httpGet.port, 'metrics');
  assert.equal(c.livenessProbe.httpGet.port, 'metrics');
});
