// #7 Usage of pod HostPath volume mounts should be restricted to a known list (Azure K8sAzureV3HostFilesystem).
import { z } from 'zod';
import { definePodCheck, offered, t, type ChangeSpec, type FixOp, type Violation } from './types.js';
import { containerExclusions } from './params.js';
import { arr, obj, str } from '../k8s/values.js';
import { rego } from './rego.js';
import { AZURE } from './pss/crosswalk.js';

/** "/" is no segment at all; otherwise slashes are trimmed at both ends and the rest split on "/". */
function segments(p: string): string[] {
  return p === '/' ? [] : p.replace(/^\/+|(?<!\/)\/+$/g, '').split('/');
}

/** Segment-wise prefix: /foo matches /foo, /foo/, /foo/bar and foo/bar, not /foobar; / matches everything. */
export function pathMatches(prefix: string, path: string): boolean {
  const a = segments(prefix);
  const b = segments(path);
  return a.length <= b.length && a.every((s, i) => s === b[i]);
}

const allowedHostPath = () => z.object({
  pathPrefix: z.string().describe('Host path prefix, matched segment by segment.'),
  readOnly: z.boolean().optional().describe('When true, containers must mount volumes under this prefix with readOnly: true.'),
});

const READ_ONLY_MOUNT: ChangeSpec = {
  id: 'mount-host-path-read-only',
  change: t('set readOnly: true on the hostPath volume mounts', 'hostPath ボリュームのマウントに readOnly: true を設定'),
  risk: 'may-break',
  why: t('A program that writes to the host path (logs, sockets, state) fails.', 'ホスト パスに書き込むプログラム（ログ、ソケット、状態）は失敗する。'),
  needs: t('Check first that nothing writes to the volume.', 'ボリュームに書き込むものがないことを先に確認する。'),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'disallowed-host-path',
    title: t('Usage of pod HostPath volume mounts should be restricted to a known list to restrict node access from compromised containers', 'ポッド HostPath ボリューム マウントの使用は既知のリストに制限する必要がある'),
    severity: 'medium',
    category: t('Manage access and permissions', 'アクセスおよびアクセス許可の管理'),
    needsConfiguration: true,
    description: t(
      'A hostPath volume gives a container the node\'s files; a compromised container can use it to take over the node. Every hostPath volume must lie under a pathPrefix of allowedHostPaths (compared segment by segment: /foo covers /foo/bar but not /foobar), whether or not a container mounts it, and be mounted readOnly: true by every regular, init and ephemeral container when a matching entry says readOnly. Unlike Azure\'s v3 template, which looks only at volumes a regular or init container mounts, an unmounted volume and one mounted only by excluded or ephemeral containers count too: an ephemeral container added later through pods/ephemeralcontainers can mount any volume the pod already has. excludedContainers and excludedImages exempt a container from the read-only requirement only, as in v4. The default (no paths) makes any hostPath volume a finding.',
      'hostPath ボリュームはノードのファイルをコンテナーに与え、侵害されたコンテナーがノードを乗っ取る足がかりになります。hostPath ボリュームは、マウントされているかどうかにかかわらず、allowedHostPaths のいずれかの pathPrefix 配下（セグメント単位で比較: /foo は /foo/bar を含み /foobar は含まない）である必要があり、一致する項目が readOnly の場合は通常・init・エフェメラルのすべてのコンテナーが readOnly: true でマウントする必要があります。通常コンテナーまたは init コンテナーがマウントするボリュームだけを見る Azure の v3 テンプレートと異なり、マウントされていないボリュームや、除外対象・エフェメラル コンテナーだけがマウントするボリュームも対象です。後から pods/ephemeralcontainers で追加されたエフェメラル コンテナーは、ポッドにある任意のボリュームをマウントできるためです。excludedContainers と excludedImages は v4 と同じく読み取り専用の要件だけを免除します。既定値（パスなし）では、hostPath ボリュームはすべて検出されます。',
    ),
    remediation: t(
      'Replace the hostPath volume with another volume type (emptyDir, a PersistentVolumeClaim, a ConfigMap or Secret), or limit it to an allowed path and mount it with readOnly: true.',
      'hostPath ボリュームを別の種類（emptyDir、PersistentVolumeClaim、ConfigMap、Secret）に置き換えるか、許可されたパスに限定して readOnly: true でマウントする。',
    ),
    references: {
      azurePolicy: AZURE.hostPaths,
      defenderKey: 'f0debc84-981c-4a0d-924d-aa4bd7d55fef',
      pss: 'HostPath Volumes (baseline)',
      nsa: 'Pod security: restrict hostPath mounts',
      kubescape: 'C-0045, C-0048',
    },
    changes: [READ_ONLY_MOUNT],
  },
  params: () => z.object({
    allowedHostPaths: z.object({ paths: z.array(allowedHostPath()).default([]) }).default({ paths: [] })
      .describe('Host paths pods may mount: {paths: [{pathPrefix: "/var/log", readOnly: true}, …]}. Empty: no hostPath volume is allowed.'),
    ...containerExclusions(),
  }),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: true,
  excludes: { containers: true, images: true },
  check({ pod, containers }, params) {
    const allowed = params.allowedHostPaths.paths;
    const allowedText = rego(allowed.map((p) => ({ ...p })));
    const out: Violation[] = [];
    // Mounts indexed by volume name once: the work stays linear in the pod's size, however many volumes it has.
    const mountsOf = new Map<string, { c: (typeof containers)[number]; m: Record<string, unknown>; j: number }[]>();
    for (const c of containers) {
      arr(c.spec.volumeMounts).forEach((mount, j) => {
        const m = obj(mount);
        const name = str(m?.name);
        if (!m || name === undefined) return;
        const list = mountsOf.get(name);
        if (list) list.push({ c, m, j });
        else mountsOf.set(name, [{ c, m, j }]);
      });
    }
    arr(pod.spec.volumes).forEach((v, i) => {
      const vol = obj(v);
      const name = str(vol?.name);
      const hostPath = str(obj(vol?.hostPath)?.path);
      if (!vol || name === undefined || hostPath === undefined) return;
      const mounts = mountsOf.get(name) ?? [];
      const path = [...pod.specPath, 'volumes', i, 'hostPath', 'path'];
      const matching = allowed.filter((a) => pathMatches(a.pathPrefix, hostPath));
      if (matching.length === 0) {
        out.push({
          path,
          container: null,
          message: t(
            `HostPath volume ${rego(vol)} is not allowed, pod: ${pod.name}. Allowed path: ${allowedText}`,
            `HostPath ボリューム ${rego(vol)} は許可されていません。ポッド: ${pod.name}。許可されているパス: ${allowedText}`,
          ),
        });
        return;
      }
      const writable = mounts.filter((x) => x.m.readOnly !== true);
      if (matching.some((a) => a.readOnly === true) && writable.length > 0) {
        const ops: FixOp[] = writable.map((x) => ({ op: 'set', path: [...x.c.path, 'volumeMounts', x.j, 'readOnly'], value: true }));
        out.push({
          path,
          container: null,
          message: t(
            `HostPath volume ${rego(vol)} does not meet the readonly requirement, pod: ${pod.name}. Allowed path: ${allowedText}`,
            `HostPath ボリューム ${rego(vol)} は読み取り専用の要件を満たしていません。ポッド: ${pod.name}。許可されているパス: ${allowedText}`,
          ),
          change: offered(READ_ONLY_MOUNT),
          suggestion: {
            ops,
            text: t(
              `Mount the volume read-only in ${writable.map((x) => x.c.name).join(', ')}; check first that nothing writes to it.`,
              `${writable.map((x) => x.c.name).join('、')} でボリュームを読み取り専用でマウントする。書き込みが行われないことを先に確認してください。`,
            ),
          },
        });
      }
    });
    return out;
  },
});
