// version-unsupported: only the latest three minor versions receive fixes.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { versionRule } from '../subjects.js';
import { minorNumber } from '../releases.js';

const meta: RuleMeta = {
  id: 'version-unsupported',
  severity: 'high',
  title: t('The cluster should run a supported Kubernetes version', 'クラスターはサポートされている Kubernetes バージョンで実行する'),
  description: t('Only the latest three minor versions receive fixes (seed 003: stay inside the supported window).', '修正が提供されるのは最新の 3 つのマイナー バージョンだけです。'),
  remediation: t('Upgrade the control plane one minor version at a time until it is inside the supported window.', 'サポート範囲に入るまで、コントロール プレーンを 1 マイナー バージョンずつアップグレードする。'),
  messages: {
    outside: t('The cluster runs {gitVersion}, outside the supported window {window} as of {today}', 'クラスターは {gitVersion} で、{today} 時点のサポート範囲 {window} の外です'),
    outsideWithEndOfLife: t('The cluster runs {gitVersion}, outside the supported window {window} as of {today} (upstream end of life {endOfLife})', 'クラスターは {gitVersion} で、{today} 時点のサポート範囲 {window} の外です（アップストリームのサポート終了 {endOfLife}）'),
    upgradePath: t('Upgrade one minor at a time: {path}', '1 マイナーずつアップグレードする: {path}'),
  },
};

/** "1.32" to "1.35": every minor on the way, both ends included. */
export function upgradePath(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = minorNumber(from); n <= minorNumber(to); n++) out.push(`1.${n}`);
  return out;
}

// A version newer than the window (a pre-release) is not "unsupported" in the sense of missing fixes.
export const versionUnsupported = versionRule('cluster', meta, z.object({}), (c) => {
  const oldest = c.window[c.window.length - 1];
  if (c.window.includes(c.minor) || !(minorNumber(c.minor) < minorNumber(oldest ?? '0'))) return [];
  const data = { gitVersion: c.gitVersion, window: c.window.join(', '), today: c.today, endOfLife: c.release?.endOfLife ?? '', path: upgradePath(c.minor, oldest!).join(' → ') };
  return [{ path: ['version'], container: null, message: say(meta, c.release ? 'outsideWithEndOfLife' : 'outside', data), remediation: say(meta, 'upgradePath', data) }];
});
