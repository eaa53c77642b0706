// Resource quantities: Kubernetes' grammar stated once, its canonical form, and Azure's limits-template parsing (exact, as Defender judges).

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

/** A quantity as written, cut by Kubernetes' grammar (resource.Quantity): sign, digits, and a suffix or an exponent. */
export interface QuantityParts {
  negative: boolean;
  /** digits before and after the decimal point ("" when none: ".5", "5.") */
  int: string;
  frac: string;
  /** "", a binary suffix (Ki…Ei) or a decimal one (n u m k M G T P E) */
  suffix: string;
  /** the decimal exponent of "1e3", as written */
  exponent?: string;
}

/** The one statement of the quantity grammar; every parse of a Kubernetes quantity goes through it. */
export function quantityParts(text: string): QuantityParts | undefined {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const [int = '', frac = ''] = m[2]!.split('.');
  return { negative: m[1] === '-', int: int === '' ? '0' : int, frac, suffix: m[3] ?? '', exponent: m[4] };
}

/** A Kubernetes quantity (resource.Quantity grammar) as an exact value in base units, or undefined if invalid. */
export function k8sQuantity(v: unknown): Exact | undefined {
  if (typeof v === 'number') return fromNumber(v);
  if (typeof v !== 'string') return undefined;
  const q = quantityParts(v);
  if (!q || q.negative) return undefined;
  const d = decimal(q.frac === '' ? q.int : `${q.int}.${q.frac}`)!;
  if (q.exponent !== undefined) {
    const e = BigInt(q.exponent);
    return e >= 0n ? { num: d.num * 10n ** e, den: d.den } : { num: d.num, den: d.den * 10n ** -e };
  }
  const s = K8S_SUFFIX[q.suffix]!;
  return { num: d.num * s.num, den: d.den * s.den };
}

const BINARY_SUFFIX = ['', ...Object.keys(BINARY)];
const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const NANO = 10n ** 9n;
const MAX_UNITS = (1n << 63n) - 1n;

/**
 * The string a live cluster would hand the policy: Kubernetes re-serialises every quantity in canonical form
 * (resource.Quantity: value rounded up to nano units, the written format kept — decimal SI, binary SI or
 * decimal exponent — the largest suffix that keeps an integer mantissa). `0.5` → `500m`, `1.5Gi` → `1536Mi`,
 * number `1000` → `1k`, `1.5m` → `1500u`, `1e3` stays `1e3`. Undefined when Kubernetes would reject the value.
 */
export function canonicalQuantity(v: string | number): string | undefined {
  const q = quantityParts(typeof v === 'number' ? String(v) : v);
  if (!q) return undefined;
  const sign = q.negative ? '-' : '';
  const { int, frac, suffix } = q;
  // value = digits × 10^exp10 × 1024^exp1024
  const digits = BigInt(int + frac);
  let exp10 = -frac.length;
  let exp1024 = 0;
  let format: 'decimal' | 'binary' | 'exponent' = 'decimal';
  if (q.exponent !== undefined) { format = 'exponent'; exp10 += Number(q.exponent); }
  else if (suffix.endsWith('i')) { format = 'binary'; exp1024 = BINARY_SUFFIX.indexOf(suffix); }
  else if (suffix !== '') exp10 += { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }[suffix]!;
  if (digits === 0n) return '0';
  // decimal order of magnitude: guards against building huge bigints for "1e999999"
  const order = exp10 + (int + frac).replace(/^0+/, '').length + 4 * exp1024;
  if (order > 40) return `${sign}${MAX_UNITS}`;
  // nanos, rounded up (away from zero) as Kubernetes does below its smallest scale
  let nanos = 1n;
  if (order > -9) {
    let num = digits * 1024n ** BigInt(exp1024) * NANO;
    let den = 1n;
    if (exp10 >= 0) num *= 10n ** BigInt(exp10); else den = 10n ** BigInt(-exp10);
    nanos = num / den + (num % den === 0n ? 0n : 1n);
  }
  // Kubernetes saturates at 2^63-1 units
  if (nanos > MAX_UNITS * NANO) return `${sign}${MAX_UNITS}`;
  if (format === 'binary' && nanos >= 1024n * NANO && nanos % NANO === 0n) {
    let whole = nanos / NANO;
    let k = 0;
    while (k < 6 && whole % 1024n === 0n) { whole /= 1024n; k++; }
    return `${sign}${whole}${BINARY_SUFFIX[k]}`;
  }
  let mantissa = nanos;
  let e = -9;
  while (e < 18 && mantissa % 1000n === 0n) { mantissa /= 1000n; e += 3; }
  if (format === 'exponent') return `${sign}${mantissa}${e === 0 ? '' : `e${e}`}`;
  return `${sign}${mantissa}${DECIMAL_SUFFIX[e]}`;
}
