// Azure Policy definitions the checks correspond to, each stated once (the crosswalk in check metadata).
import type { References } from '../types.js';

type AzureRef = NonNullable<References['azurePolicy']>;

/** By what the definition governs; version is the one Defender runs (MCSB's pin), template the one that version uses. */
export const AZURE = {
  resourceLimits: { guid: 'e345eecc-fa47-480f-9e88-67dcc122b164', name: "Kubernetes cluster containers CPU and memory resource limits should not exceed the specified limits", version: '9.3.0', template: 'container-resource-limits/v3' },
  allowedCapabilities: { guid: 'c26596ff-4d70-4e6a-9a30-c2506bd2f80c', name: 'Kubernetes cluster containers should only use allowed capabilities', version: '6.2.0', template: 'container-allowed-capabilities/v3' },
  appArmor: { guid: '511f5417-5d12-434d-ab2e-816901e72a5e', name: 'Kubernetes cluster containers should only use allowed AppArmor profiles', version: '6.2.1', template: 'enforce-apparmor-profile/v3' },
  hostNetworkPorts: { guid: '82985f06-dc18-4a48-bc1c-b9f4f0098cfe', name: 'Kubernetes cluster pods should only use approved host network and port range', version: '6.2.0', template: 'host-network-ports/v3' },
  // MCSB's 6.*.* resolves to 6.3.0, which runs template v4 (6.2.0 ran v3, the only one published as a sample)
  hostPaths: { guid: '098fc59e-46c7-4d99-9b16-64990e543d75', name: 'Kubernetes cluster pod hostPath volumes should only use allowed host paths', version: '6.3.0', template: 'allowed-host-paths/v4' },
  privilegeEscalation: { guid: '1c6e92c9-99f0-4e55-9cf2-0c234dc48f99', name: 'Kubernetes clusters should not allow container privilege escalation', version: '7.2.0', template: 'container-no-privilege-escalation/v3' },
  hostNamespace: { guid: '47a1ee2f-2a2a-4576-bf2a-e0e36709c2b8', name: 'Kubernetes cluster containers should not share host process ID or host IPC namespace', version: '5.2.0', template: 'block-host-namespace/v2' },
  readOnlyRoot: { guid: 'df49d893-a74c-421d-bc95-c663042e5b80', name: 'Kubernetes cluster containers should run with a read only root file system', version: '6.3.0', template: 'read-only-root-filesystem/v3' },
  automountToken: { guid: '423dd1ba-798e-40e4-9c4d-b6902674b423', name: 'Kubernetes clusters should disable automounting API credentials', version: '4.2.0', template: 'block-automount-token/v2' },
  privileged: { guid: '95edb821-ddaf-4404-9732-666045e056b4', name: 'Kubernetes cluster should not allow privileged containers', version: '9.2.0', template: 'container-no-privilege/v2' },
  usersGroups: { guid: 'f06ddb64-5fa3-4b77-b166-acb36f7f6042', name: 'Kubernetes cluster pods and containers should only run with approved user and group IDs', version: '6.2.0', template: 'allowed-users-groups/v3' },
  volumeTypes: { guid: '16697877-1118-4fb1-9b65-9898ec2509ec', name: 'Kubernetes cluster pods should only use allowed volume types', version: '5.2.0', template: 'allowed-volume-types/v2' },
  defaultNamespace: { guid: '9f061a12-e40d-4183-a00e-171812443373', name: 'Kubernetes clusters should not use the default namespace', version: '4.2.0', template: 'block-default-namespace/v1' },
  servicePorts: { guid: '233a2a17-77ca-4fb1-9b6b-69223d272a44', name: 'Kubernetes cluster services should listen only on allowed ports', version: '8.2.0', template: 'service-allowed-ports/v1' },
  ingressHttps: { guid: '1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d', name: 'Kubernetes clusters should be accessible only over HTTPS', version: '8.2.0', template: 'ingress-https-only/v1' },
  sysAdmin: { guid: 'd2e7ea85-6b44-4317-a0be-1b951587f626', name: 'Kubernetes clusters should not grant CAP_SYS_ADMIN security capabilities', version: '5.1.0', template: 'container-disallowed-capabilities/v3' },
  allowedImages: { guid: 'febd0533-8e55-448f-b837-bd0e06f16469', name: 'Kubernetes cluster containers should only use allowed images', version: '9.3.0', template: 'container-allowed-images/v2' },
} satisfies Record<string, AzureRef>;

export const PSS_DOCS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
