// RBAC input: manifests (files, folders, stdin, as scan reads them) or the live cluster's RBAC objects and Pods.
import { loadManifests } from '../source/load.js';
import type { InputOptions } from '../source/inputs.js';
import type { InputError } from '../core/report.js';
import { originOf } from '../source/origin.js';
import type { Obj } from '../k8s/values.js';
import type { KubeClient } from '../kube/client.js';
import { RESOURCES } from '../kube/resources.js';
import { stamp } from '../kube/resources.js';
import { OwnerIndex, asOwnedWorkload } from '../k8s/owners.js';
import type { RbacInput } from './subjects.js';

export async function rbacInputsFromFiles(paths: readonly string[], opts: InputOptions = {}): Promise<{ inputs: RbacInput[]; errors: InputError[]; notices: InputError[]; skipped: number }> {
  const { objects, errors, notices, ignored } = await loadManifests(paths, opts);
  return { inputs: objects.map((o) => ({ object: o.object, ...originOf(o) })), errors, notices, skipped: ignored };
}

/**
 * Reads the cluster's roles, bindings, service accounts and Pods (Pods folded onto the workload that
 * owns them, one per workload), page by page.
 */
export async function rbacInputsFromCluster(client: KubeClient, pageSize = 500): Promise<RbacInput[]> {
  const inputs: RbacInput[] = [];
  for (const kind of ['ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding', 'ServiceAccount']) {
    const r = RESOURCES[kind]!;
    for await (const page of client.pages(r, { limit: pageSize })) for (const o of page.items) inputs.push({ object: stamp(o, r) });
  }
  const owners = new OwnerIndex();
  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'ReplicaSet', 'Job']) {
    const r = RESOURCES[kind]!;
    try {
      for await (const page of client.pages(r, { limit: pageSize })) for (const o of page.items) owners.record(stamp(o, r));
    } catch { /* a kind we may not list: Pods are then reported on the nearest owner known */ }
  }
  const seen = new Set<string>();
  const pod = RESOURCES.Pod!;
  for await (const page of client.pages(pod, { limit: pageSize })) {
    for (const raw of page.items) {
      const o = stamp(raw, pod);
      const owner = owners.resolve(o);
      const workload: Obj | undefined = owner ? asOwnedWorkload(o, owner, []) : undefined;
      const subject = workload ?? o;
      const md = subject.metadata as Obj;
      const key = `${String(subject.kind)}|${String(md.namespace)}|${String(md.name)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inputs.push({ object: subject });
    }
  }
  return inputs;
}
