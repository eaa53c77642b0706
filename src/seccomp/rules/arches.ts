// Seccomp lint rules about architectures: their spellings, Docker's includes/excludes filters, and syscalls an arch lacks.
import { z } from 'zod';
import { t, type Rule, type Violation } from '../../core/rule.js';
import { get } from '../json-lossless.js';
import { nearestOf } from '../nearest.js';
import { CAPABILITIES } from '../../k8s/linux-names.js';
import { analyse, didYouMean, found, same, type SeccompSubject } from './subject.js';

/** Docker's includes/excludes caps spell AppArmor's capability names as CAP_NAME. */
const CAP_NAMES = CAPABILITIES.map((c) => `CAP_${c.toUpperCase()}`);
const TWO_NUMBERS = /^\d+\.\d+$/;

export const architecture: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-architecture',
    title: t('Invalid or conflicting architecture settings', 'アーキテクチャ指定が不正または矛盾'),
    severity: 'high',
    description: t('architectures takes SCMP_ARCH_* names and Docker\'s includes/excludes take Go names, capabilities and "X.Y" kernels; a wrong spelling or architectures beside archMap makes the runtime refuse the profile or skip the filter.',
      'architectures は SCMP_ARCH_* の名前、Docker の includes/excludes は Go 形式の名前・Linux 機能・"X.Y" 形式のカーネルを取ります。綴りの誤りや architectures と archMap の併用は、プロファイルの拒否やフィルターの無視につながります。'),
    remediation: t('Use SCMP_ARCH_* names in architectures, Go names in includes/excludes arches, and not both architectures and archMap.', 'architectures には SCMP_ARCH_*、includes/excludes の arches には Go 形式の名前を使い、architectures と archMap を併用しないでください。'),
    messages: {
      both: same('architectures and archMap are both set; Docker refuses the profile'),
      notScmp: same('{value} is not an SCMP_ARCH_* architecture{hint}'),
      notList: same('architectures must be a list'),
      filterNotObject: same('{filter} must be an object'),
      notGo: same('"{value}" is not a Go-style arch name{hint}'),
      notCap: same('{value} is not a CAP_* capability'),
      minKernel: same('minKernel must be "X.Y" (two numbers)'),
    },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    const m = this.meta;
    const scmp = s.facts.scmpArches;
    const out: Violation[] = [];
    const archNode = get(a.root, 'architectures');
    const archMapNode = get(a.root, 'archMap');
    if (archNode && archMapNode) out.push(found(m, 'both', ['archMap'], archMapNode));
    if (archNode?.type === 'array') {
      archNode.items.forEach((x, i) => {
        if (x.type === 'string' && scmp.includes(x.value)) return;
        const value = x.type === 'string' ? `"${x.value}"` : 'value';
        out.push(found(m, 'notScmp', ['architectures', i], x, { value, hint: didYouMean(x.type === 'string' ? nearestOf(x.value, scmp) : null) }));
      });
    } else if (archNode && archNode.type !== 'null') out.push(found(m, 'notList', ['architectures'], archNode));
    if (archMapNode?.type === 'array') {
      for (const entry of archMapNode.items) {
        for (const k of ['architecture', 'subArchitectures']) {
          const v = get(entry, k);
          for (const x of v?.type === 'array' ? v.items : v ? [v] : []) {
            if (x.type === 'string' && !scmp.includes(x.value)) out.push(found(m, 'notScmp', ['archMap', k], x, { value: `"${x.value}"`, hint: '' }));
          }
        }
      }
    }
    for (const r of a.rules) {
      for (const fk of ['includes', 'excludes']) {
        const f = get(r.node, fk);
        if (!f) continue;
        if (f.type !== 'object') { out.push(found(m, 'filterNotObject', [...r.base, fk], f, { filter: fk })); continue; }
        for (const e of f.entries) {
          const path = [...r.base, fk, e.key];
          const items = e.value.type === 'array' ? e.value.items : [e.value];
          if (e.key === 'arches') {
            for (const x of items) {
              if (x.type === 'string' && s.facts.goArches.includes(x.value)) continue;
              const v = x.type === 'string' ? x.value : '';
              out.push(found(m, 'notGo', path, x, { value: v, hint: v.startsWith('SCMP_ARCH_') ? ' (includes/excludes take Go names such as amd64, arm64, x86)' : '' }));
            }
          } else if (e.key === 'caps') {
            for (const c of items) if (c.type !== 'string' || !CAP_NAMES.includes(c.value)) out.push(found(m, 'notCap', path, c, { value: c.type === 'string' ? `"${c.value}"` : 'value' }));
          } else if (e.key === 'minKernel') {
            if (e.value.type !== 'string' || !TWO_NUMBERS.test(e.value.value)) out.push(found(m, 'minKernel', path, e.value));
          }
        }
      }
    }
    return out;
  },
};

export const noArchitectures: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-no-architectures',
    title: t('No architectures listed', 'architectures の指定なし'),
    severity: 'low',
    description: t('Without architectures only the native architecture is filtered, and 32-bit calls hit the bad-architecture action.',
      'architectures が無いとネイティブのアーキテクチャだけがフィルターされ、32 ビットの呼び出しは不正アーキテクチャとして扱われます。'),
    remediation: t('List the native arch and its 32-bit companion if 32-bit code may run.', '32 ビットコードが動く可能性があれば、ネイティブとその 32 ビット版を列挙してください。'),
    messages: { none: same('no architectures listed: only the native arch is filtered and 32-bit calls hit the bad-arch action (the container may fail on 32-bit code)') },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    if (get(a.root, 'architectures') || get(a.root, 'archMap') || a.defaultAction === 'SCMP_ACT_ALLOW') return [];
    return [found(this.meta, 'none', ['architectures'], a.root)];
  },
};

export const syscallNotOnArch: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-syscall-not-on-arch',
    title: t('Syscall absent on a listed architecture', '指定アーキテクチャに存在しない syscall'),
    severity: 'low',
    description: t('A known syscall that exists on none of the listed architectures: the name has no effect in this profile.',
      '既知の syscall ですが、列挙したどのアーキテクチャにも存在しません。このプロファイルでは効果がありません。'),
    remediation: t('Nothing to do if intended; the name has no effect on that arch.', '意図どおりなら対応不要です。そのアーキテクチャでは効果がありません。'),
    messages: { absent: same('"{name}" does not exist on {arches}') },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    if (a.arches.length === 0) return [];
    const out: Violation[] = [];
    for (const r of a.rules) {
      for (const n of r.names) {
        if (!s.facts.isKnownSyscall(n.name)) continue;
        const missing = a.arches.filter((x) => !s.facts.existsOn(x, n.name));
        if (missing.length === a.arches.length) out.push(found(this.meta, 'absent', n.path, n.node, { name: n.name, arches: missing.join(', ') }));
      }
    }
    return out;
  },
};
