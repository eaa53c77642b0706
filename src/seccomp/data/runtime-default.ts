// The Docker / containerd RuntimeDefault seccomp allow-list, written by mamori from moby/profiles seccomp/default.json (2026-05) as described in the project spec.
// Not a verbatim copy: block 0 (unconditional allows) in full, the conditional blocks reduced to "name -> condition".

export const RUNTIME_DEFAULT_VERSION = 'moby/profiles seccomp/default.json, 2026-05 (containerd ships the same list)';

/** Allowed on every arch without conditions (block 0 of default.json). */
export const RUNTIME_DEFAULT_ALLOW: readonly string[] = `
accept accept4 access adjtimex alarm bind brk cachestat capget capset chdir chmod chown chown32 clock_adjtime
clock_adjtime64 clock_getres clock_getres_time64 clock_gettime clock_gettime64 clock_nanosleep clock_nanosleep_time64
close close_range connect copy_file_range creat dup dup2 dup3 epoll_create epoll_create1 epoll_ctl epoll_ctl_old
epoll_pwait epoll_pwait2 epoll_wait epoll_wait_old eventfd eventfd2 execve execveat exit exit_group faccessat
faccessat2 fadvise64 fadvise64_64 fallocate fanotify_mark fchdir fchmod fchmodat fchmodat2 fchown fchown32 fchownat
fcntl fcntl64 fdatasync fgetxattr flistxattr flock fork fremovexattr fsetxattr fstat fstat64 fstatat64 fstatfs
fstatfs64 fsync ftruncate ftruncate64 futex futex_requeue futex_time64 futex_wait futex_waitv futex_wake futimesat
getcpu getcwd getdents getdents64 getegid getegid32 geteuid geteuid32 getgid getgid32 getgroups getgroups32
getitimer getpeername getpgid getpgrp getpid getppid getpriority getrandom getresgid getresgid32 getresuid
getresuid32 getrlimit get_robust_list getrusage getsid getsockname getsockopt get_thread_area gettid gettimeofday
getuid getuid32 getxattr getxattrat inotify_add_watch inotify_init inotify_init1 inotify_rm_watch io_cancel ioctl
io_destroy io_getevents io_pgetevents io_pgetevents_time64 ioprio_get ioprio_set io_setup io_submit ipc kill
landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown lchown32 lgetxattr link linkat listen
listmount listxattr listxattrat llistxattr _llseek lremovexattr lseek lsetxattr lstat lstat64 madvise
map_shadow_stack membarrier memfd_create memfd_secret mincore mkdir mkdirat mknod mknodat mlock mlock2 mlockall mmap
mmap2 mprotect mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedreceive_time64 mq_timedsend
mq_timedsend_time64 mq_unlink mremap mseal msgctl msgget msgrcv msgsnd msync munlock munlockall munmap
name_to_handle_at nanosleep newfstatat _newselect open openat openat2 pause pidfd_open pidfd_send_signal pipe pipe2
pkey_alloc pkey_free pkey_mprotect poll ppoll ppoll_time64 prctl pread64 preadv preadv2 prlimit64 process_mrelease
pselect6 pselect6_time64 pwrite64 pwritev pwritev2 read readahead readlink readlinkat readv recv recvfrom recvmmsg
recvmmsg_time64 recvmsg remap_file_pages removexattr removexattrat rename renameat renameat2 restart_syscall rmdir
rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigreturn rt_sigsuspend rt_sigtimedwait
rt_sigtimedwait_time64 rt_tgsigqueueinfo sched_getaffinity sched_getattr sched_getparam sched_get_priority_max
sched_get_priority_min sched_getscheduler sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity
sched_setattr sched_setparam sched_setscheduler sched_yield seccomp select semctl semget semop semtimedop
semtimedop_time64 send sendfile sendfile64 sendmmsg sendmsg sendto setfsgid setfsgid32 setfsuid setfsuid32 setgid
setgid32 setgroups setgroups32 setitimer setpgid setpriority setregid setregid32 setresgid setresgid32 setresuid
setresuid32 setreuid setreuid32 setrlimit set_robust_list setsid setsockopt set_thread_area set_tid_address setuid
setuid32 setxattr setxattrat shmat shmctl shmdt shmget shutdown sigaltstack signalfd signalfd4 sigprocmask
sigreturn socketcall socketpair splice stat stat64 statfs statfs64 statmount statx symlink symlinkat sync
sync_file_range syncfs sysinfo tee tgkill time timer_create timer_delete timer_getoverrun timer_gettime
timer_gettime64 timer_settime timer_settime64 timerfd_create timerfd_gettime timerfd_gettime64 timerfd_settime
timerfd_settime64 times tkill truncate truncate64 ugetrlimit umask uname unlink unlinkat uretprobe utime utimensat
utimensat_time64 utimes vfork vmsplice wait4 waitid waitpid write writev
`.trim().split(/\s+/);

/** Allowed only under a condition (arg filter, arch, capability or kernel version). */
export const RUNTIME_DEFAULT_CONDITIONAL: Readonly<Record<string, string>> = {
  socket: 'any domain except AF_ALG (38) and AF_VSOCK (40)',
  personality: 'only the values 0, 0x8, 0x20000, 0x20008, 0xffffffff',
  clone: 'only without namespace flags (mask 0x7e020000), unless CAP_SYS_ADMIN',
  clone3: 'returns ENOSYS unless CAP_SYS_ADMIN (glibc falls back to clone)',
  arch_prctl: 'amd64 and x32 only',
  modify_ldt: 'amd64, x32 and x86 only',
  ptrace: 'kernel >= 4.8, or CAP_SYS_PTRACE',
  process_vm_readv: 'kernel >= 4.8, or CAP_SYS_PTRACE',
  process_vm_writev: 'kernel >= 4.8, or CAP_SYS_PTRACE',
  kcmp: 'CAP_SYS_PTRACE', pidfd_getfd: 'CAP_SYS_PTRACE', process_madvise: 'CAP_SYS_PTRACE',
  bpf: 'CAP_SYS_ADMIN or CAP_BPF', perf_event_open: 'CAP_SYS_ADMIN or CAP_PERFMON',
  fanotify_init: 'CAP_SYS_ADMIN', fsconfig: 'CAP_SYS_ADMIN', fsmount: 'CAP_SYS_ADMIN', fsopen: 'CAP_SYS_ADMIN',
  fspick: 'CAP_SYS_ADMIN', lookup_dcookie: 'CAP_SYS_ADMIN', mount: 'CAP_SYS_ADMIN', mount_setattr: 'CAP_SYS_ADMIN',
  move_mount: 'CAP_SYS_ADMIN', open_tree: 'CAP_SYS_ADMIN', quotactl: 'CAP_SYS_ADMIN', quotactl_fd: 'CAP_SYS_ADMIN',
  setdomainname: 'CAP_SYS_ADMIN', sethostname: 'CAP_SYS_ADMIN', setns: 'CAP_SYS_ADMIN', umount: 'CAP_SYS_ADMIN',
  umount2: 'CAP_SYS_ADMIN', unshare: 'CAP_SYS_ADMIN', syslog: 'CAP_SYS_ADMIN or CAP_SYSLOG',
  reboot: 'CAP_SYS_BOOT', chroot: 'CAP_SYS_CHROOT', delete_module: 'CAP_SYS_MODULE', init_module: 'CAP_SYS_MODULE',
  finit_module: 'CAP_SYS_MODULE', acct: 'CAP_SYS_PACCT', iopl: 'CAP_SYS_RAWIO', ioperm: 'CAP_SYS_RAWIO',
  settimeofday: 'CAP_SYS_TIME', stime: 'CAP_SYS_TIME', clock_settime: 'CAP_SYS_TIME', clock_settime64: 'CAP_SYS_TIME',
  vhangup: 'CAP_SYS_TTY_CONFIG', get_mempolicy: 'CAP_SYS_NICE', mbind: 'CAP_SYS_NICE', set_mempolicy: 'CAP_SYS_NICE',
  set_mempolicy_home_node: 'CAP_SYS_NICE', open_by_handle_at: 'CAP_DAC_READ_SEARCH',
};
