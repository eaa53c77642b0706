// Appends one array to another with a loop: `push(...items)` passes every item as an argument, and a large input overflows the stack.

/** `into.push(...items)` for arrays of any length (a manifest may hold a List of 200,000 objects). */
export function pushAll<T>(into: T[], items: Iterable<T>): T[] {
  for (const x of items) into.push(x);
  return into;
}
