// Duplicate keys in JSON text: JSON.parse keeps the last silently, kubectl refuses them, so mamori must see them.

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** The first key repeated within one object of already valid JSON, with its line; one linear pass. */
export function duplicateJsonKey(text: string): { key: string; line: number } | undefined {
  // one entry per open container: the keys seen so far in an object, null for an array
  const stack: (Set<string> | null)[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 123) stack.push(new Set());
    else if (c === 91) stack.push(null);
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 34) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) { i++; escaped = true; } else if (d === 34) break;
      }
      const keys = stack[stack.length - 1];
      if (!keys) continue;
      let j = i + 1;
      while (isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 58) continue; // a value, not a key
      const raw = text.slice(start, i + 1);
      // "\u0061" and "a" are the same key once decoded
      const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      if (keys.has(key)) return { key, line };
      keys.add(key);
    }
  }
  return undefined;
}
