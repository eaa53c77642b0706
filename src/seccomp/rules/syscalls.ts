// Seccomp lint rules about syscall names: unknown, repeated or conflicting, missing essentials, dangerous ones allowed.
import { z } from 'zod';
import { t, type Rule, type Violation } from '../../core/rule.js';
import { analyse, found, formatPath, same, type SeccompSubject } from './subject.js';

const ESSENTIAL = ['exit_group', 'exit', 'rt_sigreturn', 'restart_syscall', 'execve', 'futex', 'brk', 'mmap', 'mprotect', 'munmap', 'set_tid_address'];
const DANGEROUS = new Set(['mount', 'umount', 'umount2', 'pivot_root', 'unshare', 'setns', 'clone3', 'bpf', 'perf_event_open', 'ptrace', 'process_vm_readv', 'process_vm_writev', 'kexec_load', 'kexec_file_load', 'init_module', 'finit_module', 'delete_module', 'keyctl', 'add_key', 'request_key', 'userfaultfd', 'open_by_handle_at', 'io_uring_setup', 'io_uring_enter', 'io_uring_register', 'fanotify_init', 'swapon', 'swapoff', 'reboot', 'settimeofday', 'clock_settime', 'adjtimex', 'acct', 'iopl', 'ioperm', 'syslog', 'quotactl', 'lookup_dcookie', 'vhangup', 'modify_ldt', 'chroot', 'fsopen', 'fsmount', 'move_mount', 'open_tree']);

export const unknownSyscall: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-unknown-syscall',
    title: t('Unknown syscall name (runc skips it)', '未知の syscall 名 (runc は黙って無視)'),
    severity: 'medium',
    description: t('A name that is a syscall on no architecture mamori knows, usually a typo: runc skips unknown names, so the rule protects nothing.',
      'mamori が知るどのアーキテクチャにも無い syscall 名で、多くは綴りの誤りです。runc は未知の名前を飛ばすため、ルールは何も守りません。'),
    remediation: t('Fix the name; runc ignores unknown names, so the rule silently protects nothing.', '名前を直してください。runc は未知の名前を無視するため、ルールは何も守りません。'),
    messages: { unknown: same('"{name}" is not a syscall on any architecture mamori knows{hint}; runc skips it silently') },
  },
  params: z.object({}),
  check(s) {
    const out: Violation[] = [];
    for (const r of analyse(s).rules) {
      for (const n of r.names) {
        if (s.facts.isKnownSyscall(n.name)) continue;
        const near = s.facts.nearestSyscall(n.name);
        out.push(found(this.meta, 'unknown', n.path, n.node, { name: n.name, hint: near ? ` (did you mean "${near}"?)` : '' }));
      }
    }
    return out;
  },
};

export const conflictingRules: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-conflicting-rules',
    title: t('Same syscall with different actions', '同じ syscall に異なるアクション'),
    severity: 'medium',
    description: t('Two unconditional rules give one syscall different actions; which one wins depends on libseccomp\'s rule order, not on the profile.',
      '条件なしの 2 つのルールが同じ syscall に異なるアクションを与えています。どちらが効くかはプロファイルではなく libseccomp のルール順で決まります。'),
    remediation: t('Keep one unconditional rule per syscall.', '条件なしのルールは syscall ごとに 1 つにしてください。'),
    messages: { conflict: same('"{name}" is {action} here but {prevAction} at {prevPath}; the outcome depends on libseccomp\'s rule order') },
  },
  params: z.object({}),
  check(s) {
    return analyse(s).repeats.filter((x) => x.prev.action !== x.action).map((x) => found(this.meta, 'conflict', x.ref.path, x.ref.node, {
      name: x.ref.name, action: x.action, prevAction: x.prev.action, prevPath: formatPath(x.prev.path),
    }));
  },
};

export const duplicateSyscall: Rule<SeccompSubject> = {
  meta: {
    id: 'seccomp-duplicate-syscall',
    title: t('Same syscall listed twice', '同じ syscall の重複'),
    severity: 'low',
    description: t('A syscall named twice in one rule, or in two unconditional rules with the same action: harmless, but it hides what the profile allows.',
      '1 つのルールで 2 回、または同じアクションの条件なしルール 2 つで挙げられた syscall。害はありませんが、許可内容が読みにくくなります。'),
    remediation: t('Remove the duplicate.', '重複を削除してください。'),
    messages: {
      inRule: same('"{name}" is listed twice in this rule'),
      again: same('"{name}" already has the same action at {prevPath}'),
    },
  },
  params: z.object({}),
  check(s) {
    const a = analyse(s);
    const out: Violation[] = [];
    for (const r of a.rules) {
      const seen = new Set<string>();
      for (const n of r.names) {
        if (seen.has(n.name)) out.push(found(this.meta, 'inRule', n.path, n.node, { name: n.name }));
        seen.add(n.name);
      }
    }
    for (const x of a.repeats) {
      if (x.prev.action === x.action) out.push(found(this.meta, 'again', x.ref.path, x.ref.node, { name: x.ref.name, prevPath: formatPath(x.prev.path) }));
    }
    return out;
  },
};

export const missingEssential: Rule<SeccompSubject, ReturnType<typeof essentialParams>> = {
  meta: {
    id: 'seccomp-missing-essential',
    title: t('Allow-list misses syscalls every container needs', '必須 syscall が許可リストに無い'),
    severity: 'medium',
    description: t('An allow-list profile that does not allow the syscalls every process makes to start and exit (and arch_prctl on x86_64): most containers fail to start under it.',
      'プロセスの起動と終了に必ず使う syscall (x86_64 では arch_prctl も) を許可していない許可リスト型プロファイル。ほとんどのコンテナーが起動できません。'),
    remediation: t('Add them (mamori seccomp generate adds the runtime base set).', '追加してください (mamori seccomp generate はランタイムの基本セットを加えます)。'),
    messages: { lacks: same('allow-list lacks {names}: most containers fail to start or exit without them') },
  },
  params: essentialParams(),
  check(s, p) {
    const a = analyse(s);
    if (!a.defaultAction || a.defaultAction === 'SCMP_ACT_ALLOW' || a.defaultAction === 'SCMP_ACT_LOG') return [];
    const missing = p.essential.filter((n) => !a.allowedUncond.has(n));
    if (a.arches.includes('x86_64') && !a.allowedUncond.has('arch_prctl')) missing.push('arch_prctl');
    return missing.length ? [found(this.meta, 'lacks', ['syscalls'], a.rulesNode ?? a.root, { names: missing.join(', ') })] : [];
  },
};

function essentialParams() {
  return z.object({
    essential: z.array(z.string().min(1)).default(ESSENTIAL)
      .describe('syscalls an allow-list must allow unconditionally (arch_prctl is added on x86_64)'),
  });
}

export const dangerousSyscall: Rule<SeccompSubject, ReturnType<typeof dangerousParams>> = {
  meta: {
    id: 'seccomp-dangerous-syscall',
    title: t('Dangerous syscall allowed unconditionally', '危険な syscall を無条件に許可'),
    severity: 'medium',
    description: t('The profile allows, without argument conditions, a syscall RuntimeDefault refuses (mount, bpf, ptrace, kexec_load, …): it is less strict than the runtime\'s own default.',
      'RuntimeDefault が拒否する syscall (mount・bpf・ptrace・kexec_load など) を引数条件なしで許可しています。ランタイム既定より緩いプロファイルです。'),
    remediation: t('Remove it, or restrict it with an argument filter; RuntimeDefault refuses it.', '削除するか引数で制限してください。RuntimeDefault は拒否しています。'),
    messages: { allowed: same('"{name}" is allowed unconditionally; RuntimeDefault refuses it (less strict than RuntimeDefault)') },
  },
  params: dangerousParams(),
  check(s, p) {
    const a = analyse(s);
    if (a.defaultAction === 'SCMP_ACT_ALLOW') return [];
    const accepted = new Set(p.allow);
    const names = [...a.allowedUncond].filter((n) => DANGEROUS.has(n) && !s.facts.runtimeDefaultAllow.has(n) && !accepted.has(n)).sort();
    return names.map((n) => {
      const u = a.unconditional.get(n)!;
      return found(this.meta, 'allowed', u.path, u.node, { name: n });
    });
  },
};

function dangerousParams() {
  return z.object({
    allow: z.array(z.string().min(1)).default([])
      .describe('dangerous syscalls your workloads need without conditions; the rule does not report them'),
  });
}
