// Seccomp lint rules about form: sorted, grouped rules a reviewer can diff, and a size runtimes accept.
import { z } from 'zod';
import { t, type Rule, type Violation } from '../../core/rule.js';
import { get } from '../json-lossless.js';
import { analyse, found, same, type SeccompSubject } from './subject.js';

const MIB = 1024 * 1024;

export const style: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-style',
    title: t('Unsorted or scattered rules', 'ルールの並びが未整理'),
    severity: 'low',
    description: t('Unsorted names, or several rules with the same action apart from each other: the profile works, but its diffs are hard to review.',
      '名前が整列されていない、または同じアクションのルールが離れて複数ある状態。動作はしますが差分のレビューが難しくなります。'),
    remediation: t('Sort names and group them per action for reviewable diffs (mamori seccomp convert normalises).', 'レビューしやすいよう名前を整列しアクションごとにまとめてください。'),
    messages: {
      unsorted: same('names are not sorted; sorted lists give reviewable diffs'),
      scattered: same('rules with the same action are scattered; group one rule per action for reviewable diffs'),
    },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    const out: Violation[] = [];
    let prev: string | null = null;
    let groups = 0;
    for (const r of a.rules) {
      if (r.action !== prev) { groups++; prev = r.action; }
      if (r.namesNode?.type !== 'array') continue;
      const plain = r.namesNode.items.flatMap((n) => (n.type === 'string' ? [n.value] : []));
      if (plain.join('\0') !== [...plain].sort().join('\0')) out.push(found(this.meta, 'unsorted', [...r.base, 'names'], r.namesNode));
    }
    const actions = new Set(a.items.map((r) => { const x = get(r, 'action'); return x?.type === 'string' ? x.value : ''; }));
    if (groups > actions.size) out.push(found(this.meta, 'scattered', ['syscalls'], a.rulesNode));
    return out;
  },
};

export const tooLarge: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-too-large',
    title: t('Profile over 1 MiB', '1 MiB を超えるプロファイル'),
    severity: 'medium',
    description: t('Runtimes and the Security Profiles Operator refuse or truncate profiles over 1 MiB.',
      'ランタイムと Security Profiles Operator は 1 MiB を超えるプロファイルを拒否するか切り詰めます。'),
    remediation: t('Shrink it; runtimes and SPO limit profile size.', '小さくしてください。'),
    messages: { large: same('profile is {size} bytes, over the 1 MiB limit runtimes and SPO use') },
  },
  params: z.object({}),
  check(s) {
    return s.size !== undefined && s.size > MIB ? [found(this.meta, 'large', [], s.profile.node, { size: s.size })] : [];
  },
};
