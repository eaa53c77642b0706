// Walks the named files and folders: each regular file once, symbolic links only on request and never out of the root, charts and kustomizations set apart.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, extname, sep } from 'node:path';
import type { InputError } from '../core/report.js';

export const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface WalkOptions {
  /** follow symbolic links inside folders (never out of the named folder's real path) */
  followSymlinks?: boolean;
}

export interface Expanded {
  /** files to read, each once, in a stable order ("-" for stdin) */
  files: string[];
  errors: InputError[];
  /** inputs passed over on purpose, with why */
  notices: InputError[];
  /** folders holding a Chart.yaml: rendered with helm, never read as plain YAML */
  charts: string[];
  /** folders holding a kustomization: rendered with kustomize */
  kustomizations: string[];
}

const idOf = (st: Stats): string => `${st.dev}:${st.ino}`;
const isUnder = (p: string, root: string): boolean => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);

/** Folders are walked recursively for .yaml, .yml and .json files, in a stable order. */
export async function expandInputs(paths: readonly string[], opts: WalkOptions = {}): Promise<Expanded> {
  const out: Expanded = { files: [], errors: [], notices: [], charts: [], kustomizations: [] };
  const seen = new Set<string>();
  const loopsNoted = new Set<string>();
  const note = (file: string, message: string): void => { out.notices.push({ file, line: null, message }); };

  /** A folder: a chart, a kustomization, or its entries in name order. `ancestors` holds the folders above it (loop check). */
  async function walkDir(p: string, root: string, ancestors: Set<string>, id: string): Promise<void> {
    let entries: string[];
    try { entries = (await readdir(p)).sort(); } catch (e) {
      out.errors.push({ file: p, line: null, message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    if (entries.includes('Chart.yaml')) { out.charts.push(p); return; }
    if (KUSTOMIZATION_FILES.some((k) => entries.includes(k))) out.kustomizations.push(p);
    const inside = new Set(ancestors).add(id);
    for (const e of entries) {
      if (e === 'node_modules' || e.startsWith('.')) continue;
      await walkEntry(join(p, e), root, inside);
    }
  }

  async function walkEntry(p: string, root: string, ancestors: Set<string>): Promise<void> {
    let st: Stats;
    try { st = await lstat(p); } catch (e) {
      out.errors.push({ file: p, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    if (st.isSymbolicLink()) {
      if (!opts.followSymlinks) {
        if (MANIFEST_EXTENSIONS.has(extname(p).toLowerCase()) || (await stat(p).then((s) => s.isDirectory(), () => false))) {
          note(p, 'a symbolic link, not followed (scan its target by name, or use --follow-symlinks)');
        }
        return;
      }
      let target: string;
      try { target = await realpath(p); st = await stat(target); } catch {
        note(p, 'a symbolic link whose target cannot be read (dangling, or a loop)');
        return;
      }
      if (!isUnder(target, root)) { note(p, `a symbolic link to ${target}, outside ${root}: not followed`); return; }
    }
    await visit(p, st, root, ancestors, false);
  }

  async function visit(p: string, st: Stats, root: string, ancestors: Set<string>, named: boolean): Promise<void> {
    const id = idOf(st);
    if (st.isDirectory()) {
      if (ancestors.has(id)) {
        if (!loopsNoted.has(id)) { loopsNoted.add(id); note(p, 'a symbolic link loop (a folder inside itself): walked once'); }
        return;
      }
      if (seen.has(id)) return;
      seen.add(id);
      await walkDir(p, root, ancestors, id);
      return;
    }
    if (!named && !MANIFEST_EXTENSIONS.has(extname(p).toLowerCase())) return;
    if (!st.isFile() && !(named && st.isFIFO())) {
      // A device or socket has no end (or no size to trust): /dev/zero would fill memory.
      const what = st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : 'a device';
      if (named) out.errors.push({ file: p, line: null, message: `${what}, not a regular file: not read` });
      else note(p, `${what}, not a regular file: not read`);
      return;
    }
    if (seen.has(id)) return;
    seen.add(id);
    out.files.push(p);
  }

  for (const p of paths) {
    if (p === '-') {
      if (!seen.has('-')) { seen.add('-'); out.files.push('-'); }
      continue;
    }
    // A path named on the command line is taken as named, link or not; only its contents are walked with care.
    let st: Stats;
    let root: string;
    try { st = await stat(p); root = await realpath(p); } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      out.errors.push({ file: p, line: null, message: `cannot read: ${code === 'ENOENT' ? 'no such file or directory' : code === 'ELOOP' ? 'a symbolic link loop' : (e as Error).message}` });
      continue;
    }
    await visit(p, st, root, new Set(), true);
  }
  return out;
}
