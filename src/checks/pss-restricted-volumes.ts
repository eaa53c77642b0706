// PSS restricted "Volume Types" (PSA check restrictedVolumes, v1.0): only ephemeral and API-backed volume types.
import { t } from './types.js';
import { definePssCheck } from './pss/define.js';
import { joinQuote, pluralize, sortBytes } from './pss/format.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';
import { arr, isObj, str } from '../k8s/values.js';
import type { Path } from '../core/path.js';

/** Allowed volume sources (image volumes are accepted at every version since the k8s 1.33 library). */
export const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
/** The forbidden sources PSA names, in the order it tests them (PSA says "unknown" for any other, which the API server never lets through). */
export const NAMED_RESTRICTED_SOURCES = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos'];

const present = (v: Record<string, unknown>, k: string): boolean => v[k] !== undefined && v[k] !== null;
/** Every volume source the API server knows; it drops any other field (a misspelt `emptydir`) before PSA sees the pod. */
const KNOWN_SOURCES = new Set([...ALLOWED_VOLUME_SOURCES, ...NAMED_RESTRICTED_SOURCES]);

export default definePssCheck({
  psa: 'restrictedVolumes',
  id: 'pss-restricted-volumes',
  title: t('Only allowed volume types may be used (PSS restricted)', '許可された種類のボリュームのみ使う (PSS restricted)'),
  severity: 'medium',
  description: t(
    'Volumes may only be configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret. A volume with only a name (fields the API does not know, such as a misspelt emptydir, are dropped) is emptyDir after API defaulting and passes. Replaces pss-host-path-volumes in restricted.',
    'ボリュームは configMap・csi・downwardAPI・emptyDir・ephemeral・image・persistentVolumeClaim・projected・secret のみ。名前だけのボリューム（API の知らないフィールド、たとえば綴り違いの emptydir は捨てられる）は API の既定値で emptyDir になり合格。restricted では pss-host-path-volumes を置き換える。',
  ),
  remediation: t('Replace the volume with one of the allowed types (for example a PersistentVolumeClaim instead of nfs or hostPath).', '許可された種類に置き換える（nfs や hostPath の代わりに PersistentVolumeClaim など）。'),
  references: { pss: 'Volume Types (restricted)', nsa: 'Pod security: volumes limited to configMap, emptyDir, projected, secret, downwardAPI, persistentVolumeClaim', azurePolicy: AZURE.volumeTypes, links: [PSS_DOCS] },
  evaluate(pod) {
    const names: string[] = [];
    const types: string[] = [];
    let first: Path | undefined;
    arr(pod.spec.volumes).forEach((v, i) => {
      if (!isObj(v)) return;
      if (ALLOWED_VOLUME_SOURCES.some((k) => present(v, k))) return;
      const sources = Object.keys(v).filter((k) => KNOWN_SOURCES.has(k) && present(v, k));
      if (sources.length === 0) return; // unknown fields dropped, then defaulted to emptyDir by the API server
      // no allowed source and at least one known one: a named restricted source
      const named = NAMED_RESTRICTED_SOURCES.find((k) => present(v, k))!;
      names.push(str(v.name) ?? '');
      types.push(named);
      first ??= [...pod.specPath, 'volumes', i, named];
    });
    if (names.length === 0) return undefined;
    const typeList = sortBytes(types);
    return {
      reason: 'restricted volume types',
      detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', typeList.length)} ${joinQuote(typeList)}`,
      path: first!,
      container: null,
    };
  },
});
