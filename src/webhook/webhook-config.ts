// The ValidatingWebhookConfiguration that sends mamori the kinds it judges, skipping namespaces no policy looks at.
import type { EngineConfig } from '../engine/engine.js';

export const WEBHOOK_NAME = 'validate.mamori.dev';
export const CONFIG_NAME = 'mamori';

/** Every resource the webhook judges: Pods and every pod-bearing kind, Services, Ingresses, ServiceAccounts. */
export const WEBHOOK_RULES = [
  { apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'pods/ephemeralcontainers', 'podtemplates', 'replicationcontrollers', 'services', 'serviceaccounts'] },
  { apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'] },
  { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['jobs', 'cronjobs'] },
  { apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], resources: ['ingresses'] },
] as const;

export interface WebhookConfigOptions {
  /** PEM of the CA that signed the serving certificate; omitted with cert-manager, which injects it */
  caPem?: string;
  /** url-based clientConfig (webhook outside the cluster) … */
  url?: string;
  /** … or service-based (the default) */
  service?: { name: string; namespace: string; port: number; path?: string };
  failurePolicy: 'Fail' | 'Ignore';
  timeoutSeconds: number;
  /** cert-manager Certificate "namespace/name" whose CA the cainjector writes into caBundle */
  certManagerCertificate?: string;
  name?: string;
}

/**
 * Namespaces every active policy excludes: only those may be skipped at the API server, or a policy
 * that does look at them would go unasked. Glob entries ("team-*") cannot be a label selector value.
 */
export function skippableNamespaces(cfg: EngineConfig): string[] {
  const active = cfg.policies.filter((p) => p.effect !== 'Disabled');
  if (active.length === 0) return [];
  let common = new Set(active[0]!.excludedNamespaces.filter((n) => !n.includes('*')));
  for (const p of active.slice(1)) common = new Set(p.excludedNamespaces.filter((n) => common.has(n)));
  return [...common].sort();
}

export function webhookConfiguration(cfg: EngineConfig, opts: WebhookConfigOptions): Record<string, unknown> {
  if (!opts.url && !opts.service) throw new Error('webhook configuration needs a url or a service');
  const clientConfig: Record<string, unknown> = opts.url
    ? { url: opts.url }
    : { service: { name: opts.service!.name, namespace: opts.service!.namespace, path: opts.service!.path ?? '/validate', port: opts.service!.port } };
  if (opts.caPem) clientConfig.caBundle = Buffer.from(opts.caPem).toString('base64');
  const skip = skippableNamespaces(cfg);
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: {
      name: opts.name ?? CONFIG_NAME,
      labels: { 'app.kubernetes.io/name': 'mamori' },
      ...(opts.certManagerCertificate ? { annotations: { 'cert-manager.io/inject-ca-from': opts.certManagerCertificate } } : {}),
    },
    webhooks: [{
      name: WEBHOOK_NAME,
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      failurePolicy: opts.failurePolicy,
      matchPolicy: 'Equivalent',
      timeoutSeconds: opts.timeoutSeconds,
      clientConfig,
      rules: WEBHOOK_RULES.map((r) => ({ operations: ['CREATE', 'UPDATE'], apiGroups: [...r.apiGroups], apiVersions: [...r.apiVersions], resources: [...r.resources], scope: 'Namespaced' })),
      ...(skip.length > 0 ? { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: skip }] } } : {}),
    }],
  };
}
