// Version checks: the cluster against the supported window, kubelet skew, nodes listed, deprecated APIs at a target version, SeccompDefault.
import type { Finding, Lang, Location, PolicyTally, Report, ResourceRef, Severity, Text } from '../core/report.js';
import { SEVERITIES } from '../core/report.js';
import type { Path } from '../core/path.js';
import { obj, str, type Obj } from '../k8s/values.js';
import { t } from '../checks/types.js';
import { VERSION } from '../core/version.js';
import { deprecatedApi } from './deprecated-apis.js';
import { minorNumber, minorOf, supportedWindow, type Release } from './releases.js';

export interface VersionRule { id: string; title: Text; severity: Severity; description: Text; remediation: Text }

export const VERSION_RULES: readonly VersionRule[] = [
  { id: 'version-unsupported', severity: 'high', title: t('The cluster should run a supported Kubernetes version', 'クラスターはサポートされている Kubernetes バージョンで実行する'),
    description: t('Only the latest three minor versions receive fixes (seed 003: stay inside the supported window).', '修正が提供されるのは最新の 3 つのマイナー バージョンだけです。'),
    remediation: t('Upgrade the control plane one minor version at a time until it is inside the supported window.', 'サポート範囲に入るまで、コントロール プレーンを 1 マイナー バージョンずつアップグレードする。') },
  { id: 'kubelet-version-skew', severity: 'medium', title: t('Node kubelets should be within the version skew policy', 'ノードの kubelet はバージョン スキュー ポリシーの範囲内にする'),
    description: t('A kubelet must not be newer than the API server and at most three minor versions older (two before 1.28).', 'kubelet は API サーバーより新しくてはならず、古さは 3 マイナー バージョン（1.28 より前は 2）までです。'),
    remediation: t('Upgrade (or replace) the node so its kubelet matches the control plane.', 'kubelet がコントロール プレーンに合うようにノードをアップグレード（または置き換え）する。') },
  { id: 'deprecated-api-removed', severity: 'high', title: t('Manifests should not use API versions removed at the target version', 'ターゲット バージョンで削除される API バージョンを使用しない'),
    description: t('The API server at the target version no longer serves this apiVersion; applying the manifest fails.', 'ターゲット バージョンの API サーバーはこの apiVersion を提供しないため、マニフェストの適用は失敗します。'),
    remediation: t('Move the manifest to the replacement apiVersion before upgrading.', 'アップグレード前にマニフェストを代替の apiVersion に移行する。') },
  { id: 'deprecated-api-deprecated', severity: 'low', title: t('Manifests should not use deprecated API versions', '非推奨の API バージョンを使用しない'),
    description: t('This apiVersion is deprecated at the target version and will be removed in a later one.', 'この apiVersion はターゲット バージョンで非推奨であり、今後削除されます。'),
    remediation: t('Move the manifest to the replacement apiVersion.', 'マニフェストを代替の apiVersion に移行する。') },
];
const ruleById = new Map(VERSION_RULES.map((r) => [r.id, r]));

export interface NodeInfo { name: string; kubelet: string; osImage: string; kernel: string; runtime: string; os: string; arch: string; skew: string }

export interface SeccompDefaultStatus { stage: 'unavailable' | 'alpha' | 'beta' | 'ga'; text: string }

export interface VersionsInfo {
  today: string;
  tableAsOf: string;
  window: string[];
  target: string;
  cluster?: { gitVersion: string; minor: string; released?: string; endOfLife?: string; supported: boolean; endOfLifePassed: boolean };
  nodes: NodeInfo[];
  seccompDefault?: SeccompDefaultStatus;
}

export interface VersionsInput {
  lang: Lang;
  today: string;
  releases: readonly Release[];
  tableAsOf: string;
  /** --target-version, else the cluster's version, else the newest in the table */
  target?: string;
  cluster?: { gitVersion: string };
  nodes?: Obj[];
  objects: Array<{ object: Obj; locate?: (p: Path) => Location; file?: string }>;
}

/** SeccompDefault: alpha in 1.22 (feature gate), beta in 1.25 (gate on, kubelet flag), GA in 1.27. */
export function seccompDefaultAt(minor: string, lang: Lang): SeccompDefaultStatus {
  const n = minorNumber(minor);
  const L = (en: string, ja: string): string => (lang === 'ja' ? ja : en);
  if (!(n >= 22)) return { stage: 'unavailable', text: L(`SeccompDefault is not available in ${minor} (alpha from 1.22): set seccompProfile: RuntimeDefault on each Pod`, `${minor} では SeccompDefault は使用できません（1.22 でアルファ）。各ポッドに seccompProfile: RuntimeDefault を設定してください`) };
  if (n < 25) return { stage: 'alpha', text: L(`SeccompDefault is alpha in ${minor}: it needs the kubelet feature gate SeccompDefault=true and --seccomp-default on each node`, `${minor} では SeccompDefault はアルファです。各ノードで kubelet の機能ゲート SeccompDefault=true と --seccomp-default が必要です`) };
  if (n < 27) return { stage: 'beta', text: L(`SeccompDefault is beta in ${minor}: the gate is on by default; enable it per node with kubelet --seccomp-default (seccompDefault: true)`, `${minor} では SeccompDefault はベータです（機能ゲートは既定で有効）。ノードごとに kubelet の --seccomp-default（seccompDefault: true）で有効化します`) };
  return { stage: 'ga', text: L(`SeccompDefault is GA in ${minor} (since 1.27): enable it per node with kubelet --seccomp-default (seccompDefault: true); Pods then run RuntimeDefault unless they say otherwise`, `${minor} では SeccompDefault は GA です（1.27 以降）。ノードごとに kubelet の --seccomp-default（seccompDefault: true）で有効化すると、指定のないポッドは RuntimeDefault で実行されます`) };
}

function skewLimit(apiMinor: number): number { return apiMinor >= 28 ? 3 : 2; }

export function analyzeVersions(input: VersionsInput): { report: Report; info: VersionsInfo } {
  const { lang } = input;
  const L = (en: string, ja: string): string => (lang === 'ja' ? ja : en);
  const findings: Finding[] = [];
  const tallies = new Map<string, { evaluated: number; unhealthy: number; findings: number }>(VERSION_RULES.map((r) => [r.id, { evaluated: 0, unhealthy: 0, findings: 0 }]));
  const push = (id: string, resource: ResourceRef, path: string, message: string, remediation: string, location: Location | null): void => {
    const r = ruleById.get(id)!;
    findings.push({ policyId: id, severity: r.severity, effect: 'Audit', resource, container: null, path, message, remediation, location, status: 'open' });
    const tl = tallies.get(id)!;
    tl.unhealthy++;
  };
  const window = supportedWindow(input.releases, input.today).map((r) => r.minor);
  const newest = window[0] ?? input.releases[input.releases.length - 1]?.minor ?? '1.35';
  const clusterMinor = input.cluster ? minorOf(input.cluster.gitVersion) : undefined;
  const target = input.target ? (minorOf(input.target) ?? input.target) : (clusterMinor ?? newest);
  const info: VersionsInfo = { today: input.today, tableAsOf: input.tableAsOf, window, target, nodes: [] };

  if (input.cluster && clusterMinor) {
    const rel = input.releases.find((r) => r.minor === clusterMinor);
    const supported = window.includes(clusterMinor);
    const eolPassed = rel ? rel.endOfLife < input.today : minorNumber(clusterMinor) < minorNumber(window[window.length - 1] ?? '1.0');
    info.cluster = { gitVersion: input.cluster.gitVersion, minor: clusterMinor, released: rel?.released, endOfLife: rel?.endOfLife, supported, endOfLifePassed: eolPassed };
    info.seccompDefault = seccompDefaultAt(clusterMinor, lang);
    tallies.get('version-unsupported')!.evaluated++;
    const ref: ResourceRef = { apiVersion: 'v1', kind: 'Cluster', namespace: null, name: 'kubernetes' };
    if (!supported && minorNumber(clusterMinor) < minorNumber(window[window.length - 1] ?? '0')) {
      const eol = rel ? L(` (upstream end of life ${rel.endOfLife})`, `（アップストリームのサポート終了 ${rel.endOfLife}）`) : '';
      push('version-unsupported', ref, 'version',
        L(`The cluster runs ${input.cluster.gitVersion}, outside the supported window ${window.join(', ')} as of ${input.today}${eol}`, `クラスターは ${input.cluster.gitVersion} で、${input.today} 時点のサポート範囲 ${window.join(', ')} の外です${eol}`),
        L(`Upgrade one minor at a time: ${upgradePath(clusterMinor, window[window.length - 1]!).join(' → ')}`, `1 マイナーずつアップグレードする: ${upgradePath(clusterMinor, window[window.length - 1]!).join(' → ')}`), null);
    }
    const apiN = minorNumber(clusterMinor);
    for (const n of input.nodes ?? []) {
      const md = obj(n.metadata) ?? {};
      const ni = obj(obj(n.status)?.nodeInfo) ?? {};
      const name = str(md.name) ?? '';
      const kubelet = str(ni.kubeletVersion) ?? '';
      const kMinor = minorOf(kubelet);
      const kN = kMinor ? minorNumber(kMinor) : NaN;
      let skew = L('ok', '範囲内');
      tallies.get('kubelet-version-skew')!.evaluated++;
      const nodeRef: ResourceRef = { apiVersion: 'v1', kind: 'Node', namespace: null, name };
      if (Number.isFinite(kN)) {
        if (kN > apiN) {
          skew = L(`newer than the API server (${clusterMinor})`, `API サーバー（${clusterMinor}）より新しい`);
          push('kubelet-version-skew', nodeRef, 'status.nodeInfo.kubeletVersion', L(`Node ${name}: kubelet ${kubelet} is newer than the API server ${input.cluster.gitVersion}`, `ノード ${name}: kubelet ${kubelet} が API サーバー ${input.cluster.gitVersion} より新しい`), L(`Upgrade the control plane before node ${name}, or downgrade the node to ${clusterMinor}`, `ノード ${name} より先にコントロール プレーンをアップグレードするか、ノードを ${clusterMinor} に戻す`), null);
        } else if (apiN - kN > skewLimit(apiN)) {
          skew = L(`${apiN - kN} minors older (limit ${skewLimit(apiN)})`, `${apiN - kN} マイナー古い（上限 ${skewLimit(apiN)}）`);
          push('kubelet-version-skew', nodeRef, 'status.nodeInfo.kubeletVersion', L(`Node ${name}: kubelet ${kubelet} is ${apiN - kN} minor versions older than the API server ${input.cluster.gitVersion} (the skew policy allows ${skewLimit(apiN)})`, `ノード ${name}: kubelet ${kubelet} は API サーバー ${input.cluster.gitVersion} より ${apiN - kN} マイナー古い（許容は ${skewLimit(apiN)}）`), L(`Upgrade node ${name} to ${clusterMinor}`, `ノード ${name} を ${clusterMinor} にアップグレードする`), null);
        } else if (kN < apiN) skew = L(`${apiN - kN} minor(s) older (allowed)`, `${apiN - kN} マイナー古い（許容範囲）`);
      }
      info.nodes.push({ name, kubelet, osImage: str(ni.osImage) ?? '', kernel: str(ni.kernelVersion) ?? '', runtime: str(ni.containerRuntimeVersion) ?? '', os: str(ni.operatingSystem) ?? '', arch: str(ni.architecture) ?? '', skew });
    }
  } else {
    info.seccompDefault = seccompDefaultAt(target, lang);
  }

  const targetN = minorNumber(target);
  for (const { object, locate } of input.objects) {
    const apiVersion = str(object.apiVersion) ?? '';
    const kind = str(object.kind) ?? '';
    tallies.get('deprecated-api-removed')!.evaluated++;
    tallies.get('deprecated-api-deprecated')!.evaluated++;
    const d = deprecatedApi(apiVersion, kind);
    if (!d) continue;
    const md = obj(object.metadata) ?? {};
    const ref: ResourceRef = { apiVersion, kind, namespace: str(md.namespace) ?? null, name: str(md.name) ?? '' };
    const note = d.note ? L(`; note: ${d.note}`, `（注: ${d.note}）`) : '';
    if (minorNumber(d.removedIn) <= targetN) {
      push('deprecated-api-removed', ref, 'apiVersion', L(`${kind} ${apiVersion} was removed in ${d.removedIn} (target ${target}); use ${d.replacement}${note}`, `${kind} ${apiVersion} は ${d.removedIn} で削除されました（ターゲット ${target}）。${d.replacement} を使用してください${note}`), L(`Change apiVersion to ${d.replacement}`, `apiVersion を ${d.replacement} に変更する`), locate ? locate(['apiVersion']) : null);
    } else if (minorNumber(d.deprecatedIn) <= targetN) {
      push('deprecated-api-deprecated', ref, 'apiVersion', L(`${kind} ${apiVersion} is deprecated since ${d.deprecatedIn} and removed in ${d.removedIn}; use ${d.replacement}${note}`, `${kind} ${apiVersion} は ${d.deprecatedIn} から非推奨で、${d.removedIn} で削除されます。${d.replacement} を使用してください${note}`), L(`Change apiVersion to ${d.replacement}`, `apiVersion を ${d.replacement} に変更する`), locate ? locate(['apiVersion']) : null);
    }
  }

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byPolicy: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byPolicy[f.policyId] = (byPolicy[f.policyId] ?? 0) + 1;
    tallies.get(f.policyId)!.findings++;
  }
  const policies: PolicyTally[] = VERSION_RULES.map((r) => ({ policyId: r.id, title: r.title[lang], severity: r.severity, effect: 'Audit', ...tallies.get(r.id)! }));
  const notices = info.seccompDefault ? [{ policyId: null, message: info.seccompDefault.text }] : [];
  if (input.releases.some((r) => r.planned && r.released <= input.today)) {
    notices.push({ policyId: null, message: L(`release dates of ${input.releases.filter((r) => r.planned).map((r) => r.minor).join(', ')} are planned dates in mamori's table (as of ${input.tableAsOf}); pass --releases FILE with a newer table`, `mamori の表（${input.tableAsOf} 時点）の ${input.releases.filter((r) => r.planned).map((r) => r.minor).join(', ')} のリリース日は予定日です。新しい表は --releases FILE で指定できます`) });
  }
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'mamori', version: VERSION },
    profile: 'versions',
    lang,
    summary: { resources: input.objects.length + (input.cluster ? 1 + (input.nodes?.length ?? 0) : 0), findings: findings.length, bySeverity, byPolicy, excepted: 0, suppressed: 0 },
    policies,
    findings,
    notices,
    errors: [],
    unusedExceptions: [],
  };
  return { report, info };
}

function upgradePath(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = minorNumber(from); n <= minorNumber(to); n++) out.push(`1.${n}`);
  return out;
}

/** The cluster and node facts as text, for the table format. */
export function renderVersionsInfo(info: VersionsInfo, lang: Lang): string {
  const L = (en: string, ja: string): string => (lang === 'ja' ? ja : en);
  const out: string[] = [];
  out.push(L(`Supported window on ${info.today}: ${info.window.join(', ')} (release table as of ${info.tableAsOf}); target ${info.target}`, `${info.today} 時点のサポート範囲: ${info.window.join(', ')}（リリース表 ${info.tableAsOf} 時点）、ターゲット ${info.target}`));
  if (info.cluster) {
    const c = info.cluster;
    out.push(L(`Cluster: ${c.gitVersion} (${c.supported ? 'supported' : 'NOT supported'}; released ${c.released ?? '?'}, end of life ${c.endOfLife ?? '?'}${c.endOfLifePassed ? ', passed' : ''})`, `クラスター: ${c.gitVersion}（${c.supported ? 'サポート対象' : 'サポート対象外'}、リリース ${c.released ?? '?'}、サポート終了 ${c.endOfLife ?? '?'}${c.endOfLifePassed ? '（経過）' : ''}）`));
  }
  if (info.nodes.length) {
    out.push(L('Nodes:', 'ノード:'));
    for (const n of info.nodes) out.push(`  ${n.name}: kubelet ${n.kubelet} (${n.skew}), ${n.osImage}, kernel ${n.kernel}, ${n.runtime}${n.os ? `, ${n.os}/${n.arch}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
