// Words the formatters print, in both languages mamori speaks.
import type { Lang, Severity } from '../core/report.js';

const WORDS = {
  en: {
    severity: { high: 'high', medium: 'medium', low: 'low' } as Record<Severity, string>,
    noFindings: 'No findings.',
    summary: (res: number, n: number, h: number, m: number, l: number) => `${res} resources scanned, ${n} findings (${h} high, ${m} medium, ${l} low)`,
    excepted: (n: number) => `${n} excepted`,
    suppressed: (n: number) => `${n} suppressed`,
    errors: 'Input errors',
    notices: 'Notices',
    unused: 'Unused exceptions (matched nothing)',
    fix: 'fix',
    exceptedBy: 'excepted',
    suppressedBy: 'suppressed',
    isNew: 'new',
    legend: 'Remediation by policy',
    summaryHead: 'Summary',
    bySeverity: 'By severity',
    byPolicy: 'Open findings by policy',
    scanned: (paths: string, files: number, objects: number, skipped: number) => `Scanned ${paths}: ${files} files, ${objects} objects, ${skipped} skipped`,
    baseline: (file: string, n: number, u: number, f: number) => `Against ${file}: ${n} new, ${u} unchanged, ${f} fixed`,
    fixedHead: (file: string) => `Fixed since ${file}`,
  },
  ja: {
    severity: { high: '高', medium: '中', low: '低' } as Record<Severity, string>,
    noFindings: '検出事項はありません。',
    summary: (res: number, n: number, h: number, m: number, l: number) => `${res} 件のリソースを検査、検出事項 ${n} 件（高 ${h}、中 ${m}、低 ${l}）`,
    excepted: (n: number) => `例外 ${n} 件`,
    suppressed: (n: number) => `抑制 ${n} 件`,
    errors: '入力エラー',
    notices: 'お知らせ',
    unused: '使われなかった例外（一致なし）',
    fix: '対処',
    exceptedBy: '例外',
    suppressedBy: '抑制',
    isNew: '新規',
    legend: 'ポリシーごとの対処方法',
    summaryHead: '概要',
    bySeverity: '重大度別',
    byPolicy: 'ポリシー別の未対応の検出事項',
    scanned: (paths: string, files: number, objects: number, skipped: number) => `検査対象 ${paths}: ファイル ${files} 件、オブジェクト ${objects} 件、スキップ ${skipped} 件`,
    baseline: (file: string, n: number, u: number, f: number) => `${file} との比較: 新規 ${n} 件、継続 ${u} 件、解消 ${f} 件`,
    fixedHead: (file: string) => `${file} から解消された検出事項`,
  },
};

export function words(lang: Lang): typeof WORDS.en { return WORDS[lang]; }
