// Seccomp lint rules about actions: the default action, rules that repeat it, notify, and errno values.
import { z } from 'zod';
import { t, type Rule, type Violation } from '../../core/rule.js';
import type { Path } from '../../core/path.js';
import { type JNode, get, nodeBigInt } from '../json-lossless.js';
import { ACTIONS } from '../profile.js';
import { nearestOf } from '../nearest.js';
import { analyse, didYouMean, formatPath, found, same, type SeccompSubject } from './subject.js';

const isAction = (a: string | null): a is string => a !== null && (ACTIONS as readonly string[]).includes(a);
const FLAGS = ['SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_LOG', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW', 'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV'];

export const defaultAction: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-default-action',
    title: t('defaultAction missing or invalid', 'defaultAction が無いか不正'),
    severity: 'high',
    description: t('The profile\'s defaultAction, and each rule\'s action, must be one of the SCMP_ACT_* actions; runtimes refuse a profile without one.',
      'プロファイルの defaultAction と各ルールの action は SCMP_ACT_* のいずれかでなければなりません。無いプロファイルはランタイムが拒否します。'),
    remediation: t('Set defaultAction to one of the SCMP_ACT_* actions, normally SCMP_ACT_ERRNO.', 'defaultAction に SCMP_ACT_ERRNO などの有効なアクションを指定してください。'),
    messages: {
      missing: same('defaultAction is missing; every runtime refuses such a profile'),
      invalid: same('defaultAction "{action}" is not a seccomp action{hint}'),
      notString: same('defaultAction is not a string and is not a seccomp action'),
      ruleInvalid: same('rule action "{action}" is not a seccomp action{hint}'),
      ruleNotString: same('rule action is not a seccomp action'),
      ruleMissing: same('rule action is missing'),
    },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    const m = this.meta;
    const out: Violation[] = [];
    if (!a.da) out.push(found(m, 'missing', ['defaultAction'], a.root));
    else if (!a.defaultAction) out.push(found(m, 'notString', ['defaultAction'], a.da));
    else if (!isAction(a.defaultAction)) out.push(found(m, 'invalid', ['defaultAction'], a.da, { action: a.defaultAction, hint: didYouMean(nearestOf(a.defaultAction, ACTIONS)) }));
    for (const r of a.rules) {
      if (isAction(r.action)) continue;
      const path: Path = [...r.base, 'action'];
      if (!r.actionNode) out.push(found(m, 'ruleMissing', path, r.node));
      else if (!r.action) out.push(found(m, 'ruleNotString', path, r.actionNode));
      else out.push(found(m, 'ruleInvalid', path, r.actionNode, { action: r.action, hint: didYouMean(nearestOf(r.action, ACTIONS)) }));
    }
    return out;
  },
};

export const denylist: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-denylist',
    title: t('Deny-list profile (defaultAction allows)', '拒否リスト型プロファイル (既定で許可)'),
    severity: 'low',
    description: t('With defaultAction SCMP_ACT_ALLOW the profile only refuses what it names; every syscall a newer kernel adds is allowed.',
      'defaultAction が SCMP_ACT_ALLOW だと、名前を挙げたものだけを拒否します。新しいカーネルが追加する syscall はすべて許可されます。'),
    remediation: t('Prefer an allow-list (defaultAction SCMP_ACT_ERRNO): new kernels add syscalls a deny-list allows.', '許可リスト型 (defaultAction SCMP_ACT_ERRNO) を推奨します。新しいカーネルの syscall が許可されてしまいます。'),
    messages: { allow: same('defaultAction SCMP_ACT_ALLOW makes a deny-list: every syscall not named, including ones newer kernels add, is allowed') },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    return a.defaultAction === 'SCMP_ACT_ALLOW' ? [found(this.meta, 'allow', ['defaultAction'], a.da)] : [];
  },
};

export const defaultActionWeak: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-default-action-weak',
    title: t('Default action that does not enforce or only kills a thread', '強制しない、またはスレッドのみを止める既定アクション'),
    severity: 'low',
    description: t('SCMP_ACT_LOG as the default only logs; SCMP_ACT_KILL and SCMP_ACT_KILL_THREAD stop the calling thread and can leave a process half-alive.',
      '既定の SCMP_ACT_LOG は記録するだけです。SCMP_ACT_KILL と SCMP_ACT_KILL_THREAD は呼び出したスレッドだけを止め、プロセスが中途半端に残ることがあります。'),
    remediation: t('Use SCMP_ACT_ERRNO (or KILL_PROCESS) once the LOG profile has been exercised.', 'LOG で確認後は SCMP_ACT_ERRNO (または KILL_PROCESS) にしてください。'),
    messages: {
      log: same('defaultAction SCMP_ACT_LOG only logs: the profile does not enforce anything (fine while recording)'),
      thread: same('{action} kills only the calling thread and can leave a process half-alive; prefer SCMP_ACT_KILL_PROCESS'),
    },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    if (a.defaultAction === 'SCMP_ACT_LOG') return [found(this.meta, 'log', ['defaultAction'], a.da)];
    if (a.defaultAction === 'SCMP_ACT_KILL' || a.defaultAction === 'SCMP_ACT_KILL_THREAD') return [found(this.meta, 'thread', ['defaultAction'], a.da, { action: a.defaultAction }, 'medium')];
    return [];
  },
};

export const notify: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-notify',
    title: t('Invalid SCMP_ACT_NOTIFY or flags use', 'SCMP_ACT_NOTIFY や flags の誤用'),
    severity: 'high',
    description: t('SCMP_ACT_NOTIFY hands a syscall to an agent: it needs listenerPath, cannot be the default action and must not cover write; flags must be SECCOMP_FILTER_FLAG_* names.',
      'SCMP_ACT_NOTIFY は syscall をエージェントに渡します。listenerPath が必要で、既定アクションにはできず、write には使えません。flags は SECCOMP_FILTER_FLAG_* の名前にしてください。'),
    remediation: t('NOTIFY needs listenerPath, never as defaultAction or on write; flags must be SECCOMP_FILTER_FLAG_*.', 'NOTIFY には listenerPath が必要で、defaultAction や write には使えません。'),
    messages: {
      asDefault: same('SCMP_ACT_NOTIFY cannot be the default action (runc refuses it)'),
      flag: same('unknown flag{value}; valid: {valid}'),
      metadata: same('listenerMetadata without listenerPath'),
      onWrite: same('SCMP_ACT_NOTIFY on write can deadlock the agent; runc refuses it'),
      noListener: same('SCMP_ACT_NOTIFY rules need listenerPath (the agent socket)'),
    },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    const m = this.meta;
    const out: Violation[] = [];
    if (a.defaultAction === 'SCMP_ACT_NOTIFY') out.push(found(m, 'asDefault', ['defaultAction'], a.da));
    const flags = get(a.root, 'flags');
    if (flags?.type === 'array') {
      for (const f of flags.items) {
        if (f.type !== 'string' || !FLAGS.includes(f.value)) out.push(found(m, 'flag', ['flags'], f, { value: f.type === 'string' ? ` "${f.value}"` : '', valid: FLAGS.join(', ') }));
      }
    }
    const listenerPath = get(a.root, 'listenerPath');
    const metadata = get(a.root, 'listenerMetadata');
    if (metadata && !listenerPath) out.push(found(m, 'metadata', ['listenerMetadata'], metadata));
    const notifying = a.rules.filter((r) => r.action === 'SCMP_ACT_NOTIFY');
    for (const r of notifying) if (r.names.some((n) => n.name === 'write')) out.push(found(m, 'onWrite', [...r.base, 'action'], r.actionNode));
    if (notifying.length > 0 && !listenerPath) out.push(found(m, 'noListener', ['listenerPath'], a.root));
    return out;
  },
};

export const redundantRule: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-redundant-rule',
    title: t('Rule action equals defaultAction (runc skips it)', 'ルールのアクションが defaultAction と同じ'),
    severity: 'low',
    description: t('A rule without argument conditions whose action is the default action changes nothing; runc skips it, and a reader may think it does something.',
      '引数条件が無く、アクションが既定アクションと同じルールは何も変えません。runc はそれを飛ばしますが、読む人は効果があると誤解します。'),
    remediation: t('Remove the rule or change its action.', 'ルールを削除するかアクションを変えてください。'),
    messages: { same: same('action {action} equals defaultAction; runc skips this rule') },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    return a.rules.filter((r) => r.action && r.action === a.defaultAction && !get(r.node, 'args'))
      .map((r) => found(this.meta, 'same', [...r.base, 'action'], r.actionNode, { action: r.action! }));
  },
};

export const errno: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-errno',
    title: t('Invalid errno settings', 'errno の指定が不正'),
    severity: 'high',
    description: t('errnoRet and defaultErrnoRet take an errno number 1..4095 and only go with SCMP_ACT_ERRNO or SCMP_ACT_TRACE; 0 makes a refused call look successful.',
      'errnoRet と defaultErrnoRet は 1〜4095 の errno 番号で、SCMP_ACT_ERRNO か SCMP_ACT_TRACE とだけ組み合わせます。0 は拒否した呼び出しを成功に見せます。'),
    remediation: t('errnoRet only with SCMP_ACT_ERRNO or SCMP_ACT_TRACE, value 0..4095.', 'errnoRet は SCMP_ACT_ERRNO / SCMP_ACT_TRACE でのみ、0〜4095 で指定してください。'),
    messages: {
      negative: same('{path} must be a non-negative integer'),
      tooLarge: same('{path} {value} is above 4095, not an errno'),
      zero: same('{path} 0 makes the call report success without running it'),
      wrongAction: same('{path} is set but the action is {action}; runtimes refuse errno values for other actions'),
      errnoName: same('defaultErrno must be an errno name such as "ENOSYS"'),
      both: same('defaultErrno and defaultErrnoRet are both set'),
      eperm: same('default ERRNO returns EPERM; consider defaultErrnoRet 38 (ENOSYS) so libcs fall back when a newer syscall is refused'),
    },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    const m = this.meta;
    const out: Violation[] = [];
    const check = (ret: JNode | undefined, action: string | null, path: Path): void => {
      if (!ret) return;
      const at = formatPath(path);
      const v = nodeBigInt(ret);
      if (v === null || v < 0n) out.push(found(m, 'negative', path, ret, { path: at }));
      else if (v > 4095n) out.push(found(m, 'tooLarge', path, ret, { path: at, value: String(v) }));
      else if (v === 0n) out.push(found(m, 'zero', path, ret, { path: at }, 'low'));
      if (action && action !== 'SCMP_ACT_ERRNO' && action !== 'SCMP_ACT_TRACE') out.push(found(m, 'wrongAction', path, ret, { path: at, action }));
    };
    const defaultRet = get(a.root, 'defaultErrnoRet');
    check(defaultRet, a.defaultAction, ['defaultErrnoRet']);
    const defErrno = get(a.root, 'defaultErrno');
    if (defErrno) {
      if (defErrno.type !== 'string' || !s.facts.errnoNames.includes(defErrno.value)) out.push(found(m, 'errnoName', ['defaultErrno'], defErrno));
      if (defaultRet) out.push(found(m, 'both', ['defaultErrno'], defErrno));
    }
    if (a.defaultAction === 'SCMP_ACT_ERRNO' && !defaultRet && !defErrno) out.push(found(m, 'eperm', ['defaultErrnoRet'], a.da, {}, 'low'));
    for (const r of a.rules) check(get(r.node, 'errnoRet'), r.action, [...r.base, 'errnoRet']);
    return out;
  },
};
