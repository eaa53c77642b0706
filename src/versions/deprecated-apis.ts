// Upstream deprecated and removed API versions (the Kubernetes deprecation guide), with the replacement for each.

export interface DeprecatedApi {
  apiVersion: string;
  kind: string;
  /** minor version in which it was deprecated */
  deprecatedIn: string;
  /** minor version from which the API server no longer serves it */
  removedIn: string;
  replacement: string;
  /** what else changes in the replacement */
  note?: string;
}

const D = (apiVersion: string, kinds: string[], deprecatedIn: string, removedIn: string, replacement: string, note?: string): DeprecatedApi[] =>
  kinds.map((kind) => ({ apiVersion, kind, deprecatedIn, removedIn, replacement, note }));

export const DEPRECATED_APIS: readonly DeprecatedApi[] = [
  ...D('extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1', 'spec.selector is required and immutable'),
  ...D('extensions/v1beta1', ['NetworkPolicy'], '1.9', '1.16', 'networking.k8s.io/v1'),
  ...D('extensions/v1beta1', ['PodSecurityPolicy'], '1.11', '1.16', 'policy/v1beta1 (itself removed in 1.25: use Pod Security Admission)'),
  ...D('extensions/v1beta1', ['Ingress'], '1.14', '1.22', 'networking.k8s.io/v1', 'backend.serviceName/servicePort become backend.service.name/port; pathType is required'),
  ...D('apps/v1beta1', ['Deployment', 'StatefulSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1', 'spec.selector is required and immutable'),
  ...D('apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1', 'spec.selector is required and immutable'),
  ...D('batch/v2alpha1', ['CronJob'], '1.8', '1.21', 'batch/v1'),
  ...D('networking.k8s.io/v1beta1', ['Ingress', 'IngressClass'], '1.19', '1.22', 'networking.k8s.io/v1', 'backend.serviceName/servicePort become backend.service.name/port; pathType is required'),
  ...D('admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], '1.16', '1.22', 'admissionregistration.k8s.io/v1', 'sideEffects and admissionReviewVersions are required; failurePolicy defaults to Fail'),
  ...D('apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], '1.16', '1.22', 'apiextensions.k8s.io/v1', 'a structural schema is required per version'),
  ...D('apiregistration.k8s.io/v1beta1', ['APIService'], '1.19', '1.22', 'apiregistration.k8s.io/v1'),
  ...D('authentication.k8s.io/v1beta1', ['TokenReview'], '1.19', '1.22', 'authentication.k8s.io/v1'),
  ...D('authorization.k8s.io/v1beta1', ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'], '1.19', '1.22', 'authorization.k8s.io/v1', 'spec.group is renamed spec.groups'),
  ...D('certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.19', '1.22', 'certificates.k8s.io/v1', 'spec.signerName is required'),
  ...D('coordination.k8s.io/v1beta1', ['Lease'], '1.14', '1.22', 'coordination.k8s.io/v1'),
  ...D('rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.17', '1.22', 'rbac.authorization.k8s.io/v1'),
  ...D('rbac.authorization.k8s.io/v1alpha1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.17', '1.22', 'rbac.authorization.k8s.io/v1'),
  ...D('scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.14', '1.22', 'scheduling.k8s.io/v1'),
  ...D('storage.k8s.io/v1beta1', ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], '1.19', '1.22', 'storage.k8s.io/v1'),
  ...D('batch/v1beta1', ['CronJob'], '1.21', '1.25', 'batch/v1'),
  ...D('discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.21', '1.25', 'discovery.k8s.io/v1', 'topology["kubernetes.io/hostname"] becomes nodeName; topology becomes deprecatedTopology'),
  ...D('events.k8s.io/v1beta1', ['Event'], '1.19', '1.25', 'events.k8s.io/v1'),
  ...D('autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.22', '1.25', 'autoscaling/v2', 'targetAverageUtilization becomes target.averageUtilization'),
  ...D('policy/v1beta1', ['PodDisruptionBudget'], '1.21', '1.25', 'policy/v1', 'an empty selector now selects every Pod in the namespace'),
  ...D('policy/v1beta1', ['PodSecurityPolicy'], '1.21', '1.25', 'Pod Security Admission (namespace labels pod-security.kubernetes.io/*) or a policy engine', 'there is no replacement kind'),
  ...D('node.k8s.io/v1beta1', ['RuntimeClass'], '1.20', '1.25', 'node.k8s.io/v1'),
  ...D('flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], '1.23', '1.26', 'flowcontrol.apiserver.k8s.io/v1'),
  ...D('autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.23', '1.26', 'autoscaling/v2'),
  ...D('storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.24', '1.27', 'storage.k8s.io/v1'),
  ...D('flowcontrol.apiserver.k8s.io/v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], '1.26', '1.29', 'flowcontrol.apiserver.k8s.io/v1'),
  ...D('flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1', 'spec.limited.nominalConcurrencyShares defaults to 30 when unset (v1beta3 defaulted 0 to 30 as well, v1 keeps an explicit 0)'),
];

const index = new Map(DEPRECATED_APIS.map((d) => [`${d.apiVersion}|${d.kind}`, d]));

export function deprecatedApi(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return index.get(`${apiVersion}|${kind}`);
}
