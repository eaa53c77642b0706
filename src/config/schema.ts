// mamori.yaml: the schema, validated on load with errors that name the key; also published as JSON Schema.
import { z } from 'zod';
import { once } from '../core/rule.js';

// Functions, not constants: the schema is built the first time a mamori.yaml is read (or the JSON Schema written), not at every start.

const effectSchema = () => z.enum(['Audit', 'Deny', 'Disabled', 'audit', 'deny', 'disabled'])
  .transform((e) => (e.charAt(0).toUpperCase() + e.slice(1)) as 'Audit' | 'Deny' | 'Disabled');

const isoDate = () => z.union([z.string(), z.date()]).transform((v, ctx) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) {
    ctx.addIssue({ code: 'custom', message: `expected a date as YYYY-MM-DD, got ${JSON.stringify(s)}` });
    return z.NEVER;
  }
  return s;
});

const exceptionSchema = () => z.strictObject({
  policy: z.string().min(1).describe('check id, or "*" for every check'),
  resource: z.strictObject({
    kind: z.string().optional(),
    namespace: z.string().optional(),
    name: z.string().optional(),
  }).describe('which resource; each field may end with "*" as a prefix glob; omitted fields match anything'),
  container: z.string().optional(),
  reason: z.string().min(1).describe('why the risk is accepted; shown with every excepted finding'),
  owner: z.string().optional(),
  expires: isoDate().optional().describe('YYYY-MM-DD; after this day the exception no longer applies'),
});

const policyConfigSchema = () => z.strictObject({
  effect: effectSchema().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  excludedNamespaces: z.array(z.string()).optional(),
});

export const configSchema = once(() => z.strictObject({
  profile: z.string().optional().describe('defender, pss-baseline, pss-restricted[:vX.Y], nsa, …'),
  defaultNamespace: z.string().optional().describe('namespace for objects that name none (default "default", as kubectl)'),
  excludedNamespaces: z.array(z.string()).optional().describe('namespaces no check looks at; kube-system, gatekeeper-system and azure-arc are always excluded under defender'),
  excludedImages: z.array(z.string()).optional().describe('images every container check leaves out (Azure excludedImagesInKubernetesCluster); not applied to untrusted-registry'),
  azureParameters: z.string().optional().describe('path of an Azure Policy assignment parameters file ({"name": {"value": …}})'),
  policies: z.record(z.string(), policyConfigSchema()).optional(),
  exceptions: z.array(exceptionSchema()).optional(),
  workloadKinds: z.array(z.strictObject({
    kind: z.string(),
    apiVersion: z.string().optional(),
    podTemplatePath: z.string().describe('object path of the pod template, e.g. spec.template'),
  })).optional().describe('custom resources that carry a pod template (Argo Rollouts, Knative, …)'),
  failOn: z.enum(['high', 'medium', 'low', 'none']).optional(),
  webhook: z.strictObject({
    allowIgnoreAnnotationFor: z.array(z.string().min(1).refine((id) => !id.includes('*'), { message: 'name each policy; "*" is not allowed here' }))
      .optional()
      .describe('policies whose findings an object\'s own mamori.dev/ignore annotation may suppress in `mamori serve` (default none: the webhook ignores the annotation); suppressed findings are still warned, annotated and logged'),
  }).optional().describe('settings of `mamori serve`'),
  versions: z.strictObject({
    releases: z.string().describe('release table file ({asOf, releases: [{minor, released, endOfLife}]}) replacing the one mamori ships, relative to this file'),
  }).optional().describe('settings of `mamori versions`'),
}));

export type MamoriConfig = z.output<ReturnType<typeof configSchema>>;
