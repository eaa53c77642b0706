// The alpha seccomp annotations: deprecated in v1.19, ignored by kubelets from v1.25; the seccompProfile field replaces them.
// Below v1.19 (a profile pinned to such a version) they are the API itself: only a value Kubernetes rejects is reported.
import { z } from 'zod';
import { definePodCheck, remedy, t, type ChangeSpec, type FixOp, type Violation } from './types.js';
import { annotationAsField, profileField, seccompRefs } from './pss/lsm.js';
import { obj, str } from '../k8s/values.js';
import type { Path } from '../core/path.js';
import { formatPath } from '../core/path.js';
import { annotations } from '../k8s/workload.js';
import { atLeastMinor } from './pss/versions.js';

/** The version that deprecated the annotations (and added the field). */
const DEPRECATED_MINOR = 19;

const DROP_DUPLICATE: ChangeSpec = {
  id: 'remove-duplicate-annotation',
  change: t('remove a seccomp annotation the securityContext field already states', 'securityContext のフィールドと同じことを言う seccomp 注釈を削除'),
  risk: 'safe',
  why: t('The field already applies the same profile, and the annotation has no effect from v1.25, so the container runs exactly as before.', 'フィールドがすでに同じプロファイルを適用し、注釈は v1.25 から効果がないので、コンテナーの動作は変わらない。'),
};
const TO_FIELD: ChangeSpec = {
  id: 'annotation-to-field',
  change: t('move the seccomp annotation into securityContext.seccompProfile', 'seccomp 注釈を securityContext.seccompProfile に移す'),
  risk: 'may-break',
  why: t(
    'On v1.25+ clusters the annotation does nothing, so the field turns the profile on for the first time: a syscall it blocks then fails.',
    'v1.25 以降のクラスターでは注釈は何もしないので、フィールドで初めてプロファイルが有効になる。禁止されたシステム コールは失敗するようになる。',
  ),
  needs: t('Check that the program runs under that profile.', 'プログラムがそのプロファイルで動くことを確認する。'),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'seccomp-annotation-deprecated',
    title: t('Seccomp annotations no longer work; use securityContext.seccompProfile', 'seccomp 注釈は機能しない。securityContext.seccompProfile を使う'),
    severity: 'medium',
    category: t('Manifest hygiene', 'マニフェストの衛生'),
    needsConfiguration: false,
    description: t(
      'seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/<container> were deprecated in Kubernetes v1.19; from v1.25 kubelets ignore them and from v1.27 the API server no longer copies them into the field, so a pod that relies on them runs without the profile. The replacing field is securityContext.seccompProfile (pod or container). Judged for a cluster below v1.19 (a profile version such as nsa:v1.18), the annotations are the current API and only a value Kubernetes rejects is reported.',
      'seccomp.security.alpha.kubernetes.io/pod と container.seccomp.security.alpha.kubernetes.io/<コンテナー> は Kubernetes v1.19 で非推奨になり、v1.25 から kubelet が無視し、v1.27 から API サーバーもフィールドへ写さない。注釈に頼る Pod はプロファイルなしで動く。置き換えは securityContext.seccompProfile（Pod またはコンテナー）。v1.19 未満のクラスター（nsa:v1.18 などのプロファイル バージョン）では注釈が現行の API なので、Kubernetes が拒否する値だけを報告する。',
    ),
    remediation: t('Replace the annotation with securityContext.seccompProfile: runtime/default → {type: RuntimeDefault}, localhost/<path> → {type: Localhost, localhostProfile: <path>}.', '注釈を securityContext.seccompProfile に置き換える: runtime/default → {type: RuntimeDefault}、localhost/<パス> → {type: Localhost, localhostProfile: <パス>}。'),
    references: {
      pss: 'Seccomp (baseline; the annotations count only before policy v1.19)',
      nsa: 'Pod security: seccompProfile RuntimeDefault (seed 000 #9)',
      links: ['https://kubernetes.io/docs/tutorials/security/seccomp/', 'https://github.com/kubernetes/kubernetes/pull/109819'],
    },
    defaultEffect: 'Audit',
    changes: [DROP_DUPLICATE, TO_FIELD],
  },
  params: () => z.object({}),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: false,
  excludes: { containers: false, images: false },
  check({ pod, version }) {
    const out: Violation[] = [];
    const ann = annotations(pod);
    const deprecated = atLeastMinor(version, DEPRECATED_MINOR);
    for (const ref of seccompRefs(pod)) {
      if (ref.kind !== 'annotation') continue;
      const key = String(ref.path[ref.path.length - 1]);
      const value = ann[key] ?? '';
      if (!deprecated) {
        if (annotationAsField(value)) continue;
        const text = t(`annotation ${key}: ${JSON.stringify(value)} is not a value Kubernetes accepts (runtime/default, docker/default, unconfined, localhost/<path>)`, `注釈 ${key}: ${JSON.stringify(value)} は Kubernetes の受け付ける値（runtime/default・docker/default・unconfined・localhost/<パス>）ではない`);
        out.push({ path: ref.path, container: ref.container, message: text });
        continue;
      }
      const target = ref.owner === 'pod' ? undefined : pod.containers.find((c) => c.name === ref.owner);
      const fieldPath: Path | undefined = ref.owner === 'pod' ? [...pod.specPath, 'securityContext', 'seccompProfile'] : target ? [...target.path, 'securityContext', 'seccompProfile'] : undefined;
      const f = annotationAsField(value);
      const field = f ? profileField(f) : undefined;
      const current = fieldPath ? obj(ref.owner === 'pod' ? pod.podSc?.seccompProfile : target?.sc?.seccompProfile) : undefined;
      const agrees = current && field && str(current.type) === field.type && (str(current.localhostProfile) ?? undefined) === field.localhostProfile;
      const parts: string[] = [`annotation ${key}: ${JSON.stringify(value)} is deprecated since Kubernetes v1.19 and has no effect from v1.25 (the API server stopped copying it into the field in v1.27)`];
      const partsJa: string[] = [`注釈 ${key}: ${JSON.stringify(value)} は Kubernetes v1.19 で非推奨、v1.25 から効果なし（v1.27 で API サーバーによるフィールドへの写しも廃止）`];
      if (ref.owner !== 'pod' && !target) {
        parts.push(`it names container ${JSON.stringify(ref.owner)}, which this pod does not have`);
        partsJa.push(`この Pod にないコンテナー ${JSON.stringify(ref.owner)} を指している`);
      } else if (!field) {
        parts.push('its value is not one Kubernetes accepts (runtime/default, docker/default, unconfined, localhost/<path>)');
        partsJa.push('値が Kubernetes の受け付けるもの（runtime/default・docker/default・unconfined・localhost/<パス>）ではない');
      } else if (current && !agrees) {
        parts.push(`${formatPath(fieldPath!)} says ${JSON.stringify(current)}, which disagrees (the API server rejects a pod whose annotation and field disagree)`);
        partsJa.push(`${formatPath(fieldPath!)} は ${JSON.stringify(current)} で食い違う（注釈とフィールドが食い違う Pod は API サーバーが拒否する）`);
      } else {
        parts.push(`use ${formatPath(fieldPath!)}: ${JSON.stringify(field)}`);
        partsJa.push(`${formatPath(fieldPath!)}: ${JSON.stringify(field)} を使う`);
      }
      if (value === 'docker/default') {
        parts.push('docker/default is itself deprecated (since Kubernetes v1.11) and means RuntimeDefault');
        partsJa.push('docker/default 自体も Kubernetes v1.11 から非推奨で、RuntimeDefault の意味');
      }
      const v: Violation = { path: ref.path, container: ref.container, message: t(parts.join('; '), partsJa.join('。')) };
      if (agrees) out.push({ ...v, ...remedy(DROP_DUPLICATE, [{ op: 'remove', path: ref.path }]) });
      else if (field && fieldPath && !current) {
        const ops: FixOp[] = [{ op: 'set', path: fieldPath, value: field }, { op: 'remove', path: ref.path }];
        out.push({ ...v, ...remedy(TO_FIELD, ops, undefined, t(`Move the annotation into ${formatPath(fieldPath)}.`, `注釈を ${formatPath(fieldPath)} に移す。`)) });
      } else out.push(v);
    }
    return out;
  },
});
