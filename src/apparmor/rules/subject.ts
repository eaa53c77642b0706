// What AppArmor lint rules judge: a profile's text, read once into statements, and what apparmor_parser said of it.
import type { Text } from '../../core/report.js';
import { say, type RuleMeta, type Violation } from '../../core/rule.js';
import type { Path } from '../../core/path.js';

/** apparmor_parser's verdict on the file: its error and the line it names; absent when the parser did not run. */
export interface ParserVerdict { message: string; line: number | null }

export interface AppArmorSubject {
  text: string;
  /** null when apparmor_parser accepted the profile, or did not run */
  parser?: ParserVerdict | null;
  /** the text read once for every rule (build subjects with `appArmorSubject`) */
  view: Analysis;
}

export function appArmorSubject(text: string, parser: ParserVerdict | null = null): AppArmorSubject {
  return { text, parser, view: compute(text) };
}

/** A statement: its text without comments, its line and the column it starts at. */
export interface Line { text: string; no: number; col: number }

/** A file rule as read: path and permissions, and which part is wrong when one is. */
export interface FileRule { path: string; perms: string; invalid: 'path' | 'perms' | null }

export type Stmt =
  | { kind: 'def'; l: Line }
  | { kind: 'include'; l: Line }
  | { kind: 'header'; l: Line; noSpace: boolean; name: string | null; flags: string[] }
  | { kind: 'close'; l: Line; unmatched: boolean }
  | { kind: 'outside'; l: Line }
  | { kind: 'noComma'; l: Line }
  | { kind: 'rule'; l: Line; deny: boolean; word: string; rest: string; file: FileRule | null };

export interface Analysis {
  /** lines of "# include": a comment, though it looks like an include */
  commentIncludes: number[];
  hasTunables: boolean;
  stmts: Stmt[];
  /** the rule statements (inside a profile, ending with a comma) */
  rules: Extract<Stmt, { kind: 'rule' }>[];
  /** profiles left open at the end */
  open: number;
  /** profiles whose header mamori recognised */
  profiles: number;
  /** `file` rules and path rules */
  fileRules: number;
  attachDisconnected: boolean;
  /** the line of the first profile name (its last definition when defined twice) */
  firstProfileLine: number | null;
  lineCount: number;
}

const QUALIFIERS = /^(audit\s+)?(deny\s+|allow\s+)?(audit\s+)?(owner\s+|other\s+)?/;
const OTHER_RULES = ['signal', 'unix', 'dbus', 'umount', 'change_profile', 'rlimit', 'set', 'link', 'io_uring', 'mqueue'];
const NOT_FILE_RULES = ['capability', 'network', 'mount', 'remount', 'pivot_root', 'ptrace', 'userns', 'file', ...OTHER_RULES];

/** The profile as the rules see it: read once per subject, shared by every rule of the family. */
export const analyse = (s: AppArmorSubject): Analysis => s.view;

/** Strips comments (a `#include` is not one) and splits into statements with their line numbers. */
function statements(src: string, commentIncludes: number[]): Line[] {
  const lines: Line[] = [];
  src.split('\n').forEach((raw, i) => {
    let t = raw.replace(/\r$/, '');
    const trimmed = t.trim();
    if (/^#\s+include\s*</.test(trimmed)) { commentIncludes.push(i + 1); return; }
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

function fileRule(rest: string): FileRule | null {
  const fr = /^(?:file\s+)?("[^"]*"|\S+)\s+([a-zA-Z]+)(\s*->\s*\S+)?$/.exec(rest);
  if (!fr) return null;
  let path = fr[1]!.replace(/^"|"$/g, '');
  let perms = fr[2]!;
  if (!/^[/@]/.test(path) && /^[/@"]/.test(perms)) [path, perms] = [perms, path];
  if (!/^(\/|@\{)/.test(path)) return { path, perms, invalid: 'path' };
  if (!/^[rwaklmxiupcPUCIXD]+$/.test(perms) || /[^rwaklmxiupcUPCI]/.test(perms)) return { path, perms, invalid: 'perms' };
  return { path, perms, invalid: null };
}

function compute(src: string): Analysis {
  const commentIncludes: number[] = [];
  const lines = statements(src, commentIncludes);
  const hasTunables = lines.some((l) => /^#?include\s+(if exists\s+)?<tunables\/global>/.test(l.text));
  const stmts: Stmt[] = [];
  const rules: Extract<Stmt, { kind: 'rule' }>[] = [];
  const names = new Map<string, number>();
  let depth = 0;
  let profiles = 0;
  let fileRules = 0;
  let attachDisconnected = false;
  for (const l of lines) {
    const t = l.text;
    if (/^@\{(\w+)\}\s*\+?=/.test(t)) { stmts.push({ kind: 'def', l }); continue; }
    if (/^#?include\b/.test(t) || /^abi\s/.test(t)) { stmts.push({ kind: 'include', l }); continue; }
    if (/\{\s*$/.test(t)) {
      const header = /^(?:profile\s+(\S+)|(\/\S*|@\{\w+\}\S*|hat\s+\S+|\^\S+))/.exec(t.slice(0, t.lastIndexOf('{')));
      const flagList = header ? /flags\s*=\s*\(([^)]*)\)/.exec(t)?.[1]?.split(/[\s,]+/).filter(Boolean) ?? [] : [];
      const name = header ? header[1] ?? header[2]! : null;
      if (name !== null) {
        profiles++;
        names.set(name, l.no);
        if (flagList.includes('attach_disconnected')) attachDisconnected = true;
      }
      stmts.push({ kind: 'header', l, noSpace: /\S\{\s*$/.test(t), name, flags: flagList });
      depth++;
      continue;
    }
    if (t === '}' || t === '},') {
      depth--;
      stmts.push({ kind: 'close', l, unmatched: depth < 0 });
      if (depth < 0) depth = 0;
      continue;
    }
    if (depth === 0) { stmts.push({ kind: 'outside', l }); continue; }
    if (!t.endsWith(',')) { stmts.push({ kind: 'noComma', l }); continue; }
    const body = t.slice(0, -1).trim();
    const q = QUALIFIERS.exec(body)!;
    const rest = body.slice(q[0].length).trim();
    const word = rest.split(/\s+/)[0] ?? '';
    const file = NOT_FILE_RULES.includes(word) ? null : fileRule(rest);
    if (word === 'file' || file) fileRules++;
    const rule = { kind: 'rule' as const, l, deny: Boolean(q[2]?.startsWith('deny')), word, rest, file };
    stmts.push(rule);
    rules.push(rule);
  }
  return {
    commentIncludes, hasTunables, stmts, rules, open: depth, profiles, fileRules, attachDisconnected,
    firstProfileLine: names.values().next().value ?? null, lineCount: src.split('\n').length,
  };
}

/** The statements of one kind. */
export function stmtsOf<K extends Stmt['kind']>(a: Analysis, kind: K): Extract<Stmt, { kind: K }>[] {
  return a.stmts.filter((x): x is Extract<Stmt, { kind: K }> => x.kind === kind);
}

export const same = (s: string): Text => ({ en: s, ja: s });

/** A violation of `meta` on line `no` (column `col`), or on the whole profile when `no` is null. */
export function found(meta: RuleMeta, messageId: string, at: { no: number; col: number } | null,
  data: Readonly<Record<string, string | number>> = {}, path?: Path): Violation {
  return {
    path: path ?? (at ? ['line', at.no] : []),
    message: say(meta, messageId, data),
    container: null,
    ...(at ? { at: { line: at.no, column: at.col } } : {}),
  };
}
