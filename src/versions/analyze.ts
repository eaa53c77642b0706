// Version checks: the cluster against the supported window, kubelet skew, nodes listed, deprecated APIs at a target version, SeccompDefault.
import type { Lang, Location, Notice, Report, ResourceRef } from '../core/report.js';
import type { Path } from '../core/path.js';
import { runRules, type RuleRun, type Subject } from '../core/evaluate.js';
import { Ledger, suppressionOf } from '../core/ledger.js';
import { buildReport } from '../core/build-report.js';
import { obj, str, type Obj } from '../k8s/values.js';
import { minorNumber, minorOf, supportedWindow, type Release } from './releases.js';
import { kubeletSkew } from './skew.js';
import { VERSION_RULES } from './rules/index.js';
import { manifestFact, type VersionFact } from './subjects.js';

export { VERSION_RULES } from './rules/index.js';

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
  /** the rules with the effects and parameters mamori.yaml gives them (default: every rule, Audit) */
  runs?: readonly RuleRun<VersionFact>[];
  /** mamori.yaml's exception ledger (default: none) */
  ledger?: Ledger;
}

/** Every version rule as it runs without a configuration. */
export function defaultVersionRuns(): RuleRun<VersionFact>[] {
  return VERSION_RULES.map((rule) => ({ rule, effect: rule.meta.defaultEffect ?? 'Audit', params: rule.params.parse({}) }));
}

const judges = new Map(VERSION_RULES.map((r) => [r.meta.id, r.judges]));

/** SeccompDefault: alpha in 1.22 (feature gate), beta in 1.25 (gate on, kubelet flag), GA in 1.27. */
export function seccompDefaultAt(minor: string, lang: Lang): SeccompDefaultStatus {
  const n = minorNumber(minor);
  const L = (en: string, ja: string): string => (lang === 'ja' ? ja : en);
  if (!(n >= 22)) return { stage: 'unavailable', text: L(`SeccompDefault is not available in ${minor} (alpha from 1.22): set seccompProfile: RuntimeDefault on each Pod`, `${minor} では SeccompDefault は使用できません（1.22 でアルファ）。各ポッドに seccompProfile: RuntimeDefault を設定してください`) };
  if (n < 25) return { stage: 'alpha', text: L(`SeccompDefault is alpha in ${minor}: it needs the kubelet feature gate SeccompDefault=true and --seccomp-default on each node`, `${minor} では SeccompDefault はアルファです。各ノードで kubelet の機能ゲート SeccompDefault=true と --seccomp-default が必要です`) };
  if (n < 27) return { stage: 'beta', text: L(`SeccompDefault is beta in ${minor}: the gate is on by default; enable it per node with kubelet --seccomp-default (seccompDefault: true)`, `${minor} では SeccompDefault はベータです（機能ゲートは既定で有効）。ノードごとに kubelet の --seccomp-default（seccompDefault: true）で有効化します`) };
  return { stage: 'ga', text: L(`SeccompDefault is GA in ${minor} (since 1.27): enable it per node with kubelet --seccomp-default (seccompDefault: true); Pods then run RuntimeDefault unless they say otherwise`, `${minor} では SeccompDefault は GA です（1.27 以降）。ノードごとに kubelet の --seccomp-default（seccompDefault: true）で有効化すると、指定のないポッドは RuntimeDefault で実行されます`) };
}

/** How the table and JSON describe a node's skew (the finding, when there is one, says more). */
function skewText(apiMinor: string, kubelet: string, lang: Lang): string {
  const L = (en: string, ja: string): string => (lang === 'ja' ? ja : en);
  const s = kubeletSkew(apiMinor, kubelet);
  if (s.state === 'newer') return L(`newer than the API server (${apiMinor})`, `API サーバー（${apiMinor}）より新しい`);
  if (s.state !== 'older') return L('ok', '範囲内');
  return s.allowed ? L(`${s.by} minor(s) older (allowed)`, `${s.by} マイナー古い（許容範囲）`) : L(`${s.by} minors older (limit ${s.limit})`, `${s.by} マイナー古い（上限 ${s.limit}）`);
}

export function analyzeVersions(input: VersionsInput): { report: Report; info: VersionsInfo } {
  const { lang } = input;
  const L = (en: string, ja: string): string => (lang === 'ja' ? ja : en);
  const window = supportedWindow(input.releases, input.today).map((r) => r.minor);
  const newest = window[0] ?? input.releases[input.releases.length - 1]?.minor ?? '1.35';
  const clusterMinor = input.cluster ? minorOf(input.cluster.gitVersion) : undefined;
  const target = input.target ? (minorOf(input.target) ?? input.target) : (clusterMinor ?? newest);
  const info: VersionsInfo = { today: input.today, tableAsOf: input.tableAsOf, window, target, nodes: [] };
  const subjects: Subject<VersionFact>[] = [];

  if (input.cluster && clusterMinor) {
    const gitVersion = input.cluster.gitVersion;
    const rel = input.releases.find((r) => r.minor === clusterMinor);
    const supported = window.includes(clusterMinor);
    const eolPassed = rel ? rel.endOfLife < input.today : minorNumber(clusterMinor) < minorNumber(window[window.length - 1] ?? '1.0');
    info.cluster = { gitVersion, minor: clusterMinor, released: rel?.released, endOfLife: rel?.endOfLife, supported, endOfLifePassed: eolPassed };
    info.seccompDefault = seccompDefaultAt(clusterMinor, lang);
    subjects.push({
      value: { on: 'cluster', gitVersion, minor: clusterMinor, window, today: input.today, ...(rel ? { release: rel } : {}) },
      resource: { apiVersion: 'v1', kind: 'Cluster', namespace: null, name: 'kubernetes' },
    });
    for (const n of input.nodes ?? []) {
      const ni = obj(obj(n.status)?.nodeInfo) ?? {};
      const name = str(obj(n.metadata)?.name) ?? '';
      const kubelet = str(ni.kubeletVersion) ?? '';
      subjects.push({ value: { on: 'node', name, kubelet, cluster: { gitVersion, minor: clusterMinor } }, resource: { apiVersion: 'v1', kind: 'Node', namespace: null, name } });
      info.nodes.push({ name, kubelet, osImage: str(ni.osImage) ?? '', kernel: str(ni.kernelVersion) ?? '', runtime: str(ni.containerRuntimeVersion) ?? '', os: str(ni.operatingSystem) ?? '', arch: str(ni.architecture) ?? '', skew: skewText(clusterMinor, kubelet, lang) });
    }
  } else {
    info.seccompDefault = seccompDefaultAt(target, lang);
  }
  for (const { object, locate } of input.objects) {
    const apiVersion = str(object.apiVersion) ?? '';
    const kind = str(object.kind) ?? '';
    const md = obj(object.metadata) ?? {};
    const resource: ResourceRef = { apiVersion, kind, namespace: str(md.namespace) ?? null, name: str(md.name) ?? '' };
    subjects.push({ value: manifestFact(apiVersion, kind, target), resource, locate, suppression: suppressionOf(md.annotations) });
  }

  const runs = input.runs ?? defaultVersionRuns();
  const ledger = input.ledger ?? new Ledger([], input.today);
  const { findings, tallies } = runRules(runs, subjects, { lang, ledger, applies: (rule, s) => judges.get(rule.meta.id) === s.value.on });
  // Findings in the order of their subjects (cluster, nodes, manifests), as the table reads best; each subject's resource is its own object.
  const order = new Map<ResourceRef, number>(subjects.map((s, i) => [s.resource, i]));
  findings.sort((a, b) => order.get(a.resource)! - order.get(b.resource)!);

  const notices: Notice[] = info.seccompDefault ? [{ policyId: null, message: info.seccompDefault.text }] : [];
  if (input.releases.some((r) => r.planned && r.released <= input.today)) {
    notices.push({ policyId: null, message: L(`release dates of ${input.releases.filter((r) => r.planned).map((r) => r.minor).join(', ')} are planned dates in mamori's table (as of ${input.tableAsOf}); pass --releases FILE with a newer table`, `mamori の表（${input.tableAsOf} 時点）の ${input.releases.filter((r) => r.planned).map((r) => r.minor).join(', ')} のリリース日は予定日です。新しい表は --releases FILE で指定できます`) });
  }
  // The file's other exceptions belong to scan and the other families: only this family's unused ones are news here.
  const own = new Set(VERSION_RULES.map((r) => r.meta.id));
  const report = buildReport({
    profile: 'versions', lang, rules: runs.map((r) => ({ meta: r.rule.meta, effect: r.effect })), tallies, findings,
    resources: input.objects.length + (input.cluster ? 1 + (input.nodes?.length ?? 0) : 0),
    notices, unusedExceptions: ledger.unused().filter((u) => own.has(u.policy)),
  });
  return { report, info };
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
