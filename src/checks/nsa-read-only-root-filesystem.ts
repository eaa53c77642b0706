// NSA/CISA: immutable container file systems (readOnlyRootFilesystem: true in every container).
import { t } from './types.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';
import { containerField } from '../k8s/workload.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-read-only-root-filesystem',
    title: t('The root filesystem must be read-only', 'ルート ファイル システムを読み取り専用にする'),
    severity: 'medium',
    description: t('NSA/CISA: immutable container file systems. readOnlyRootFilesystem is a container-only field and must be true in every container; mount an emptyDir where the application must write.', 'NSA/CISA: 変更不可のコンテナー ファイル システム。readOnlyRootFilesystem はコンテナー専用のフィールドで、すべてのコンテナーで true であること。書き込みが必要な場所には emptyDir をマウントする。'),
    remediation: t('Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes for writable paths such as /tmp.', 'securityContext.readOnlyRootFilesystem: true を設定し、/tmp など書き込む場所に emptyDir をマウントする。'),
    references: { nsa: 'Immutable container file systems (readOnlyRootFilesystem: true)', pss: 'none (PSS does not check it)', azurePolicy: AZURE.readOnlyRoot, kubescape: 'C-0017', links: [NSA_GUIDE] },
  },
  check(_pod, containers) {
    return containers.flatMap((c) => {
      const f = containerField(c, 'readOnlyRootFilesystem');
      if (f.value === true) return [];
      return [{ path: f.path, container: c.name, message: t(`container ${JSON.stringify(c.name)} has a writable root filesystem (readOnlyRootFilesystem ${f.value === undefined ? 'unset' : `=${JSON.stringify(f.value)}`})`, `コンテナー ${JSON.stringify(c.name)} のルート ファイル システムは書き込み可能`) }];
    });
  },
});
