// A Localhost seccomp profile the manifest references but that is not under the given profile root (or cannot be a valid path).
import { z } from 'zod';
import { join } from 'node:path';
import { definePodCheck, t, type Violation } from './types.js';
import { fileExists, seccompRefs } from './pss/lsm.js';

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'seccomp-profile-missing',
    title: t('Localhost seccomp profiles must exist on the node', 'Localhost seccomp プロファイルがノード上に存在する'),
    severity: 'high',
    category: t('Manifest hygiene', 'マニフェストの衛生'),
    needsConfiguration: false,
    description: t(
      'A seccompProfile of type Localhost (or a localhost/<path> annotation) must name a descending relative path that exists under the kubelet\'s seccomp root (/var/lib/kubelet/seccomp by default); otherwise the container fails with CreateContainerError. Missing localhostProfile, absolute paths, ".." segments and a pasted "localhost/" prefix are reported always; existence only when seccompProfileRoot is given (mamori scan --seccomp-profile-root DIR, a copy of the nodes\' directory).',
      'Localhost 型の seccompProfile（または localhost/<パス> 注釈）は kubelet の seccomp ルート（既定 /var/lib/kubelet/seccomp）配下に存在する相対パスでなければならない。なければコンテナーは CreateContainerError になる。localhostProfile の欠落・絶対パス・".."・"localhost/" 接頭辞の貼り付けは常に、存在確認は seccompProfileRoot を与えたとき（mamori scan --seccomp-profile-root DIR）に報告する。',
    ),
    remediation: t('Install the profile under the kubelet\'s seccomp root on every node (for example with the Security Profiles Operator), or fix localhostProfile.', 'すべてのノードの kubelet seccomp ルートにプロファイルを配置する（Security Profiles Operator など）か、localhostProfile を直す。'),
    references: { nsa: 'Pod security: seccomp profiles, audited then enforced', links: ['https://kubernetes.io/docs/tutorials/security/seccomp/'] },
    defaultEffect: 'Audit',
  },
  params: () => z.object({
    seccompProfileRoot: z.string().optional().describe('Directory that mirrors the nodes\' kubelet seccomp root (/var/lib/kubelet/seccomp); Localhost profiles are looked up under it. Unset: only the form of the path is checked.'),
  }),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: false,
  excludes: { containers: false, images: false },
  check({ pod }, params) {
    const out: Violation[] = [];
    for (const r of seccompRefs(pod)) {
      if (r.type !== 'Localhost') continue;
      const what = r.kind === 'annotation' ? `annotation ${String(r.path[r.path.length - 1])}` : `${r.owner === 'pod' ? 'pod' : `container ${JSON.stringify(r.owner)}`} seccompProfile`;
      const path = r.kind === 'field' ? [...r.path, 'localhostProfile'] : r.path;
      const p = r.localhost ?? '';
      let problem: { en: string; ja: string } | undefined;
      if (p === '') problem = t(`${what}: type Localhost needs localhostProfile`, `${what}: Localhost 型には localhostProfile が必要`);
      else if (p.startsWith('/') || p.split('/').includes('..')) problem = t(`${what}: ${JSON.stringify(p)} must be a descending relative path under the kubelet's seccomp root`, `${what}: ${JSON.stringify(p)} は kubelet の seccomp ルート配下の相対パスでなければならない`);
      else if (p.startsWith('localhost/')) problem = t(`${what}: ${JSON.stringify(p)} carries the annotation-era "localhost/" prefix into a path; write ${JSON.stringify(p.slice(10))}`, `${what}: ${JSON.stringify(p)} は注釈時代の "localhost/" 接頭辞をパスに含めている。${JSON.stringify(p.slice(10))} と書く`);
      else if (params.seccompProfileRoot !== undefined && !fileExists(join(params.seccompProfileRoot, p))) {
        const hint = !p.endsWith('.json') && fileExists(join(params.seccompProfileRoot, `${p}.json`)) ? ` (${p}.json exists there: the kubelet does not add ".json", write localhostProfile: ${p}.json)` : '';
        const hintJa = hint ? `（${p}.json はある: kubelet は ".json" を補わないので localhostProfile: ${p}.json と書く）` : '';
        problem = t(
          `${what}: Localhost profile ${JSON.stringify(p)} is missing from ${params.seccompProfileRoot}${hint}; the container would fail to start (cannot load seccomp profile)`,
          `${what}: Localhost プロファイル ${JSON.stringify(p)} が ${params.seccompProfileRoot} にない${hintJa}。コンテナーは起動に失敗する`,
        );
      }
      if (problem) out.push({ path, container: r.container, message: problem });
    }
    return out;
  },
});
