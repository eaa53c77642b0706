// Object paths: how checks name a place in a manifest, independent of any source file.

export type Segment = string | number;
export type Path = readonly Segment[];

const plainKey = /^[A-Za-z_$][\w$-]*$/;

/** spec.template.spec.containers[0].securityContext, with ["…"] for keys such as annotation names. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (plainKey.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The inverse of formatPath, used where paths come back as text (config, suppressions, fixes). */
export function parsePath(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|(\.)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
    last = re.lastIndex;
  }
  if (last !== text.length) throw new Error(`not an object path: ${text}`);
  return out;
}

export function getAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
