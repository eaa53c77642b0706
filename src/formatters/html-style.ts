// The HTML report's stylesheet: readable at phone width, keyboard focus visible, printable.
export const CSS = `
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
thead th{font-size:.85rem;color:var(--muted);border-bottom:2px solid var(--line);white-space:nowrap}
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
.scope{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem;margin:0 0 .75rem;font-size:.95rem}
.scope dt{color:var(--muted)}.scope dd{margin:0;overflow-wrap:anywhere}
details.more>summary,details.block>summary{cursor:pointer;font-weight:600;margin:.5rem 0}
details.block{border:1px solid var(--line);border-radius:6px;padding:0 .75rem;margin:.75rem 0}
.group{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;margin:.4rem 0;background:#fff}
.group.s-high{border-left-color:var(--high)}.group.s-medium{border-left-color:var(--medium)}.group.s-low{border-left-color:var(--low)}
.group>summary{cursor:pointer;padding:.45rem .7rem;display:flex;flex-wrap:wrap;gap:.25rem .6rem;align-items:baseline;list-style-position:outside}
.group>summary .gt{font-weight:600;flex:1 1 16rem;overflow-wrap:anywhere}
.group>summary .gc{color:var(--muted);font-variant-numeric:tabular-nums;white-space:nowrap}
.group .body{padding:0 .7rem .6rem}
.group .group{margin-left:0}
.finding{margin:.5rem 0}
.badge.new{color:#0e700e}
.toolbar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
button.more-btn{font:inherit;cursor:pointer;margin:.5rem 0;padding:.35rem .75rem;border:1px solid #767676;border-radius:4px;background:#fff}
input[type=search]{font:inherit;padding:.35rem .5rem;border:1px solid #767676;border-radius:4px;min-height:2.5rem;width:100%}
.fixed-list li{margin:.2rem 0}
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
 .filters,button.reset,button.more-btn{display:none}
 button.link{all:unset;font-weight:600}
 body{font-size:11pt}
 header,main{max-width:none}
 pre{white-space:pre-wrap}
 a{color:inherit}
}
`;
