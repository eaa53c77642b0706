// The HTML report's script: filters and search over every finding, groups built folded and filled when opened.
// Everything from the report reaches the page through textContent; nothing is parsed as HTML.
export const CLIENT_JS = String.raw`
(function(){
'use strict';
var D=JSON.parse(document.getElementById('report-data').textContent);
var T=D.t, P=D.pol, S=D.strings, K=D.fields, PAGE=100;
// rows of string indexes back into findings; 0 is "absent", line is a number
var F=D.f.map(function(row){
  var f={};
  for(var i=0;i<K.length;i++){if(row[i])f[K[i]]=S[row[i]];}
  if(f.line)f.line=Number(f.line);
  if(f.gt)f.g={t:f.gt,c:f.gc||''};
  return f;
});
var RANK={high:3,medium:2,low:1};
function $(id){return document.getElementById(id)}
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e}
function fmt(s,o){return s.replace(/\{(\w+)\}/g,function(m,k){return Object.prototype.hasOwnProperty.call(o,k)?String(o[k]):m})}
var sel={s:$('f-sev'),ns:$('f-ns'),p:$('f-pol'),st:$('f-status'),file:$('f-file'),b:$('f-base')};
var names=Object.keys(sel);
var q=$('f-q'), mode=$('f-group'), count=$('f-count'), none=$('f-none'), box=$('groups');
var hay=[];
function haystack(i){
  var h=hay[i];
  if(h===undefined){var f=F[i];h=hay[i]=[f.p,P[f.p].t,f.k,f.ns,f.n,f.c||'',f.path,f.m,f.file||''].join('\n').toLowerCase();}
  return h;
}
function matches(i,words){
  var f=F[i];
  for(var j=0;j<names.length;j++){var s=sel[names[j]];if(s&&s.value&&String(f[names[j]]==null?'':f[names[j]])!==s.value)return false;}
  for(var w=0;w<words.length;w++)if(haystack(i).indexOf(words[w])<0)return false;
  return true;
}
function groupsOf(list,key){
  var m=new Map();
  list.forEach(function(i){var k=key(F[i]);var l=m.get(k);if(l)l.push(i);else m.set(k,[i]);});
  return m;
}
function resKey(f){return (f.file||'')+'\u0000'+f.k+'\u0000'+f.ns+'\u0000'+f.n}
function resLabel(f){return f.k+' '+(f.ns!=='-'?f.ns+'/':'')+f.n}
function sevBadge(s){return el('span','sev sev-'+s,T.sev[s])}
function worst(list){var s='low';list.forEach(function(i){if(RANK[F[i].s]>RANK[s])s=F[i].s;});return s}
function counts(list){
  var n=0;list.forEach(function(i){if(F[i].b==='new')n++;});
  return el('span','gc',fmt(list.length===1?T.findingOne:T.findingsN,{n:list.length})+(n?' · '+fmt(T.newN,{n:n}):''));
}
/** Appends make(item) for a page of items, then a button for the next page. */
function paged(into,items,make,start){
  start=start||0;
  var end=Math.min(items.length,start+PAGE), frag=document.createDocumentFragment();
  for(var i=start;i<end;i++)frag.appendChild(make(items[i]));
  into.appendChild(frag);
  if(end<items.length){
    var b=el('button','more-btn',fmt(T.more,{n:Math.min(PAGE,items.length-end),left:items.length-end}));
    b.type='button';
    b.addEventListener('click',function(){b.remove();paged(into,items,make,end);});
    into.appendChild(b);
  }
}
/** A folded group: only its summary exists until it is opened. */
function folded(cls,sev,head,fill){
  var d=el('details','group s-'+sev+' '+cls), s=el('summary'), body=el('div','body');
  head(s);d.appendChild(s);d.appendChild(body);
  d.addEventListener('toggle',function(){if(d.open&&!body.firstChild)fill(body);});
  return d;
}
function policyGroup(id,list){
  var p=P[id];
  var d=folded('g-policy',p.s,function(s){
    s.appendChild(sevBadge(p.s));
    var t=el('span','gt',p.t);t.appendChild(el('span','pid',id));s.appendChild(t);s.appendChild(counts(list));
  },function(body){
    if(p.r){var r=el('p','msg');r.appendChild(el('strong',null,T.remediation+': '));r.appendChild(document.createTextNode(p.r));body.appendChild(r);}
    var m=groupsOf(list,resKey);
    paged(body,Array.from(m.keys()).sort(),function(k){return resourceGroup(m.get(k),false)});
  });
  d.setAttribute('data-policy',id);d.setAttribute('data-count',String(list.length));
  return d;
}
function resourceGroup(list,top){
  list.sort(function(a,b){return RANK[F[b].s]-RANK[F[a].s]||(F[a].line||0)-(F[b].line||0)});
  var f=F[list[0]], sev=worst(list);
  var d=folded('g-resource',sev,function(s){
    if(top)s.appendChild(sevBadge(sev));
    var t=el('span','gt',resLabel(f));if(f.file)t.appendChild(el('span','pid',f.file+(f.line?':'+f.line:'')));
    s.appendChild(t);s.appendChild(counts(list));
  },function(body){paged(body,list,function(i){return finding(F[i],top)});});
  d.setAttribute('data-resource',resLabel(f));d.setAttribute('data-count',String(list.length));
  return d;
}
function row(dl,k,v,code){dl.appendChild(el('dt',null,k));var dd=el('dd');dd.appendChild(code?el('code',null,v):document.createTextNode(v));dl.appendChild(dd);}
function pre(into,text){var p=el('pre');p.appendChild(el('code',null,text));into.appendChild(p);}
function finding(f,withRemediation){
  var a=el('article','finding s-'+f.s+' st-'+f.st), h=el('h3');
  a.setAttribute('data-policy',f.p);a.setAttribute('data-severity',f.s);a.setAttribute('data-status',f.st);
  h.appendChild(sevBadge(f.s));h.appendChild(document.createTextNode(' '+P[f.p].t));
  if(f.b==='new')h.appendChild(el('span','badge new',T.isNew));
  if(f.st!=='open')h.appendChild(el('span','badge '+f.st,T.status[f.st]));
  a.appendChild(h);
  var dl=el('dl');
  row(dl,T.resource,resLabel(f));if(f.c)row(dl,T.container,f.c);row(dl,T.field,f.path||'-',true);
  if(f.file)row(dl,T.location,f.file+(f.line?':'+f.line:''),true);
  a.appendChild(dl);a.appendChild(el('p','msg',f.m));
  if(f.st!=='open'){
    var extra=[f.own?T.owner+': '+f.own:'',f.exp?T.expires+': '+f.exp:''].filter(Boolean).join(', ');
    a.appendChild(el('p','status-note',fmt(f.st==='excepted'?T.exceptedBy:T.suppressedBy,{reason:f.why||''})+(extra?' ('+extra+')':'')));
  }
  if(f.x){a.appendChild(el('h4',null,T.fix));pre(a,f.x);a.appendChild(el('p','hint',T.fixCmd));}
  if(f.g){a.appendChild(el('h4',null,T.suggestion));a.appendChild(el('p','msg',f.g.t));if(f.g.c)pre(a,f.g.c);a.appendChild(el('p','hint',fmt(T.suggestionCmd,{id:f.p})));}
  var rem=f.r||(withRemediation?P[f.p].r:'');
  if(!f.x&&!f.g&&rem){a.appendChild(el('h4',null,T.remediation));a.appendChild(el('p','msg',rem));}
  return a;
}
// a search typed just before a click must not rebuild the groups after it (and close what the click opened)
var timer=0;
function apply(){
  clearTimeout(timer);
  var words=q?q.value.toLowerCase().split(/\s+/).filter(Boolean):[], list=[];
  for(var i=0;i<F.length;i++)if(matches(i,words))list.push(i);
  if(count)count.textContent=fmt(T.count,{n:list.length,total:F.length});
  if(none)none.hidden=list.length>0||F.length===0;
  box.textContent='';
  if(!mode||mode.value==='policy'){
    var m=groupsOf(list,function(f){return f.p});
    var keys=Array.from(m.keys()).sort(function(a,b){return RANK[P[b].s]-RANK[P[a].s]||m.get(b).length-m.get(a).length||(a<b?-1:1)});
    paged(box,keys,function(k){return policyGroup(k,m.get(k))});
  }else{
    var r=groupsOf(list,resKey);
    paged(box,Array.from(r.keys()).sort(),function(k){return resourceGroup(r.get(k),true)});
  }
}
function reset(){names.forEach(function(n){if(sel[n])sel[n].value='';});if(q)q.value='';}
names.forEach(function(n){if(sel[n])sel[n].addEventListener('change',apply);});
if(mode)mode.addEventListener('change',apply);
if(q)q.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(apply,120);});
var rs=$('f-reset');if(rs)rs.addEventListener('click',function(){reset();apply();});
/** Overview buttons: show one policy, namespace or file among the findings. */
function show(name,value,open){
  reset();if(sel[name])sel[name].value=value;
  if(open&&mode)mode.value='policy';
  apply();
  var target=$('findings-h');
  if(open){var g=box.querySelector('details.g-policy');if(g){g.open=true;target=g.querySelector('summary');}}
  if(target){target.scrollIntoView();target.focus();}
}
Array.prototype.forEach.call(document.querySelectorAll('[data-show]'),function(b){
  b.addEventListener('click',function(){var k=b.getAttribute('data-show');show(k,b.getAttribute('data-value'),k==='p');});
});
apply();
// the benchmark reads this mark: the page is usable from here on
if(window.performance&&performance.mark)performance.mark('mamori-ready');
})();
`;
