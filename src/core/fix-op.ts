// A change to a manifest as data, and how much it can hurt: what rules return and the report carries (below both).
import type { Path } from './path.js';

/**
 * How much a change can hurt a workload that runs today. `safe`: it cannot stop it, applied by default;
 * `evidence`: applied by default only when the manifest shows `evidence`, else offered; `may-break`: only offered.
 */
export type ChangeRisk = 'safe' | 'evidence' | 'may-break';

/** A change to a manifest, as data the engine applies. */
export type FixOp =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'remove'; path: Path };
