// NSA/CISA (seed 000 #2): runAsGroup is set, to a non-root GID, for every container (container value wins).
import { t } from './types.js';
import { defineNsaCheck, NSA_GUIDE, perContainer } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-run-as-group',
    title: t('runAsGroup must be set to a non-root GID', 'runAsGroup を root 以外の GID に設定する'),
    severity: 'medium',
    description: t('NSA/CISA: run as a non-root group. Each container\'s effective runAsGroup (its own, else the pod\'s) must be set and not 0. PSS never checks groups.', 'NSA/CISA: 非 root グループで実行する。各コンテナーの実効 runAsGroup（自身の値、なければ Pod の値）が設定され、0 でないこと。PSS はグループを検査しない。'),
    remediation: t('Set spec.securityContext.runAsGroup (or the container\'s) to a non-zero GID, e.g. 3000.', 'spec.securityContext.runAsGroup（またはコンテナーの値）を 0 以外の GID（例: 3000）にする。'),
    references: { nsa: 'Non-root containers: runAsGroup set (seed 000 #2)', azurePolicy: AZURE.usersGroups, kubescape: 'C-0013', links: [NSA_GUIDE] },
  },
  check(pod, containers) {
    return perContainer(pod, containers, 'runAsGroup', (v, c, from) => {
      if (v === undefined) return t(`container ${JSON.stringify(c.name)} does not set runAsGroup (neither the container nor the pod): the image's group applies, root unless the image says otherwise`, `コンテナー ${JSON.stringify(c.name)} は runAsGroup を設定していない。イメージのグループ（指定がなければ root）で動く`);
      if (v === 0) return t(`container ${JSON.stringify(c.name)} runs with group root: runAsGroup=0 (${from} securityContext)`, `コンテナー ${JSON.stringify(c.name)} は root グループで動く: runAsGroup=0`);
      return undefined;
    });
  },
});
