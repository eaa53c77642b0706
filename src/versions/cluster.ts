// Version facts of a live cluster: /version, the Nodes, and the apiVersion each object was last applied with.
import type { KubeClient } from '../kube/client.js';
import { RESOURCES } from '../kube/resources.js';
import { stamp } from '../kube/resources.js';
import { isObj, obj, str, type Obj } from '../k8s/values.js';
import { deprecatedApi } from './deprecated-apis.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Kinds whose live objects may have been applied with a deprecated apiVersion. */
const APPLIED_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'CronJob', 'Ingress', 'NetworkPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

export interface ClusterFacts { gitVersion: string; nodes: Obj[]; applied: Obj[]; notices: string[] }

export async function readClusterFacts(client: KubeClient, pageSize = 500): Promise<ClusterFacts> {
  const v = await client.request<{ gitVersion?: string }>('GET', '/version');
  const nodes: Obj[] = [];
  const notices: string[] = [];
  for await (const page of client.pages(RESOURCES.Node!, { limit: pageSize })) for (const n of page.items) nodes.push(stamp(n, RESOURCES.Node!));
  const applied: Obj[] = [];
  for (const kind of APPLIED_KINDS) {
    const r = RESOURCES[kind]!;
    try {
      for await (const page of client.pages(r, { limit: pageSize })) {
        for (const o of page.items) {
          const text = str(obj(obj(o.metadata)?.annotations)?.[LAST_APPLIED]);
          if (!text) continue;
          let last: unknown;
          try { last = JSON.parse(text); } catch { continue; }
          if (!isObj(last)) continue;
          const apiVersion = str(last.apiVersion);
          // Kept only when the manifest behind the live object uses a deprecated version.
          if (apiVersion && deprecatedApi(apiVersion, kind)) {
            applied.push({ apiVersion, kind, metadata: { name: obj(o.metadata)?.name, namespace: obj(o.metadata)?.namespace } });
          }
        }
      }
    } catch (e) {
      notices.push(`cannot list ${r.plural}: ${(e as Error).message}`);
    }
  }
  return { gitVersion: v.gitVersion ?? '', nodes, applied, notices };
}
