// Parses one line of strace output: the prefix columns (-f/-ff/-Y, -t/-tt/-ttt/-r, -n, -i) and the body kind.
// Only the start of a line decides what it is, so quoted arguments holding look-alike text can never fool it.

export type LineEvent =
  | { kind: 'syscall'; pid: number | null; nr: number | null; name: string; unfinished: boolean; resumed: boolean; body: string; interrupted?: string }
  | { kind: 'signal' | 'exit' | 'stack' | 'blank'; pid: number | null }
  | { kind: 'notice'; pid: number | null; attachedPid?: number; spliced: boolean }
  | { kind: 'personality'; pid: number; mode: '32' | '64' | 'x32' }
  | { kind: 'continuation' }
  | { kind: 'other' };

const PID_BRACKET = /^\[pid\s+(\d+)(?:<[^>]*>)?\]\s*/;
const PID_BARE = /^(\d+)(?:<[^>]*>)?(?=\s)\s+/;
const TIMESTAMP = /^(?:\d{1,2}:\d{2}:\d{2}(?:\.\d+)?|\d+\.\d+)\s+/;
const NR = /^\[\s*(\d+)\]\s+/;
const IP = /^\[(?:[0-9a-f]{8,16}|\?{8,16})\]\s+/;
const NAME = /^([a-z_][a-z0-9_]*)\(/;
const RESUMED = /^<\.\.\. ([a-z_][a-z0-9_]*) resumed>/;
const PERSONALITY = /^\[ Process PID=(\d+) runs in (32 bit|64 bit|x32) mode\. \]$/;
const NOTICE = /^strace: Process (\d+) (attached|detached|suspended)/;
/** strace writes its notices to stderr mid-line when another task's call is still being printed. */
const SPLICED_NOTICE = /strace: Process (\d+) (attached|detached|suspended)$/;
const RESTART = /^restart_syscall\(<\.\.\. resuming interrupted ([a-z_][a-z0-9_]*) \.\.\.>/;

/**
 * Classifies one line (CR already removed). A line that starts with whitespace and carries no
 * timestamp is the tail of a call that a spliced notice cut off; callers decide by context.
 */
export function parseStraceLine(line: string): LineEvent {
  let rest = line;
  let pid: number | null = null;
  if (rest.length === 0) return { kind: 'blank', pid };
  let m = PID_BRACKET.exec(rest);
  if (m) { pid = Number(m[1]); rest = rest.slice(m[0].length); } else {
    m = PID_BARE.exec(rest);
    if (m) { pid = Number(m[1]); rest = rest.slice(m[0].length); }
  }
  const startsWithSpace = rest.charCodeAt(0) === 32 || rest.charCodeAt(0) === 9;
  const trimmed = startsWithSpace ? rest.trimStart() : rest;
  m = TIMESTAMP.exec(trimmed);
  if (m) rest = trimmed.slice(m[0].length);
  else if (startsWithSpace) {
    if (trimmed.startsWith('> ')) return { kind: 'stack', pid };
    if (trimmed.length === 0) return { kind: 'blank', pid };
    return { kind: 'continuation' };
  }
  let nr: number | null = null;
  m = NR.exec(rest);
  if (m) { nr = Number(m[1]); rest = rest.slice(m[0].length); }
  m = IP.exec(rest);
  if (m) rest = rest.slice(m[0].length);

  const c = rest.charCodeAt(0);
  if (c === 45 && rest.startsWith('--- ')) return { kind: 'signal', pid };
  if (c === 43 && rest.startsWith('+++ ')) return { kind: 'exit', pid };
  if (c === 60) {
    m = RESUMED.exec(rest);
    if (m) return { kind: 'syscall', pid, nr, name: m[1]!, unfinished: rest.endsWith('<unfinished ...>'), resumed: true, body: rest.slice(m[0].length) };
    return { kind: 'other' };
  }
  if (c === 91) {
    m = PERSONALITY.exec(rest);
    if (m) return { kind: 'personality', pid: Number(m[1]), mode: m[2] === '32 bit' ? '32' : m[2] === '64 bit' ? '64' : 'x32' };
    return { kind: 'other' };
  }
  m = NAME.exec(rest);
  if (m) {
    const spliced = rest.charCodeAt(rest.length - 1) === 100 ? SPLICED_NOTICE.exec(rest) : null;
    const body = spliced ? rest.slice(m[0].length, spliced.index) : rest.slice(m[0].length);
    const ev: LineEvent = { kind: 'syscall', pid, nr, name: m[1]!, unfinished: rest.endsWith('<unfinished ...>'), resumed: false, body };
    if (m[1] === 'restart_syscall') {
      const r = RESTART.exec(rest);
      if (r) ev.interrupted = r[1]!;
    }
    return ev;
  }
  m = NOTICE.exec(rest);
  if (m) return { kind: 'notice', pid, attachedPid: Number(m[1]), spliced: false };
  return { kind: 'other' };
}

/** True when a syscall line was cut by a notice written into it, so the next line carries its tail. */
export function hasSplicedNotice(line: string): boolean {
  // Every notice ends in "...ed"; checking the last byte first keeps the regex off the hot path.
  return line.charCodeAt(line.length - 1) === 100 && !line.startsWith('strace: ') && SPLICED_NOTICE.test(line);
}

export interface CallParts { args: string; ret: string | null; errno: string | null; duration: string | null; complete: boolean }

/**
 * Splits the text after `name(` into arguments and result, honouring quotes, escapes and nesting,
 * so `"x) = 0"` inside an argument is never taken for the return value.
 */
export function splitCall(body: string): CallParts {
  let depth = 1;
  let inStr = false;
  let i = 0;
  for (; i < body.length; i++) {
    const ch = body.charCodeAt(i);
    if (inStr) {
      if (ch === 92) i++;
      else if (ch === 34) inStr = false;
      continue;
    }
    if (ch === 34) inStr = true;
    else if (ch === 40 || ch === 91 || ch === 123) depth++;
    else if (ch === 41 || ch === 93 || ch === 125) {
      depth--;
      if (depth === 0) break;
    }
  }
  if (depth !== 0) return { args: body, ret: null, errno: null, duration: null, complete: false };
  const args = body.slice(0, i);
  const tail = body.slice(i + 1);
  const r = /^\s*=\s*(\?|-?\d+|0x[0-9a-f]+)(<[^>]*>)?(?:\s+([A-Z][A-Z0-9_]+|<unavailable>)(?:\s+\([^)]*\))?)?(?:\s+<(\d+\.\d+)>)?\s*$/.exec(tail);
  if (!r) return { args, ret: null, errno: null, duration: null, complete: true };
  return { args, ret: r[1]!, errno: r[3] && r[3] !== '<unavailable>' ? r[3] : null, duration: r[4] ?? null, complete: true };
}
