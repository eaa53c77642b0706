// Words the formatters print, in both languages mamori speaks.
import type { Lang, Severity } from '../model/types.js';

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
  },
};

export function words(lang: Lang): typeof WORDS.en { return WORDS[lang]; }
