// Resource quantities: Azure's limits-template parsing (exact, as Defender judges) and Kubernetes' own grammar.

/** Exact rational as numerator / denominator bigints, so 1Gi and 1G compare without rounding. */
export interface Exact { num: bigint; den: bigint }

function decimal(s: string): Exact | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  return { num: BigInt(m[1] + frac), den: 10n ** BigInt(frac.length) };
}

function mul(a: Exact, k: bigint): Exact { return { num: a.num * k, den: a.den }; }

export function compare(a: Exact, b: Exact): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

function fromNumber(n: number): Exact | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  const s = String(n);
  if (/e/i.test(s)) return n === Math.trunc(n) ? { num: BigInt(n), den: 1n } : undefined;
  return decimal(s);
}

/**
 * CPU in millicores as the Azure limits template parses it: numbers and plain decimals are cores,
 * a trailing "m" means millicores, anything else (exponents, k/u/n, signs, spaces) is unparseable.
 */
export function azureCpuMillis(v: unknown): Exact | undefined {
  if (typeof v === 'number') { const e = fromNumber(v); return e && mul(e, 1000n); }
  if (typeof v !== 'string') return undefined;
  if (v.endsWith('m')) return decimal(v.replace(/m/g, ''));
  const d = decimal(v);
  return d && mul(d, 1000n);
}

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, bigint> = { k: 10n ** 3n, M: 10n ** 6n, G: 10n ** 9n, T: 10n ** 12n, P: 10n ** 15n, E: 10n ** 18n };

/** Memory in milli-bytes as the Azure limits template parses it (binary Ki…Ei, decimal k M G T P E, m, or bytes). */
export function azureMemoryMilliBytes(v: unknown): Exact | undefined {
  if (typeof v === 'number') { const e = fromNumber(v); return e && mul(e, 1000n); }
  if (typeof v !== 'string') return undefined;
  const two = v.slice(-2);
  if (BINARY[two] !== undefined) { const d = decimal(v.slice(0, -2)); return d && mul(d, BINARY[two]! * 1000n); }
  const one = v.slice(-1);
  if (DECIMAL[one] !== undefined) { const d = decimal(v.slice(0, -1)); return d && mul(d, DECIMAL[one]! * 1000n); }
  if (one === 'm') return decimal(v.slice(0, -1));
  const d = decimal(v);
  return d && mul(d, 1000n);
}

const K8S_SUFFIX: Record<string, Exact> = {
  '': { num: 1n, den: 1n },
  n: { num: 1n, den: 10n ** 9n }, u: { num: 1n, den: 10n ** 6n }, m: { num: 1n, den: 1000n },
  k: { num: 10n ** 3n, den: 1n }, M: { num: 10n ** 6n, den: 1n }, G: { num: 10n ** 9n, den: 1n },
  T: { num: 10n ** 12n, den: 1n }, P: { num: 10n ** 15n, den: 1n }, E: { num: 10n ** 18n, den: 1n },
  Ki: { num: BINARY.Ki!, den: 1n }, Mi: { num: BINARY.Mi!, den: 1n }, Gi: { num: BINARY.Gi!, den: 1n },
  Ti: { num: BINARY.Ti!, den: 1n }, Pi: { num: BINARY.Pi!, den: 1n }, Ei: { num: BINARY.Ei!, den: 1n },
};

/** A Kubernetes quantity (resource.Quantity grammar) as an exact value in base units, or undefined if invalid. */
export function k8sQuantity(v: unknown): Exact | undefined {
  if (typeof v === 'number') return fromNumber(v);
  if (typeof v !== 'string') return undefined;
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(v);
  if (!m || m[1] === '-') return undefined;
  let body = m[2]!;
  if (body.startsWith('.')) body = `0${body}`;
  if (body.endsWith('.')) body = body.slice(0, -1);
  const d = decimal(body)!;
  if (m[4] !== undefined) {
    const e = BigInt(m[4]);
    return e >= 0n ? { num: d.num * 10n ** e, den: d.den } : { num: d.num, den: d.den * 10n ** -e };
  }
  const s = K8S_SUFFIX[m[3] ?? '']!;
  return { num: d.num * s.num, den: d.den * s.den };
}
