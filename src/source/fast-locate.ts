// Finds the line of an object path in block-style YAML by indentation alone: a hundred times cheaper than a full parse.
// Anything it is not sure of (flow collections on the way, anchors, merge keys, complex keys, tabs) returns undefined,
// and the caller falls back to the full parser.
import type { Path } from '../core/path.js';
import { flowLocate } from './flow-locate.js';

export interface LinePos { line: number; column: number }

interface Row { indent: number; text: string }

/** Rows of a document: indentation and content; null for blank and comment-only lines. */
export function rowsOf(text: string): (Row | null)[] {
  return text.split('\n').map((raw) => {
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let i = 0;
    while (i < l.length && l.charCodeAt(i) === 32) i++;
    if (i === l.length || l[i] === '#') return null;
    return { indent: i, text: l.slice(i) };
  });
}

/** Documents with these features need the real parser to be located reliably. */
export function needsFullParser(text: string): boolean {
  if (!/[&*<?\t]/.test(text) && !/^\s*[[{]/.test(text)) return false;
  // anchors and aliases stand where a node starts: after indentation, "- ", ": " or inside a flow collection
  return /(?:^[ ]*(?:- +)*|: +|[[{,] *)[&*][^\s,\]}]|<<\s*:|^[ \t]*\?(?:\s|$)|^\t|\n\t/m.test(text) || /^\s*[[{]/.test(text);
}

/** A region: the rows [start, end) whose first row may begin mid-line (after "- "). */
interface Region { start: number; end: number; col: number }

function keyMatch(text: string, key: string): number {
  const q = text.charCodeAt(0);
  // quoted keys are rare: build their spellings only when the line starts with a quote
  const forms = q === 34 ? [JSON.stringify(key)] : q === 39 ? [`'${key.replace(/'/g, "''")}'`] : [key];
  for (const k of forms) {
    if (text.startsWith(k) && text.charCodeAt(k.length) === 58 /* : */) {
      const after = text.charCodeAt(k.length + 1);
      if (Number.isNaN(after) || after === 32) return k.length + 1;
    }
  }
  return -1;
}

function textAt(rows: (Row | null)[], r: Region, i: number): { indent: number; text: string } | null {
  const row = rows[i];
  if (!row) return null;
  if (i === r.start && r.col > row.indent) {
    const text = row.text.slice(r.col - row.indent);
    return text === '' || text.startsWith('#') ? null : { indent: r.col, text };
  }
  return row;
}

function firstMeaningful(rows: (Row | null)[], r: Region): number {
  for (let i = r.start; i < r.end; i++) if (textAt(rows, r, i)) return i;
  return -1;
}

/** 0-based line and column of the deepest node on the path, or undefined when unsure. */
export function fastLocate(rows: (Row | null)[], path: Path): LinePos | undefined {
  let region: Region = { start: 0, end: rows.length, col: 0 };
  const first = firstMeaningful(rows, region);
  if (first === -1) return { line: 0, column: 0 };
  let best: LinePos = { line: first, column: rows[first]!.indent };
  for (let s = 0; s < path.length; s++) {
    const seg = path[s]!;
    const f = firstMeaningful(rows, region);
    if (f === -1) return best;
    const childIndent = textAt(rows, region, f)!.indent;
    let found = -1;
    let next = region.end;
    let inline: string;
    if (typeof seg === 'number') {
      let n = -1;
      for (let i = f; i < region.end; i++) {
        const row = textAt(rows, region, i);
        if (!row || row.indent > childIndent) continue;
        if (row.indent < childIndent) { next = i; break; }
        if (!(row.text === '-' || row.text.startsWith('- '))) return undefined;
        n++;
        if (n === seg) found = i;
        else if (n === seg + 1) { next = i; break; }
      }
      if (found === -1) return best;
      const row = textAt(rows, region, found)!;
      const after = row.text.slice(1);
      const pad = after.length - after.trimStart().length;
      inline = after.trimStart();
      const col = row.indent + 1 + pad;
      if (inline === '' || inline.startsWith('#')) {
        // "-" alone: the item's node starts on the next meaningful line
        region = { start: found + 1, end: next, col: 0 };
        const body = firstMeaningful(rows, region);
        best = body === -1 ? { line: found, column: row.indent } : { line: body, column: rows[body]!.indent };
        continue;
      }
      best = { line: found, column: col };
      if (inline.startsWith('{') || inline.startsWith('[')) {
        if (s === path.length - 1) return best;
        const c = flowLocate(rows[found]!.text, col - rows[found]!.indent, path.slice(s + 1));
        return c === undefined ? undefined : c === null ? best : { line: found, column: c + rows[found]!.indent };
      }
      // "- key: value" starts a mapping on the item's own line
      region = { start: found, end: next, col };
      continue;
    }
    let valueStart = 0;
    for (let i = f; i < region.end; i++) {
      const row = textAt(rows, region, i);
      if (!row || row.indent > childIndent) continue;
      if (row.indent < childIndent) break;
      const k = keyMatch(row.text, seg);
      if (k !== -1) { found = i; valueStart = k; break; }
    }
    if (found === -1) return best;
    const row = textAt(rows, region, found)!;
    best = { line: found, column: row.indent };
    const afterKey = row.text.slice(valueStart);
    inline = afterKey.trimStart();
    if (inline.startsWith('#')) inline = '';
    if (inline !== '' && !inline.startsWith('|') && !inline.startsWith('>')) {
      if (s === path.length - 1) return best;
      if (!(inline.startsWith('{') || inline.startsWith('['))) return best; // a path into a scalar ends at it
      // a one-line flow collection is read here; anything longer goes to the full parser
      const line = rows[found]!;
      const rel = row.indent - line.indent + valueStart + (afterKey.length - inline.length);
      const c = flowLocate(line.text, rel, path.slice(s + 1));
      return c === undefined ? undefined : c === null ? best : { line: found, column: c + line.indent };
    }
    for (let i = found + 1; i < region.end; i++) {
      const r2 = rows[i];
      if (!r2) continue;
      if (r2.indent < childIndent || (r2.indent === childIndent && !(r2.text === '-' || r2.text.startsWith('- ')))) { next = i; break; }
    }
    region = { start: found + 1, end: next, col: 0 };
  }
  return best;
}
