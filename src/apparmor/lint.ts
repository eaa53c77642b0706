// Lints AppArmor profiles: apparmor_parser -Q -K where installed, plus mamori's own rules (they also run where the parser is missing).
import type * as ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { type RawFinding, rule, type LintRule } from '../seccomp/report.js';

/** The rule registry imports this module for every command; node:child_process loads only when apparmor_parser runs. */
const childProcess = (): typeof ChildProcess => createRequire(import.meta.url)('node:child_process') as typeof ChildProcess;

export const APPARMOR_RULES: LintRule[] = [
  rule('apparmor-syntax', 'high', 'apparmor_parser rejects the profile', 'apparmor_parser がプロファイルを拒否', 'Fix the error apparmor_parser reports; the node cannot load this profile.', 'apparmor_parser のエラーを直してください。ノードで読み込めません。'),
  rule('apparmor-structure', 'high', 'Unbalanced braces, missing comma or whitespace', '括弧・カンマ・空白の誤り', 'Every rule ends with a comma; "{" needs whitespace before it; braces must balance.', '各ルールはカンマで終え、「{」の前には空白を入れ、括弧を対応させてください。'),
  rule('apparmor-file-rule', 'high', 'Invalid file rule', '不正なファイルルール', 'Use absolute paths (or @{VAR}), valid permission letters, no w with a, ix/px/cx/ux instead of plain x in allow rules, plain x in deny rules.', '絶対パス、正しい権限文字を使い、w と a を併用せず、許可ルールでは ix/px/cx/ux、拒否ルールでは x を使ってください。'),
  rule('apparmor-capability', 'high', 'Unknown capability', '未知の Linux 機能', 'Use a capability name without the CAP_ prefix, in lower case (e.g. net_bind_service).', 'CAP_ を付けない小文字の名前 (例: net_bind_service) を使ってください。'),
  rule('apparmor-network', 'high', 'Invalid network rule', '不正なネットワークルール', 'network [family] [type], e.g. network inet tcp,', 'network [ファミリー] [タイプ] の形式にしてください (例: network inet tcp,)。'),
  rule('apparmor-flags', 'high', 'Unknown profile flag', '未知のプロファイルフラグ', 'Valid flags include attach_disconnected, mediate_deleted, complain, enforce, audit, chroot_relative, namespace_relative.', 'attach_disconnected などの有効なフラグを使ってください。'),
  rule('apparmor-variable', 'high', 'Variable used but not defined', '未定義の変数', 'Add #include <tunables/global> before the profile, or define the variable.', 'プロファイルの前に #include <tunables/global> を追加するか、変数を定義してください。'),
  rule('apparmor-comment-include', 'medium', '"# include" is a comment', '「# include」はコメント', 'Write #include <...> (no space) or include <...>.', '#include <...> (空白なし) か include <...> と書いてください。'),
  rule('apparmor-no-file-rules', 'medium', 'No file rules: the container cannot read its own binaries', 'ファイルルールが無い', 'Add file rules (file, or explicit paths); AppArmor profiles are allow-lists.', 'ファイルルールを追加してください。AppArmor は許可リストです。'),
  rule('apparmor-attach-disconnected', 'medium', 'Container profile without attach_disconnected', 'attach_disconnected の無いコンテナー用プロファイル', 'Add flags=(attach_disconnected,mediate_deleted): container paths are often disconnected from the host namespace.', 'flags=(attach_disconnected,mediate_deleted) を追加してください。'),
  rule('apparmor-proc-sys-write', 'medium', 'Write access to /proc or /sys', '/proc や /sys への書き込み許可', 'Deny writes under /proc and /sys as docker-default does (except /proc/<pid>).', 'docker-default と同様に /proc と /sys への書き込みを拒否してください。'),
  rule('apparmor-broad-allow', 'medium', 'Broad allow rule', '広すぎる許可ルール', 'Name the capabilities, peers and paths the workload needs instead of allowing all.', 'すべてを許可せず、必要な Linux 機能・相手・パスを列挙してください。'),
  rule('apparmor-duplicate-profile', 'high', 'Profile name defined twice', 'プロファイル名の重複', 'Give each profile a unique name.', '各プロファイルに一意の名前を付けてください。'),
  rule('apparmor-newer-abi', 'low', 'Rule needs AppArmor 4', 'AppArmor 4 が必要なルール', 'Nodes with AppArmor 3 reject it; check the node version.', 'AppArmor 3 のノードでは拒否されます。'),
];

export const CAPABILITIES = ['chown', 'dac_override', 'dac_read_search', 'fowner', 'fsetid', 'kill', 'setgid', 'setuid', 'setpcap', 'linux_immutable', 'net_bind_service', 'net_broadcast', 'net_admin', 'net_raw', 'ipc_lock', 'ipc_owner', 'sys_module', 'sys_rawio', 'sys_chroot', 'sys_ptrace', 'sys_pacct', 'sys_admin', 'sys_boot', 'sys_nice', 'sys_resource', 'sys_time', 'sys_tty_config', 'mknod', 'lease', 'audit_write', 'audit_control', 'setfcap', 'mac_override', 'mac_admin', 'syslog', 'wake_alarm', 'block_suspend', 'audit_read', 'perfmon', 'bpf', 'checkpoint_restore'];
export const NET_FAMILIES = ['unix', 'inet', 'ax25', 'ipx', 'appletalk', 'netrom', 'bridge', 'atmpvc', 'x25', 'inet6', 'rose', 'netbeui', 'security', 'key', 'netlink', 'packet', 'ash', 'econet', 'atmsvc', 'rds', 'sna', 'irda', 'pppox', 'wanpipe', 'llc', 'ib', 'mpls', 'can', 'tipc', 'bluetooth', 'iucv', 'rxrpc', 'isdn', 'phonet', 'ieee802154', 'caif', 'alg', 'nfc', 'vsock', 'kcm', 'qipcrtr', 'smc', 'xdp', 'mctp'];
export const NET_TYPES = ['stream', 'dgram', 'seqpacket', 'rdm', 'raw', 'packet', 'tcp', 'udp', 'icmp'];
const FLAGS = ['attach_disconnected', 'mediate_deleted', 'complain', 'enforce', 'audit', 'chroot_relative', 'namespace_relative', 'chroot_attach', 'chroot_no_attach', 'no_attach_disconnected', 'delegate_deleted', 'kill', 'unconfined', 'prompt', 'interruptible'];
const QUALIFIERS = /^(audit\s+)?(deny\s+|allow\s+)?(audit\s+)?(owner\s+|other\s+)?/;
const TMP = /^\/(tmp|var\/tmp|run|var\/run|dev\/shm)\b/;

interface Line { text: string; no: number; col: number }

/** Strips comments (a `#include` is not one) and splits into statements with their line numbers. */
function statements(src: string, out: RawFinding[]): Line[] {
  const lines: Line[] = [];
  src.split('\n').forEach((raw, i) => {
    let t = raw.replace(/\r$/, '');
    const trimmed = t.trim();
    if (/^#\s+include\s*</.test(trimmed)) {
      out.push({ rule: 'apparmor-comment-include', path: `line ${i + 1}`, message: '"# include" with a space is a comment, so nothing is included', at: { line: i + 1, column: 1 } });
      return;
    }
    if (!/^#include\b/.test(trimmed)) {
      // A # starts a comment outside quotes.
      let inQ = false;
      for (let k = 0; k < t.length; k++) {
        if (t[k] === '"') inQ = !inQ;
        else if (t[k] === '#' && !inQ) { t = t.slice(0, k); break; }
      }
    }
    if (t.trim()) lines.push({ text: t.trim(), no: i + 1, col: t.length - t.trimStart().length + 1 });
  });
  return lines;
}

/** mamori's own AppArmor checks, from the spec's rule list. */
export function lintAppArmorText(src: string): RawFinding[] {
  const out: RawFinding[] = [];
  const add = (ruleId: string, l: Line, message: string, severity?: RawFinding['severity']) =>
    out.push({ rule: ruleId, path: `line ${l.no}`, message, at: { line: l.no, column: l.col }, ...(severity ? { severity } : {}) });
  const stmts = statements(src, out);
  const hasTunables = stmts.some((l) => /^#?include\s+(if exists\s+)?<tunables\/global>/.test(l.text));
  const defined = new Set<string>();
  let depth = 0;
  const names = new Map<string, number>();
  let fileRules = 0;
  let profiles = 0;
  let attachDisconnected = false;
  for (const l of stmts) {
    const t = l.text;
    const def = /^@\{(\w+)\}\s*\+?=/.exec(t);
    if (def) { defined.add(def[1]!); continue; }
    for (const m of t.matchAll(/@\{(\w+)\}/g)) {
      if (!hasTunables && !defined.has(m[1]!)) add('apparmor-variable', l, `@{${m[1]}} is used but never defined (add #include <tunables/global>)`);
    }
    if (/^#?include\b/.test(t) || /^abi\s/.test(t)) {
      if (/abi\/4/.test(t)) add('apparmor-newer-abi', l, 'abi <abi/4.0> needs AppArmor 4 on the node');
      continue;
    }
    if (/\{\s*$/.test(t)) {
      if (/\S\{\s*$/.test(t)) add('apparmor-structure', l, 'a profile header needs whitespace before "{"');
      const header = /^(?:profile\s+(\S+)|(\/\S*|@\{\w+\}\S*|hat\s+\S+|\^\S+))/.exec(t.slice(0, t.lastIndexOf('{')));
      if (header) {
        profiles++;
        const name = header[1] ?? header[2]!;
        if (names.has(name)) add('apparmor-duplicate-profile', l, `profile "${name}" is also defined at line ${names.get(name)}`);
        names.set(name, l.no);
        const flags = /flags\s*=\s*\(([^)]*)\)/.exec(t);
        if (flags) {
          for (const f of flags[1]!.split(/[\s,]+/).filter(Boolean)) {
            if (!FLAGS.includes(f)) add('apparmor-flags', l, `unknown profile flag "${f}"`);
            if (f === 'attach_disconnected') attachDisconnected = true;
          }
        }
      }
      depth++;
      continue;
    }
    if (t === '}' || t === '},') {
      depth--;
      if (depth < 0) { add('apparmor-structure', l, 'closing brace without an open profile'); depth = 0; }
      continue;
    }
    if (depth === 0) {
      add('apparmor-structure', l, `rule outside any profile: ${t.slice(0, 60)}`);
      continue;
    }
    if (!t.endsWith(',')) { add('apparmor-structure', l, `rule does not end with a comma: ${t.slice(0, 60)}`); continue; }
    const body = t.slice(0, -1).trim();
    const q = QUALIFIERS.exec(body)!;
    const isDeny = Boolean(q[2]?.startsWith('deny'));
    const rest = body.slice(q[0].length).trim();
    const word = rest.split(/\s+/)[0] ?? '';
    if (word === 'capability') {
      const caps = rest.split(/\s+/).slice(1);
      if (caps.length === 0 && !isDeny) add('apparmor-broad-allow', l, 'bare "capability," allows every capability');
      for (const c of caps) if (!CAPABILITIES.includes(c)) add('apparmor-capability', l, `unknown capability "${c}"${c.toLowerCase().startsWith('cap_') ? ' (drop the CAP_ prefix, lower case)' : ''}`);
      continue;
    }
    if (word === 'network') {
      const parts = rest.split(/\s+/).slice(1);
      if (parts.length > 2) add('apparmor-network', l, 'network takes at most a family and a type');
      if (parts[0] && !NET_FAMILIES.includes(parts[0]) && !NET_TYPES.includes(parts[0])) add('apparmor-network', l, `unknown network family or type "${parts[0]}"`);
      if (parts[1] && !NET_TYPES.includes(parts[1])) add('apparmor-network', l, `unknown network type "${parts[1]}"`);
      continue;
    }
    if (word === 'mount' || word === 'remount' || word === 'pivot_root') {
      if (!isDeny && rest === word) add('apparmor-broad-allow', l, `bare "${word}," allows every ${word}`);
      continue;
    }
    if (word === 'ptrace') {
      if (!isDeny && !/peer=/.test(rest)) add('apparmor-broad-allow', l, 'ptrace without peer= allows tracing any process');
      continue;
    }
    if (word === 'userns') { add('apparmor-newer-abi', l, '"userns," needs AppArmor 4 on the node'); continue; }
    if (word === 'file') { fileRules++; continue; }
    if (['signal', 'unix', 'dbus', 'umount', 'change_profile', 'rlimit', 'set', 'link', 'io_uring', 'mqueue'].includes(word)) continue;
    // File rule: [file] PATH PERMS [-> TARGET], or PERMS PATH.
    const fr = /^(?:file\s+)?("[^"]*"|\S+)\s+([a-zA-Z]+)(\s*->\s*\S+)?$/.exec(rest);
    if (!fr) continue;
    fileRules++;
    let path = fr[1]!.replace(/^"|"$/g, '');
    let perms = fr[2]!;
    if (!/^[/@]/.test(path) && /^[/@"]/.test(perms)) { [path, perms] = [perms, path]; }
    if (!/^(\/|@\{)/.test(path)) { add('apparmor-file-rule', l, `file path "${path}" must be absolute (or start with a @{variable})`); continue; }
    if (!/^[rwaklmxiupcPUCIXD]+$/.test(perms) || /[^rwaklmxiupcUPCI]/.test(perms)) { add('apparmor-file-rule', l, `invalid permissions "${perms}" (r w a l k m and exec modes ix px cx ux pix cix ...)`); continue; }
    if (perms.includes('w') && perms.includes('a')) add('apparmor-file-rule', l, `"${perms}": w and a together are rejected (w already includes append)`);
    const execQ = perms.match(/[iupcIUPC]/g) ?? [];
    if (isDeny && execQ.length) add('apparmor-file-rule', l, `deny rules take plain x; exec qualifiers in "${perms}" are invalid there`);
    if (!isDeny && perms.includes('x') && execQ.length === 0) add('apparmor-file-rule', l, `plain x in an allow rule is invalid; use ix, px, cx or ux ("${perms}")`);
    if (!isDeny && /[pc]/i.test(perms) && /i/.test(perms) === false && execQ.length > 1) add('apparmor-file-rule', l, `two exec qualifiers in "${perms}"`);
    if (!isDeny && /[uU]x/.test(perms)) add('apparmor-broad-allow', l, `"${perms}" runs the target unconfined`);
    if (!isDeny && /[wa]/.test(perms)) {
      if (/^(@\{PROC\}|\/proc)(\/|$)/.test(path) && !/^(@\{PROC\}|\/proc)\/(@\{pid\}|self|thread-self|\[0-9\]|@\{pids\})/.test(path)) add('apparmor-proc-sys-write', l, `write access to ${path}: /proc writes reach kernel settings`);
      if (/^\/sys(\/|$)/.test(path)) add('apparmor-proc-sys-write', l, `write access to ${path}: /sys writes reach kernel and device settings`);
      if (/^\/\*\*?$/.test(path) || (/^\/\*\*/.test(path) && !TMP.test(path))) add('apparmor-broad-allow', l, `"${path} ${perms}" allows writing anywhere`);
    }
  }
  if (depth !== 0) out.push({ rule: 'apparmor-structure', path: '', message: `unbalanced braces: ${depth} profile(s) not closed`, at: { line: src.split('\n').length, column: 1 } });
  if (profiles > 0 && fileRules === 0) out.push({ rule: 'apparmor-no-file-rules', path: '', message: 'no file rules: the container cannot read or run its own files', at: { line: 1, column: 1 } });
  if (profiles > 0 && !attachDisconnected) out.push({ rule: 'apparmor-attach-disconnected', path: '', message: 'no attach_disconnected flag: paths outside the container mount namespace are denied and show up as disconnected-path errors', at: { line: names.values().next().value ?? 1, column: 1 } });
  return out;
}

export function apparmorParserAvailable(): boolean {
  return !childProcess().spawnSync('apparmor_parser', ['--version'], { encoding: 'utf8' }).error;
}

/** Runs apparmor_parser -Q -K -T (no kernel load, no cache): findings for each error it reports, or null when it is not installed. */
export function lintWithParser(file: string): RawFinding[] | null {
  const r = childProcess().spawnSync('apparmor_parser', ['-Q', '-K', '-T', file], { encoding: 'utf8' });
  if (r.error) return null;
  if (r.status === 0) return [];
  const msgs = `${r.stderr}\n${r.stdout}`.split('\n').map((s) => s.trim()).filter((s) => s && !/Cache read\/write disabled/.test(s) && !/^Warning from/.test(s));
  const text = msgs.join(' ');
  const line = /at line (\d+)/.exec(text);
  return [{ rule: 'apparmor-syntax', path: '', message: `apparmor_parser: ${text || `exit ${r.status}`}`, at: line ? { line: Number(line[1]), column: 1 } : null }];
}
