// #10 Immutable (read-only) root filesystem should be enforced for containers (Azure K8sAzureV3ReadOnlyRootFilesystem).
import { z } from 'zod';
import { definePodCheck, remedy, t, type ChangeSpec } from './types.js';
import { containerExclusions } from './params.js';
import { containerField } from '../k8s/workload.js';
import { AZURE } from './pss/crosswalk.js';

const READ_ONLY: ChangeSpec = {
  id: 'set-read-only-root-filesystem',
  change: t('set securityContext.readOnlyRootFilesystem: true', 'securityContext.readOnlyRootFilesystem: true を設定'),
  risk: 'may-break',
  why: t(
    'The root filesystem becomes read-only: a program that writes outside its volumes (caches, pid files, /tmp; nginx writes /var/cache/nginx and /var/run) crashes.',
    'ルート ファイル システムが読み取り専用になる。ボリューム外に書き込むプログラム（キャッシュ、pid ファイル、/tmp。nginx は /var/cache/nginx と /var/run）は異常終了する。',
  ),
  needs: t('Mount an emptyDir where the program writes, e.g. /tmp, first.', 'プログラムが書き込む場所（例: /tmp）に emptyDir を先にマウントする。'),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'writable-root-filesystem',
    title: t('Immutable (read-only) root filesystem should be enforced for containers', 'コンテナーで不変 (読み取り専用) のルートファイル システムを適用する必要がある'),
    severity: 'medium',
    category: t('Manage access and permissions', 'アクセスおよびアクセス許可の管理'),
    needsConfiguration: false,
    description: t(
      'An immutable root filesystem protects a container from changes at run time, such as malicious binaries added to PATH. Every container, init and ephemeral ones included, must set readOnlyRootFilesystem: true.',
      '不変のルート ファイル システムは、PATH に追加された悪意のあるバイナリなど、実行時の変更からコンテナーを保護します。初期化コンテナーやエフェメラル コンテナーを含むすべてのコンテナーで readOnlyRootFilesystem: true を設定する必要があります。',
    ),
    remediation: t(
      'Set securityContext.readOnlyRootFilesystem: true on the container; give paths the application writes to an emptyDir volume.',
      'コンテナーの securityContext.readOnlyRootFilesystem を true にする。アプリケーションが書き込むパスには emptyDir ボリュームをマウントする。',
    ),
    references: {
      azurePolicy: AZURE.readOnlyRoot,
      defenderKey: '27d6f0e9-b4d5-468b-ae7e-03d5473fd864',
      nsa: 'Pod security: immutable container file systems (readOnlyRootFilesystem: true)',
      kubescape: 'C-0017',
    },
    changes: [READ_ONLY],
  },
  params: () => z.object(containerExclusions()),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: true,
  excludes: { containers: true, images: true },
  check({ pod, containers }) {
    return containers.flatMap((c) => {
      const ro = containerField(c, 'readOnlyRootFilesystem');
      if (ro.value === true) return [];
      return [{
        path: ro.path,
        container: c.name,
        message: t(
          `Readonly root filesystem is required for container. pod:'${pod.name}', container:'${c.name}'`,
          `コンテナーには読み取り専用のルート ファイル システムが必要です。ポッド:'${pod.name}'、コンテナー:'${c.name}'`,
        ),
        ...remedy(READ_ONLY, [{ op: 'set', path: ro.path, value: true }]),
      }];
    });
  },
});
