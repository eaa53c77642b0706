// Writing -o/--output files: a path that cannot be written is the user's to fix (exit 2 naming it), never an internal error.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';

/** Why a path cannot be written, in the user's terms. */
function reason(file: string, e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT': return `the folder ${dirname(resolve(file))} does not exist (create it first)`;
    case 'ENOTDIR': return 'a part of the path is a file, not a folder';
    case 'EISDIR': return 'it is a folder; name a file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on the device';
    default: return e.code ?? e.message;
  }
}

/** Writes a command's output file; throws a UsageError naming the path when it cannot. */
export function writeOutputFile(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(`cannot write --output ${file}: ${reason(file, e as NodeJS.ErrnoException)}`);
  }
}
