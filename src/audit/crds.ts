// The wgpolicyk8s.io/v1alpha2 PolicyReport and ClusterPolicyReport CRDs (Policy WG schema), created by `audit --create-crds` when a cluster lacks them (deploy/crds holds the same YAML).
import type { Obj } from '../k8s/values.js';

const objectReference = {
  type: 'object',
  description: 'ObjectReference contains enough information to let you inspect or modify the referred object.',
  properties: {
    apiVersion: { type: 'string' },
    fieldPath: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    resourceVersion: { type: 'string' },
    uid: { type: 'string' },
  },
  'x-kubernetes-map-type': 'atomic',
};

const labelSelector = {
  type: 'object',
  description: 'A label selector: matchLabels and matchExpressions, ANDed.',
  properties: {
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string' },
          operator: { type: 'string' },
          values: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
  },
  'x-kubernetes-map-type': 'atomic',
};

const summary = {
  type: 'object',
  description: 'Summary of the results: how many passed, failed, warned, errored and were skipped.',
  properties: {
    error: { type: 'integer', description: 'policies that could not be evaluated' },
    fail: { type: 'integer', description: 'policies whose requirements were not met' },
    pass: { type: 'integer', description: 'policies whose requirements were met' },
    skip: { type: 'integer', description: 'policies that were not selected for evaluation' },
    warn: { type: 'integer', description: 'policies whose requirements were not met and that are advisory' },
  },
};

const result = {
  type: 'object',
  description: 'One result of a policy applied to resources.',
  required: ['policy'],
  properties: {
    category: { type: 'string' },
    message: { type: 'string' },
    policy: { type: 'string' },
    properties: { type: 'object', additionalProperties: { type: 'string' } },
    resourceSelector: labelSelector,
    resources: { type: 'array', items: objectReference },
    result: { type: 'string', enum: ['pass', 'fail', 'warn', 'error', 'skip'] },
    rule: { type: 'string' },
    scored: { type: 'boolean' },
    severity: { type: 'string', enum: ['critical', 'high', 'low', 'medium', 'info'] },
    source: { type: 'string' },
    timestamp: {
      type: 'object',
      properties: {
        nanos: { type: 'integer', format: 'int32' },
        seconds: { type: 'integer', format: 'int64' },
      },
      required: ['nanos', 'seconds'],
    },
  },
};

function crd(kind: 'PolicyReport' | 'ClusterPolicyReport'): Obj {
  const cluster = kind === 'ClusterPolicyReport';
  const plural = cluster ? 'clusterpolicyreports' : 'policyreports';
  const columns = [
    { jsonPath: '.scope.kind', name: 'Kind', type: 'string', priority: 1 },
    { jsonPath: '.scope.name', name: 'Name', type: 'string', priority: 1 },
    { jsonPath: '.summary.pass', name: 'Pass', type: 'integer' },
    { jsonPath: '.summary.fail', name: 'Fail', type: 'integer' },
    { jsonPath: '.summary.warn', name: 'Warn', type: 'integer' },
    { jsonPath: '.summary.error', name: 'Error', type: 'integer' },
    { jsonPath: '.summary.skip', name: 'Skip', type: 'integer' },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${plural}.wgpolicyk8s.io`,
      annotations: { 'api-approved.kubernetes.io': 'https://github.com/kubernetes-sigs/wg-policy-prototypes' },
      labels: { 'app.kubernetes.io/part-of': 'wg-policy' },
    },
    spec: {
      group: 'wgpolicyk8s.io',
      names: {
        kind,
        listKind: `${kind}List`,
        plural,
        singular: kind.toLowerCase(),
        shortNames: [cluster ? 'cpolr' : 'polr'],
      },
      scope: cluster ? 'Cluster' : 'Namespaced',
      versions: [{
        name: 'v1alpha2',
        served: true,
        storage: true,
        additionalPrinterColumns: columns,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            description: `${kind} is the Schema for the ${plural} API`,
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              results: { type: 'array', description: 'policy results', items: result },
              scope: objectReference,
              scopeSelector: labelSelector,
              summary,
            },
          },
        },
      }],
    },
  };
}

export const POLICY_REPORT_CRD = crd('PolicyReport');
export const CLUSTER_POLICY_REPORT_CRD = crd('ClusterPolicyReport');
export const CRDS = [POLICY_REPORT_CRD, CLUSTER_POLICY_REPORT_CRD];
