// Streams trace files (or stdin) through the reader: one open file at a time, pid from `-ff -o PREFIX.PID` names.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { forEachLine } from './line-stream.js';
import { TraceCollector, TraceReader } from './trace-reader.js';
import type { Arch } from './syscall-table.js';

/** `-ff -o trace` writes trace.1234; a plain name ending in digits after a dot is taken as that. */
export function pidFromFileName(path: string): number | null {
  const m = /\.(\d+)$/.exec(basename(path));
  return m ? Number(m[1]) : null;
}

export async function readTraceStream(c: TraceCollector, stream: Readable, name: string, native: Arch, filePid: number | null = null): Promise<void> {
  const r = new TraceReader(c, name, native, filePid);
  await forEachLine(stream, (l) => r.line(l));
  r.end();
}

/** Reads every input; an unreadable one becomes an error naming it while the others are still read. */
export async function readTraces(paths: string[], native: Arch, stdin: Readable = process.stdin): Promise<TraceCollector> {
  const c = new TraceCollector();
  for (const p of paths) {
    if (p === '-') { await readTraceStream(c, stdin, '<stdin>', native); continue; }
    const before = c.stats.lines;
    try {
      // Large chunks: with the default 64 KiB the reader waits on the thread pool more than it parses.
      await readTraceStream(c, createReadStream(p, { highWaterMark: 1 << 20 }), p, native, pidFromFileName(p));
    } catch (e) {
      c.errors.push({ file: p, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    const events = c.stats.lines - before;
    if (events === 0) c.errors.push({ file: p, line: null, message: 'empty input: no strace lines, strace -c table or audit records' });
  }
  return c;
}

/**
 * Reads strace's output through a descriptor mamori opened before the run: exactly the inode strace
 * wrote, never another file a traced program planted or renamed into place beside it.
 */
export async function readTraceFd(fd: number, name: string, native: Arch): Promise<TraceCollector> {
  const c = new TraceCollector();
  await readTraceStream(c, createReadStream('', { fd, start: 0, autoClose: false, highWaterMark: 1 << 20 }), name, native);
  if (c.stats.lines === 0) c.errors.push({ file: name, line: null, message: 'empty input: no strace lines, strace -c table or audit records' });
  return c;
}
