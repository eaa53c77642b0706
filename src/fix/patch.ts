// Strategic-merge patches for rendered input (Helm, Kustomize): the fix as a patch the user keeps beside the chart.
import { stringify } from 'yaml';
import type { FixOp } from '../checks/types.js';
import type { Path } from '../core/path.js';
import { isObj, type Obj } from '../k8s/values.js';
import { applyToValue } from './ops.js';

/** Lists Kubernetes merges by a key instead of replacing them (patchMergeKey in the API types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  env: 'name',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
};

/**
 * The strategic-merge patch that turns `object` into `object` + ops: merge-keyed list items are named by their key,
 * removed fields become null, removed list items `$patch: delete`, other lists are replaced whole.
 */
export function strategicPatch(object: Obj, ops: readonly FixOp[]): Obj {
  const fixed = applyToValue(object, ops) as Obj;
  const md = isObj(object.metadata) ? object.metadata : {};
  const patch: Obj = { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: md.name, ...(md.namespace ? { namespace: md.namespace } : {}) } };
  for (const op of ops) place(patch, object, fixed, op);
  return patch;
}

function place(patch: Obj, orig: unknown, fixed: unknown, op: FixOp): void {
  let cur: Obj = patch;
  let o: unknown = orig;
  let fx: unknown = fixed;
  const path: Path = op.path;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    const next = path[i + 1];
    if (typeof next === 'number' && !last) {
      // seg names a list; next is the index in the original.
      const list = isObj(o) ? o[seg as string] : undefined;
      const fixedList = isObj(fx) ? fx[seg as string] : undefined;
      const mk = MERGE_KEYS[seg as string];
      const item = Array.isArray(list) ? list[next] : undefined;
      if (!mk || !isObj(item) || item[mk] === undefined) {
        cur[seg as string] = structuredClone(fixedList);
        return;
      }
      const items = (Array.isArray(cur[seg as string]) ? cur[seg as string] : (cur[seg as string] = [])) as Obj[];
      let entry = items.find((e) => e[mk] === item[mk]);
      if (!entry) { entry = { [mk]: item[mk] }; items.push(entry); }
      if (i + 1 === path.length - 1) {
        if (op.op === 'remove') entry.$patch = 'delete';
        else Object.assign(entry, structuredClone(op.value));
        return;
      }
      const fixedItem = Array.isArray(fixedList) ? fixedList.find((e) => isObj(e) && e[mk] === item[mk]) : undefined;
      cur = entry;
      o = item;
      fx = fixedItem;
      i++;
      continue;
    }
    if (last) {
      cur[seg as string] = op.op === 'remove' ? null : structuredClone(op.value);
      return;
    }
    const child = cur[seg as string];
    cur = (isObj(child) ? child : (cur[seg as string] = {})) as Obj;
    o = isObj(o) ? o[seg as string] : undefined;
    fx = isObj(fx) ? fx[seg as string] : undefined;
  }
}

export function renderPatches(patches: { object: Obj; source: string; patch: Obj }[]): string {
  return patches.map((p) => {
    const md = p.patch.metadata as Obj;
    const head = `# ${String(p.patch.kind)} ${md.namespace ? `${String(md.namespace)}/` : ''}${String(md.name)} (${p.source}): strategic-merge patch\n`;
    return `---\n${head}${stringify(p.patch, { version: '1.1', lineWidth: 0 })}`;
  }).join('');
}
