// docs/policies.md (and .ja.md): the catalogue of every family rendered from rule metadata, never written by hand.
import type { Lang } from '../core/report.js';
import { FAMILIES, type Family } from '../core/rule.js';
import type { PolicyInfo } from './describe.js';

const L = {
  en: {
    heading: 'mamori policy catalogue',
    intro: 'Generated from the rules\' metadata by `npm run docs`; a test fails when this file is stale. Parameter names are Azure Policy\'s own, so an assignment\'s values carry over. Every rule of every family takes `policies.<id>` (effect, parameters) and the exceptions of mamori.yaml.',
    id: 'id', title: 'title', severity: 'severity', profiles: 'profiles', config: 'needs configuration', yes: 'yes', no: 'no',
    category: 'Security control', target: 'Evaluates', containers: 'Container classes', params: 'Parameters',
    name: 'name', type: 'type', def: 'default', desc: 'description', refs: 'Crosswalk', remediation: 'Remediation',
    azure: 'Azure Policy', defender: 'Defender assessment key', pss: 'Pod Security Standards', nsa: 'NSA/CISA', kubescape: 'Kubescape',
    none: 'none',
    families: {
      manifest: 'Manifest checks (`mamori scan`, `serve`, `audit`)', rbac: 'RBAC (`mamori rbac`)', versions: 'Versions (`mamori versions`)',
      'seccomp-lint': 'seccomp profile lint (`mamori seccomp lint`)', 'apparmor-lint': 'AppArmor profile lint (`mamori apparmor lint`)',
    } satisfies Record<Family, string>,
  },
  ja: {
    heading: 'mamori ポリシー一覧',
    intro: 'ルールのメタデータから `npm run docs` で生成しています（内容が古いとテストが失敗します）。パラメーター名は Azure Policy と同じなので、割り当ての値をそのまま使えます。どのファミリーのルールも mamori.yaml の `policies.<id>`（効果、パラメーター）と例外に従います。',
    id: 'ID', title: '名前', severity: '重大度', profiles: 'プロファイル', config: 'パラメーター構成が必要', yes: '必要', no: '不要',
    category: 'セキュリティ制御', target: '評価対象', containers: 'コンテナーの種類', params: 'パラメーター',
    name: '名前', type: '型', def: '既定値', desc: '説明', refs: '対応表', remediation: '対処方法',
    azure: 'Azure Policy', defender: 'Defender 評価キー', pss: 'Pod Security Standards', nsa: 'NSA/CISA', kubescape: 'Kubescape',
    none: 'なし',
    families: {
      manifest: 'マニフェストのチェック（`mamori scan`、`serve`、`audit`）', rbac: 'RBAC（`mamori rbac`）', versions: 'バージョン（`mamori versions`）',
      'seccomp-lint': 'seccomp プロファイルの検査（`mamori seccomp lint`）', 'apparmor-lint': 'AppArmor プロファイルの検査（`mamori apparmor lint`）',
    } satisfies Record<Family, string>,
  },
};
const SEV = { en: { high: 'High', medium: 'Medium', low: 'Low' }, ja: { high: '高', medium: '中', low: '低' } };

function cell(s: string): string { return s.replace(/\|/g, '\\|').replace(/\n/g, ' '); }

export function renderCatalogue(policies: readonly PolicyInfo[], lang: Lang): string {
  const w = L[lang];
  const out: string[] = [`# ${w.heading}`, '', w.intro, ''];
  const families = FAMILIES.filter((f) => policies.some((p) => p.family === f));
  if (families.length > 1) out.push(...families.map((f) => `- [${w.families[f]}](#${f})`), '');
  for (const f of families) {
    const list = policies.filter((p) => p.family === f);
    if (families.length > 1) out.push(`<a id="${f}"></a>`, '', `## ${w.families[f]}`, '');
    if (f === 'manifest') {
      out.push(`| ${w.id} | ${w.title} | ${w.severity} | ${w.config} | ${w.profiles} |`, '|---|---|---|---|---|');
      for (const p of list) out.push(`| [\`${p.id}\`](#${p.id}) | ${cell(p.title[lang])} | ${SEV[lang][p.severity]} | ${p.needsConfiguration ? w.yes : w.no} | ${p.profiles.join(', ')} |`);
    } else {
      out.push(`| ${w.id} | ${w.title} | ${w.severity} |`, '|---|---|---|');
      for (const p of list) out.push(`| [\`${p.id}\`](#${p.id}) | ${cell(p.title[lang])} | ${SEV[lang][p.severity]} |`);
    }
    out.push('');
  }
  for (const p of policies) {
    out.push('', `## ${p.id}`, '', `**${cell(p.title[lang])}** — ${SEV[lang][p.severity]}`, '', p.description[lang], '');
    if (p.category) out.push(`- ${w.category}: ${p.category[lang]}`);
    out.push(`- ${w.target}: ${p.target}`);
    if (p.containers) out.push(`- ${w.containers}: ${p.containers.join(', ')}`);
    out.push(`- ${w.remediation}: ${p.remediation[lang]}`, '');
    const r = p.references;
    const refs: string[] = [];
    if (r.azurePolicy) refs.push(`- ${w.azure}: \`${r.azurePolicy.guid}\` ${r.azurePolicy.name} (${r.azurePolicy.version}, ${r.azurePolicy.template})`);
    if (r.defenderKey) refs.push(`- ${w.defender}: \`${r.defenderKey}\``);
    if (r.pss) refs.push(`- ${w.pss}: ${r.pss}`);
    if (r.nsa) refs.push(`- ${w.nsa}: ${r.nsa}`);
    if (r.kubescape) refs.push(`- ${w.kubescape}: ${r.kubescape}`);
    if (refs.length) out.push(`### ${w.refs}`, '', ...refs, '');
    out.push(`### ${w.params}`, '');
    if (p.parameters.length === 0) out.push(w.none);
    else {
      out.push(`| ${w.name} | ${w.type} | ${w.def} | ${w.desc} |`, '|---|---|---|---|');
      for (const q of p.parameters) out.push(`| \`${q.name}\` | ${cell(q.type)} | \`${cell(JSON.stringify(q.default) ?? '')}\` | ${cell(q.description)} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
