// Seccomp lint rules about keys: unknown ones, Docker-only ones a runtime drops, and the syscall names of each rule.
import { z } from 'zod';
import { t, type Rule, type Violation } from '../../core/rule.js';
import type { Path } from '../../core/path.js';
import { nearestOf } from '../nearest.js';
import { get } from '../json-lossless.js';
import { analyse, didYouMean, found, same, type Runtime, type SeccompSubject } from './subject.js';

const TOP_KEYS: Record<Runtime, string[]> = {
  containerd: ['defaultAction', 'defaultErrnoRet', 'architectures', 'flags', 'listenerPath', 'listenerMetadata', 'syscalls'],
  docker: ['defaultAction', 'defaultErrnoRet', 'architectures', 'archMap', 'flags', 'listenerPath', 'listenerMetadata', 'syscalls'],
  'cri-o': ['defaultAction', 'defaultErrnoRet', 'defaultErrno', 'architectures', 'archMap', 'flags', 'listenerPath', 'listenerMetadata', 'syscalls'],
};
const SPO_TOP = [...TOP_KEYS['cri-o'], 'baseProfileName', 'disabled'];
const ALL_TOP = [...new Set(SPO_TOP)];
const RULE_KEYS: Record<Runtime, string[]> = {
  containerd: ['names', 'action', 'errnoRet', 'args'],
  docker: ['names', 'name', 'action', 'errnoRet', 'args', 'comment', 'includes', 'excludes'],
  'cri-o': ['names', 'name', 'action', 'errnoRet', 'errno', 'args', 'comment', 'includes', 'excludes'],
};
/** Keys containerd would accept on a Docker profile's rule in JSON but silently drop. */
const DOCKER_ONLY = ['name', 'comment', 'includes', 'excludes', 'archMap', 'defaultErrno', 'errno'];
const ARG_KEYS = ['index', 'value', 'valueTwo', 'op'];
const FILTER_KEYS = ['arches', 'caps', 'minKernel'];

/** Whether a rule key is one the runtime reads (an SPO profile may use CRI-O's keys whatever the runtime). */
const ruleKeyKnown = (s: SeccompSubject, key: string): boolean =>
  RULE_KEYS[s.runtime].includes(key) || (s.profile.dialect === 'spo' && RULE_KEYS['cri-o'].includes(key));

export const unknownKey: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-unknown-key',
    title: t('Key the runtime ignores', 'ランタイムが無視するキー'),
    severity: 'high',
    description: t('A key no runtime reads, or one written twice: the runtime loads the profile without it and without a word, so what the key meant to restrict is not restricted.',
      'どのランタイムも読まないキー、または重複したキー。ランタイムは何も言わずにそのキーを無視して読み込むため、意図した制限がかかりません。'),
    remediation: t('Fix the spelling; runtimes ignore unknown keys without a word.', 'キーの綴りを直してください。ランタイムは未知のキーを黙って無視します。'),
    messages: {
      twice: same('key "{key}" appears twice; runtimes keep only the last one'),
      top: same('unknown key "{key}"{hint}; runtimes ignore it silently'),
      rule: same('unknown rule key "{key}"{hint}; runtimes ignore it silently'),
      arg: same('unknown argument key "{key}"{hint}'),
      filter: same('unknown key "{key}" in {filter} (caps, arches, minKernel)'),
    },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    const out: Violation[] = [];
    const m = this.meta;
    const topKeys = s.profile.dialect === 'spo' ? SPO_TOP : TOP_KEYS[s.runtime];
    if (a.root.type === 'object') {
      const seen = new Set<string>();
      for (const e of a.root.entries) {
        if (seen.has(e.key)) out.push(found(m, 'twice', [e.key], e.keyPos, { key: e.key }));
        seen.add(e.key);
        if (!topKeys.includes(e.key) && !ALL_TOP.includes(e.key) && e.key !== 'archMap') {
          out.push(found(m, 'top', [e.key], e.keyPos, { key: e.key, hint: didYouMean(nearestOf(e.key, ALL_TOP), true) }));
        }
      }
    }
    for (const r of a.rules) {
      for (const e of r.node.entries) {
        if (ruleKeyKnown(s, e.key) || (s.runtime === 'containerd' && DOCKER_ONLY.includes(e.key))) continue;
        out.push(found(m, 'rule', [...r.base, e.key], e.keyPos, { key: e.key, hint: didYouMean(nearestOf(e.key, RULE_KEYS['cri-o']), true) }));
      }
      if (r.argsNode?.type === 'array') {
        r.argsNode.items.forEach((arg, k) => {
          if (arg.type !== 'object') return;
          for (const e of arg.entries) {
            if (!ARG_KEYS.includes(e.key)) out.push(found(m, 'arg', [...r.base, 'args', k, e.key], e.keyPos, { key: e.key, hint: didYouMean(nearestOf(e.key, ARG_KEYS), true) }));
          }
        });
      }
      for (const fk of ['includes', 'excludes']) {
        const f = get(r.node, fk);
        if (f?.type !== 'object') continue;
        for (const e of f.entries) {
          if (!FILTER_KEYS.includes(e.key)) out.push(found(m, 'filter', [...r.base, fk, e.key], e.keyPos, { key: e.key, filter: fk }));
        }
      }
    }
    return out;
  },
};

export const dockerOnlyField: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-docker-only-field',
    title: t('Docker-only field on a runtime that drops it', 'ランタイムが捨てる Docker 専用フィールド'),
    severity: 'medium',
    description: t('archMap, includes, excludes, comment and the errno names are Docker and CRI-O extensions; containerd loads the profile as plain OCI JSON and drops them, so a conditional rule becomes unconditional.',
      'archMap・includes・excludes・comment・errno 名は Docker と CRI-O の拡張です。containerd は素の OCI JSON として読み込んで捨てるため、条件付きルールが無条件になります。'),
    remediation: t('Expand archMap/includes/excludes into plain OCI rules for containerd (mamori seccomp convert --to oci).', 'containerd 向けには archMap/includes/excludes を OCI 形式に展開してください (mamori seccomp convert --to oci)。'),
    messages: {
      top: same('"{key}" is ignored by {runtime}: it loads the profile as plain OCI JSON'),
      rule: same('"{key}" is ignored by containerd'),
      filter: same('"{key}" is ignored by containerd: the conditional rule becomes unconditional'),
    },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    const out: Violation[] = [];
    const topKeys = s.profile.dialect === 'spo' ? SPO_TOP : TOP_KEYS[s.runtime];
    if (a.root.type === 'object') {
      for (const e of a.root.entries) {
        if (!topKeys.includes(e.key) && (ALL_TOP.includes(e.key) || e.key === 'archMap')) out.push(found(this.meta, 'top', [e.key], e.keyPos, { key: e.key, runtime: s.runtime }));
      }
    }
    if (s.runtime !== 'containerd') return out;
    for (const r of a.rules) {
      for (const e of r.node.entries) {
        // the legacy `name` has a rule of its own with the stronger message
        if (ruleKeyKnown(s, e.key) || !DOCKER_ONLY.includes(e.key) || e.key === 'name') continue;
        out.push(found(this.meta, e.key === 'includes' || e.key === 'excludes' ? 'filter' : 'rule', [...r.base, e.key], e.keyPos, { key: e.key }));
      }
    }
    return out;
  },
};

export const ruleNames: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-rule-names',
    title: t('Rule without syscall names, or with both name and names', 'syscall 名の無いルール、または name と names の併用'),
    severity: 'high',
    description: t('Every rule needs a non-empty list of syscall names; a rule without one, an empty name, or both name and names is refused by the runtime or matches nothing.',
      '各ルールには空でない syscall 名のリストが必要です。名前が無い・空文字・name と names の併用は、ランタイムに拒否されるか何にも一致しません。'),
    remediation: t('Give each rule a non-empty names list (and not also name).', '各ルールに空でない names を指定し、name と併用しないでください。'),
    messages: {
      syscallsNotList: same('syscalls must be a list of rules'),
      notObject: same('a rule must be an object'),
      both: same('rule has both name and names; Docker refuses the profile'),
      empty: same('names is empty; OCI requires at least one'),
      emptyName: same('syscall name must be a non-empty string (runc: "empty string is not a valid syscall")'),
      notList: same('names must be a list of strings'),
      none: same('rule has no names; OCI requires at least one'),
    },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    const m = this.meta;
    const out: Violation[] = [];
    if (a.rulesNode && a.rulesNode.type !== 'array') out.push(found(m, 'syscallsNotList', ['syscalls'], a.rulesNode));
    a.items.forEach((r, i) => { if (r.type !== 'object') out.push(found(m, 'notObject', ['syscalls', i], r)); });
    for (const r of a.rules) {
      if (r.nameEntry && r.namesNode) out.push(found(m, 'both', [...r.base, 'name'], r.nameEntry.keyPos));
      if (r.namesNode?.type === 'array') {
        if (r.namesNode.items.length === 0 && !r.nameEntry) out.push(found(m, 'empty', [...r.base, 'names'], r.namesNode));
        r.namesNode.items.forEach((n, j) => {
          if (n.type !== 'string' || n.value === '') out.push(found(m, 'emptyName', [...r.base, 'names', j], n));
        });
      } else if (r.namesNode) out.push(found(m, 'notList', [...r.base, 'names'], r.namesNode));
      else if (!r.nameEntry) out.push(found(m, 'none', r.base, r.node));
    }
    return out;
  },
};

export const legacyName: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-legacy-name',
    title: t('Legacy name field', '旧形式の name フィールド'),
    severity: 'medium',
    description: t('The single "name" field predates "names"; Docker and CRI-O still read it, containerd does not, so there the rule matches no syscall.',
      '単数形の "name" は "names" 以前の形式です。Docker と CRI-O は読みますが containerd は読まないため、そこではルールがどの syscall にも一致しません。'),
    remediation: t('Use names: ["..."]; containerd ignores name, so the rule matches nothing there.', 'names: ["..."] を使ってください。containerd は name を無視するため、ルールが何にも一致しません。'),
    messages: {
      containerd: same('legacy "name"{value} is ignored by containerd: this rule matches no syscall there{noNames}'),
      other: same('legacy "name" field: works on Docker/CRI-O but containerd ignores it; use "names"'),
    },
  },
  params: z.object({}),
  check(s) {
    const out: Violation[] = [];
    for (const r of analyse(s).rules) {
      const e = r.nameEntry;
      if (!e) continue;
      const path: Path = [...r.base, 'name'];
      if (s.runtime === 'containerd') {
        out.push(found(this.meta, 'containerd', path, e.keyPos, {
          value: e.value.type === 'string' ? ` "${e.value.value}"` : '',
          noNames: r.namesNode ? '' : ' (and has no names, which OCI requires)',
        }));
      } else out.push(found(this.meta, 'other', path, e.keyPos, {}, 'low'));
    }
    return out;
  },
};
