// Syscalls a container runtime makes after installing the filter and before the program's own first call: never in an app's trace.

/**
 * runc (Go) loads the filter, then still syncs with its parent over a pipe, drops capabilities,
 * changes uid/gid and calls execve; the Go runtime adds futex/signal/scheduler calls around that.
 * From moby/moby#22252's list plus the Go runtime calls runc's init is known to make, plus getcwd: since the
 * CVE-2024-21626 fix (runc 1.1.12, backported to Debian's 1.1.5) runc checks its working directory after loading
 * the filter, and fails "failed to verify if current working directory is safe" without it (test/node).
 */
const RUNC = [
  'capget', 'capset', 'chdir', 'close', 'epoll_ctl', 'epoll_pwait', 'execve', 'exit_group', 'fchdir', 'fchown', 'getcwd',
  'fcntl', 'fstat', 'fstatfs', 'futex', 'getdents64', 'getpid', 'getppid', 'gettid', 'lstat', 'madvise', 'mmap',
  'munmap', 'nanosleep', 'newfstatat', 'openat', 'prctl', 'read', 'rt_sigaction', 'rt_sigprocmask', 'rt_sigreturn',
  'sched_yield', 'setgid', 'setgroups', 'setresgid', 'setresuid', 'setuid', 'sigaltstack', 'stat', 'tgkill', 'write',
];
/** crun (C) does the same steps without a language runtime around them. */
const CRUN = [
  'capget', 'capset', 'chdir', 'close', 'execve', 'exit_group', 'fchdir', 'fstat', 'getpid', 'newfstatat', 'openat',
  'prctl', 'read', 'rt_sigprocmask', 'setgid', 'setgroups', 'setresgid', 'setresuid', 'setuid', 'write',
];
/** Never visible in a short trace yet needed by any program: leaving and restarted calls after signals. */
export const ALWAYS = ['execve', 'exit', 'exit_group', 'restart_syscall', 'rt_sigreturn'];

export type RuntimeBase = 'runc' | 'crun' | 'none';
export function runtimeBase(kind: RuntimeBase): string[] {
  return kind === 'runc' ? RUNC : kind === 'crun' ? CRUN : [];
}
