// #4 Containers should only use allowed AppArmor profiles (Azure K8sAzureV3EnforceAppArmor).
import { z } from 'zod';
import { definePodCheck, offered, t, type ChangeSpec, type FixOp } from './types.js';
import { containerExclusions } from './params.js';
import { annotationPath, annotations, type ContainerView, type PodView } from '../k8s/workload.js';
import { obj, str } from '../k8s/values.js';
import type { Path } from '../core/path.js';
import { AZURE } from './pss/crosswalk.js';

export const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

interface Effective { profile: string; path: Path; from: 'annotation' | 'field' | 'default' }

/** The structured securityContext.appArmorProfile as the annotation spells it. */
function fromField(v: unknown): string | undefined {
  const p = obj(v);
  if (!p) return undefined;
  const type = str(p.type) ?? '';
  if (type === 'RuntimeDefault') return 'runtime/default';
  if (type === 'Unconfined') return 'unconfined';
  if (type === 'Localhost') return `localhost/${str(p.localhostProfile) ?? ''}`;
  return type;
}

function toField(profile: string): Record<string, string> | undefined {
  if (profile === 'runtime/default') return { type: 'RuntimeDefault' };
  if (profile === 'unconfined') return { type: 'Unconfined' };
  if (profile.startsWith('localhost/')) return { type: 'Localhost', localhostProfile: profile.slice('localhost/'.length) };
  return undefined;
}

/**
 * Azure's v3 template reads only the per-container annotation (else runtime/default). With readAppArmorField,
 * gatekeeper-library's precedence: container field, annotation, pod field, runtime/default.
 */
export function effectiveProfile(pod: PodView, c: ContainerView, readField: boolean): Effective {
  const key = `${ANNOTATION_PREFIX}${c.name}`;
  const annPath = annotationPath(pod, key);
  const ann = annotations(pod)[key];
  const containerPath = [...c.path, 'securityContext', 'appArmorProfile'];
  if (readField) {
    const own = fromField(c.sc?.appArmorProfile);
    if (own !== undefined) return { profile: own, path: containerPath, from: 'field' };
  }
  if (ann !== undefined) return { profile: ann, path: annPath, from: 'annotation' };
  if (readField) {
    const podProfile = fromField(pod.podSc?.appArmorProfile);
    if (podProfile !== undefined) return { profile: podProfile, path: [...pod.specPath, 'securityContext', 'appArmorProfile'], from: 'field' };
  }
  return { profile: 'runtime/default', path: annPath, from: 'default' };
}

/** Exact, or a prefix when the entry ends with "*" (`localhost/*` allows every localhost profile). */
export function profileAllowed(allowed: readonly string[], profile: string): boolean {
  return allowed.some((a) => (a.endsWith('*') ? profile.startsWith(a.slice(0, -1)) : a === profile));
}

const ALLOWED_PROFILE: ChangeSpec = {
  id: 'use-allowed-apparmor-profile',
  change: t('set an allowed AppArmor profile', '許可された AppArmor プロファイルを設定'),
  risk: 'may-break',
  why: t('The container runs under another profile, which may deny files or operations it uses today.', 'コンテナーは別のプロファイルで動き、今使っているファイルや操作が拒否されることがある。'),
  needs: t('Confirm first that the workload runs under that profile.', 'ワークロードがそのプロファイルで動くことを先に確認する。'),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'disallowed-apparmor-profile',
    title: t('Containers should only use allowed AppArmor profiles', 'コンテナーでは、許可されている AppArmor プロファイルのみを使用する'),
    severity: 'high',
    category: t('Remediate security configurations', 'セキュリティ構成の修復'),
    needsConfiguration: true,
    description: t(
      'AppArmor confines what a program may do on the host; overriding or disabling it removes that protection. A container\'s profile is its annotation container.apparmor.security.beta.kubernetes.io/<container>, or runtime/default when there is none, and must be one of allowedProfiles (exact, case-sensitive; a trailing "*" matches a prefix, e.g. localhost/*). As in Azure\'s template, the pod-wide annotation and the securityContext.appArmorProfile field are ignored — unless readAppArmorField is true, which reads the field with the precedence container field, annotation, pod field, runtime/default (RuntimeDefault = runtime/default, Unconfined = unconfined, Localhost = localhost/<localhostProfile>).',
      'AppArmor はプログラムがホスト上で行えることを制限します。上書きや無効化はその保護を失わせます。コンテナーのプロファイルは注釈 container.apparmor.security.beta.kubernetes.io/<コンテナー名>、なければ runtime/default とみなし、allowedProfiles のいずれかである必要があります（大文字小文字を区別する完全一致。末尾の "*" は前方一致、例: localhost/*）。Azure のテンプレートと同じく、ポッド全体の注釈と securityContext.appArmorProfile フィールドは無視します。readAppArmorField を true にすると、コンテナーのフィールド、注釈、ポッドのフィールド、runtime/default の順にフィールドも読みます（RuntimeDefault = runtime/default、Unconfined = unconfined、Localhost = localhost/<localhostProfile>）。',
    ),
    remediation: t(
      'Use an allowed profile: remove the override (runtime/default applies) or set the annotation container.apparmor.security.beta.kubernetes.io/<container> to an allowed profile such as runtime/default or localhost/<profile>.',
      '許可されたプロファイルを使う: 上書きを削除する（runtime/default が適用される）か、注釈 container.apparmor.security.beta.kubernetes.io/<コンテナー名> を runtime/default や localhost/<プロファイル> などの許可されたプロファイルにする。',
    ),
    references: {
      azurePolicy: AZURE.appArmor,
      defenderKey: '86f91051-9d6a-47c3-a07f-bd14cb214b45',
      pss: 'AppArmor (baseline)',
      nsa: 'Pod security: confine containers with AppArmor or seccomp',
      kubescape: 'C-0055',
      links: ['https://kubernetes.io/docs/tutorials/security/apparmor/'],
    },
    changes: [ALLOWED_PROFILE],
  },
  params: () => z.object({
    allowedProfiles: z.array(z.string()).default(['runtime/default'])
      .describe('AppArmor profiles containers may use, e.g. runtime/default, localhost/<profile>; a trailing "*" matches a prefix (localhost/*). Empty: every container fails.'),
    readAppArmorField: z.boolean().default(false)
      .describe('mamori extension, not an Azure parameter. Also read securityContext.appArmorProfile (Kubernetes 1.30+), with the precedence container field, annotation, pod field, runtime/default. Off by default, as Azure\'s template ignores the field.'),
    ...containerExclusions(),
  }),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: true,
  excludes: { containers: true, images: true },
  check({ pod, containers }, params) {
    const list = `[${params.allowedProfiles.map((p) => JSON.stringify(p)).join(', ')}]`;
    const target = params.allowedProfiles.find((p) => !p.endsWith('*'));
    return containers.flatMap((c) => {
      const eff = effectiveProfile(pod, c, params.readAppArmorField);
      if (profileAllowed(params.allowedProfiles, eff.profile)) return [];
      let ops: FixOp[] | undefined;
      if (target !== undefined) {
        const field = toField(target);
        if (eff.from !== 'field') ops = [{ op: 'set', path: eff.path, value: target }];
        else if (field) ops = [{ op: 'set', path: eff.path, value: field }];
      }
      return [{
        path: eff.path,
        container: c.name,
        message: t(
          `AppArmor profile is not allowed, pod: ${pod.name}, container: ${c.name}. Allowed profiles: ${list}`,
          `AppArmor プロファイルが許可されていません。ポッド: ${pod.name}、コンテナー: ${c.name}。許可されているプロファイル: ${list}`,
        ),
        ...(ops ? {
          change: offered(ALLOWED_PROFILE),
          suggestion: {
            ops,
            text: t(
              `Use the profile ${target} (currently ${eff.profile}); confirm first that the workload runs under it.`,
              `プロファイル ${target} を使う（現在は ${eff.profile}）。ワークロードがそのプロファイルで動作することを先に確認してください。`,
            ),
          },
        } : {}),
      }];
    });
  },
});
