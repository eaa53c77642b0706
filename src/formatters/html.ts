// The inspection report as one self-contained HTML page: an overview first, then findings folded by recommendation or resource.
import type { Finding, Lang, PolicyTally, Report, Severity } from '../core/report.js';
import { SEVERITIES, severityRank } from '../core/report.js';
import { snippetText } from '../fix/snippet.js';
import { CSS } from './html-style.js';
import { CLIENT_JS } from './html-client.js';

export interface HtmlOptions { lang: Lang }

const SEV = { en: { high: 'High', medium: 'Medium', low: 'Low' }, ja: { high: '高', medium: '中', low: '低' } } as const;

const T = {
  en: {
    title: 'mamori inspection report',
    generated: 'Made',
    made: (version: string) => `by mamori ${version}`,
    profile: 'Profile',
    scanned: 'Scanned',
    counted: (files: number, objects: number, skipped: number) => `${files} files, ${objects} objects, ${skipped} skipped`,
    baseline: 'Baseline',
    baselineText: (n: number, u: number, f: number) => `${n} new, ${u} unchanged, ${f} fixed`,
    exceptions: 'Exceptions in force',
    exceptionsText: (n: number, findings: number) => `${n} (matching ${findings} findings)`,
    noExceptions: 'none',
    summary: 'Summary',
    resources: 'Resources scanned',
    open: 'Open findings',
    newCard: 'New since baseline',
    fixedCard: 'Fixed since baseline',
    excepted: 'Excepted',
    suppressed: 'Suppressed',
    errors: 'Input errors',
    errorsNote: 'The results are incomplete until these inputs are fixed.',
    sevCard: (s: Severity) => `${SEV.en[s]} severity`,
    recs: 'Recommendations',
    recsCaption: 'Each policy with the resources it evaluated: unhealthy resources have at least one open finding.',
    recCol: 'Recommendation',
    sevCol: 'Severity',
    unhealthyCol: 'Unhealthy',
    healthyCol: 'Healthy',
    barCol: 'Resources',
    bar: (u: number, e: number) => `${u} of ${e} resources unhealthy`,
    notEvaluated: 'no resources evaluated',
    showFindings: (title: string) => `Show findings of ${title}`,
    byNs: 'By namespace',
    byFile: 'By file',
    nsCol: 'Namespace',
    fileCol: 'File',
    resCol: 'Resources with findings',
    openCol: 'Open findings',
    allRows: (n: number, what: string) => `All ${n} ${what}`,
    namespaces: 'namespaces',
    files: 'files',
    findings: 'Findings',
    groupBy: 'Group by',
    byPolicy: 'Recommendation',
    byResource: 'Resource',
    filters: 'Filter findings',
    search: 'Search',
    searchHint: 'name, message, field, file',
    all: 'All',
    severity: 'Severity',
    namespace: 'Namespace',
    policy: 'Policy',
    status: 'Status',
    baselineState: 'Baseline',
    baselineNames: { new: 'New', unchanged: 'Unchanged' },
    statusNames: { open: 'Open', excepted: 'Excepted', suppressed: 'Suppressed' } as Record<Finding['status'], string>,
    clusterScoped: '(cluster-scoped)',
    noFile: '(no file)',
    reset: 'Reset filters',
    count: 'Showing {n} of {total} findings',
    noMatch: 'No findings match these filters.',
    none: 'No findings. Every evaluated resource is healthy.',
    noScript: 'The findings need JavaScript; the overview above is complete without it.',
    findingsN: '{n} findings',
    findingOne: '1 finding',
    newN: '{n} new',
    more: 'Show {n} more ({left} left)',
    isNew: 'New',
    resource: 'Resource',
    container: 'Container',
    field: 'Field',
    location: 'Location',
    fix: 'Fix (safe to apply)',
    fixCmd: 'mamori fix --write applies it.',
    suggestion: 'Suggestion (could break the workload)',
    suggestionCmd: 'Apply it with mamori fix --write --apply-suggestion {id}, after checking the workload still runs.',
    remediation: 'Remediation',
    exceptedBy: 'Excepted: {reason}',
    suppressedBy: 'Suppressed: {reason}',
    owner: 'owner',
    expires: 'expires',
    reason: 'Reason',
    notices: 'Notices',
    unused: 'Unused exceptions (matched nothing)',
    fixedHead: (file: string, n: number) => `Fixed since ${file} (${n})`,
    file: 'File',
    line: 'Line',
    message: 'Message',
  },
  ja: {
    title: 'mamori 検査レポート',
    generated: '作成日時',
    made: (version: string) => `mamori ${version} で作成`,
    profile: 'プロファイル',
    scanned: '検査対象',
    counted: (files: number, objects: number, skipped: number) => `ファイル ${files} 件、オブジェクト ${objects} 件、スキップ ${skipped} 件`,
    baseline: 'ベースライン',
    baselineText: (n: number, u: number, f: number) => `新規 ${n} 件、継続 ${u} 件、解消 ${f} 件`,
    exceptions: '適用中の例外',
    exceptionsText: (n: number, findings: number) => `${n} 件（該当する検出事項 ${findings} 件）`,
    noExceptions: 'なし',
    summary: '概要',
    resources: '検査したリソース',
    open: '未対応の検出事項',
    newCard: 'ベースライン以降の新規',
    fixedCard: 'ベースライン以降に解消',
    excepted: '例外',
    suppressed: '抑制',
    errors: '入力エラー',
    errorsNote: 'これらの入力を直すまで、結果は不完全です。',
    sevCard: (s: Severity) => `重大度: ${SEV.ja[s]}`,
    recs: '推奨事項',
    recsCaption: 'ポリシーごとの評価対象リソース。異常なリソースは未対応の検出事項が 1 件以上あるリソースです。',
    recCol: '推奨事項',
    sevCol: '重大度',
    unhealthyCol: '異常',
    healthyCol: '正常',
    barCol: 'リソース',
    bar: (u: number, e: number) => `${e} 件中 ${u} 件のリソースが異常`,
    notEvaluated: '評価対象のリソースなし',
    showFindings: (title: string) => `「${title}」の検出事項を表示`,
    byNs: '名前空間別',
    byFile: 'ファイル別',
    nsCol: '名前空間',
    fileCol: 'ファイル',
    resCol: '検出事項のあるリソース',
    openCol: '未対応の検出事項',
    allRows: (n: number, what: string) => `${what}をすべて表示（${n} 件）`,
    namespaces: '名前空間',
    files: 'ファイル',
    findings: '検出事項',
    groupBy: 'まとめ方',
    byPolicy: '推奨事項ごと',
    byResource: 'リソースごと',
    filters: '検出事項の絞り込み',
    search: '検索',
    searchHint: '名前、メッセージ、フィールド、ファイル',
    all: 'すべて',
    severity: '重大度',
    namespace: '名前空間',
    policy: 'ポリシー',
    status: '状態',
    baselineState: 'ベースライン',
    baselineNames: { new: '新規', unchanged: '継続' },
    statusNames: { open: '未対応', excepted: '例外', suppressed: '抑制' } as Record<Finding['status'], string>,
    clusterScoped: '（クラスター スコープ）',
    noFile: '（ファイルなし）',
    reset: '絞り込みを解除',
    count: '{total} 件中 {n} 件を表示',
    noMatch: 'この条件に一致する検出事項はありません。',
    none: '検出事項はありません。評価したリソースはすべて正常です。',
    noScript: '検出事項の表示には JavaScript が必要です。上の概要は JavaScript なしでも完全です。',
    findingsN: '検出事項 {n} 件',
    findingOne: '検出事項 1 件',
    newN: '新規 {n} 件',
    more: 'さらに {n} 件を表示（残り {left} 件）',
    isNew: '新規',
    resource: 'リソース',
    container: 'コンテナー',
    field: 'フィールド',
    location: '場所',
    fix: '修正（安全に適用できます）',
    fixCmd: 'mamori fix --write で適用できます。',
    suggestion: '提案（ワークロードを壊すおそれがあります）',
    suggestionCmd: 'ワークロードが動作することを確認のうえ、mamori fix --write --apply-suggestion {id} で適用できます。',
    remediation: '対処方法',
    exceptedBy: '例外: {reason}',
    suppressedBy: '抑制: {reason}',
    owner: '担当',
    expires: '期限',
    reason: '理由',
    notices: 'お知らせ',
    unused: '使われなかった例外（一致なし）',
    fixedHead: (file: string, n: number) => `${file} から解消された検出事項（${n} 件）`,
    file: 'ファイル',
    line: '行',
    message: 'メッセージ',
  },
};
type Words = typeof T.en;

/** Escapes text for HTML content and double-quoted attributes. */
export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

const NO_NS = '-';
const TOP_ROWS = 10;

function resourceName(f: Finding): string {
  const r = f.resource;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

/** "2026-11-30T17:46:06.123Z" as "2026-11-30 17:46 UTC": the same text wherever the page is opened. */
function when(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

/** Exceptions that matched findings, from the excepted findings themselves, with how many each matched. */
function exceptionsInForce(report: Report): { policy: string; reason: string; owner: string; expires: string; findings: number }[] {
  const seen = new Map<string, { policy: string; reason: string; owner: string; expires: string; findings: number }>();
  for (const f of report.findings) {
    if (f.status !== 'excepted') continue;
    const e = { policy: f.policyId, reason: f.statusReason ?? '', owner: f.exception?.owner ?? '', expires: f.exception?.expires ?? '' };
    const k = JSON.stringify(e);
    const entry = seen.get(k);
    if (entry) entry.findings++;
    else seen.set(k, { ...e, findings: 1 });
  }
  return [...seen.values()];
}

function header(report: Report, t: Words): string {
  const rows: string[] = [];
  const row = (k: string, v: string): void => { rows.push(`<dt>${esc(k)}</dt><dd>${v}</dd>`); };
  if (report.generatedAt) row(t.generated, `<time datetime="${esc(report.generatedAt)}">${esc(when(report.generatedAt))}</time> ${esc(t.made(report.tool.version))}`);
  else row(t.generated, esc(t.made(report.tool.version)));
  row(t.profile, `<code>${esc(report.profile)}</code>`);
  if (report.scanned) {
    const s = report.scanned;
    row(t.scanned, `${s.paths.map((p) => `<code>${esc(p)}</code>`).join(', ')} <span data-scope="counts">(${esc(t.counted(s.files, s.objects, s.skipped))})</span>`);
  }
  if (report.baseline) {
    const b = report.baseline;
    row(t.baseline, `<code>${esc(b.file)}</code>: ${esc(t.baselineText(b.new, b.unchanged, b.fixed.length))}`);
  }
  const ex = exceptionsInForce(report);
  if (ex.length === 0) {
    row(t.exceptions, esc(t.noExceptions));
  } else {
    const list = ex.map((e) => `<tr><td><code>${esc(e.policy)}</code></td><td>${esc(e.reason)}</td><td>${esc(e.owner)}</td><td>${esc(e.expires)}</td><td class="num">${e.findings}</td></tr>`).join('');
    row(t.exceptions, `<details class="more" id="exceptions"><summary>${esc(t.exceptionsText(ex.length, ex.reduce((n, e) => n + e.findings, 0)))}</summary><div class="table-wrap"><table><thead><tr><th scope="col">${esc(t.policy)}</th><th scope="col">${esc(t.reason)}</th><th scope="col">${esc(t.owner)}</th><th scope="col">${esc(t.expires)}</th><th scope="col">${esc(t.findings)}</th></tr></thead><tbody>${list}</tbody></table></div></details>`);
  }
  return `<header><h1>${esc(t.title)}</h1><dl class="scope">${rows.join('')}</dl></header>`;
}

function summary(report: Report, t: Words): string {
  const s = report.summary;
  const card = (cls: string, n: number, label: string, key: string) => `<li class="card ${cls}" data-count="${key}"><span class="n">${n}</span><span class="l">${esc(label)}</span></li>`;
  return `<section aria-labelledby="summary-h"><h2 id="summary-h">${esc(t.summary)}</h2><ul class="cards">`
    + card('', s.resources, t.resources, 'resources')
    + card('', s.findings, t.open, 'open')
    + SEVERITIES.map((sev) => card(sev, s.bySeverity[sev], t.sevCard(sev), sev)).join('')
    + (report.baseline ? card('', report.baseline.new, t.newCard, 'new') + card('', report.baseline.fixed.length, t.fixedCard, 'fixed') : '')
    + card('', s.excepted, t.excepted, 'excepted')
    + card('', s.suppressed, t.suppressed, 'suppressed')
    + (report.errors.length ? card('high', report.errors.length, t.errors, 'errors') : '')
    + `</ul>${report.errors.length ? `<p class="hint"><a href="#errors">${esc(t.errorsNote)}</a></p>` : ''}</section>`;
}

function sortedPolicies(report: Report): PolicyTally[] {
  return [...report.policies].sort((a, b) => severityRank[b.severity] - severityRank[a.severity] || b.unhealthy - a.unhealthy || a.policyId.localeCompare(b.policyId));
}

function recommendations(report: Report, t: Words): string {
  if (report.policies.length === 0) return '';
  const withFindings = new Set(report.findings.map((f) => f.policyId));
  const rows = sortedPolicies(report).map((p) => {
    const healthy = Math.max(0, p.evaluated - p.unhealthy);
    const pct = p.evaluated > 0 ? (p.unhealthy / p.evaluated) * 100 : 0;
    const label = p.evaluated > 0 ? t.bar(p.unhealthy, p.evaluated) : t.notEvaluated;
    const bar = `<div class="bar${p.evaluated === 0 ? ' empty' : ''}" role="img" aria-label="${esc(label)}"><span class="bad" style="width:${pct.toFixed(2)}%"></span></div>`;
    const title = withFindings.has(p.policyId)
      ? `<button type="button" class="link" data-show="p" data-value="${esc(p.policyId)}" aria-label="${esc(t.showFindings(p.title))}">${esc(p.title)}</button>`
      : esc(p.title);
    return `<tr data-policy="${esc(p.policyId)}"><th scope="row">${title}<span class="pid">${esc(p.policyId)}</span></th>`
      + `<td><span class="sev sev-${p.severity}">${esc(SEV[report.lang][p.severity])}</span></td>`
      + `<td class="num unhealthy" data-label="${esc(t.unhealthyCol)}">${p.unhealthy}</td>`
      + `<td class="num healthy" data-label="${esc(t.healthyCol)}">${healthy}</td>`
      + `<td class="barcell">${bar}</td></tr>`;
  }).join('\n');
  return `<section aria-labelledby="recs-h"><h2 id="recs-h">${esc(t.recs)}</h2><div class="table-wrap"><table class="recs"><caption>${esc(t.recsCaption)}</caption>`
    + `<thead><tr><th scope="col">${esc(t.recCol)}</th><th scope="col">${esc(t.sevCol)}</th><th scope="col">${esc(t.unhealthyCol)}</th><th scope="col">${esc(t.healthyCol)}</th><th scope="col">${esc(t.barCol)}</th></tr></thead>`
    + `<tbody>\n${rows}\n</tbody></table></div></section>`;
}

interface Tally { key: string; resources: Set<string>; open: number; sev: Record<Severity, number> }

/** Open findings per namespace or per file, most first. */
function tallies(findings: readonly Finding[], keyOf: (f: Finding) => string): Tally[] {
  const m = new Map<string, Tally>();
  for (const f of findings) {
    const key = keyOf(f);
    let e = m.get(key);
    if (!e) m.set(key, (e = { key, resources: new Set(), open: 0, sev: { high: 0, medium: 0, low: 0 } }));
    e.resources.add(`${f.location?.file ?? ''}\u0000${resourceName(f)}`);
    if (f.status === 'open') { e.open++; e.sev[f.severity]++; }
  }
  return [...m.values()].sort((a, b) => b.open - a.open || b.resources.size - a.resources.size || (a.key < b.key ? -1 : 1));
}

function tallyTable(kind: 'ns' | 'file', rows: Tally[], t: Words, lang: Lang): string {
  const label = (k: string): string => (kind === 'ns' ? (k === NO_NS ? t.clusterScoped : k) : (k || t.noFile));
  const body = (list: Tally[]): string => list.map((r) => `<tr data-${kind}="${esc(r.key)}"><th scope="row"><button type="button" class="link" data-show="${kind}" data-value="${esc(r.key)}">${esc(label(r.key))}</button></th>`
    + `<td class="num">${r.resources.size}</td><td class="num open">${r.open}</td>${SEVERITIES.map((s) => `<td class="num">${r.sev[s]}</td>`).join('')}</tr>`).join('');
  const head = `<thead><tr><th scope="col">${esc(kind === 'ns' ? t.nsCol : t.fileCol)}</th><th scope="col">${esc(t.resCol)}</th><th scope="col">${esc(t.openCol)}</th>${SEVERITIES.map((s) => `<th scope="col">${esc(SEV[lang][s])}</th>`).join('')}</tr></thead>`;
  const table = (list: Tally[]): string => `<div class="table-wrap"><table class="tally-${kind}">${head}<tbody>${body(list)}</tbody></table></div>`;
  if (rows.length <= TOP_ROWS) return table(rows);
  // the top rows on the first screen; every row one click away, so the page stays short at any size
  return `${table(rows.slice(0, TOP_ROWS))}<details class="more"><summary>${esc(t.allRows(rows.length, kind === 'ns' ? t.namespaces : t.files))}</summary>${table(rows)}</details>`;
}

function breakdown(report: Report, t: Words): string {
  if (report.findings.length === 0) return '';
  const byNs = `<section aria-labelledby="ns-h"><h2 id="ns-h">${esc(t.byNs)}</h2>${tallyTable('ns', tallies(report.findings, (f) => f.resource.namespace ?? NO_NS), t, report.lang)}</section>`;
  // an audit of a live cluster has no files
  if (!report.findings.some((f) => f.location)) return byNs;
  return `${byNs}<section aria-labelledby="file-h"><h2 id="file-h">${esc(t.byFile)}</h2>${tallyTable('file', tallies(report.findings, (f) => f.location?.file ?? ''), t, report.lang)}</section>`;
}

function select(id: string, label: string, all: string, options: [string, string][]): string {
  const opts = options.map(([v, l]) => `<option value="${esc(v)}">${esc(l)}</option>`).join('');
  return `<div><label for="${id}">${esc(label)}</label><select id="${id}"><option value="">${esc(all)}</option>${opts}</select></div>`;
}

/** The order of a finding's fields in the page data (src/formatters/html-client.ts reads them in this order). */
const FIELDS = ['p', 's', 'st', 'ns', 'k', 'n', 'c', 'path', 'm', 'file', 'line', 'b', 'r', 'x', 'gt', 'gc', 'why', 'own', 'exp'] as const;

/**
 * What the script needs, as compact JSON: each policy's title and remediation once, then each finding as a row of
 * indexes into one table of strings (names, paths and messages repeat across an estate: 10,000 findings shrink
 * from about 4.8 MB to under 1 MB, which the browser parses in a fraction of the time).
 */
function pageData(report: Report, t: Words): string {
  const pol: Record<string, { t: string; s: Severity; r: string }> = {};
  for (const p of report.policies) pol[p.policyId] = { t: p.title, s: p.severity, r: '' };
  for (const f of report.findings) {
    const p = pol[f.policyId] ?? (pol[f.policyId] = { t: f.policyId, s: f.severity, r: '' });
    if (!p.r) p.r = f.remediation;
  }
  const strings: string[] = [''];
  const index = new Map<string, number>([['', 0]]);
  const ref = (v: string | number | null | undefined): number => {
    if (v === undefined || v === null) return 0;
    const str = String(v);
    let i = index.get(str);
    if (i === undefined) { i = strings.length; strings.push(str); index.set(str, i); }
    return i;
  };
  // the same ops recur across an estate; their YAML is made once
  const snippetsMade = new Map<string, string>();
  const snippet = (ops: Parameters<typeof snippetText>[0]): string => {
    const k = JSON.stringify(ops);
    let text = snippetsMade.get(k);
    if (text === undefined) snippetsMade.set(k, (text = snippetText(ops)));
    return text;
  };
  const rows = report.findings.map((f) => {
    const v: Record<(typeof FIELDS)[number], string | number | null | undefined> = {
      p: f.policyId, s: f.severity, st: f.status, ns: f.resource.namespace ?? NO_NS, k: f.resource.kind, n: f.resource.name,
      c: f.container, path: f.path, m: f.message, file: f.location?.file, line: f.location?.line, b: f.baseline,
      r: f.remediation !== pol[f.policyId]!.r ? f.remediation : undefined,
      x: f.fix?.length ? snippet(f.fix) : undefined,
      gt: f.suggestion?.text, gc: f.suggestion?.ops.length ? snippet(f.suggestion.ops) : undefined,
      why: f.statusReason, own: f.exception?.owner, exp: f.exception?.expires,
    };
    return FIELDS.map((k) => ref(v[k]));
  });
  const words = {
    sev: SEV[report.lang], status: t.statusNames, count: t.count, findingsN: t.findingsN, findingOne: t.findingOne, newN: t.newN, more: t.more, isNew: t.isNew,
    resource: t.resource, container: t.container, field: t.field, location: t.location, fix: t.fix, fixCmd: t.fixCmd,
    suggestion: t.suggestion, suggestionCmd: t.suggestionCmd, remediation: t.remediation, exceptedBy: t.exceptedBy,
    suppressedBy: t.suppressedBy, owner: t.owner, expires: t.expires,
  };
  // "<" never appears raw, so no value can close the script element
  return JSON.stringify({ t: words, pol, fields: FIELDS, strings, f: rows }).replace(/</g, '\\u003c');
}

function findingsSection(report: Report, t: Words): string {
  const findings = report.findings;
  const head = `<section aria-labelledby="findings-h"><h2 id="findings-h" tabindex="-1">${esc(t.findings)}</h2>`;
  if (findings.length === 0) return `${head}<p class="empty-note">${esc(t.none)}</p></section>`;
  const titles = new Map(report.policies.map((p) => [p.policyId, p.title]));
  const sevs = SEVERITIES.filter((s) => findings.some((f) => f.severity === s)).map((s): [string, string] => [s, SEV[report.lang][s]]);
  const nss = [...new Set(findings.map((f) => f.resource.namespace ?? NO_NS))].sort().map((n): [string, string] => [n, n === NO_NS ? t.clusterScoped : n]);
  const pols = [...new Set(findings.map((f) => f.policyId))].sort().map((p): [string, string] => [p, `${titles.get(p) ?? p} (${p})`]);
  const files = [...new Set(findings.flatMap((f) => (f.location ? [f.location.file] : [])))].sort().map((f): [string, string] => [f, f]);
  const statuses = (['open', 'excepted', 'suppressed'] as const).filter((s) => findings.some((f) => f.status === s)).map((s): [string, string] => [s, t.statusNames[s]]);
  const filters = `<form class="filters" aria-label="${esc(t.filters)}">`
    + `<div><label for="f-group">${esc(t.groupBy)}</label><select id="f-group"><option value="policy">${esc(t.byPolicy)}</option><option value="resource">${esc(t.byResource)}</option></select></div>`
    + `<div><label for="f-q">${esc(t.search)}</label><input type="search" id="f-q" placeholder="${esc(t.searchHint)}" autocomplete="off"></div>`
    + select('f-sev', t.severity, t.all, sevs)
    + select('f-ns', t.namespace, t.all, nss)
    + select('f-pol', t.policy, t.all, pols)
    + (files.length ? select('f-file', t.file, t.all, files) : '')
    + select('f-status', t.status, t.all, statuses)
    + (report.baseline ? select('f-base', t.baselineState, t.all, [['new', t.baselineNames.new], ['unchanged', t.baselineNames.unchanged]]) : '')
    + `<button type="button" class="reset" id="f-reset">${esc(t.reset)}</button></form>`;
  const count = `<p id="f-count" role="status" aria-live="polite">${esc(t.count.replace('{n}', String(findings.length)).replace('{total}', String(findings.length)))}</p>`;
  return `${head}${filters}${count}<p id="f-none" class="empty-note" hidden>${esc(t.noMatch)}</p>`
    + `<noscript><p class="empty-note">${esc(t.noScript)}</p></noscript><div id="groups"></div>`
    + `<script type="application/json" id="report-data">${pageData(report, t)}</script></section>`;
}

function fixedSection(report: Report, t: Words): string {
  const b = report.baseline;
  if (!b || b.fixed.length === 0) return '';
  const items = b.fixed.map((f) => `<li><span class="sev sev-${esc(f.severity)}">${esc(SEV[report.lang][f.severity] ?? f.severity)}</span> ${esc(resourceName(f))} <code>${esc(f.policyId)}</code>${f.container ? ` (${esc(f.container)})` : ''}${f.location ? ` <code>${esc(`${f.location.file}:${f.location.line}`)}</code>` : ''}</li>`).join('');
  return `<section aria-labelledby="fixed-h"><details class="block" id="fixed"><summary><h2 id="fixed-h" style="display:inline">${esc(t.fixedHead(b.file, b.fixed.length))}</h2></summary><ul class="fixed-list">${items}</ul></details></section>`;
}

function endSections(report: Report, t: Words): string {
  const out: string[] = [];
  if (report.notices.length) {
    out.push(`<section aria-labelledby="notices-h"><h2 id="notices-h">${esc(t.notices)}</h2><ul>${report.notices.map((n) => `<li>${n.policyId ? `<code>${esc(n.policyId)}</code>: ` : ''}${esc(n.message)}</li>`).join('')}</ul></section>`);
  }
  if (report.unusedExceptions.length) {
    out.push(`<section aria-labelledby="unused-h"><h2 id="unused-h">${esc(t.unused)}</h2><ul>${report.unusedExceptions.map((u) => `<li><code>${esc(u.policy)}</code> ${esc(u.resource)}: ${esc(u.reason)}</li>`).join('')}</ul></section>`);
  }
  if (report.errors.length) {
    const rows = report.errors.map((e) => `<tr><td><code>${esc(e.file)}</code></td><td class="num">${e.line ?? ''}</td><td>${esc(e.message)}</td></tr>`).join('');
    out.push(`<section aria-labelledby="errors-h"><details class="block" id="errors"><summary><h2 id="errors-h" style="display:inline">${esc(t.errors)} (${report.errors.length})</h2></summary>`
      + `<p class="hint">${esc(t.errorsNote)}</p><div class="table-wrap"><table class="err"><thead><tr><th scope="col">${esc(t.file)}</th><th scope="col">${esc(t.line)}</th><th scope="col">${esc(t.message)}</th></tr></thead><tbody>${rows}</tbody></table></div></details></section>`);
  }
  return out.join('\n');
}

/** One HTML file with inline CSS, script and data, no network access (the CSP forbids it), every value escaped. */
export function renderHtml(report: Report, opts: HtmlOptions): string {
  const t = T[opts.lang];
  const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return `<!DOCTYPE html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="mamori ${esc(report.tool.version)}">
<title>${esc(t.title)}</title>
<style>${CSS}</style>
</head>
<body>
${header(report, t)}
<main>
${summary(report, t)}
${recommendations(report, t)}
${breakdown(report, t)}
${findingsSection(report, t)}
${fixedSection(report, t)}
${endSections(report, t)}
</main>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}
