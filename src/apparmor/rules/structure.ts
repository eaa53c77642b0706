// AppArmor lint rules about a profile's shape: parser errors, braces and commas, includes, variables, headers and flags.
import { z } from 'zod';
import { t, type Rule, type Violation } from '../../core/rule.js';
import { analyse, found, same, stmtsOf, type AppArmorSubject } from './subject.js';

const FLAGS = ['attach_disconnected', 'mediate_deleted', 'complain', 'enforce', 'audit', 'chroot_relative', 'namespace_relative', 'chroot_attach', 'chroot_no_attach', 'no_attach_disconnected', 'delegate_deleted', 'kill', 'unconfined', 'prompt', 'interruptible'];
const none = z.object({});

export const syntax: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-syntax',
    title: t('apparmor_parser rejects the profile', 'apparmor_parser がプロファイルを拒否'),
    severity: 'high',
    description: t('apparmor_parser -Q -K (where installed) refuses the profile: no node can load it, and the kubelet refuses Pods that name it.',
      'apparmor_parser -Q -K (インストールされている場合) がプロファイルを拒否しました。どのノードでも読み込めず、kubelet はそれを指定した Pod を拒否します。'),
    remediation: t('Fix the error apparmor_parser reports; the node cannot load this profile.', 'apparmor_parser のエラーを直してください。ノードで読み込めません。'),
    messages: { parser: same('apparmor_parser: {message}') },
  },
  params: none,
  check(s) {
    const p = s.parser;
    if (!p) return [];
    return [found(this.meta, 'parser', p.line === null ? null : { no: p.line, col: 1 }, { message: p.message }, [])];
  },
};

export const structure: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-structure',
    title: t('Unbalanced braces, missing comma or whitespace', '括弧・カンマ・空白の誤り'),
    severity: 'high',
    description: t('Every rule ends with a comma and lies inside a profile, a profile header needs whitespace before "{", and braces balance; otherwise the parser refuses the profile.',
      '各ルールはカンマで終わりプロファイルの中にあること、ヘッダーの「{」の前に空白があること、括弧が対応していることが必要です。さもないとパーサーが拒否します。'),
    remediation: t('Every rule ends with a comma; "{" needs whitespace before it; braces must balance.', '各ルールはカンマで終え、「{」の前には空白を入れ、括弧を対応させてください。'),
    messages: {
      noSpace: same('a profile header needs whitespace before "{"'),
      unmatched: same('closing brace without an open profile'),
      outside: same('rule outside any profile: {text}'),
      noComma: same('rule does not end with a comma: {text}'),
      unbalanced: same('unbalanced braces: {open} profile(s) not closed'),
    },
  },
  params: none,
  check(s) {
    const a = analyse(s);
    const m = this.meta;
    const out: Violation[] = [];
    for (const x of a.stmts) {
      if (x.kind === 'header' && x.noSpace) out.push(found(m, 'noSpace', x.l));
      else if (x.kind === 'close' && x.unmatched) out.push(found(m, 'unmatched', x.l));
      else if (x.kind === 'outside') out.push(found(m, 'outside', x.l, { text: x.l.text.slice(0, 60) }));
      else if (x.kind === 'noComma') out.push(found(m, 'noComma', x.l, { text: x.l.text.slice(0, 60) }));
    }
    if (a.open !== 0) out.push(found(m, 'unbalanced', { no: a.lineCount, col: 1 }, { open: a.open }, []));
    return out;
  },
};

export const commentInclude: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-comment-include',
    title: t('"# include" is a comment', '「# include」はコメント'),
    severity: 'medium',
    description: t('With a space after "#", an include line is a comment: nothing is included, and rules the profile relies on (such as tunables) are missing.',
      '「#」の後に空白があると include 行はコメントになります。何も取り込まれず、プロファイルが頼る定義 (tunables など) が欠けます。'),
    remediation: t('Write #include <...> (no space) or include <...>.', '#include <...> (空白なし) か include <...> と書いてください。'),
    messages: { comment: same('"# include" with a space is a comment, so nothing is included') },
  },
  params: none,
  check(s) {
    return analyse(s).commentIncludes.map((no) => found(this.meta, 'comment', { no, col: 1 }));
  },
};

export const variable: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-variable',
    title: t('Variable used but not defined', '未定義の変数'),
    severity: 'high',
    description: t('A @{VARIABLE} the profile neither defines nor includes (usually from <tunables/global>): the parser refuses the profile.',
      'プロファイルが定義も取り込みもしていない @{変数} (通常は <tunables/global> から)。パーサーが拒否します。'),
    remediation: t('Add #include <tunables/global> before the profile, or define the variable.', 'プロファイルの前に #include <tunables/global> を追加するか、変数を定義してください。'),
    messages: { undefined: same('@{{name}} is used but never defined (add #include <tunables/global>)') },
  },
  params: none,
  check(s) {
    const a = analyse(s);
    if (a.hasTunables) return [];
    const defined = new Set<string>();
    const out: Violation[] = [];
    for (const x of a.stmts) {
      if (x.kind === 'def') { defined.add(/^@\{(\w+)\}/.exec(x.l.text)![1]!); continue; }
      for (const use of x.l.text.matchAll(/@\{(\w+)\}/g)) {
        if (!defined.has(use[1]!)) out.push(found(this.meta, 'undefined', x.l, { name: use[1]! }));
      }
    }
    return out;
  },
};

export const newerAbi: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-newer-abi',
    title: t('Rule needs AppArmor 4', 'AppArmor 4 が必要なルール'),
    severity: 'low',
    description: t('abi <abi/4.0> and userns rules need AppArmor 4; nodes with AppArmor 3 refuse the profile.',
      'abi <abi/4.0> と userns ルールには AppArmor 4 が必要です。AppArmor 3 のノードはプロファイルを拒否します。'),
    remediation: t('Nodes with AppArmor 3 reject it; check the node version.', 'AppArmor 3 のノードでは拒否されます。'),
    messages: {
      abi: same('abi <abi/4.0> needs AppArmor 4 on the node'),
      userns: same('"userns," needs AppArmor 4 on the node'),
    },
  },
  params: none,
  check(s) {
    const out: Violation[] = [];
    for (const x of analyse(s).stmts) {
      if (x.kind === 'include' && /abi\/4/.test(x.l.text)) out.push(found(this.meta, 'abi', x.l));
      else if (x.kind === 'rule' && x.word === 'userns') out.push(found(this.meta, 'userns', x.l));
    }
    return out;
  },
};

export const duplicateProfile: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-duplicate-profile',
    title: t('Profile name defined twice', 'プロファイル名の重複'),
    severity: 'high',
    description: t('Two profiles with one name: the parser refuses the file, or the later definition replaces the earlier one.',
      '同じ名前のプロファイルが 2 つあります。パーサーがファイルを拒否するか、後の定義が前の定義を置き換えます。'),
    remediation: t('Give each profile a unique name.', '各プロファイルに一意の名前を付けてください。'),
    messages: { twice: same('profile "{name}" is also defined at line {line}') },
  },
  params: none,
  check(s) {
    const seen = new Map<string, number>();
    const out: Violation[] = [];
    for (const x of stmtsOf(analyse(s), 'header')) {
      if (x.name === null) continue;
      const line = seen.get(x.name);
      if (line !== undefined) out.push(found(this.meta, 'twice', x.l, { name: x.name, line }));
      seen.set(x.name, x.l.no);
    }
    return out;
  },
};

export const flags: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-flags',
    title: t('Unknown profile flag', '未知のプロファイルフラグ'),
    severity: 'high',
    description: t('A flag in flags=(…) that AppArmor does not know: the parser refuses the profile.',
      'flags=(…) の中の AppArmor が知らないフラグ。パーサーがプロファイルを拒否します。'),
    remediation: t('Valid flags include attach_disconnected, mediate_deleted, complain, enforce, audit, chroot_relative, namespace_relative.', 'attach_disconnected などの有効なフラグを使ってください。'),
    messages: { unknown: same('unknown profile flag "{flag}"') },
  },
  params: none,
  check(s) {
    return stmtsOf(analyse(s), 'header').flatMap((x) => x.flags.filter((f) => !FLAGS.includes(f)).map((flag) => found(this.meta, 'unknown', x.l, { flag })));
  },
};

export const attachDisconnected: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-attach-disconnected',
    title: t('Container profile without attach_disconnected', 'attach_disconnected の無いコンテナー用プロファイル'),
    severity: 'medium',
    description: t('Paths in a container are often disconnected from the host\'s mount namespace; without attach_disconnected AppArmor denies them as disconnected paths.',
      'コンテナー内のパスはホストのマウント名前空間から切り離されていることが多く、attach_disconnected が無いと AppArmor はそれらを拒否します。'),
    remediation: t('Add flags=(attach_disconnected,mediate_deleted): container paths are often disconnected from the host namespace.', 'flags=(attach_disconnected,mediate_deleted) を追加してください。'),
    messages: { missing: same('no attach_disconnected flag: paths outside the container mount namespace are denied and show up as disconnected-path errors') },
  },
  params: none,
  check(s) {
    const a = analyse(s);
    return a.profiles > 0 && !a.attachDisconnected ? [found(this.meta, 'missing', { no: a.firstProfileLine ?? 1, col: 1 }, {}, [])] : [];
  },
};

export const noFileRules: Rule<AppArmorSubject> = {
  meta: {
    id: 'apparmor-no-file-rules',
    title: t('No file rules: the container cannot read its own binaries', 'ファイルルールが無い'),
    severity: 'medium',
    description: t('AppArmor profiles are allow-lists: a profile without file rules lets the container read and run none of its own files.',
      'AppArmor プロファイルは許可リストです。ファイルルールが無いと、コンテナーは自分のファイルを読むことも実行することもできません。'),
    remediation: t('Add file rules (file, or explicit paths); AppArmor profiles are allow-lists.', 'ファイルルールを追加してください。AppArmor は許可リストです。'),
    messages: { none: same('no file rules: the container cannot read or run its own files') },
  },
  params: none,
  check(s) {
    const a = analyse(s);
    return a.profiles > 0 && a.fileRules === 0 ? [found(this.meta, 'none', { no: 1, col: 1 }, {}, [])] : [];
  },
};
