// The one locator: maps an object path to file, line and column, parsing a document's positions only when asked.
import type { LineCounter, Node } from 'yaml';
import { yamlLib } from '../core/yaml-lib.js';
import type { Location } from '../core/report.js';
import type { Path } from '../core/path.js';
import { fastLocate, needsFullParser, rowsOf } from './fast-locate.js';

export interface DocText { file: string; text: string; /** 1-based line of the document's first line in the file */ startLine: number }

export class Locator {
  private root: Node | null | undefined;
  private lines: LineCounter | undefined;
  private rows: ReturnType<typeof rowsOf> | undefined;
  private full: boolean | undefined;
  constructor(private readonly doc: DocText) {}

  locate(path: Path): Location {
    // Block-style YAML is located by indentation; anything else by the full parser.
    if (this.full === undefined) this.full = needsFullParser(this.doc.text);
    if (!this.full) {
      this.rows ??= rowsOf(this.doc.text);
      const p = fastLocate(this.rows, path);
      if (p) return { file: this.doc.file, line: p.line + this.doc.startLine, column: p.column + 1 };
    }
    return this.locateFull(path);
  }

  /** The deepest node along the path that exists (a missing field points at its parent), from the full parse. */
  locateFull(path: Path): Location {
    const { LineCounter, parseDocument, isMap, isSeq, isScalar } = yamlLib();
    if (this.root === undefined) {
      this.lines = new LineCounter();
      const d = parseDocument(this.doc.text, { lineCounter: this.lines, keepSourceTokens: false, uniqueKeys: false, version: '1.1' });
      this.root = (d.contents as Node | null) ?? null;
    }
    let node: Node | null = this.root;
    let best: number = node?.range?.[0] ?? 0;
    for (const seg of path) {
      if (!node) break;
      let next: Node | null = null;
      if (isMap(node)) {
        const pair = node.items.find((p) => {
          const k = p.key as Node | null;
          return isScalar(k) && String(k.value) === String(seg);
        });
        if (pair) {
          const k = pair.key as Node;
          if (k.range) best = k.range[0];
          next = (pair.value as Node | null) ?? null;
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        next = (node.items[seg] as Node | undefined) ?? null;
        if (next?.range) best = next.range[0];
      }
      if (!next) break;
      node = next;
    }
    const pos = this.lines!.linePos(best);
    return { file: this.doc.file, line: pos.line + this.doc.startLine - 1, column: pos.col };
  }
}
