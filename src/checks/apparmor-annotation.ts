// AppArmor as manifests write it: the beta annotation (deprecated since v1.30) vs securityContext.appArmorProfile.
// Below v1.30 (a profile pinned to such a version) the annotation is the API itself: only what Kubernetes rejects is reported.
import { z } from 'zod';
import { definePodCheck, remedy, t, type ChangeSpec, type Violation } from './types.js';
import { appArmorRefs, profileField, type ProfileRef } from './pss/lsm.js';
import { formatPath } from '../core/path.js';
import { atLeastMinor } from './pss/versions.js';

/** The version that deprecated the annotation (and added the field). */
const DEPRECATED_MINOR = 30;

function describe(r: ProfileRef): string {
  return r.type === 'Localhost' ? `Localhost ${JSON.stringify(r.localhost ?? '')}` : r.type;
}

const DROP_DUPLICATE: ChangeSpec = {
  id: 'remove-duplicate-annotation',
  change: t('remove an AppArmor annotation the securityContext field already states', 'securityContext のフィールドと同じことを言う AppArmor 注釈を削除'),
  risk: 'safe',
  why: t('The field already applies the same profile, so the container runs exactly as before.', 'フィールドがすでに同じプロファイルを適用しているので、コンテナーの動作は変わらない。'),
};
const TO_FIELD: ChangeSpec = {
  id: 'annotation-to-field',
  change: t('replace the AppArmor annotation with securityContext.appArmorProfile', 'AppArmor 注釈を securityContext.appArmorProfile に置き換え'),
  risk: 'safe',
  why: t(
    'The same profile through the field the API server derives from the annotation since v1.30, so the container runs as before (an API server older than v1.30 does not know the field).',
    'v1.30 以降の API サーバーが注釈から導くのと同じフィールドで同じプロファイルを適用するので、コンテナーの動作は変わらない（v1.30 より古い API サーバーはこのフィールドを知らない）。',
  ),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'apparmor-annotation',
    title: t('AppArmor annotations must agree with securityContext.appArmorProfile', 'AppArmor 注釈と securityContext.appArmorProfile を一致させる'),
    severity: 'medium',
    category: t('Manifest hygiene', 'マニフェストの衛生'),
    needsConfiguration: false,
    description: t(
      'container.apparmor.security.beta.kubernetes.io/<container> is deprecated since Kubernetes v1.30 in favour of securityContext.appArmorProfile (pod or container; the container value wins). mamori reads both: it reports an annotation that disagrees with the effective field of its container, one that names no container of the pod, a value Kubernetes rejects (a bare profile name), and otherwise the deprecated annotation with the field that replaces it. Judged for a cluster below v1.30 (a profile version such as nsa:v1.29), only what Kubernetes rejects (an unknown container, an invalid value) is reported.',
      'container.apparmor.security.beta.kubernetes.io/<コンテナー> は Kubernetes v1.30 で非推奨になり、securityContext.appArmorProfile（Pod またはコンテナー。コンテナーの値が優先）に置き換わった。mamori は両方を読み、コンテナーの実効フィールドと食い違う注釈、存在しないコンテナーを指す注釈、Kubernetes が拒否する値（プロファイル名だけ）を報告し、それ以外は非推奨の注釈と置き換えるフィールドを示す。v1.30 未満のクラスター（nsa:v1.29 などのプロファイル バージョン）では、Kubernetes が拒否するもの（存在しないコンテナー、無効な値）だけを報告する。',
    ),
    remediation: t('Replace the annotation with securityContext.appArmorProfile: runtime/default → {type: RuntimeDefault}, localhost/<name> → {type: Localhost, localhostProfile: <name>}.', '注釈を securityContext.appArmorProfile に置き換える: runtime/default → {type: RuntimeDefault}、localhost/<名前> → {type: Localhost, localhostProfile: <名前>}。'),
    references: { pss: 'AppArmor (baseline)', nsa: 'Pod security: AppArmor runtime/default', kubescape: 'C-0055', links: ['https://kubernetes.io/docs/tutorials/security/apparmor/'] },
    defaultEffect: 'Audit',
    changes: [DROP_DUPLICATE, TO_FIELD],
  },
  params: () => z.object({}),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: false,
  excludes: { containers: false, images: false },
  check({ pod, version }) {
    const out: Violation[] = [];
    const deprecated = atLeastMinor(version, DEPRECATED_MINOR);
    const refs = appArmorRefs(pod);
    const fields = refs.filter((r) => r.kind === 'field');
    for (const a of refs.filter((r) => r.kind === 'annotation')) {
      const key = String(a.path[a.path.length - 1]);
      const c = pod.containers.find((x) => x.name === a.owner);
      if (!c) {
        out.push({ path: a.path, container: null, message: t(`annotation ${key} names container ${JSON.stringify(a.owner)}, which this pod does not have (the API server rejects it)`, `注釈 ${key} はこの Pod にないコンテナー ${JSON.stringify(a.owner)} を指している（API サーバーが拒否する）`) });
        continue;
      }
      if (!['RuntimeDefault', 'Unconfined', 'Localhost'].includes(a.type) || (a.type === 'Localhost' && !a.localhost)) {
        out.push({ path: a.path, container: c.name, message: t(`annotation ${key}: ${JSON.stringify(a.type)} is not a valid AppArmor profile (use runtime/default, unconfined or localhost/<name>)`, `注釈 ${key}: ${JSON.stringify(a.type)} は有効な AppArmor プロファイルではない（runtime/default・unconfined・localhost/<名前> を使う）`) });
        continue;
      }
      if (!deprecated) continue; // no field to disagree with, nothing deprecated yet
      const eff = fields.find((f) => f.owner === c.name) ?? fields.find((f) => f.owner === 'pod');
      const fieldPath = [...c.path, 'securityContext', 'appArmorProfile'];
      if (eff && (eff.type !== a.type || (a.type === 'Localhost' && eff.localhost !== a.localhost))) {
        out.push({
          path: a.path,
          container: c.name,
          message: t(
            `annotation ${key} says ${describe(a)} but ${formatPath(eff.path)} says ${describe(eff)}: they disagree (the API server rejects a pod whose annotation and field disagree); keep only the field`,
            `注釈 ${key} は ${describe(a)}、${formatPath(eff.path)} は ${describe(eff)} で食い違う（食い違う Pod は API サーバーが拒否する）。フィールドだけを残す`,
          ),
        });
        continue;
      }
      const field = profileField(a);
      const v: Violation = {
        path: a.path,
        container: c.name,
        message: t(
          `annotation ${key} is deprecated since Kubernetes v1.30; use ${formatPath(fieldPath)}: ${JSON.stringify(field)}${eff ? ' (already set: remove the annotation)' : ''}`,
          `注釈 ${key} は Kubernetes v1.30 で非推奨。${formatPath(fieldPath)}: ${JSON.stringify(field)} を使う${eff ? '（設定済みなので注釈を削除する）' : ''}`,
        ),
      };
      out.push({ ...v, ...(eff ? remedy(DROP_DUPLICATE, [{ op: 'remove', path: a.path }]) : remedy(TO_FIELD, [{ op: 'set', path: fieldPath, value: field }, { op: 'remove', path: a.path }])) });
    }
    return out;
  },
});
