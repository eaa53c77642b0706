// The catalogue: every check mamori knows, by id.
import type { Check } from './types.js';
import privilegedContainer from './privileged-container.js';

export const ALL_CHECKS: readonly Check[] = [
  privilegedContainer,
] as unknown as readonly Check[];

const byId = new Map(ALL_CHECKS.map((c) => [c.meta.id, c]));
export function checkById(id: string): Check | undefined { return byId.get(id); }
