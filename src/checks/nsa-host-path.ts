// NSA/CISA (seed 000, host namespaces #4): no hostPath volumes.
import { t } from './types.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';
import { arr, isObj, obj, str } from '../k8s/values.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-host-path',
    title: t('hostPath volumes must not be used', 'hostPath ボリュームを使わない'),
    severity: 'high',
    description: t('NSA/CISA: a hostPath volume mounts a path of the node into the container; deny it.', 'NSA/CISA: hostPath ボリュームはノードのパスをコンテナーにマウントする。拒否する。'),
    remediation: t('Use emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim instead.', 'emptyDir・ConfigMap/Secret・PersistentVolumeClaim を使う。'),
    references: { nsa: 'Pod security: no hostPath (seed 000, host namespaces #4)', pss: 'HostPath Volumes (baseline)', azurePolicy: AZURE.hostPaths, kubescape: 'C-0048', links: [NSA_GUIDE] },
  },
  skipWindows: false,
  check(pod) {
    return arr(pod.spec.volumes).flatMap((v, i) => {
      if (!isObj(v) || !obj(v.hostPath)) return [];
      const p = str(obj(v.hostPath)?.path) ?? '';
      return [{ path: [...pod.specPath, 'volumes', i, 'hostPath'], container: null, message: t(`volume ${JSON.stringify(str(v.name) ?? '')} mounts the node path ${JSON.stringify(p)} (hostPath)`, `ボリューム ${JSON.stringify(str(v.name) ?? '')} はノードのパス ${JSON.stringify(p)} をマウントする（hostPath）`) }];
    });
  },
});
