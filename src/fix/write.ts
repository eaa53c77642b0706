// Writes a fixed manifest back: only a regular file under the scanned paths, never through a link, in place so inode, owner and hard links stay.
import { lstat, open, readlink, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import { sep } from 'node:path';

const isUnder = (p: string, root: string): boolean => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Replaces `file`'s content with `text` when it still holds `expectedBefore`; returns why not, else null.
 * The check and the write go through one open descriptor (O_NOFOLLOW), so the file checked is the file written.
 */
export async function writeChecked(file: string, text: string, expectedBefore: string, roots: readonly string[] = [file]): Promise<string | null> {
  try {
    const st = await lstat(file);
    if (st.isSymbolicLink()) {
      const target = await realpath(file).catch(() => readlink(file));
      return `a symbolic link to ${target}: not written through it (fix ${target} by name if it is yours)`;
    }
    if (!st.isFile()) return 'not a regular file: not written';
    const real = await realpath(file);
    const realRoots = await Promise.all(roots.map((r) => realpath(r).catch(() => null)));
    if (!realRoots.some((r) => r !== null && isUnder(real, r))) return `is ${real}, outside the paths scanned: not written`;
    const fh = await open(file, constants.O_RDWR | constants.O_NOFOLLOW);
    try {
      const now = await fh.stat();
      if (now.ino !== st.ino || now.dev !== st.dev) return 'replaced since it was read; not written (run mamori fix again)';
      if ((await fh.readFile('utf8')) !== expectedBefore) return 'changed since it was read; not written (run mamori fix again)';
      const buf = Buffer.from(text, 'utf8');
      await fh.write(buf, 0, buf.length, 0);
      await fh.truncate(buf.length);
      await fh.sync();
    } finally {
      await fh.close();
    }
    return null;
  } catch (e) {
    return `cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
}
