// The ValidatingWebhookConfiguration: rules for every judged kind, and a namespace selector only where it is safe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEngineConfig } from '../config/load.js';
import type { MamoriConfig } from '../config/schema.js';
import { skippableNamespaces, webhookConfiguration } from './webhook-config.js';

const only = ['privileged-container', 'privilege-escalation-allowed'];
const cfg = (config: MamoriConfig) => resolveEngineConfig({ config, file: null }, { only, lang: 'en' });

test('only namespaces every active policy excludes are skipped, globs never', () => {
  const c = cfg({
    excludedNamespaces: ['kube-system', 'monitoring', 'team-*'],
    policies: { 'privilege-escalation-allowed': { excludedNamespaces: ['kube-system', 'team-*', 'ci'] } },
  });
  assert.deepEqual(skippableNamespaces(c), ['azure-arc', 'gatekeeper-system', 'kube-system']);
  // A disabled policy does not hold namespaces back.
  const d = cfg({ excludedNamespaces: ['monitoring'], policies: { 'privilege-escalation-allowed': { effect: 'Disabled', excludedNamespaces: [] } } });
  assert.ok(skippableNamespaces(d).includes('monitoring'));
});

test('service-based configuration with caBundle, rules, failure policy and selector', () => {
  const doc = webhookConfiguration(cfg({ excludedNamespaces: ['kube-system'] }), {
    caPem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
    service: { name: 'mamori', namespace: 'mamori', port: 443 },
    failurePolicy: 'Fail',
    timeoutSeconds: 5,
  }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a plain JSON document
  assert.equal(doc.kind, 'ValidatingWebhookConfiguration');
  const w = doc.webhooks[0];
  assert.equal(w.name, 'validate.mamori.dev');
  assert.deepEqual(w.admissionReviewVersions, ['v1']);
  assert.equal(w.sideEffects, 'None');
  assert.equal(w.failurePolicy, 'Fail');
  assert.equal(w.timeoutSeconds, 5);
  assert.deepEqual(w.clientConfig.service, { name: 'mamori', namespace: 'mamori', path: '/validate', port: 443 });
  assert.match(Buffer.from(w.clientConfig.caBundle, 'base64').toString(), /BEGIN CERTIFICATE/);
  const resources = w.rules.flatMap((r: { resources: string[] }) => r.resources);
  for (const r of ['pods', 'pods/ephemeralcontainers', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers', 'podtemplates', 'services', 'ingresses', 'serviceaccounts']) {
    assert.ok(resources.includes(r), r);
  }
  for (const r of w.rules) assert.deepEqual(r.operations, ['CREATE', 'UPDATE']);
  assert.deepEqual(w.namespaceSelector, { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['azure-arc', 'gatekeeper-system', 'kube-system'] }] });
});

test('url-based clientConfig and cert-manager injection', () => {
  const doc = webhookConfiguration(cfg({}), { url: 'https://127.0.0.1:8443/validate', failurePolicy: 'Ignore', timeoutSeconds: 3, certManagerCertificate: 'mamori/mamori-serving' }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- plain JSON
  assert.deepEqual(doc.webhooks[0].clientConfig, { url: 'https://127.0.0.1:8443/validate' });
  assert.equal(doc.webhooks[0].failurePolicy, 'Ignore');
  assert.equal(doc.metadata.annotations['cert-manager.io/inject-ca-from'], 'mamori/mamori-serving');
  assert.throws(() => webhookConfiguration(cfg({}), { failurePolicy: 'Fail', timeoutSeconds: 3 }), /url or a service/);
});
