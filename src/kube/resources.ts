// The Kubernetes API resources mamori reads (audit, rbac --cluster, versions --cluster): where each lives in the API, whether it is namespaced.
import type { Obj } from '../k8s/values.js';

export interface ApiResource {
  kind: string;
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
}

const R = (kind: string, group: string, version: string, plural: string, namespaced = true): ApiResource => ({ kind, group, version, plural, namespaced });

export const RESOURCES: Record<string, ApiResource> = {
  Namespace: R('Namespace', '', 'v1', 'namespaces', false),
  ServiceAccount: R('ServiceAccount', '', 'v1', 'serviceaccounts'),
  NetworkPolicy: R('NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies'),
  Pod: R('Pod', '', 'v1', 'pods'),
  Service: R('Service', '', 'v1', 'services'),
  Ingress: R('Ingress', 'networking.k8s.io', 'v1', 'ingresses'),
  ConfigMap: R('ConfigMap', '', 'v1', 'configmaps'),
  Node: R('Node', '', 'v1', 'nodes', false),
  ReplicaSet: R('ReplicaSet', 'apps', 'v1', 'replicasets'),
  Deployment: R('Deployment', 'apps', 'v1', 'deployments'),
  StatefulSet: R('StatefulSet', 'apps', 'v1', 'statefulsets'),
  DaemonSet: R('DaemonSet', 'apps', 'v1', 'daemonsets'),
  ReplicationController: R('ReplicationController', '', 'v1', 'replicationcontrollers'),
  Job: R('Job', 'batch', 'v1', 'jobs'),
  CronJob: R('CronJob', 'batch', 'v1', 'cronjobs'),
  Role: R('Role', 'rbac.authorization.k8s.io', 'v1', 'roles'),
  ClusterRole: R('ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', false),
  RoleBinding: R('RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings'),
  ClusterRoleBinding: R('ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false),
  PolicyReport: R('PolicyReport', 'wgpolicyk8s.io', 'v1alpha2', 'policyreports'),
  ClusterPolicyReport: R('ClusterPolicyReport', 'wgpolicyk8s.io', 'v1alpha2', 'clusterpolicyreports', false),
  CustomResourceDefinition: R('CustomResourceDefinition', 'apiextensions.k8s.io', 'v1', 'customresourcedefinitions', false),
};

/** Workload kinds whose Pods the audit judges instead of the workload itself. */
export const POD_OWNER_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

export function apiVersionOf(r: ApiResource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** The collection path: /api/v1/pods, /apis/apps/v1/namespaces/web/deployments, … */
export function collectionPath(r: ApiResource, namespace?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.plural}` : `${base}/${r.plural}`;
}

export function objectPath(r: ApiResource, name: string, namespace?: string): string {
  return `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;
}

/** Items of a list carry no kind or apiVersion of their own; give them their list's. */
export function stamp(o: Obj, r: ApiResource): Obj {
  if (o.kind === undefined) o.kind = r.kind;
  if (o.apiVersion === undefined) o.apiVersion = apiVersionOf(r);
  return o;
}
