// Seccomp lint rules about argument conditions: index, op and the unsigned 64-bit values, and conditions runc ORs.
import { z } from 'zod';
import { t, type Rule, type Violation } from '../../core/rule.js';
import { get, nodeBigInt } from '../json-lossless.js';
import { OPS } from '../profile.js';
import { nearestOf } from '../nearest.js';
import { analyse, didYouMean, found, same, type SeccompSubject } from './subject.js';

const U64_MAX = (1n << 64n) - 1n;

export const argFilter: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-arg-filter',
    title: t('Invalid argument filter', '引数フィルターが不正'),
    severity: 'high',
    description: t('An argument condition needs an index 0..5, one of the seven SCMP_CMP_* ops and unsigned 64-bit integer values; a MASKED_EQ whose value bits lie outside its mask never matches.',
      '引数条件には 0〜5 の index、7 種の SCMP_CMP_* のいずれかの op、64 ビット符号なし整数の値が必要です。マスク外のビットを持つ MASKED_EQ は決して一致しません。'),
    remediation: t('index 0..5, one of the seven SCMP_CMP_* ops, values unsigned 64-bit integers.', 'index は 0〜5、op は SCMP_CMP_* の 7 種、値は 64 ビット符号なし整数にしてください。'),
    messages: {
      notObject: same('argument condition must be an object'),
      index: same('index must be an integer 0..5 (syscalls have at most six arguments)'),
      op: same('op {op}must be one of {ops}{hint}'),
      notInteger: same('{key} {raw} is not an integer (fractions and exponents are not allowed)'),
      negative: same('{key} {value} is negative; seccomp compares unsigned 64-bit values (write {unsigned} for the same bits)'),
      tooLarge: same('{key} {value} does not fit in 64 bits'),
      valueMissing: same('value is missing'),
      valueTwoIgnored: same('valueTwo is only used by SCMP_CMP_MASKED_EQ; {op} ignores it'),
      neverMatches: same('MASKED_EQ can never match: valueTwo {want} has bits outside the mask {mask}'),
      maskZero: same('MASKED_EQ with mask 0 matches every value'),
    },
  },
  params: z.object({}),
  check(s) {
    const m = this.meta;
    const out: Violation[] = [];
    for (const r of analyse(s).rules) {
      if (r.argsNode?.type !== 'array') continue;
      r.argsNode.items.forEach((a, k) => {
        const ap = [...r.base, 'args', k];
        if (a.type !== 'object') { out.push(found(m, 'notObject', ap, a)); return; }
        const idx = nodeBigInt(get(a, 'index'));
        if (idx === null || idx < 0n || idx > 5n) out.push(found(m, 'index', [...ap, 'index'], get(a, 'index') ?? a));
        const opNode = get(a, 'op');
        const op = opNode?.type === 'string' ? opNode.value : null;
        if (!op || !(OPS as readonly string[]).includes(op)) {
          out.push(found(m, 'op', [...ap, 'op'], opNode ?? a, { op: op ? `"${op}" ` : '', ops: OPS.join(', '), hint: op ? didYouMean(nearestOf(op, OPS)) : '' }));
        }
        const vals: Record<string, bigint | null> = {};
        for (const key of ['value', 'valueTwo'] as const) {
          const vn = get(a, key);
          if (!vn) { vals[key] = null; continue; }
          const v = nodeBigInt(vn);
          if (v === null) out.push(found(m, 'notInteger', [...ap, key], vn, { key, raw: vn.type === 'number' ? vn.raw : '' }));
          else if (v < 0n) out.push(found(m, 'negative', [...ap, key], vn, { key, value: String(v), unsigned: String(v + (1n << 64n)) }));
          else if (v > U64_MAX) out.push(found(m, 'tooLarge', [...ap, key], vn, { key, value: String(v) }));
          vals[key] = v;
        }
        if (!get(a, 'value')) out.push(found(m, 'valueMissing', [...ap, 'value'], a));
        if (op && op !== 'SCMP_CMP_MASKED_EQ' && get(a, 'valueTwo') && vals.valueTwo !== 0n) out.push(found(m, 'valueTwoIgnored', [...ap, 'valueTwo'], get(a, 'valueTwo'), { op }, 'medium'));
        if (op === 'SCMP_CMP_MASKED_EQ' && vals.value != null) {
          const mask = vals.value;
          const want = vals.valueTwo ?? 0n;
          if ((want & ~mask & U64_MAX) !== 0n) out.push(found(m, 'neverMatches', [...ap, 'valueTwo'], get(a, 'valueTwo') ?? a, { want: String(want), mask: String(mask) }));
          if (mask === 0n) out.push(found(m, 'maskZero', [...ap, 'value'], get(a, 'value'), {}, 'medium'));
        }
      });
    }
    return out;
  },
};

export const argOr: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-arg-or',
    title: t('Several conditions on one argument (runc ORs them)', '同じ引数に複数条件 (runc は OR にする)'),
    severity: 'medium',
    description: t('runc turns several conditions on the same argument index into separate rules, so they are OR-ed where the author meant AND.',
      'runc は同じ引数 index の複数条件を別々のルールにするため、作者が AND のつもりでも OR になります。'),
    remediation: t('Split into separate rules, or use one MASKED_EQ condition; runc turns same-index conditions into OR.', 'ルールを分けるか MASKED_EQ 1 条件にしてください。runc は同じ index の条件を OR にします。'),
    messages: { or: same('{count} conditions on argument {index}: runc makes each its own rule, so they are OR-ed, not AND-ed') },
  },
  params: z.object({}),
  check(s) {
    const out: Violation[] = [];
    for (const r of analyse(s).rules) {
      if (r.argsNode?.type !== 'array') continue;
      const indexes = new Map<string, number>();
      for (const a of r.argsNode.items) {
        if (a.type !== 'object') continue;
        const idx = nodeBigInt(get(a, 'index'));
        if (idx !== null && idx >= 0n && idx <= 5n) indexes.set(String(idx), (indexes.get(String(idx)) ?? 0) + 1);
      }
      for (const [index, count] of indexes) if (count > 1) out.push(found(this.meta, 'or', [...r.base, 'args'], r.argsNode, { count, index }));
    }
    return out;
  },
};
