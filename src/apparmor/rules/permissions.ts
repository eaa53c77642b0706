// AppArmor lint rules about what a profile allows: capabilities, network, file permissions, /proc and /sys, broad rules.
import { z } from 'zod';
import { t, type Rule, type Violation } from '../../core/rule.js';
import { CAPABILITIES, NET_FAMILIES, NET_TYPES } from '../../k8s/linux-names.js';
import { analyse, found, same, type AppArmorSubject } from './subject.js';

const TMP = /^\/(tmp|var\/tmp|run|var\/run|dev\/shm)\b/;
const PROC = /^(@\{PROC\}|\/proc)(\/|$)/;
const PROC_OWN = /^(@\{PROC\}|\/proc)\/(@\{pid\}|self|thread-self|\[0-9\]|@\{pids\})/;
const none = z.object({});

/** The rule statements of the profile (inside a profile, ending with a comma). */
const rulesOf = (s: AppArmorSubject) => analyse(s).rules;
const words = (rest: string): string[] => rest.split(/\s+/).slice(1);

export const capability: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-capability',
    title: t('Unknown capability', '未知の Linux 機能'),
    severity: 'high',
    description: t('A capability rule names something that is not a Linux capability (often with the CAP_ prefix or in upper case): the parser refuses the profile.',
      'capability ルールが Linux 機能ではない名前 (多くは CAP_ 付きや大文字) を挙げています。パーサーがプロファイルを拒否します。'),
    remediation: t('Use a capability name without the CAP_ prefix, in lower case (e.g. net_bind_service).', 'CAP_ を付けない小文字の名前 (例: net_bind_service) を使ってください。'),
    messages: { unknown: same('unknown capability "{name}"{hint}') },
  },
  params: none,
  check(s) {
    return rulesOf(s).filter((x) => x.word === 'capability').flatMap((x) => words(x.rest).filter((c) => !CAPABILITIES.includes(c))
      .map((c) => found(this.meta, 'unknown', x.l, { name: c, hint: c.toLowerCase().startsWith('cap_') ? ' (drop the CAP_ prefix, lower case)' : '' })));
  },
};

export const network: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-network',
    title: t('Invalid network rule', '不正なネットワークルール'),
    severity: 'high',
    description: t('A network rule takes at most a socket family and a type, each a name AppArmor knows; anything else makes the parser refuse the profile.',
      'network ルールが取るのは AppArmor が知るソケットのファミリーとタイプ、それぞれ最大 1 つです。それ以外はパーサーが拒否します。'),
    remediation: t('network [family] [type], e.g. network inet tcp,', 'network [ファミリー] [タイプ] の形式にしてください (例: network inet tcp,)。'),
    messages: {
      tooMany: same('network takes at most a family and a type'),
      family: same('unknown network family or type "{name}"'),
      type: same('unknown network type "{name}"'),
    },
  },
  params: none,
  check(s) {
    const out: Violation[] = [];
    for (const x of rulesOf(s)) {
      if (x.word !== 'network') continue;
      const [family, type, ...more] = words(x.rest);
      if (more.length > 0) out.push(found(this.meta, 'tooMany', x.l));
      if (family && !NET_FAMILIES.includes(family) && !NET_TYPES.includes(family)) out.push(found(this.meta, 'family', x.l, { name: family }));
      if (type && !NET_TYPES.includes(type)) out.push(found(this.meta, 'type', x.l, { name: type }));
    }
    return out;
  },
};

export const fileRule: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-file-rule',
    title: t('Invalid file rule', '不正なファイルルール'),
    severity: 'high',
    description: t('A file rule needs an absolute path (or a @{VARIABLE}) and valid permission letters: no w with a, an exec mode (ix, px, cx, ux) for x in allow rules and a plain x in deny rules.',
      'ファイルルールには絶対パス (または @{変数}) と正しい権限文字が必要です。w と a は併用せず、許可ルールの x には実行モード (ix・px・cx・ux)、拒否ルールには単純な x を使います。'),
    remediation: t('Use absolute paths (or @{VAR}), valid permission letters, no w with a, ix/px/cx/ux instead of plain x in allow rules, plain x in deny rules.', '絶対パス、正しい権限文字を使い、w と a を併用せず、許可ルールでは ix/px/cx/ux、拒否ルールでは x を使ってください。'),
    messages: {
      relative: same('file path "{path}" must be absolute (or start with a @{variable})'),
      perms: same('invalid permissions "{perms}" (r w a l k m and exec modes ix px cx ux pix cix ...)'),
      writeAppend: same('"{perms}": w and a together are rejected (w already includes append)'),
      denyQualifier: same('deny rules take plain x; exec qualifiers in "{perms}" are invalid there'),
      plainX: same('plain x in an allow rule is invalid; use ix, px, cx or ux ("{perms}")'),
      twoQualifiers: same('two exec qualifiers in "{perms}"'),
    },
  },
  params: none,
  check(s) {
    const m = this.meta;
    const out: Violation[] = [];
    for (const x of rulesOf(s)) {
      const f = x.file;
      if (!f) continue;
      if (f.invalid === 'path') { out.push(found(m, 'relative', x.l, { path: f.path })); continue; }
      if (f.invalid === 'perms') { out.push(found(m, 'perms', x.l, { perms: f.perms })); continue; }
      const p = f.perms;
      if (p.includes('w') && p.includes('a')) out.push(found(m, 'writeAppend', x.l, { perms: p }));
      const execQ = p.match(/[iupcIUPC]/g) ?? [];
      if (x.deny && execQ.length) out.push(found(m, 'denyQualifier', x.l, { perms: p }));
      if (!x.deny && p.includes('x') && execQ.length === 0) out.push(found(m, 'plainX', x.l, { perms: p }));
      if (!x.deny && /[pc]/i.test(p) && !/i/.test(p) && execQ.length > 1) out.push(found(m, 'twoQualifiers', x.l, { perms: p }));
    }
    return out;
  },
};

export const procSysWrite: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-proc-sys-write',
    title: t('Write access to /proc or /sys', '/proc や /sys への書き込み許可'),
    severity: 'medium',
    description: t('Writes under /proc (other than a process\'s own entries) and /sys reach kernel and device settings; docker-default denies them.',
      '/proc (プロセス自身の項目を除く) と /sys への書き込みはカーネルやデバイスの設定に届きます。docker-default はこれを拒否しています。'),
    remediation: t('Deny writes under /proc and /sys as docker-default does (except /proc/<pid>).', 'docker-default と同様に /proc と /sys への書き込みを拒否してください。'),
    messages: {
      proc: same('write access to {path}: /proc writes reach kernel settings'),
      sys: same('write access to {path}: /sys writes reach kernel and device settings'),
    },
  },
  params: none,
  check(s) {
    const out: Violation[] = [];
    for (const x of rulesOf(s)) {
      const f = x.file;
      if (!f || f.invalid || x.deny || !/[wa]/.test(f.perms)) continue;
      if (PROC.test(f.path) && !PROC_OWN.test(f.path)) out.push(found(this.meta, 'proc', x.l, { path: f.path }));
      if (/^\/sys(\/|$)/.test(f.path)) out.push(found(this.meta, 'sys', x.l, { path: f.path }));
    }
    return out;
  },
};

export const broadAllow: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-broad-allow',
    title: t('Broad allow rule', '広すぎる許可ルール'),
    severity: 'medium',
    description: t('A rule that allows everything of its kind: every capability, every mount, tracing any process, running programs unconfined, or writing anywhere.',
      'その種類のすべてを許可するルール。すべての Linux 機能、すべての mount、任意のプロセスのトレース、制限なしでの実行、任意の場所への書き込みなど。'),
    remediation: t('Name the capabilities, peers and paths the workload needs instead of allowing all.', 'すべてを許可せず、必要な Linux 機能・相手・パスを列挙してください。'),
    messages: {
      capability: same('bare "capability," allows every capability'),
      bare: same('bare "{word}," allows every {word}'),
      ptrace: same('ptrace without peer= allows tracing any process'),
      unconfined: same('"{perms}" runs the target unconfined'),
      anywhere: same('"{path} {perms}" allows writing anywhere'),
    },
  },
  params: none,
  check(s) {
    const m = this.meta;
    const out: Violation[] = [];
    for (const x of rulesOf(s)) {
      if (x.deny) continue;
      if (x.word === 'capability' && words(x.rest).length === 0) out.push(found(m, 'capability', x.l));
      else if ((x.word === 'mount' || x.word === 'remount' || x.word === 'pivot_root') && x.rest === x.word) out.push(found(m, 'bare', x.l, { word: x.word }));
      else if (x.word === 'ptrace' && !/peer=/.test(x.rest)) out.push(found(m, 'ptrace', x.l));
      const f = x.file;
      if (!f || f.invalid) continue;
      if (/[uU]x/.test(f.perms)) out.push(found(m, 'unconfined', x.l, { perms: f.perms }));
      if (/[wa]/.test(f.perms) && (/^\/\*\*?$/.test(f.path) || (/^\/\*\*/.test(f.path) && !TMP.test(f.path)))) out.push(found(m, 'anywhere', x.l, { path: f.path, perms: f.perms }));
    }
    return out;
  },
};
