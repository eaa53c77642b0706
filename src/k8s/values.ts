// Small readers for untyped manifest values: manifests are user input, never trusted to match their types.

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
export function obj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
/** Rego truthiness as Azure's templates use it: present and not the boolean false. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false;
}
export function strings(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}
