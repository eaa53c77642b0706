// The workload view: the pod spec of every pod-bearing kind and each container with its effective securityContext.
import type { Path } from '../core/path.js';
import { arr, isObj, obj, str, type Obj } from './values.js';

export type ContainerClass = 'containers' | 'initContainers' | 'ephemeralContainers';
export const ALL_CLASSES: readonly ContainerClass[] = ['containers', 'initContainers', 'ephemeralContainers'];

/** Where the pod template sits in each built-in pod-bearing kind. */
export const POD_TEMPLATE_PATHS: Record<string, Path> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export interface CustomWorkloadKind { kind: string; apiVersion?: string; podTemplatePath: Path }

export interface ContainerView {
  name: string;
  image: string | undefined;
  cls: ContainerClass;
  index: number;
  /** path of the container object inside the document */
  path: Path;
  spec: Obj;
  /** the container's own securityContext, if any */
  sc: Obj | undefined;
}

export interface PodView {
  /** the top-level object as written: a Pod, a Deployment, … */
  object: Obj;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  /** path of the pod template (metadata + spec); [] for a Pod */
  templatePath: Path;
  specPath: Path;
  spec: Obj;
  /** metadata of the pod (template metadata for workloads) */
  meta: Obj;
  podSc: Obj | undefined;
  containers: ContainerView[];
}

export interface ObjectView {
  object: Obj;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  /** true when the manifest did not say and the default namespace was assumed */
  namespaceAssumed: boolean;
}

export function objectView(o: Obj, defaultNamespace: string): ObjectView {
  const md = obj(o.metadata) ?? {};
  const ns = str(md.namespace);
  return {
    object: o,
    kind: str(o.kind) ?? '',
    apiVersion: str(o.apiVersion) ?? '',
    name: str(md.name) ?? str(md.generateName) ?? '',
    namespace: ns && ns !== '' ? ns : defaultNamespace,
    namespaceAssumed: !ns,
  };
}

export function podTemplatePath(o: Obj, custom: readonly CustomWorkloadKind[] = []): Path | undefined {
  const kind = str(o.kind) ?? '';
  const c = custom.find((k) => k.kind === kind && (!k.apiVersion || k.apiVersion === o.apiVersion));
  if (c) return c.podTemplatePath;
  return POD_TEMPLATE_PATHS[kind];
}

/** The pod view of any pod-bearing object, or undefined for other kinds (or a workload without a template). */
export function podView(o: Obj, defaultNamespace: string, custom: readonly CustomWorkloadKind[] = []): PodView | undefined {
  const templatePath = podTemplatePath(o, custom);
  if (!templatePath) return undefined;
  let tpl: unknown = o;
  for (const seg of templatePath) tpl = isObj(tpl) ? tpl[seg as string] : undefined;
  if (!isObj(tpl)) return undefined;
  const spec = obj(tpl.spec);
  if (!spec) return undefined;
  const base = objectView(o, defaultNamespace);
  const specPath: Path = [...templatePath, 'spec'];
  const containers: ContainerView[] = [];
  for (const cls of ALL_CLASSES) {
    arr(spec[cls]).forEach((c, index) => {
      if (!isObj(c)) return;
      containers.push({
        name: str(c.name) ?? '',
        image: str(c.image),
        cls,
        index,
        path: [...specPath, cls, index],
        spec: c,
        sc: obj(c.securityContext),
      });
    });
  }
  return {
    object: o,
    kind: base.kind,
    apiVersion: base.apiVersion,
    name: base.name,
    namespace: base.namespace,
    templatePath,
    specPath,
    spec,
    meta: obj(tpl.metadata) ?? {},
    podSc: obj(spec.securityContext),
    containers,
  };
}

/** Fields Kubernetes reads from the container first and the pod second. */
export type SharedScField = 'runAsUser' | 'runAsGroup' | 'runAsNonRoot' | 'seLinuxOptions' | 'seccompProfile' | 'windowsOptions' | 'appArmorProfile';
/** Fields that exist only on the container's securityContext. */
export type ContainerOnlyScField = 'privileged' | 'allowPrivilegeEscalation' | 'capabilities' | 'readOnlyRootFilesystem' | 'procMount';
/** Fields that exist only on the pod's securityContext. */
export type PodOnlyScField = 'fsGroup' | 'fsGroupChangePolicy' | 'supplementalGroups' | 'supplementalGroupsPolicy' | 'sysctls' | 'seLinuxChangePolicy';

export const CONTAINER_ONLY_FIELDS: readonly ContainerOnlyScField[] = ['privileged', 'allowPrivilegeEscalation', 'capabilities', 'readOnlyRootFilesystem', 'procMount'];
export const POD_ONLY_FIELDS: readonly PodOnlyScField[] = ['fsGroup', 'fsGroupChangePolicy', 'supplementalGroups', 'supplementalGroupsPolicy', 'sysctls', 'seLinuxChangePolicy'];

export interface Resolved {
  /** undefined when neither level sets the field (null counts as unset, as Kubernetes treats it) */
  value: unknown;
  from: 'container' | 'pod' | 'unset';
  /** where the value is, or where it belongs when unset (the container's securityContext) */
  path: Path;
}

/** The effective value of a securityContext field for one container: container value, else pod value. */
export function effective(pod: PodView, c: ContainerView, field: SharedScField): Resolved {
  const cv = c.sc?.[field];
  if (cv !== undefined && cv !== null) return { value: cv, from: 'container', path: [...c.path, 'securityContext', field] };
  const pv = pod.podSc?.[field];
  if (pv !== undefined && pv !== null) return { value: pv, from: 'pod', path: [...pod.specPath, 'securityContext', field] };
  return { value: undefined, from: 'unset', path: [...c.path, 'securityContext', field] };
}

/** A container-only field, with its path whether or not it is set. */
export function containerField(c: ContainerView, field: ContainerOnlyScField): Resolved {
  const v = c.sc?.[field];
  const set = v !== undefined && v !== null;
  return { value: set ? v : undefined, from: set ? 'container' : 'unset', path: [...c.path, 'securityContext', field] };
}

/** A pod-only field, with its path whether or not it is set. */
export function podField(pod: PodView, field: PodOnlyScField): Resolved {
  const v = pod.podSc?.[field];
  const set = v !== undefined && v !== null;
  return { value: set ? v : undefined, from: set ? 'pod' : 'unset', path: [...pod.specPath, 'securityContext', field] };
}

/** The pod's annotations (template annotations for workloads). */
export function annotations(pod: PodView): Record<string, string> {
  const a = obj(pod.meta.annotations) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function annotationPath(pod: PodView, key: string): Path {
  return [...pod.templatePath, 'metadata', 'annotations', key];
}
