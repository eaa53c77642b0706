// #6 Usage of host networking and ports should be restricted (Azure K8sAzureV3HostNetworkingPorts, policy 6.2.0).
import { z } from 'zod';
import { definePodCheck, offered, t, type ChangeSpec, type FixOp } from './types.js';
import { containerExclusions } from './params.js';
import { arr, obj } from '../k8s/values.js';
import type { ContainerView } from '../k8s/workload.js';
import type { Path } from '../core/path.js';
import { rego } from './rego.js';
import { AZURE } from './pss/crosswalk.js';

interface HostPort { index: number; port: number; explicit: boolean }

/**
 * The host ports a container would hold on a live cluster: its hostPort values, and under hostNetwork the
 * API server's default hostPort = containerPort for regular and init containers (0 counts as unset).
 */
function hostPorts(c: ContainerView, hostNetwork: boolean): HostPort[] {
  const out: HostPort[] = [];
  arr(c.spec.ports).forEach((p, index) => {
    const port = obj(p);
    if (!port) return;
    const hp = typeof port.hostPort === 'number' ? port.hostPort : undefined;
    const defaulted = hostNetwork && c.cls !== 'ephemeralContainers' && (hp === undefined || hp === 0) && typeof port.containerPort === 'number';
    if (defaulted) out.push({ index, port: port.containerPort as number, explicit: false });
    else if (hp !== undefined) out.push({ index, port: hp, explicit: true });
  });
  return out;
}

const LEAVE_HOST_NETWORK: ChangeSpec = {
  id: 'leave-host-network',
  change: t('set spec.hostNetwork: false and remove the host ports', 'spec.hostNetwork: false を設定し hostPort を削除'),
  risk: 'may-break',
  why: t('The pod gets its own network: clients that reach it at the node\'s address, and agents that watch the node\'s interfaces (CNI, kube-proxy, monitoring), stop working.', 'Pod は専用のネットワークを持つ。ノードのアドレスで接続するクライアントや、ノードのインターフェースを見るエージェント（CNI・kube-proxy・監視）は動かなくなる。'),
  needs: t('Put a Service in front of the workload first.', '先にワークロードの前に Service を置く。'),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'host-network-or-port',
    title: t('Usage of host networking and ports should be restricted', 'ホストネットワークとポートの使用を制限する必要がある'),
    severity: 'medium',
    category: t('Restrict unauthorized network access', '承認されていないネットワークアクセスの制限'),
    needsConfiguration: true,
    description: t(
      'A pod on the host network, or a container bound to a host port, is reachable past the cluster\'s network controls and can see the node\'s traffic. Each container is a finding when the pod uses hostNetwork (unless allowHostNetwork) or when one of its host ports lies outside minPort–maxPort. As on a live cluster, under hostNetwork a port without hostPort gets hostPort = containerPort. With the defaults (false, 0, 0) any hostNetwork pod and any non-zero hostPort is a finding.',
      'ホスト ネットワーク上のポッドやホスト ポートにバインドしたコンテナーは、クラスターのネットワーク制御を迂回して到達でき、ノードの通信も見えてしまいます。ポッドが hostNetwork を使う場合（allowHostNetwork でない限り）、またはホスト ポートが minPort～maxPort の範囲外の場合に、コンテナーごとに検出します。ライブ クラスターと同じく、hostNetwork のもとでは hostPort のないポートは hostPort = containerPort とみなします。既定値（false、0、0）では、hostNetwork のポッドと 0 以外の hostPort はすべて検出されます。',
    ),
    remediation: t(
      'Remove spec.hostNetwork: true and ports[].hostPort; expose the workload through a Service (ClusterIP, NodePort or LoadBalancer) instead.',
      'spec.hostNetwork: true と ports[].hostPort を削除し、代わりに Service（ClusterIP、NodePort、LoadBalancer）で公開する。',
    ),
    references: {
      azurePolicy: AZURE.hostNetworkPorts,
      defenderKey: 'ebc68898-5c0f-4353-a426-4a5f1e737b12',
      pss: 'Host Namespaces (hostNetwork) and Host Ports (baseline)',
      nsa: 'Pod security: do not use hostNetwork or hostPort',
      kubescape: 'C-0041, C-0044',
    },
    changes: [LEAVE_HOST_NETWORK],
  },
  params: () => z.object({
    allowHostNetwork: z.boolean().default(false).describe('Allow pods to use the host network (spec.hostNetwork: true).'),
    minPort: z.number().int().default(0).describe('Lowest host port a container may use (inclusive).'),
    maxPort: z.number().int().default(0).describe('Highest host port a container may use (inclusive); 0 with minPort 0 allows no host port.'),
    ...containerExclusions(),
  }),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: true,
  excludes: { containers: true, images: true },
  check({ pod, containers }, params) {
    const hostNetwork = pod.spec.hostNetwork === true;
    const networkBad = hostNetwork && !params.allowHostNetwork;
    const allowed = rego(params);
    const hostNetworkPath: Path = [...pod.specPath, 'hostNetwork'];
    return containers.flatMap((c) => {
      const bad = hostPorts(c, hostNetwork).filter((p) => p.port < params.minPort || p.port > params.maxPort);
      if (!networkBad && bad.length === 0) return [];
      const portPath = (p: HostPort): Path => [...c.path, 'ports', p.index, 'hostPort'];
      const ops: FixOp[] = [];
      if (networkBad) ops.push({ op: 'set', path: hostNetworkPath, value: false });
      for (const p of bad) if (p.explicit) ops.push({ op: 'remove', path: portPath(p) });
      return [{
        path: networkBad ? hostNetworkPath : portPath(bad[0]!),
        container: c.name,
        message: t(
          `The specified hostNetwork and hostPort are not allowed, pod: ${pod.name}, container: ${c.name}. Allowed values: ${allowed}`,
          `指定された hostNetwork と hostPort は許可されていません。ポッド: ${pod.name}、コンテナー: ${c.name}。許可されている値: ${allowed}`,
        ),
        ...(ops.length > 0 ? {
          change: offered(LEAVE_HOST_NETWORK),
          suggestion: {
            ops,
            text: t(
              'Leave the host network and release the host ports; clients must then reach the workload through a Service.',
              'ホスト ネットワークの使用をやめ、ホスト ポートを解放する。クライアントは Service 経由で接続する必要があります。',
            ),
          },
        } : {}),
      }];
    });
  },
});
