// Lints seccomp profiles against the spec's rules, for the runtime that will load them (containerd drops Docker-only keys silently).
import type { Lang } from '../core/report.js';
import { type JNode, get, getEntry, nodeBigInt } from './json-lossless.js';
import { ACTIONS, OPS, type LoadedProfile } from './profile.js';
import { type RawFinding, rule, type LintRule } from './report.js';
import { GO_ARCHES, SCMP_ARCHES, existsOn, fromScmpArch, isKnownSyscall, nearestOf, nearestSyscall, type Arch } from './syscall-table.js';
import { RUNTIME_DEFAULT_ALLOW } from './data/runtime-default.js';
import { ERRNO } from './ops.js';
import { CAPABILITIES } from '../apparmor/lint.js';

export type Runtime = 'containerd' | 'cri-o' | 'docker';

export const SECCOMP_RULES: LintRule[] = [
  rule('seccomp-default-action', 'high', 'defaultAction missing or invalid', 'defaultAction が無いか不正', 'Set defaultAction to one of the SCMP_ACT_* actions, normally SCMP_ACT_ERRNO.', 'defaultAction に SCMP_ACT_ERRNO などの有効なアクションを指定してください。'),
  rule('seccomp-unknown-key', 'high', 'Key the runtime ignores', 'ランタイムが無視するキー', 'Fix the spelling; runtimes ignore unknown keys without a word.', 'キーの綴りを直してください。ランタイムは未知のキーを黙って無視します。'),
  rule('seccomp-rule-names', 'high', 'Rule without syscall names, or with both name and names', 'syscall 名の無いルール、または name と names の併用', 'Give each rule a non-empty names list (and not also name).', '各ルールに空でない names を指定し、name と併用しないでください。'),
  rule('seccomp-legacy-name', 'medium', 'Legacy name field', '旧形式の name フィールド', 'Use names: ["..."]; containerd ignores name, so the rule matches nothing there.', 'names: ["..."] を使ってください。containerd は name を無視するため、ルールが何にも一致しません。'),
  rule('seccomp-docker-only-field', 'medium', 'Docker-only field on a runtime that drops it', 'ランタイムが捨てる Docker 専用フィールド', 'Expand archMap/includes/excludes into plain OCI rules for containerd (mamori seccomp convert --to oci).', 'containerd 向けには archMap/includes/excludes を OCI 形式に展開してください (mamori seccomp convert --to oci)。'),
  rule('seccomp-architecture', 'high', 'Invalid or conflicting architecture settings', 'アーキテクチャ指定が不正または矛盾', 'Use SCMP_ARCH_* names in architectures, Go names in includes/excludes arches, and not both architectures and archMap.', 'architectures には SCMP_ARCH_*、includes/excludes の arches には Go 形式の名前を使い、architectures と archMap を併用しないでください。'),
  rule('seccomp-errno', 'high', 'Invalid errno settings', 'errno の指定が不正', 'errnoRet only with SCMP_ACT_ERRNO or SCMP_ACT_TRACE, value 0..4095.', 'errnoRet は SCMP_ACT_ERRNO / SCMP_ACT_TRACE でのみ、0〜4095 で指定してください。'),
  rule('seccomp-arg-filter', 'high', 'Invalid argument filter', '引数フィルターが不正', 'index 0..5, one of the seven SCMP_CMP_* ops, values unsigned 64-bit integers.', 'index は 0〜5、op は SCMP_CMP_* の 7 種、値は 64 ビット符号なし整数にしてください。'),
  rule('seccomp-arg-or', 'medium', 'Several conditions on one argument (runc ORs them)', '同じ引数に複数条件 (runc は OR にする)', 'Split into separate rules, or use one MASKED_EQ condition; runc turns same-index conditions into OR.', 'ルールを分けるか MASKED_EQ 1 条件にしてください。runc は同じ index の条件を OR にします。'),
  rule('seccomp-notify', 'high', 'Invalid SCMP_ACT_NOTIFY or flags use', 'SCMP_ACT_NOTIFY や flags の誤用', 'NOTIFY needs listenerPath, never as defaultAction or on write; flags must be SECCOMP_FILTER_FLAG_*.', 'NOTIFY には listenerPath が必要で、defaultAction や write には使えません。'),
  rule('seccomp-unknown-syscall', 'medium', 'Unknown syscall name (runc skips it)', '未知の syscall 名 (runc は黙って無視)', 'Fix the name; runc ignores unknown names, so the rule silently protects nothing.', '名前を直してください。runc は未知の名前を無視するため、ルールは何も守りません。'),
  rule('seccomp-syscall-not-on-arch', 'low', 'Syscall absent on a listed architecture', '指定アーキテクチャに存在しない syscall', 'Nothing to do if intended; the name has no effect on that arch.', '意図どおりなら対応不要です。そのアーキテクチャでは効果がありません。'),
  rule('seccomp-conflicting-rules', 'medium', 'Same syscall with different actions', '同じ syscall に異なるアクション', 'Keep one unconditional rule per syscall.', '条件なしのルールは syscall ごとに 1 つにしてください。'),
  rule('seccomp-duplicate-syscall', 'low', 'Same syscall listed twice', '同じ syscall の重複', 'Remove the duplicate.', '重複を削除してください。'),
  rule('seccomp-redundant-rule', 'low', 'Rule action equals defaultAction (runc skips it)', 'ルールのアクションが defaultAction と同じ', 'Remove the rule or change its action.', 'ルールを削除するかアクションを変えてください。'),
  rule('seccomp-missing-essential', 'medium', 'Allow-list misses syscalls every container needs', '必須 syscall が許可リストに無い', 'Add them (mamori seccomp generate adds the runtime base set).', '追加してください (mamori seccomp generate はランタイムの基本セットを加えます)。'),
  rule('seccomp-dangerous-syscall', 'medium', 'Dangerous syscall allowed unconditionally', '危険な syscall を無条件に許可', 'Remove it, or restrict it with an argument filter; RuntimeDefault refuses it.', '削除するか引数で制限してください。RuntimeDefault は拒否しています。'),
  rule('seccomp-denylist', 'low', 'Deny-list profile (defaultAction allows)', '拒否リスト型プロファイル (既定で許可)', 'Prefer an allow-list (defaultAction SCMP_ACT_ERRNO): new kernels add syscalls a deny-list allows.', '許可リスト型 (defaultAction SCMP_ACT_ERRNO) を推奨します。新しいカーネルの syscall が許可されてしまいます。'),
  rule('seccomp-default-action-weak', 'low', 'Default action that does not enforce or only kills a thread', '強制しない、またはスレッドのみを止める既定アクション', 'Use SCMP_ACT_ERRNO (or KILL_PROCESS) once the LOG profile has been exercised.', 'LOG で確認後は SCMP_ACT_ERRNO (または KILL_PROCESS) にしてください。'),
  rule('seccomp-no-architectures', 'low', 'No architectures listed', 'architectures の指定なし', 'List the native arch and its 32-bit companion if 32-bit code may run.', '32 ビットコードが動く可能性があれば、ネイティブとその 32 ビット版を列挙してください。'),
  rule('seccomp-style', 'low', 'Unsorted or scattered rules', 'ルールの並びが未整理', 'Sort names and group them per action for reviewable diffs (mamori seccomp convert normalises).', 'レビューしやすいよう名前を整列しアクションごとにまとめてください。'),
  rule('seccomp-too-large', 'medium', 'Profile over 1 MiB', '1 MiB を超えるプロファイル', 'Shrink it; runtimes and SPO limit profile size.', '小さくしてください。'),
];

const TOP_KEYS: Record<Runtime, string[]> = {
  containerd: ['defaultAction', 'defaultErrnoRet', 'architectures', 'flags', 'listenerPath', 'listenerMetadata', 'syscalls'],
  docker: ['defaultAction', 'defaultErrnoRet', 'architectures', 'archMap', 'flags', 'listenerPath', 'listenerMetadata', 'syscalls'],
  'cri-o': ['defaultAction', 'defaultErrnoRet', 'defaultErrno', 'architectures', 'archMap', 'flags', 'listenerPath', 'listenerMetadata', 'syscalls'],
};
const RULE_KEYS: Record<Runtime, string[]> = {
  containerd: ['names', 'action', 'errnoRet', 'args'],
  docker: ['names', 'name', 'action', 'errnoRet', 'args', 'comment', 'includes', 'excludes'],
  'cri-o': ['names', 'name', 'action', 'errnoRet', 'errno', 'args', 'comment', 'includes', 'excludes'],
};
/** Keys containerd would accept on a Docker profile's rule in JSON but silently drop. */
const DOCKER_ONLY = ['name', 'comment', 'includes', 'excludes', 'archMap', 'defaultErrno', 'errno'];
const ARG_KEYS = ['index', 'value', 'valueTwo', 'op'];
const FLAGS = ['SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_LOG', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW', 'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV'];
/** Docker's includes/excludes caps spell AppArmor's capability names as CAP_NAME. */
const CAP_NAMES = CAPABILITIES.map((c) => `CAP_${c.toUpperCase()}`);
const ERRNO_NAMES = Object.keys(ERRNO);
const ESSENTIAL = ['exit_group', 'exit', 'rt_sigreturn', 'restart_syscall', 'execve', 'futex', 'brk', 'mmap', 'mprotect', 'munmap', 'set_tid_address'];
const DANGEROUS = ['mount', 'umount', 'umount2', 'pivot_root', 'unshare', 'setns', 'clone3', 'bpf', 'perf_event_open', 'ptrace', 'process_vm_readv', 'process_vm_writev', 'kexec_load', 'kexec_file_load', 'init_module', 'finit_module', 'delete_module', 'keyctl', 'add_key', 'request_key', 'userfaultfd', 'open_by_handle_at', 'io_uring_setup', 'io_uring_enter', 'io_uring_register', 'fanotify_init', 'swapon', 'swapoff', 'reboot', 'settimeofday', 'clock_settime', 'adjtimex', 'acct', 'iopl', 'ioperm', 'syslog', 'quotactl', 'lookup_dcookie', 'vhangup', 'modify_ldt', 'chroot', 'fsopen', 'fsmount', 'move_mount', 'open_tree'];
const U64_MAX = (1n << 64n) - 1n;

export interface LintOptions { runtime: Runtime; size?: number; lang?: Lang }

/** Lints one loaded profile; positions refer to the profile text it was loaded from. */
export function lintSeccomp(lp: LoadedProfile, o: LintOptions): RawFinding[] {
  const out: RawFinding[] = [];
  const at = (n: { line: number; column: number } | undefined | null) => (n ? { line: n.line, column: n.column } : null);
  const add = (ruleId: string, path: string, node: { line: number; column: number } | undefined | null, message: string, severity?: RawFinding['severity']) => {
    out.push({ rule: ruleId, path, message, at: at(node), ...(severity ? { severity } : {}) });
  };
  const root = lp.node;
  const rt = o.runtime;
  const topKeys = lp.dialect === 'spo' ? [...TOP_KEYS['cri-o'], 'baseProfileName', 'disabled'] : TOP_KEYS[rt];
  const allTop = [...new Set([...TOP_KEYS['cri-o'], 'baseProfileName', 'disabled'])];

  if (o.size !== undefined && o.size > 1024 * 1024) add('seccomp-too-large', '', root, `profile is ${o.size} bytes, over the 1 MiB limit runtimes and SPO use`);

  if (root.type === 'object') {
    const seen = new Set<string>();
    for (const e of root.entries) {
      if (seen.has(e.key)) add('seccomp-unknown-key', e.key, e.keyPos, `key "${e.key}" appears twice; runtimes keep only the last one`);
      seen.add(e.key);
      if (!topKeys.includes(e.key)) {
        if (allTop.includes(e.key) || e.key === 'archMap') {
          add('seccomp-docker-only-field', e.key, e.keyPos, `"${e.key}" is ignored by ${rt}: it loads the profile as plain OCI JSON`);
        } else {
          const s = nearestOf(e.key, allTop);
          add('seccomp-unknown-key', e.key, e.keyPos, `unknown key "${e.key}"${s ? ` (did you mean "${s}"?)` : ''}; runtimes ignore it silently`);
        }
      }
    }
  }

  const da = get(root, 'defaultAction');
  const defaultAction = da?.type === 'string' ? da.value : null;
  if (!da) add('seccomp-default-action', 'defaultAction', root, 'defaultAction is missing; every runtime refuses such a profile');
  else if (!defaultAction || !(ACTIONS as readonly string[]).includes(defaultAction)) {
    const s = defaultAction ? nearestOf(defaultAction, ACTIONS) : null;
    add('seccomp-default-action', 'defaultAction', da, `defaultAction ${defaultAction ? `"${defaultAction}"` : 'is not a string and'} is not a seccomp action${s ? ` (did you mean ${s}?)` : ''}`);
  }
  if (defaultAction === 'SCMP_ACT_ALLOW') add('seccomp-denylist', 'defaultAction', da, 'defaultAction SCMP_ACT_ALLOW makes a deny-list: every syscall not named, including ones newer kernels add, is allowed');
  if (defaultAction === 'SCMP_ACT_LOG') add('seccomp-default-action-weak', 'defaultAction', da, 'defaultAction SCMP_ACT_LOG only logs: the profile does not enforce anything (fine while recording)');
  if (defaultAction === 'SCMP_ACT_KILL' || defaultAction === 'SCMP_ACT_KILL_THREAD') add('seccomp-default-action-weak', 'defaultAction', da, `${defaultAction} kills only the calling thread and can leave a process half-alive; prefer SCMP_ACT_KILL_PROCESS`, 'medium');
  if (defaultAction === 'SCMP_ACT_NOTIFY') add('seccomp-notify', 'defaultAction', da, 'SCMP_ACT_NOTIFY cannot be the default action (runc refuses it)');

  const errnoCheck = (ret: JNode | undefined, action: string | null, path: string) => {
    if (!ret) return;
    const v = nodeBigInt(ret);
    if (v === null || v < 0n) add('seccomp-errno', path, ret, `${path} must be a non-negative integer`);
    else if (v > 4095n) add('seccomp-errno', path, ret, `${path} ${v} is above 4095, not an errno`);
    else if (v === 0n) add('seccomp-errno', path, ret, `${path} 0 makes the call report success without running it`, 'low');
    if (action && action !== 'SCMP_ACT_ERRNO' && action !== 'SCMP_ACT_TRACE') add('seccomp-errno', path, ret, `${path} is set but the action is ${action}; runtimes refuse errno values for other actions`);
  };
  errnoCheck(get(root, 'defaultErrnoRet'), defaultAction, 'defaultErrnoRet');
  const defErrno = get(root, 'defaultErrno');
  if (defErrno) {
    if (defErrno.type !== 'string' || !ERRNO_NAMES.includes(defErrno.value)) add('seccomp-errno', 'defaultErrno', defErrno, 'defaultErrno must be an errno name such as "ENOSYS"');
    if (get(root, 'defaultErrnoRet')) add('seccomp-errno', 'defaultErrno', defErrno, 'defaultErrno and defaultErrnoRet are both set');
  }
  if (defaultAction === 'SCMP_ACT_ERRNO' && !get(root, 'defaultErrnoRet') && !defErrno) {
    add('seccomp-errno', 'defaultErrnoRet', da, 'default ERRNO returns EPERM; consider defaultErrnoRet 38 (ENOSYS) so libcs fall back when a newer syscall is refused', 'low');
  }

  // Architectures.
  const archNode = get(root, 'architectures');
  const archMapNode = get(root, 'archMap');
  const arches: Arch[] = [];
  if (archNode && archMapNode) add('seccomp-architecture', 'archMap', archMapNode, 'architectures and archMap are both set; Docker refuses the profile');
  if (archNode?.type === 'array') {
    archNode.items.forEach((a, i) => {
      if (a.type !== 'string' || !(SCMP_ARCHES as readonly string[]).includes(a.value)) {
        const s = a.type === 'string' ? nearestOf(a.value, SCMP_ARCHES) : null;
        add('seccomp-architecture', `architectures[${i}]`, a, `${a.type === 'string' ? `"${a.value}"` : 'value'} is not an SCMP_ARCH_* architecture${s ? ` (did you mean ${s}?)` : ''}`);
      } else {
        const k = fromScmpArch(a.value);
        if (k) arches.push(k);
      }
    });
  } else if (archNode && archNode.type !== 'null') add('seccomp-architecture', 'architectures', archNode, 'architectures must be a list');
  if (archMapNode?.type === 'array') {
    for (const m of archMapNode.items) {
      for (const k of ['architecture', 'subArchitectures']) {
        const v = get(m, k);
        for (const s of v?.type === 'array' ? v.items : v ? [v] : []) {
          if (s.type === 'string') {
            if (!(SCMP_ARCHES as readonly string[]).includes(s.value)) add('seccomp-architecture', `archMap.${k}`, s, `"${s.value}" is not an SCMP_ARCH_* architecture`);
            else if (k === 'architecture') { const a = fromScmpArch(s.value); if (a) arches.push(a); }
          }
        }
      }
    }
  }
  if (!archNode && !archMapNode && defaultAction !== 'SCMP_ACT_ALLOW') {
    add('seccomp-no-architectures', 'architectures', root, 'no architectures listed: only the native arch is filtered and 32-bit calls hit the bad-arch action (the container may fail on 32-bit code)');
  }

  const flags = get(root, 'flags');
  if (flags?.type === 'array') for (const f of flags.items) if (f.type !== 'string' || !FLAGS.includes(f.value)) add('seccomp-notify', 'flags', f, `unknown flag${f.type === 'string' ? ` "${f.value}"` : ''}; valid: ${FLAGS.join(', ')}`);
  if (get(root, 'listenerMetadata') && !get(root, 'listenerPath')) add('seccomp-notify', 'listenerMetadata', get(root, 'listenerMetadata'), 'listenerMetadata without listenerPath');

  // Rules.
  const rulesNode = get(root, 'syscalls');
  const unconditional = new Map<string, { action: string; path: string; node: JNode }>();
  const allowedUncond = new Set<string>();
  let prevAction: string | null = null;
  let actionGroups = 0;
  let anyNotify = false;
  if (rulesNode && rulesNode.type !== 'array') add('seccomp-rule-names', 'syscalls', rulesNode, 'syscalls must be a list of rules');
  const ruleItems = rulesNode?.type === 'array' ? rulesNode.items : [];
  ruleItems.forEach((r, i) => {
    const base = `syscalls[${i}]`;
    if (r.type !== 'object') { add('seccomp-rule-names', base, r, 'a rule must be an object'); return; }
    for (const e of r.entries) {
      if (RULE_KEYS[rt].includes(e.key) || (lp.dialect === 'spo' && RULE_KEYS['cri-o'].includes(e.key))) continue;
      if (rt === 'containerd' && DOCKER_ONLY.includes(e.key)) {
        if (e.key === 'name') continue; // reported below with the stronger message
        add('seccomp-docker-only-field', `${base}.${e.key}`, e.keyPos, `"${e.key}" is ignored by containerd${e.key === 'includes' || e.key === 'excludes' ? ': the conditional rule becomes unconditional' : ''}`);
      } else {
        const s = nearestOf(e.key, RULE_KEYS['cri-o']);
        add('seccomp-unknown-key', `${base}.${e.key}`, e.keyPos, `unknown rule key "${e.key}"${s ? ` (did you mean "${s}"?)` : ''}; runtimes ignore it silently`);
      }
    }
    const actionNode = get(r, 'action');
    const action = actionNode?.type === 'string' ? actionNode.value : null;
    if (!action || !(ACTIONS as readonly string[]).includes(action)) {
      const s = action ? nearestOf(action, ACTIONS) : null;
      add('seccomp-default-action', `${base}.action`, actionNode ?? r, `rule action ${action ? `"${action}" ` : ''}${actionNode ? 'is not a seccomp action' : 'is missing'}${s ? ` (did you mean ${s}?)` : ''}`, 'high');
    }
    if (action !== prevAction) { actionGroups++; prevAction = action; }
    if (action === 'SCMP_ACT_NOTIFY') anyNotify = true;
    if (action && action === defaultAction && !get(r, 'args')) add('seccomp-redundant-rule', `${base}.action`, actionNode, `action ${action} equals defaultAction; runc skips this rule`);
    errnoCheck(get(r, 'errnoRet'), action, `${base}.errnoRet`);

    const nameEntry = getEntry(r, 'name');
    const namesNode = get(r, 'names');
    const names: Array<{ name: string; node: JNode; path: string }> = [];
    if (nameEntry && namesNode) add('seccomp-rule-names', `${base}.name`, nameEntry.keyPos, 'rule has both name and names; Docker refuses the profile');
    if (nameEntry) {
      if (rt === 'containerd') {
        add('seccomp-legacy-name', `${base}.name`, nameEntry.keyPos, `legacy "name"${nameEntry.value.type === 'string' ? ` "${nameEntry.value.value}"` : ''} is ignored by containerd: this rule matches no syscall there${namesNode ? '' : ' (and has no names, which OCI requires)'}`);
      } else {
        add('seccomp-legacy-name', `${base}.name`, nameEntry.keyPos, 'legacy "name" field: works on Docker/CRI-O but containerd ignores it; use "names"', 'low');
      }
      if (nameEntry.value.type === 'string') names.push({ name: nameEntry.value.value, node: nameEntry.value, path: `${base}.name` });
    }
    if (namesNode?.type === 'array') {
      if (namesNode.items.length === 0 && !nameEntry) add('seccomp-rule-names', `${base}.names`, namesNode, 'names is empty; OCI requires at least one');
      namesNode.items.forEach((n, j) => {
        if (n.type !== 'string' || n.value === '') add('seccomp-rule-names', `${base}.names[${j}]`, n, 'syscall name must be a non-empty string (runc: "empty string is not a valid syscall")');
        else names.push({ name: n.value, node: n, path: `${base}.names[${j}]` });
      });
      const plain = namesNode.items.filter((n): n is JNode & { type: 'string' } => n.type === 'string').map((n) => n.value);
      const sorted = [...plain].sort();
      if (plain.join('\0') !== sorted.join('\0')) add('seccomp-style', `${base}.names`, namesNode, 'names are not sorted; sorted lists give reviewable diffs');
    } else if (namesNode) add('seccomp-rule-names', `${base}.names`, namesNode, 'names must be a list of strings');
    else if (!nameEntry) add('seccomp-rule-names', base, r, 'rule has no names; OCI requires at least one');

    // Arguments.
    const argsNode = get(r, 'args');
    const indexes = new Map<string, number>();
    if (argsNode?.type === 'array') {
      argsNode.items.forEach((a, k) => {
        const ap = `${base}.args[${k}]`;
        if (a.type !== 'object') { add('seccomp-arg-filter', ap, a, 'argument condition must be an object'); return; }
        for (const e of a.entries) if (!ARG_KEYS.includes(e.key)) add('seccomp-unknown-key', `${ap}.${e.key}`, e.keyPos, `unknown argument key "${e.key}"${nearestOf(e.key, ARG_KEYS) ? ` (did you mean "${nearestOf(e.key, ARG_KEYS)}"?)` : ''}`);
        const idx = nodeBigInt(get(a, 'index'));
        if (idx === null || idx < 0n || idx > 5n) add('seccomp-arg-filter', `${ap}.index`, get(a, 'index') ?? a, 'index must be an integer 0..5 (syscalls have at most six arguments)');
        else indexes.set(String(idx), (indexes.get(String(idx)) ?? 0) + 1);
        const opNode = get(a, 'op');
        const op = opNode?.type === 'string' ? opNode.value : null;
        if (!op || !(OPS as readonly string[]).includes(op)) add('seccomp-arg-filter', `${ap}.op`, opNode ?? a, `op ${op ? `"${op}" ` : ''}must be one of ${OPS.join(', ')}${op && nearestOf(op, OPS) ? ` (did you mean ${nearestOf(op, OPS)}?)` : ''}`);
        const vals: Record<string, bigint | null> = {};
        for (const key of ['value', 'valueTwo'] as const) {
          const vn = get(a, key);
          if (!vn) { vals[key] = null; continue; }
          const v = nodeBigInt(vn);
          if (v === null) add('seccomp-arg-filter', `${ap}.${key}`, vn, `${key} ${vn.type === 'number' ? vn.raw : ''} is not an integer (fractions and exponents are not allowed)`);
          else if (v < 0n) add('seccomp-arg-filter', `${ap}.${key}`, vn, `${key} ${v} is negative; seccomp compares unsigned 64-bit values (write ${v + (1n << 64n)} for the same bits)`);
          else if (v > U64_MAX) add('seccomp-arg-filter', `${ap}.${key}`, vn, `${key} ${v} does not fit in 64 bits`);
          vals[key] = v;
        }
        if (!get(a, 'value')) add('seccomp-arg-filter', `${ap}.value`, a, 'value is missing');
        if (op && op !== 'SCMP_CMP_MASKED_EQ' && get(a, 'valueTwo') && vals.valueTwo !== 0n) add('seccomp-arg-filter', `${ap}.valueTwo`, get(a, 'valueTwo'), `valueTwo is only used by SCMP_CMP_MASKED_EQ; ${op} ignores it`, 'medium');
        if (op === 'SCMP_CMP_MASKED_EQ' && vals.value != null) {
          const mask = vals.value;
          const want = vals.valueTwo ?? 0n;
          if ((want & ~mask & U64_MAX) !== 0n) add('seccomp-arg-filter', `${ap}.valueTwo`, get(a, 'valueTwo') ?? a, `MASKED_EQ can never match: valueTwo ${want} has bits outside the mask ${mask}`);
          if (mask === 0n) add('seccomp-arg-filter', `${ap}.value`, get(a, 'value'), 'MASKED_EQ with mask 0 matches every value', 'medium');
        }
      });
      for (const [idx, count] of indexes) {
        if (count > 1) add('seccomp-arg-or', `${base}.args`, argsNode, `${count} conditions on argument ${idx}: runc makes each its own rule, so they are OR-ed, not AND-ed`);
      }
    }

    for (const fk of ['includes', 'excludes']) {
      const f = get(r, fk);
      if (!f) continue;
      if (f.type !== 'object') { add('seccomp-architecture', `${base}.${fk}`, f, `${fk} must be an object`); continue; }
      for (const e of f.entries) {
        const fp = `${base}.${fk}.${e.key}`;
        const items = e.value.type === 'array' ? e.value.items : [e.value];
        if (e.key === 'arches') {
          for (const a of items) {
            if (a.type === 'string' && GO_ARCHES.includes(a.value)) continue;
            const v = a.type === 'string' ? a.value : '';
            const hint = v.startsWith('SCMP_ARCH_') ? ' (includes/excludes take Go names such as amd64, arm64, x86)' : '';
            add('seccomp-architecture', fp, a, `"${v}" is not a Go-style arch name${hint}`);
          }
        } else if (e.key === 'caps') {
          for (const c of items) if (c.type !== 'string' || !CAP_NAMES.includes(c.value)) add('seccomp-architecture', fp, c, `${c.type === 'string' ? `"${c.value}"` : 'value'} is not a CAP_* capability`);
        } else if (e.key === 'minKernel') {
          if (e.value.type !== 'string' || !/^\d+\.\d+$/.test(e.value.value)) add('seccomp-architecture', fp, e.value, 'minKernel must be "X.Y" (two numbers)');
        } else add('seccomp-unknown-key', fp, e.keyPos, `unknown key "${e.key}" in ${fk} (caps, arches, minKernel)`);
      }
    }

    // Names: unknown, per-arch, duplicates and conflicts.
    const conditional = Boolean(argsNode?.type === 'array' && argsNode.items.length) || Boolean(get(r, 'includes')) || Boolean(get(r, 'excludes'));
    const effectiveNames = rt === 'containerd' ? names.filter((n) => !n.path.endsWith('.name')) : names;
    const inRule = new Set<string>();
    for (const n of names) {
      if (!isKnownSyscall(n.name)) {
        const s = nearestSyscall(n.name);
        add('seccomp-unknown-syscall', n.path, n.node, `"${n.name}" is not a syscall on any architecture mamori knows${s ? ` (did you mean "${s}"?)` : ''}; runc skips it silently`);
      } else if (arches.length) {
        const missing = arches.filter((a) => !existsOn(a, n.name));
        if (missing.length === arches.length) add('seccomp-syscall-not-on-arch', n.path, n.node, `"${n.name}" does not exist on ${missing.join(', ')}`);
      }
      if (inRule.has(n.name)) add('seccomp-duplicate-syscall', n.path, n.node, `"${n.name}" is listed twice in this rule`);
      inRule.add(n.name);
    }
    if (!conditional && action) {
      for (const n of effectiveNames) {
        const prev = unconditional.get(n.name);
        if (prev && prev.path.split('.')[0] !== base) {
          if (prev.action !== action) add('seccomp-conflicting-rules', n.path, n.node, `"${n.name}" is ${action} here but ${prev.action} at ${prev.path}; the outcome depends on libseccomp's rule order`);
          else add('seccomp-duplicate-syscall', n.path, n.node, `"${n.name}" already has the same action at ${prev.path}`);
        } else if (!prev) unconditional.set(n.name, { action, path: n.path, node: n.node });
        if (action === 'SCMP_ACT_ALLOW' || action === 'SCMP_ACT_LOG') allowedUncond.add(n.name);
      }
    }
    if (action === 'SCMP_ACT_NOTIFY' && names.some((n) => n.name === 'write')) add('seccomp-notify', `${base}.action`, actionNode, 'SCMP_ACT_NOTIFY on write can deadlock the agent; runc refuses it');
  });
  if (anyNotify && !get(root, 'listenerPath')) add('seccomp-notify', 'listenerPath', root, 'SCMP_ACT_NOTIFY rules need listenerPath (the agent socket)');
  if (actionGroups > new Set(ruleItems.map((r) => { const a = get(r, 'action'); return a?.type === 'string' ? a.value : ''; })).size) {
    add('seccomp-style', 'syscalls', rulesNode, 'rules with the same action are scattered; group one rule per action for reviewable diffs');
  }

  // Allow-list semantics.
  if (defaultAction && defaultAction !== 'SCMP_ACT_ALLOW' && defaultAction !== 'SCMP_ACT_LOG') {
    const missing = ESSENTIAL.filter((n) => !allowedUncond.has(n));
    if (arches.includes('x86_64') && !allowedUncond.has('arch_prctl')) missing.push('arch_prctl');
    if (missing.length) add('seccomp-missing-essential', 'syscalls', rulesNode ?? root, `allow-list lacks ${missing.join(', ')}: most containers fail to start or exit without them`);
  }
  const defaultSet = new Set(RUNTIME_DEFAULT_ALLOW);
  const dangerous = [...allowedUncond].filter((n) => DANGEROUS.includes(n) && !defaultSet.has(n)).sort();
  if (defaultAction !== 'SCMP_ACT_ALLOW') {
    for (const n of dangerous) {
      const u = unconditional.get(n)!;
      add('seccomp-dangerous-syscall', u.path, u.node, `"${n}" is allowed unconditionally; RuntimeDefault refuses it (less strict than RuntimeDefault)`);
    }
  }
  return out;
}

