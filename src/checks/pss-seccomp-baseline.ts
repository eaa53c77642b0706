// PSS baseline "Seccomp" (PSA check seccompProfile_baseline): annotations before v1.19, fields from v1.19.
import { t } from './types.js';
import { definePssCheck } from './pss/define.js';
import { seccompAnnotations, seccompFields } from './pss/seccomp.js';
import { PSS_DOCS } from './pss/crosswalk.js';

export default definePssCheck({
  psa: 'seccompProfile_baseline',
  id: 'pss-seccomp-baseline',
  title: t('Seccomp must not be disabled (PSS baseline)', 'seccomp を無効にしない (PSS baseline)'),
  severity: 'high',
  description: t(
    'v1.0-v1.18: the seccomp.security.alpha.kubernetes.io/pod annotation and container.seccomp.security.alpha.kubernetes.io/<container> annotations of existing containers must be runtime/default, docker/default or localhost/<path> (empty fails). From v1.19 the annotations are ignored and securityContext.seccompProfile.type (pod and containers) must be RuntimeDefault or Localhost when set. In restricted from v1.19 pss-seccomp-restricted replaces this check.',
    'v1.0〜v1.18: seccomp.security.alpha.kubernetes.io/pod 注釈と既存コンテナーの container.seccomp.security.alpha.kubernetes.io/<コンテナー> 注釈は runtime/default・docker/default・localhost/<パス>（空は不可）。v1.19 からは注釈を無視し、securityContext.seccompProfile.type（Pod とコンテナー）は設定するなら RuntimeDefault か Localhost。restricted では v1.19 から pss-seccomp-restricted が置き換わる。',
  ),
  remediation: t('Use seccompProfile.type RuntimeDefault (or Localhost) instead of Unconfined.', 'Unconfined の代わりに seccompProfile.type RuntimeDefault（または Localhost）を使う。'),
  references: { pss: 'Seccomp (baseline)', nsa: 'Pod security: seccompProfile RuntimeDefault (seed 000 #9)', kubescape: 'C-0055', links: [PSS_DOCS] },
  evaluate(pod, minor) {
    return minor < 19 ? seccompAnnotations(pod) : seccompFields(pod, false);
  },
});
