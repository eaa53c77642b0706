// deprecated-api-removed: the API server at the target version no longer serves the manifest's apiVersion.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { versionRule } from '../subjects.js';
import { minorNumber } from '../releases.js';

const meta: RuleMeta = {
  id: 'deprecated-api-removed',
  severity: 'high',
  title: t('Manifests should not use API versions removed at the target version', 'ターゲット バージョンで削除される API バージョンを使用しない'),
  description: t('The API server at the target version no longer serves this apiVersion; applying the manifest fails.', 'ターゲット バージョンの API サーバーはこの apiVersion を提供しないため、マニフェストの適用は失敗します。'),
  remediation: t('Move the manifest to the replacement apiVersion before upgrading.', 'アップグレード前にマニフェストを代替の apiVersion に移行する。'),
  messages: {
    removed: t('{kind} {apiVersion} was removed in {removedIn} (target {target}); use {replacement}', '{kind} {apiVersion} は {removedIn} で削除されました（ターゲット {target}）。{replacement} を使用してください'),
    removedWithNote: t('{kind} {apiVersion} was removed in {removedIn} (target {target}); use {replacement}; note: {note}', '{kind} {apiVersion} は {removedIn} で削除されました（ターゲット {target}）。{replacement} を使用してください（注: {note}）'),
    changeApiVersion: t('Change apiVersion to {replacement}', 'apiVersion を {replacement} に変更する'),
  },
};

export const deprecatedApiRemoved = versionRule('manifest', meta, z.object({}), (m) => {
  const d = m.deprecation;
  if (!d || !(minorNumber(d.removedIn) <= minorNumber(m.target))) return [];
  const data = { kind: m.kind, apiVersion: m.apiVersion, removedIn: d.removedIn, target: m.target, replacement: d.replacement, note: d.note ?? '' };
  return [{ path: ['apiVersion'], container: null, message: say(meta, d.note ? 'removedWithNote' : 'removed', data), remediation: say(meta, 'changeApiVersion', data) }];
});
