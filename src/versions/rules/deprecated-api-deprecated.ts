// deprecated-api-deprecated: the manifest's apiVersion is deprecated at the target version and removed in a later one.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { versionRule } from '../subjects.js';
import { minorNumber } from '../releases.js';

const meta: RuleMeta = {
  id: 'deprecated-api-deprecated',
  severity: 'low',
  title: t('Manifests should not use deprecated API versions', '非推奨の API バージョンを使用しない'),
  description: t('This apiVersion is deprecated at the target version and will be removed in a later one.', 'この apiVersion はターゲット バージョンで非推奨であり、今後削除されます。'),
  remediation: t('Move the manifest to the replacement apiVersion.', 'マニフェストを代替の apiVersion に移行する。'),
  messages: {
    deprecated: t('{kind} {apiVersion} is deprecated since {deprecatedIn} and removed in {removedIn}; use {replacement}', '{kind} {apiVersion} は {deprecatedIn} から非推奨で、{removedIn} で削除されます。{replacement} を使用してください'),
    deprecatedWithNote: t('{kind} {apiVersion} is deprecated since {deprecatedIn} and removed in {removedIn}; use {replacement}; note: {note}', '{kind} {apiVersion} は {deprecatedIn} から非推奨で、{removedIn} で削除されます。{replacement} を使用してください（注: {note}）'),
    changeApiVersion: t('Change apiVersion to {replacement}', 'apiVersion を {replacement} に変更する'),
  },
};

// Removed at the target is deprecated-api-removed's finding; this one speaks only of what still works.
export const deprecatedApiDeprecated = versionRule('manifest', meta, z.object({}), (m) => {
  const d = m.deprecation;
  if (!d) return [];
  const target = minorNumber(m.target);
  if (minorNumber(d.removedIn) <= target || !(minorNumber(d.deprecatedIn) <= target)) return [];
  const data = { kind: m.kind, apiVersion: m.apiVersion, deprecatedIn: d.deprecatedIn, removedIn: d.removedIn, replacement: d.replacement, note: d.note ?? '' };
  return [{ path: ['apiVersion'], container: null, message: say(meta, d.note ? 'deprecatedWithNote' : 'deprecated', data), remediation: say(meta, 'changeApiVersion', data) }];
});
