// NSA/CISA (seed 000 #8): no capabilities added, and ALL dropped.
import { remedy, t } from './types.js';
import { DROP_ALL } from './changes.js';
import type { Violation } from './types.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';
import { containerField } from '../k8s/workload.js';
import { obj, strings } from '../k8s/values.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-capabilities',
    title: t('Capabilities: drop ALL, add none', '機能 (capabilities): ALL を drop し、何も add しない'),
    severity: 'medium',
    description: t('NSA/CISA: capabilities are not added (seed: "指定しない") and the guide\'s pod security example requires dropping ALL. Each container must list ALL in capabilities.drop and nothing in capabilities.add.', 'NSA/CISA: 機能は追加しない（シード:「指定しない」）。ガイドの Pod セキュリティ例は ALL の drop を求める。各コンテナーが capabilities.drop に ALL を含め、capabilities.add を空にすること。'),
    remediation: t('Set securityContext.capabilities: {drop: ["ALL"]} and remove capabilities.add.', 'securityContext.capabilities: {drop: ["ALL"]} を設定し、capabilities.add を削除する。'),
    references: { nsa: 'Pod security: capabilities not added, ALL dropped (seed 000 #8; requiredDropCapabilities: ALL)', pss: 'Capabilities (restricted)', azurePolicy: AZURE.allowedCapabilities, kubescape: 'C-0046', links: [NSA_GUIDE] },
    changes: [DROP_ALL],
  },
  check(_pod, containers) {
    const out: Violation[] = [];
    for (const c of containers) {
      const f = containerField(c, 'capabilities');
      const caps = obj(f.value);
      const add = strings(caps?.add);
      if (add.length > 0) {
        out.push({ path: [...f.path, 'add'], container: c.name, message: t(`container ${JSON.stringify(c.name)} adds capabilities ${add.join(', ')}`, `コンテナー ${JSON.stringify(c.name)} は機能 ${add.join(', ')} を追加している`) });
      }
      const drop = strings(caps?.drop);
      if (!drop.includes('ALL')) {
        out.push({
          path: [...f.path, 'drop'],
          container: c.name,
          message: t(`container ${JSON.stringify(c.name)} does not drop ALL capabilities (securityContext.capabilities.drop${drop.length ? ` is ${JSON.stringify(drop)}` : ' is unset'})`, `コンテナー ${JSON.stringify(c.name)} はすべての機能を drop していない`),
          ...remedy(DROP_ALL, [{ op: 'set', path: [...f.path, 'drop'], value: ['ALL', ...drop.filter((d) => d !== 'ALL')] }]),
        });
      }
    }
    return out;
  },
});
