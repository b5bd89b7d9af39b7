/**
 * Kubernetes resource quantities (`"500m"`, `"2Gi"`, `"1.5"`, `"1e3"`) as exact fixed-point numbers:
 * a `bigint` count of milli-units, rounded up like the API server rounds to 3 decimal places. No
 * floating point is used anywhere.
 */

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL_EXP: Record<string, number> = { m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** Thrown by {@link parseQuantity} for text that is not a quantity. */
export class QuantityError extends Error {
  override readonly name = 'QuantityError';
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) return ceilDiv(-numerator, -denominator);
  const q = numerator / denominator;
  return numerator % denominator > 0n ? q + 1n : q;
}

/**
 * Parses a quantity to milli-units (`"1"` → 1000n, `"500m"` → 500n, `"1Ki"` → 1024000n), rounding any
 * finer fraction up (`"0.1m"` → 1n). Numbers are accepted as their decimal text.
 * @throws QuantityError when the text is not a valid quantity.
 */
export function parseQuantity(input: string | number): bigint {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const m = PATTERN.exec(text);
  if (!m) throw new QuantityError(`quantities must match the regular expression '${PATTERN.source}': ${text}`);
  const sign = m[1] === '-' ? -1n : 1n;
  const numberText = m[2] ?? '0';
  const suffix = m[3] ?? '';
  const [intPart = '', fracPart = ''] = numberText.split('.');
  // value = digits / 10^fracLen
  const digits = BigInt((intPart || '0') + fracPart);
  let numerator = digits * 1000n; // milli
  let denominator = 10n ** BigInt(fracPart.length);
  const binary = BINARY[suffix];
  if (binary !== undefined) {
    numerator *= binary;
  } else {
    const exp = suffix in DECIMAL_EXP ? (DECIMAL_EXP[suffix] ?? 0) : Number.parseInt(suffix.slice(1), 10);
    if (exp >= 0) numerator *= 10n ** BigInt(exp);
    else denominator *= 10n ** BigInt(-exp);
  }
  return sign * ceilDiv(numerator, denominator);
}

/** Like {@link parseQuantity} but returns `undefined` instead of throwing. */
export function tryParseQuantity(input: unknown): bigint | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  try {
    return parseQuantity(input);
  } catch {
    return undefined;
  }
}

/**
 * Writes milli-units in the API server's canonical form: binary suffixes when `binary` and the value
 * is a whole multiple of 1Ki (`"1536Mi"`), else decimal (`"1500m"`, `"4"`, `"2k"`).
 */
export function formatQuantity(milli: bigint, binary = false): string {
  if (milli === 0n) return '0';
  const negative = milli < 0n;
  const abs = negative ? -milli : milli;
  const sign = negative ? '-' : '';
  if (abs % 1000n !== 0n) return `${sign}${abs}m`;
  const units = abs / 1000n;
  if (binary) {
    for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
      const factor = BINARY[suffix] ?? 1n;
      if (units % factor === 0n) return `${sign}${units / factor}${suffix}`;
    }
    return `${sign}${units}`;
  }
  for (const [suffix, exp] of [['E', 18n], ['P', 15n], ['T', 12n], ['G', 9n], ['M', 6n], ['k', 3n]] as const) {
    const factor = 10n ** exp;
    if (units % factor === 0n) return `${sign}${units / factor}${suffix}`;
  }
  return `${sign}${units}`;
}
