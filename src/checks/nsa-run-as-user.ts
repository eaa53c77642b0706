// NSA/CISA (seed 000 #1): runAsUser is set, to a non-root UID, for every container (container value wins over the pod's).
import { t } from './types.js';
import { defineNsaCheck, NSA_GUIDE, perContainer } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-run-as-user',
    title: t('runAsUser must be set to a non-root UID', 'runAsUser を root 以外の UID に設定する'),
    severity: 'medium',
    description: t('NSA/CISA: force a non-root user at deploy time as well as in the image. Each container\'s effective runAsUser (its own, else the pod\'s) must be set and not 0.', 'NSA/CISA: イメージだけでなくデプロイ時にも非 root ユーザーを強制する。各コンテナーの実効 runAsUser（自身の値、なければ Pod の値）が設定され、0 でないこと。'),
    remediation: t('Set spec.securityContext.runAsUser (or the container\'s) to a non-zero UID, e.g. 1000.', 'spec.securityContext.runAsUser（またはコンテナーの値）を 0 以外の UID（例: 1000）にする。'),
    references: { nsa: 'Non-root containers: runAsUser set (seed 000 #1)', pss: 'Running as Non-root user (restricted)', azurePolicy: AZURE.usersGroups, kubescape: 'C-0013', links: [NSA_GUIDE] },
  },
  check(pod, containers) {
    return perContainer(pod, containers, 'runAsUser', (v, c, from) => {
      if (v === undefined) return t(`container ${JSON.stringify(c.name)} does not set runAsUser (neither the container nor the pod): the image's user applies, root unless the image says otherwise`, `コンテナー ${JSON.stringify(c.name)} は runAsUser を設定していない（コンテナーにも Pod にもない）。イメージのユーザー（指定がなければ root）で動く`);
      if (v === 0) return t(`container ${JSON.stringify(c.name)} runs as root: runAsUser=0 (${from} securityContext)`, `コンテナー ${JSON.stringify(c.name)} は root で動く: runAsUser=0（${from === 'pod' ? 'Pod' : 'コンテナー'} の securityContext）`);
      return undefined;
    });
  },
});
