// PSS baseline "HostPath Volumes" (PSA check hostPathVolumes, v1.0); replaced by pss-restricted-volumes in restricted.
import { t } from './types.js';
import { definePssCheck } from './pss/define.js';
import { joinQuote, pluralize } from './pss/format.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';
import { arr, isObj, str } from '../k8s/values.js';

export default definePssCheck({
  psa: 'hostPathVolumes',
  id: 'pss-host-path-volumes',
  title: t('hostPath volumes are disallowed (PSS baseline)', 'hostPath ボリュームを許可しない (PSS baseline)'),
  severity: 'high',
  description: t('No volume may be a hostPath volume.', 'hostPath ボリュームを使ってはならない。'),
  remediation: t('Replace the hostPath volume with emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim.', 'hostPath ボリュームを emptyDir・ConfigMap/Secret・PersistentVolumeClaim に置き換える。'),
  references: { pss: 'HostPath Volumes (baseline)', nsa: 'Pod security: no hostPath (seed 000, host namespaces #4)', azurePolicy: AZURE.hostPaths, kubescape: 'C-0048', links: [PSS_DOCS] },
  evaluate(pod) {
    const bad: { name: string; i: number }[] = [];
    arr(pod.spec.volumes).forEach((v, i) => {
      if (isObj(v) && v.hostPath !== undefined && v.hostPath !== null) bad.push({ name: str(v.name) ?? '', i });
    });
    if (bad.length === 0) return undefined;
    return {
      reason: 'hostPath volumes',
      detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad.map((b) => b.name))}`,
      path: [...pod.specPath, 'volumes', bad[0]!.i, 'hostPath'],
      container: null,
    };
  },
});
