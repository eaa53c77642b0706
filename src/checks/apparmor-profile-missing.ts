// A Localhost AppArmor profile the manifest references but that no file in the given profile directory declares.
import { z } from 'zod';
import { definePodCheck, t, type Violation } from './types.js';
import { appArmorProfileNames, appArmorRefs } from './pss/lsm.js';

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'apparmor-profile-missing',
    title: t('Localhost AppArmor profiles must be loaded on the node', 'Localhost AppArmor プロファイルがノードに読み込まれている'),
    severity: 'high',
    category: t('Manifest hygiene', 'マニフェストの衛生'),
    needsConfiguration: false,
    description: t(
      'appArmorProfile {type: Localhost, localhostProfile: NAME} and the localhost/NAME annotation name a loaded profile (not a file). With apparmorProfileDir (mamori scan --apparmor-profile-dir DIR) mamori reads the profile declarations ("profile NAME", path-named profiles) of the files there and reports names none declares; the pod would fail with "Cannot enforce AppArmor: profile is not loaded". A localhostProfile that looks like a file path is reported always.',
      'appArmorProfile {type: Localhost, localhostProfile: 名前} と localhost/名前 注釈は読み込み済みプロファイルの名前（ファイルではない）を指す。apparmorProfileDir（mamori scan --apparmor-profile-dir DIR）を与えると、そのファイル群の宣言（"profile 名前"・パス名のプロファイル）を読み、どこにも宣言されていない名前を報告する。ファイル パスに見える localhostProfile は常に報告する。',
    ),
    remediation: t('Load the profile on every node (apparmor_parser -r, or the Security Profiles Operator), or fix the profile name.', 'すべてのノードでプロファイルを読み込む（apparmor_parser -r や Security Profiles Operator）か、名前を直す。'),
    references: { nsa: 'Pod security: AppArmor profiles', links: ['https://kubernetes.io/docs/tutorials/security/apparmor/'] },
    defaultEffect: 'Audit',
  },
  params: () => z.object({
    apparmorProfileDir: z.string().optional().describe('Directory of AppArmor profile sources as loaded on the nodes (like /etc/apparmor.d); Localhost profile names are looked up among the profiles declared there. Unset: only the form of the name is checked.'),
  }),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: false,
  excludes: { containers: false, images: false },
  check({ pod }, params) {
    const out: Violation[] = [];
    const known = params.apparmorProfileDir !== undefined ? appArmorProfileNames(params.apparmorProfileDir) : undefined;
    for (const r of appArmorRefs(pod)) {
      if (r.type !== 'Localhost') continue;
      const what = r.kind === 'annotation' ? `annotation ${String(r.path[r.path.length - 1])}` : `${r.owner === 'pod' ? 'pod' : `container ${JSON.stringify(r.owner)}`} appArmorProfile`;
      const path = r.kind === 'field' ? [...r.path, 'localhostProfile'] : r.path;
      const name = r.localhost ?? '';
      if (name === '') {
        out.push({ path, container: r.container, message: t(`${what}: type Localhost needs localhostProfile`, `${what}: Localhost 型には localhostProfile が必要`) });
      } else if (known && !known.has(name)) {
        const sample = [...known].sort().slice(0, 5).map((n) => JSON.stringify(n)).join(', ');
        out.push({
          path,
          container: r.container,
          message: t(
            `${what}: AppArmor profile ${JSON.stringify(name)} is not declared in ${params.apparmorProfileDir}${known.size ? ` (declared: ${sample}${known.size > 5 ? ', …' : ''})` : ' (no profiles found there)'}; the pod would fail with "Cannot enforce AppArmor: profile is not loaded"`,
            `${what}: AppArmor プロファイル ${JSON.stringify(name)} は ${params.apparmorProfileDir} で宣言されていない。Pod は "Cannot enforce AppArmor" で失敗する`,
          ),
        });
      } else if (name.includes('/') || name.endsWith('.aa') || name.endsWith('.apparmor')) {
        if (known?.has(name)) continue;
        out.push({ path, container: r.container, message: t(`${what}: ${JSON.stringify(name)} looks like a file path; localhostProfile is the name of a loaded profile`, `${what}: ${JSON.stringify(name)} はファイル パスに見える。localhostProfile は読み込み済みプロファイルの名前`) });
      }
    }
    return out;
  },
});
