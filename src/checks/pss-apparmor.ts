// PSS baseline "AppArmor" (PSA check appArmorProfile, v1.0): the appArmorProfile fields and the beta annotations.
import { t } from './types.js';
import { definePssCheck, psaContainers, single } from './pss/define.js';
import { goQuote, joinQuote, pluralize, sortBytes } from './pss/format.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';
import { obj, str } from '../k8s/values.js';
import { annotationPath, annotations } from '../k8s/workload.js';
import type { Path } from '../core/path.js';

export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function badType(profile: unknown): string | undefined {
  const p = obj(profile);
  if (!p) return undefined;
  const type = str(p.type) ?? '';
  return type === 'RuntimeDefault' || type === 'Localhost' ? undefined : type;
}

function badAnnotation(value: string): boolean {
  return !(value === '' || value === 'runtime/default' || value.startsWith('localhost/'));
}

export default definePssCheck({
  psa: 'appArmorProfile',
  id: 'pss-apparmor',
  title: t('AppArmor must not be disabled (PSS baseline)', 'AppArmor を無効にしない (PSS baseline)'),
  severity: 'high',
  description: t(
    'securityContext.appArmorProfile.type (pod and containers) must be RuntimeDefault or Localhost when set, and every container.apparmor.security.beta.kubernetes.io/* annotation must be empty, runtime/default or localhost/<name>. Both forms are checked at every policy version.',
    'securityContext.appArmorProfile.type（Pod とコンテナー）は設定するなら RuntimeDefault か Localhost、container.apparmor.security.beta.kubernetes.io/* 注釈は空・runtime/default・localhost/<名前> のいずれかでなければならない。どちらもすべてのポリシー バージョンで検査される。',
  ),
  remediation: t('Use appArmorProfile.type RuntimeDefault (or Localhost with a loaded profile) instead of Unconfined.', 'Unconfined の代わりに appArmorProfile.type RuntimeDefault（または読み込み済みプロファイルの Localhost）を使う。'),
  references: { pss: 'AppArmor (baseline)', nsa: 'Pod security: AppArmor runtime/default', azurePolicy: AZURE.appArmor, kubescape: 'C-0055', links: [PSS_DOCS] },
  evaluate(pod) {
    const setters: string[] = [];
    const values = new Set<string>();
    let first: Path | undefined;
    const podBad = badType(pod.podSc?.appArmorProfile);
    if (podBad !== undefined) {
      setters.push('pod');
      values.add(podBad);
      first = [...pod.specPath, 'securityContext', 'appArmorProfile', 'type'];
    }
    const names: string[] = [];
    for (const c of psaContainers(pod)) {
      const b = badType(c.sc?.appArmorProfile);
      if (b === undefined) continue;
      names.push(c.name);
      values.add(b);
      first ??= [...c.path, 'securityContext', 'appArmorProfile', 'type'];
    }
    if (names.length > 0) setters.push(`${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`);
    const forbidden: string[] = [];
    for (const [k, v] of Object.entries(annotations(pod))) {
      if (!k.startsWith(APPARMOR_ANNOTATION_PREFIX) || !badAnnotation(v)) continue;
      forbidden.push(`${k}=${goQuote(v)}`);
      first ??= annotationPath(pod, k);
    }
    const valueList = sortBytes(values);
    if (forbidden.length > 0) {
      for (const v of sortBytes(forbidden)) valueList.push(v);
      setters.push(pluralize('annotation', 'annotations', forbidden.length));
    }
    if (setters.length === 0) return undefined;
    return {
      reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
      detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
      path: first!,
      container: podBad === undefined && forbidden.length === 0 ? single(names) : null,
    };
  },
});
