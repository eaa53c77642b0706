// Which message of a rule a reported text was made from: templates cut at their placeholders and matched linearly.
import type { Lang } from '../../src/core/report.js';
import type { RuleMeta } from '../../src/core/rule.js';

type Messages = Pick<RuleMeta, 'messages'>;

/** The literal pieces of a message template around its `{name}` placeholders (as `say` fills them). */
export function literalsOf(template: string): string[] {
  const literals: string[] = [];
  let lit = '';
  let i = 0;
  while (i < template.length) {
    const close = template[i] === '{' ? template.indexOf('}', i) : -1;
    const name = close > i + 1 ? template.slice(i + 1, close) : '';
    if (name !== '' && /^\w+$/.test(name)) {
      literals.push(lit);
      lit = '';
      i = close + 1;
    } else {
      lit += template[i];
      i++;
    }
  }
  literals.push(lit);
  return literals;
}

/** Whether a message is the template with something in place of each placeholder (leftmost match, linear). */
export function fitsTemplate(message: string, template: string): boolean {
  const lits = literalsOf(template);
  if (lits.length === 1) return message === lits[0];
  const first = lits[0]!;
  const last = lits[lits.length - 1]!;
  if (!message.startsWith(first) || !message.endsWith(last) || message.length < first.length + last.length) return false;
  let pos = first.length;
  const end = message.length - last.length;
  for (const lit of lits.slice(1, -1)) {
    const at = message.indexOf(lit, pos);
    if (at === -1 || at + lit.length > end) return false;
    pos = at + lit.length;
  }
  return true;
}

/** How much of a template is literal: the more, the more specific (a trailing `{x}` also fits a longer template's text). */
const literalLength = (template: string): number => literalsOf(template).reduce((n, l) => n + l.length, 0);

/** The id of the rule's message a text was made from: the most specific template it fits, or undefined. */
export function messageIdOf(meta: Messages, text: string, lang: Lang = 'en'): string | undefined {
  let best: { id: string; literal: number } | undefined;
  for (const [id, m] of Object.entries(meta.messages ?? {})) {
    if (!fitsTemplate(text, m[lang])) continue;
    const literal = literalLength(m[lang]);
    if (!best || literal > best.literal) best = { id, literal };
  }
  return best?.id;
}

/**
 * Whether a text is message `id`: it fits that template and no more specific one (so a case stating the
 * general message cannot pass on the text of a specific one that merely starts the same way).
 */
export function isMessage(meta: Messages, id: string, text: string, lang: Lang): boolean {
  const template = meta.messages?.[id]?.[lang];
  if (template === undefined || !fitsTemplate(text, template)) return false;
  const best = messageIdOf(meta, text, lang);
  return best === id || literalLength(meta.messages![best!]![lang]) === literalLength(template);
}
