// The inspection report as one self-contained HTML page: a recommendations summary, filters, and each finding with the YAML that fixes it.
import type { Finding, Lang, PolicyTally, Report, Severity } from '../model/types.js';
import { SEVERITIES, severityRank } from '../model/types.js';
import { snippetText } from '../fix/snippet.js';

export interface HtmlOptions { lang: Lang }

const T = {
  en: {
    title: 'mamori inspection report',
    meta: (profile: string, version: string) => `Profile ${profile} · mamori ${version}`,
    summary: 'Summary',
    resources: 'Resources scanned',
    open: 'Open findings',
    excepted: 'Excepted',
    suppressed: 'Suppressed',
    errors: 'Input errors',
    sev: { high: 'High', medium: 'Medium', low: 'Low' } as Record<Severity, string>,
    sevCard: (s: Severity) => `${{ high: 'High', medium: 'Medium', low: 'Low' }[s]} severity`,
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
    findings: 'Findings',
    filters: 'Filter findings',
    all: 'All',
    severity: 'Severity',
    namespace: 'Namespace',
    policy: 'Policy',
    status: 'Status',
    statusNames: { open: 'Open', excepted: 'Excepted', suppressed: 'Suppressed' } as Record<Finding['status'], string>,
    clusterScoped: '(cluster-scoped)',
    reset: 'Reset filters',
    count: 'Showing {n} of {total} findings',
    noMatch: 'No findings match these filters.',
    none: 'No findings. Every evaluated resource is healthy.',
    resource: 'Resource',
    container: 'Container',
    field: 'Field',
    location: 'Location',
    fix: 'Fix (safe to apply)',
    fixCmd: 'mamori fix --write applies it.',
    suggestion: 'Suggestion (could break the workload)',
    suggestionCmd: (id: string) => `Apply it with mamori fix --write --apply-suggestion ${id}, after checking the workload still runs.`,
    remediation: 'Remediation',
    exceptedBy: (reason: string) => `Excepted: ${reason}`,
    suppressedBy: (reason: string) => `Suppressed: ${reason}`,
    owner: 'owner',
    expires: 'expires',
    notices: 'Notices',
    unused: 'Unused exceptions (matched nothing)',
    file: 'File',
    line: 'Line',
    message: 'Message',
  },
  ja: {
    title: 'mamori 検査レポート',
    meta: (profile: string, version: string) => `プロファイル ${profile} · mamori ${version}`,
    summary: '概要',
    resources: '検査したリソース',
    open: '未対応の検出事項',
    excepted: '例外',
    suppressed: '抑制',
    errors: '入力エラー',
    sev: { high: '高', medium: '中', low: '低' } as Record<Severity, string>,
    sevCard: (s: Severity) => `重大度: ${{ high: '高', medium: '中', low: '低' }[s]}`,
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
    findings: '検出事項',
    filters: '検出事項の絞り込み',
    all: 'すべて',
    severity: '重大度',
    namespace: '名前空間',
    policy: 'ポリシー',
    status: '状態',
    statusNames: { open: '未対応', excepted: '例外', suppressed: '抑制' } as Record<Finding['status'], string>,
    clusterScoped: '（クラスター スコープ）',
    reset: '絞り込みを解除',
    count: '{total} 件中 {n} 件を表示',
    noMatch: 'この条件に一致する検出事項はありません。',
    none: '検出事項はありません。評価したリソースはすべて正常です。',
    resource: 'リソース',
    container: 'コンテナー',
    field: 'フィールド',
    location: '場所',
    fix: '修正（安全に適用できます）',
    fixCmd: 'mamori fix --write で適用できます。',
    suggestion: '提案（ワークロードを壊すおそれがあります）',
    suggestionCmd: (id: string) => `ワークロードが動作することを確認のうえ、mamori fix --write --apply-suggestion ${id} で適用できます。`,
    remediation: '対処方法',
    exceptedBy: (reason: string) => `例外: ${reason}`,
    suppressedBy: (reason: string) => `抑制: ${reason}`,
    owner: '担当',
    expires: '期限',
    notices: 'お知らせ',
    unused: '使われなかった例外（一致なし）',
    file: 'ファイル',
    line: '行',
    message: 'メッセージ',
  },
};

/** Escapes text for HTML content and double-quoted attributes. */
export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

const NO_NS = '-';

const CSS = `
:root{--fg:#1b1b1b;--muted:#505050;--bg:#fff;--panel:#f5f5f5;--line:#c8c8c8;--high:#a4262c;--medium:#8a4600;--low:#0b5cad;--ok:#0e700e;--bad:#a4262c;--focus:#0b5cad}
*{box-sizing:border-box}
body{margin:0;overflow-wrap:anywhere;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP","Yu Gothic UI",sans-serif;color:var(--fg);background:var(--bg)}
header,main{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.25rem;border-bottom:1px solid var(--line)}
h1{font-size:1.6rem;margin:0 0 .25rem}
h2{font-size:1.3rem;margin:1.75rem 0 .75rem}
h3{font-size:1.05rem;margin:0 0 .5rem}
h4{font-size:.95rem;margin:.75rem 0 .25rem}
.meta{color:var(--muted);margin:0 0 1rem}
code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.875rem}
pre{background:var(--panel);border:1px solid var(--line);border-radius:4px;padding:.6rem .75rem;overflow-x:auto;margin:.25rem 0;white-space:pre}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem;list-style:none;padding:0;margin:0}
.card{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;background:var(--panel)}
.card .n{display:block;font-size:1.6rem;font-weight:700;line-height:1.2}
.card .l{color:var(--muted);font-size:.9rem}
.card.high{border-left:6px solid var(--high)}.card.medium{border-left:6px solid var(--medium)}.card.low{border-left:6px solid var(--low)}
.sev{display:inline-block;min-width:4.2em;text-align:center;padding:0 .45em;border-radius:3px;color:#fff;font-size:.8rem;font-weight:600;line-height:1.6;white-space:nowrap}
.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
caption{text-align:left;color:var(--muted);padding-bottom:.5rem;font-size:.9rem}
th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{font-size:.85rem;color:var(--muted);border-bottom:2px solid var(--line)}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;overflow-wrap:normal}
.pid{display:block;color:var(--muted);font-size:.8rem;font-family:ui-monospace,Menlo,Consolas,monospace}
button.link{all:unset;cursor:pointer;color:var(--low);text-decoration:underline;font-weight:600}
button.link:hover{text-decoration-thickness:2px}
.bar{display:flex;height:.9rem;min-width:7rem;border-radius:3px;overflow:hidden;background:var(--ok);print-color-adjust:exact;-webkit-print-color-adjust:exact}
.bar.empty{background:var(--line)}
.bar .bad{background:var(--bad);height:100%}
.filters{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:flex-end;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.75rem;margin:0 0 .75rem}
.filters div{display:flex;flex-direction:column;gap:.2rem;min-width:10rem;flex:1 1 10rem}
.filters label{font-size:.85rem;font-weight:600}
select,button.reset{font:inherit;padding:.35rem .5rem;border:1px solid #767676;border-radius:4px;background:#fff;color:var(--fg);min-height:2.5rem}
button.reset{cursor:pointer;flex:0 0 auto}
:focus-visible,button.link:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
#f-count{font-weight:600;margin:.5rem 0}
ol.findings{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:.75rem}
.finding{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;padding:.75rem .9rem;break-inside:avoid}
.finding.s-high{border-left-color:var(--high)}.finding.s-medium{border-left-color:var(--medium)}.finding.s-low{border-left-color:var(--low)}
.finding.st-excepted,.finding.st-suppressed{background:#fafafa}
.finding dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:.25rem 0 .5rem}
.finding dt{color:var(--muted);font-size:.9rem}
.finding dd{margin:0;overflow-wrap:anywhere}
.msg{margin:.25rem 0}
.badge{display:inline-block;border:1px solid currentColor;border-radius:3px;padding:0 .4em;font-size:.8rem;font-weight:600;margin-left:.35rem}
.badge.excepted{color:#5c2d91}.badge.suppressed{color:#505050}
.status-note{color:var(--muted);margin:.25rem 0}
.hint{color:var(--muted);font-size:.9rem;margin:.25rem 0}
.err td{overflow-wrap:anywhere}
.empty-note{padding:1rem;border:1px dashed var(--line);border-radius:6px}
[hidden]{display:none!important}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
@media (max-width:40rem){
 body{font-size:15px}
 .recs thead{display:none}
 .recs tr{display:grid;grid-template-columns:auto 1fr auto;gap:.25rem .5rem;padding:.5rem 0;border-bottom:1px solid var(--line)}
 .recs th,.recs td{border:0;padding:0}
 .recs th[scope=row]{grid-column:1/-1}
 .recs td.barcell{grid-column:1/-1}
 .recs td.num::before{content:attr(data-label) " ";color:var(--muted);font-size:.85rem}
 .finding dl{grid-template-columns:1fr}
 .finding dt{margin-top:.25rem}
}
@media print{
 .filters,button.reset{display:none}
 button.link{all:unset;font-weight:600}
 body{font-size:11pt}
 header,main{max-width:none}
 pre{white-space:pre-wrap}
 a{color:inherit}
}
`;

// Reads filters from the selects and shows the findings that match every one; no data lives in the script.
const JS = `
(function(){
  var ids=['f-sev','f-ns','f-pol','f-status'], keys=['severity','namespace','policy','status'];
  var sels=ids.map(function(id){return document.getElementById(id)});
  var items=Array.prototype.slice.call(document.querySelectorAll('li.finding'));
  var count=document.getElementById('f-count'), none=document.getElementById('f-none');
  function apply(){
    var n=0;
    items.forEach(function(li){
      var ok=sels.every(function(s,i){return !s||!s.value||li.getAttribute('data-'+keys[i])===s.value});
      li.hidden=!ok; if(ok) n++;
    });
    if(count) count.textContent=count.getAttribute('data-template').replace('{n}',n).replace('{total}',items.length);
    if(none) none.hidden=n>0||items.length===0;
  }
  sels.forEach(function(s){ if(s) s.addEventListener('change',apply); });
  var reset=document.getElementById('f-reset');
  if(reset) reset.addEventListener('click',function(){ sels.forEach(function(s){ if(s) s.value=''; }); apply(); });
  Array.prototype.forEach.call(document.querySelectorAll('[data-show-policy]'),function(b){
    b.addEventListener('click',function(){
      sels.forEach(function(s){ if(s) s.value=''; });
      var p=document.getElementById('f-pol'); if(p) p.value=b.getAttribute('data-show-policy');
      apply();
      var h=document.getElementById('findings-h'); if(h){ h.scrollIntoView(); h.focus(); }
    });
  });
  apply();
})();
`;

function resourceName(f: Finding): string {
  const r = f.resource;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

function sortedPolicies(report: Report): PolicyTally[] {
  return [...report.policies].sort((a, b) => severityRank[b.severity] - severityRank[a.severity] || b.unhealthy - a.unhealthy || a.policyId.localeCompare(b.policyId));
}

function recommendations(report: Report, t: typeof T.en): string {
  if (report.policies.length === 0) return '';
  const rows = sortedPolicies(report).map((p) => {
    const healthy = Math.max(0, p.evaluated - p.unhealthy);
    const pct = p.evaluated > 0 ? (p.unhealthy / p.evaluated) * 100 : 0;
    const label = p.evaluated > 0 ? t.bar(p.unhealthy, p.evaluated) : t.notEvaluated;
    const bar = `<div class="bar${p.evaluated === 0 ? ' empty' : ''}" role="img" aria-label="${esc(label)}"><span class="bad" style="width:${pct.toFixed(2)}%"></span></div>`;
    const title = p.findings > 0 || p.unhealthy > 0
      ? `<button type="button" class="link" data-show-policy="${esc(p.policyId)}" aria-label="${esc(t.showFindings(p.title))}">${esc(p.title)}</button>`
      : esc(p.title);
    return `<tr data-policy="${esc(p.policyId)}"><th scope="row">${title}<span class="pid">${esc(p.policyId)}</span></th>`
      + `<td><span class="sev sev-${p.severity}">${esc(t.sev[p.severity])}</span></td>`
      + `<td class="num unhealthy" data-label="${esc(t.unhealthyCol)}">${p.unhealthy}</td>`
      + `<td class="num healthy" data-label="${esc(t.healthyCol)}">${healthy}</td>`
      + `<td class="barcell">${bar}</td></tr>`;
  }).join('\n');
  return `<section aria-labelledby="recs-h"><h2 id="recs-h">${esc(t.recs)}</h2><div class="table-wrap"><table class="recs"><caption>${esc(t.recsCaption)}</caption>`
    + `<thead><tr><th scope="col">${esc(t.recCol)}</th><th scope="col">${esc(t.sevCol)}</th><th scope="col">${esc(t.unhealthyCol)}</th><th scope="col">${esc(t.healthyCol)}</th><th scope="col">${esc(t.barCol)}</th></tr></thead>`
    + `<tbody>\n${rows}\n</tbody></table></div></section>`;
}

function select(id: string, label: string, all: string, options: [string, string][]): string {
  const opts = options.map(([v, l]) => `<option value="${esc(v)}">${esc(l)}</option>`).join('');
  return `<div><label for="${id}">${esc(label)}</label><select id="${id}"><option value="">${esc(all)}</option>${opts}</select></div>`;
}

function findingItem(f: Finding, titles: Map<string, string>, t: typeof T.en): string {
  const ns = f.resource.namespace ?? NO_NS;
  const title = titles.get(f.policyId) ?? f.policyId;
  const badge = f.status === 'open' ? '' : `<span class="badge ${f.status}">${esc(t.statusNames[f.status])}</span>`;
  const rows: string[] = [
    `<dt>${esc(t.resource)}</dt><dd>${esc(resourceName(f))}</dd>`,
  ];
  if (f.container) rows.push(`<dt>${esc(t.container)}</dt><dd>${esc(f.container)}</dd>`);
  rows.push(`<dt>${esc(t.field)}</dt><dd><code>${esc(f.path || '-')}</code></dd>`);
  if (f.location) rows.push(`<dt>${esc(t.location)}</dt><dd><code>${esc(`${f.location.file}:${f.location.line}`)}</code></dd>`);
  let status = '';
  if (f.status === 'excepted') {
    const extra = [f.exception?.owner ? `${t.owner}: ${f.exception.owner}` : '', f.exception?.expires ? `${t.expires}: ${f.exception.expires}` : ''].filter(Boolean).join(', ');
    status = `<p class="status-note">${esc(t.exceptedBy(f.statusReason ?? ''))}${extra ? ` (${esc(extra)})` : ''}</p>`;
  } else if (f.status === 'suppressed') {
    status = `<p class="status-note">${esc(t.suppressedBy(f.statusReason ?? ''))}</p>`;
  }
  let fix = '';
  if (f.fix?.length) {
    fix = `<h4>${esc(t.fix)}</h4><pre><code>${esc(snippetText(f.fix))}</code></pre><p class="hint">${esc(t.fixCmd)}</p>`;
  }
  let suggestion = '';
  if (f.suggestion) {
    const code = f.suggestion.ops.length ? `<pre><code>${esc(snippetText(f.suggestion.ops))}</code></pre>` : '';
    suggestion = `<h4>${esc(t.suggestion)}</h4><p class="msg">${esc(f.suggestion.text)}</p>${code}<p class="hint">${esc(t.suggestionCmd(f.policyId))}</p>`;
  }
  const remediation = !fix && !suggestion && f.remediation ? `<h4>${esc(t.remediation)}</h4><p class="msg">${esc(f.remediation)}</p>` : '';
  return `<li class="finding s-${f.severity} st-${f.status}" data-severity="${f.severity}" data-namespace="${esc(ns)}" data-policy="${esc(f.policyId)}" data-status="${f.status}">`
    + `<article><h3><span class="sev sev-${f.severity}">${esc(t.sev[f.severity])}</span> ${esc(title)}${badge}</h3>`
    + `<dl>${rows.join('')}</dl><p class="msg">${esc(f.message)}</p>${status}${fix}${suggestion}${remediation}</article></li>`;
}

function findingsSection(report: Report, t: typeof T.en): string {
  const titles = new Map(report.policies.map((p) => [p.policyId, p.title]));
  const findings = [...report.findings].sort((a, b) =>
    (a.status === 'open' ? 0 : 1) - (b.status === 'open' ? 0 : 1)
    || severityRank[b.severity] - severityRank[a.severity]
    || a.policyId.localeCompare(b.policyId)
    || resourceName(a).localeCompare(resourceName(b))
    || a.path.localeCompare(b.path));
  const head = `<section aria-labelledby="findings-h"><h2 id="findings-h" tabindex="-1">${esc(t.findings)}</h2>`;
  if (findings.length === 0) return `${head}<p class="empty-note">${esc(t.none)}</p></section>`;
  const sevs = SEVERITIES.filter((s) => findings.some((f) => f.severity === s)).map((s): [string, string] => [s, t.sev[s]]);
  const nss = [...new Set(findings.map((f) => f.resource.namespace ?? NO_NS))].sort().map((n): [string, string] => [n, n === NO_NS ? t.clusterScoped : n]);
  const pols = [...new Set(findings.map((f) => f.policyId))].sort().map((p): [string, string] => [p, `${titles.get(p) ?? p} (${p})`]);
  const statuses = (['open', 'excepted', 'suppressed'] as const).filter((s) => findings.some((f) => f.status === s)).map((s): [string, string] => [s, t.statusNames[s]]);
  const filters = `<form class="filters" aria-label="${esc(t.filters)}">`
    + select('f-sev', t.severity, t.all, sevs)
    + select('f-ns', t.namespace, t.all, nss)
    + select('f-pol', t.policy, t.all, pols)
    + select('f-status', t.status, t.all, statuses)
    + `<button type="button" class="reset" id="f-reset">${esc(t.reset)}</button></form>`;
  const count = `<p id="f-count" role="status" aria-live="polite" data-template="${esc(t.count)}">${esc(t.count.replace('{n}', String(findings.length)).replace('{total}', String(findings.length)))}</p>`;
  const list = `<ol class="findings">\n${findings.map((f) => findingItem(f, titles, t)).join('\n')}\n</ol>`;
  return `${head}${filters}${count}<p id="f-none" class="empty-note" hidden>${esc(t.noMatch)}</p>${list}</section>`;
}

function summary(report: Report, t: typeof T.en): string {
  const s = report.summary;
  const card = (cls: string, n: number, label: string, key: string) => `<li class="card ${cls}" data-count="${key}"><span class="n">${n}</span><span class="l">${esc(label)}</span></li>`;
  return `<section aria-labelledby="summary-h"><h2 id="summary-h">${esc(t.summary)}</h2><ul class="cards">`
    + card('', s.resources, t.resources, 'resources')
    + card('', s.findings, t.open, 'open')
    + SEVERITIES.map((sev) => card(sev, s.bySeverity[sev], t.sevCard(sev), sev)).join('')
    + card('', s.excepted, t.excepted, 'excepted')
    + card('', s.suppressed, t.suppressed, 'suppressed')
    + (report.errors.length ? card('high', report.errors.length, t.errors, 'errors') : '')
    + `</ul></section>`;
}

function errorsSection(report: Report, t: typeof T.en): string {
  const out: string[] = [];
  if (report.errors.length) {
    const rows = report.errors.map((e) => `<tr><td><code>${esc(e.file)}</code></td><td class="num">${e.line ?? ''}</td><td>${esc(e.message)}</td></tr>`).join('');
    out.push(`<section aria-labelledby="errors-h"><h2 id="errors-h">${esc(t.errors)}</h2><div class="table-wrap"><table class="err"><thead><tr><th scope="col">${esc(t.file)}</th><th scope="col">${esc(t.line)}</th><th scope="col">${esc(t.message)}</th></tr></thead><tbody>${rows}</tbody></table></div></section>`);
  }
  return out.join('\n');
}

function noticesSection(report: Report, t: typeof T.en): string {
  const out: string[] = [];
  if (report.notices.length) {
    out.push(`<section aria-labelledby="notices-h"><h2 id="notices-h">${esc(t.notices)}</h2><ul>${report.notices.map((n) => `<li>${n.policyId ? `<code>${esc(n.policyId)}</code>: ` : ''}${esc(n.message)}</li>`).join('')}</ul></section>`);
  }
  if (report.unusedExceptions.length) {
    out.push(`<section aria-labelledby="unused-h"><h2 id="unused-h">${esc(t.unused)}</h2><ul>${report.unusedExceptions.map((u) => `<li><code>${esc(u.policy)}</code> ${esc(u.resource)}: ${esc(u.reason)}</li>`).join('')}</ul></section>`);
  }
  return out.join('\n');
}

/** One HTML file with inline CSS and script, no network access (the CSP forbids it), every value escaped. */
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
<header><h1>${esc(t.title)}</h1><p class="meta">${esc(t.meta(report.profile, report.tool.version))}</p></header>
<main>
${summary(report, t)}
${errorsSection(report, t)}
${recommendations(report, t)}
${findingsSection(report, t)}
${noticesSection(report, t)}
</main>
<script>${JS}</script>
</body>
</html>
`;
}
