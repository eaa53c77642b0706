// The kubelet version skew policy: never newer than the API server, at most three minors older (two before 1.28).
import { minorNumber, minorOf } from './releases.js';

export type Skew =
  | { state: 'unknown' | 'same' | 'newer' }
  | { state: 'older'; by: number; limit: number; allowed: boolean };

export function skewLimit(apiMinor: number): number { return apiMinor >= 28 ? 3 : 2; }

/** Where a kubelet version stands against the API server's minor ("1.35"). */
export function kubeletSkew(apiMinor: string, kubelet: string): Skew {
  const apiN = minorNumber(apiMinor);
  const kMinor = minorOf(kubelet);
  const kN = kMinor ? minorNumber(kMinor) : NaN;
  if (!Number.isFinite(kN) || !Number.isFinite(apiN)) return { state: 'unknown' };
  if (kN > apiN) return { state: 'newer' };
  if (kN === apiN) return { state: 'same' };
  const limit = skewLimit(apiN);
  return { state: 'older', by: apiN - kN, limit, allowed: apiN - kN <= limit };
}
