// OpenReports (openreports.io/v1alpha1 Report and ClusterReport): the CRDs as openreports/reports-api defines them, and mamori's reports in that API.
import type { Obj } from '../k8s/values.js';
import type { ApiResource } from '../kube/resources.js';

export const OPENREPORTS_GROUP = 'openreports.io';
export const OPENREPORTS_VERSION = 'v1alpha1';

export const REPORT: ApiResource = { kind: 'Report', group: OPENREPORTS_GROUP, version: OPENREPORTS_VERSION, plural: 'reports', namespaced: true };
export const CLUSTER_REPORT: ApiResource = { kind: 'ClusterReport', group: OPENREPORTS_GROUP, version: OPENREPORTS_VERSION, plural: 'clusterreports', namespaced: false };

// The schema below follows reports-api's controller-gen output field for field (types, enums, required,
// list and map types); descriptions are shortened.
const STATUSES = ['pass', 'fail', 'warn', 'error', 'skip'];

const objectReference = {
  description: 'A reference to a Kubernetes object.',
  properties: {
    apiVersion: { description: 'API version of the referent.', type: 'string' },
    fieldPath: { description: 'A field within the referent, e.g. spec.containers{name}.', type: 'string' },
    kind: { description: 'Kind of the referent.', type: 'string' },
    name: { description: 'Name of the referent.', type: 'string' },
    namespace: { description: 'Namespace of the referent.', type: 'string' },
    resourceVersion: { description: 'resourceVersion of the referent this refers to, if any.', type: 'string' },
    uid: { description: 'UID of the referent.', type: 'string' },
  },
  type: 'object',
  'x-kubernetes-map-type': 'atomic',
};

const labelSelector = (description: string): Obj => ({
  description,
  properties: {
    matchExpressions: {
      description: 'Label selector requirements, ANDed.',
      items: {
        description: 'A key, an operator (In, NotIn, Exists, DoesNotExist) and values.',
        properties: {
          key: { description: 'The label key the selector applies to.', type: 'string' },
          operator: { description: 'In, NotIn, Exists or DoesNotExist.', type: 'string' },
          values: { description: 'Values for In and NotIn; empty for Exists and DoesNotExist.', items: { type: 'string' }, type: 'array', 'x-kubernetes-list-type': 'atomic' },
        },
        required: ['key', 'operator'],
        type: 'object',
      },
      type: 'array',
      'x-kubernetes-list-type': 'atomic',
    },
    matchLabels: { additionalProperties: { type: 'string' }, description: 'Label key/value pairs, ANDed.', type: 'object' },
  },
  type: 'object',
  'x-kubernetes-map-type': 'atomic',
});

const result = {
  description: 'The result of one policy (rule) for the resources it names.',
  properties: {
    category: { description: 'Policy category.', type: 'string' },
    message: { description: 'A short message for the user.', type: 'string' },
    policy: { description: 'Name or identifier of the policy.', type: 'string' },
    properties: { additionalProperties: { type: 'string' }, description: 'More information about the result.', type: 'object' },
    resourceSelector: labelSelector('Selects the checked resources by label; either resources or resourceSelector.'),
    resources: { description: 'The checked resources.', items: objectReference, type: 'array' },
    result: { description: 'Outcome of the policy.', enum: STATUSES, type: 'string' },
    rule: { description: 'Name or identifier of the rule within the policy.', type: 'string' },
    scored: { description: 'Whether the result is scored.', type: 'boolean' },
    severity: { description: 'How critical the result is.', enum: ['critical', 'high', 'low', 'medium', 'info'], type: 'string' },
    source: { description: 'The engine that produced this result; overrides the report\'s source.', type: 'string' },
    timestamp: {
      description: 'When the result was found.',
      properties: {
        nanos: { description: 'Fractions of a second, 0 to 999,999,999.', format: 'int32', type: 'integer' },
        seconds: { description: 'Seconds since the Unix epoch, UTC.', format: 'int64', type: 'integer' },
      },
      required: ['nanos', 'seconds'],
      type: 'object',
    },
  },
  required: ['policy'],
  type: 'object',
};

function crd(kind: 'Report' | 'ClusterReport'): Obj {
  const cluster = kind === 'ClusterReport';
  const plural = cluster ? 'clusterreports' : 'reports';
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${OPENREPORTS_GROUP}` },
    spec: {
      group: OPENREPORTS_GROUP,
      names: { kind, listKind: `${kind}List`, plural, shortNames: [cluster ? 'creps' : 'reps'], singular: kind.toLowerCase() },
      scope: cluster ? 'Cluster' : 'Namespaced',
      versions: [{
        additionalPrinterColumns: [
          { jsonPath: '.scope.kind', name: 'Kind', priority: 1, type: 'string' },
          { jsonPath: '.scope.name', name: 'Name', priority: 1, type: 'string' },
          { jsonPath: '.summary.pass', name: 'Pass', type: 'integer' },
          { jsonPath: '.summary.fail', name: 'Fail', type: 'integer' },
          { jsonPath: '.summary.warn', name: 'Warn', type: 'integer' },
          { jsonPath: '.summary.error', name: 'Error', type: 'integer' },
          { jsonPath: '.summary.skip', name: 'Skip', type: 'integer' },
          { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
        ],
        name: OPENREPORTS_VERSION,
        schema: {
          openAPIV3Schema: {
            description: `${kind} is the Schema for the ${plural} API`,
            properties: {
              apiVersion: { description: 'The versioned schema of this representation of an object.', type: 'string' },
              configuration: {
                description: 'A contract between the report\'s producer and its consumers.',
                properties: {
                  limits: {
                    properties: {
                      maxResults: { description: 'The most results the report holds.', type: 'integer' },
                      statusFilter: {
                        description: 'The report holds only results with these statuses.',
                        items: { description: 'A result status the producer writes.', enum: STATUSES, type: 'string' },
                        type: 'array',
                      },
                    },
                    type: 'object',
                  },
                },
                required: ['limits'],
                type: 'object',
              },
              kind: { description: 'The REST resource this object represents.', type: 'string' },
              metadata: { type: 'object' },
              results: { description: 'The results.', items: result, type: 'array' },
              scope: { ...objectReference, description: 'The object the report is about (a Namespace, a Deployment, a Node), if one.' },
              scopeSelector: labelSelector('Selects several scopes by label; not together with scope.'),
              source: { description: 'The engine that produced the report, when one produced every result.', type: 'string' },
              summary: {
                description: 'How many results have each status.',
                properties: {
                  error: { description: 'Policies that could not be evaluated.', type: 'integer' },
                  fail: { description: 'Policies whose requirements were not met.', type: 'integer' },
                  pass: { description: 'Policies whose requirements were met.', type: 'integer' },
                  skip: { description: 'Policies not selected for evaluation.', type: 'integer' },
                  warn: { description: 'Non-scored policies whose requirements were not met.', type: 'integer' },
                },
                type: 'object',
              },
            },
            type: 'object',
          },
        },
        served: true,
        storage: true,
        subresources: {},
      }],
    },
  };
}

export const REPORT_CRD = crd('Report');
export const CLUSTER_REPORT_CRD = crd('ClusterReport');
export const OPENREPORTS_CRDS = [REPORT_CRD, CLUSTER_REPORT_CRD];

/**
 * A wgpolicyk8s.io/v1alpha2 report as an OpenReports one: the same results and summary, the engine named once,
 * and the size bound and the statuses mamori writes declared to consumers.
 */
export function asOpenReport(policyReport: Obj, maxResults: number): Obj {
  const namespaced = (policyReport.metadata as Obj).namespace !== undefined;
  return {
    ...policyReport,
    apiVersion: `${OPENREPORTS_GROUP}/${OPENREPORTS_VERSION}`,
    kind: namespaced ? REPORT.kind : CLUSTER_REPORT.kind,
    source: 'mamori',
    // mamori writes failing and skipped (excepted, suppressed) results; passes are only counted in the summary.
    configuration: { limits: { maxResults, statusFilter: ['fail', 'skip'] } },
  };
}
