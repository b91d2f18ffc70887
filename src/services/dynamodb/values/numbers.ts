/**
 * DynamoDB numbers: decimals of up to 38 significant digits with magnitude 1E-130 … 9.99…E+125, kept exact
 * (decimal.js, never JS floats) and returned in canonical form ("1.50" → "1.5", "1e2" → "100").
 * Messages: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number
 */
import { Decimal as DecimalBase } from 'decimal.js';
import { validation } from '../validation/errors.js';

/** Enough working precision that the sum or difference of two valid numbers is exact before we check it. */
export const Decimal = DecimalBase.clone({ precision: 300, toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 });
export type Decimal = InstanceType<typeof Decimal>;

const NUMBER_SYNTAX = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Parses and range-checks an N value; throws DynamoDB's ValidationException texts. */
export function parseNumber(text: string): Decimal {
  if (!NUMBER_SYNTAX.test(text)) throw validation('A value provided cannot be converted into a number');
  return checkRange(new Decimal(text.trim()));
}

export function checkRange(value: Decimal): Decimal {
  if (value.isZero()) return value;
  // dynalite validations/index.js: exponent above 125 overflows, below -130 underflows.
  if (value.e > 125) throw validation('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (value.e < -130) throw validation('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  if (value.sd() > 38) throw validation('Attempting to store more than 38 significant digits in a Number');
  return value;
}

export function canonicalNumber(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** An integer that is already canonical: no sign but `-`, no leading zero, at most 38 digits, not `-0`. */
const CANONICAL_INTEGER = /^(?:0|-?[1-9]\d{0,37})$/;

/** Validates and canonicalises an N string (canonical integers, the common case, skip the decimal parse). */
export function normaliseNumber(text: string): string {
  if (text.length <= 39 && CANONICAL_INTEGER.test(text)) return text;
  return canonicalNumber(parseNumber(text));
}

/** The form canonicalNumber writes: no exponent, no leading zeros, no trailing fraction zeros, no `-0`. */
const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/**
 * Orders two numbers exactly. Canonical strings (every stored value) compare as text: sign, then the length of
 * the integer part, then digit by digit; anything else goes through decimal.js.
 */
export function compareNumberText(a: string, b: string): number {
  if (a === b) return 0;
  if (!CANONICAL.test(a) || !CANONICAL.test(b)) return new Decimal(a).comparedTo(new Decimal(b));
  const negA = a.charCodeAt(0) === 45;
  const negB = b.charCodeAt(0) === 45;
  if (negA !== negB) return negA ? -1 : 1;
  const ma = negA ? a.slice(1) : a;
  const mb = negB ? b.slice(1) : b;
  const ia = ma.indexOf('.');
  const ib = mb.indexOf('.');
  const la = ia < 0 ? ma.length : ia;
  const lb = ib < 0 ? mb.length : ib;
  // "0.5" has a one-digit integer part like "1", and "0" < "1" as text, so no special case for zero.
  const magnitude = la !== lb ? la - lb : ma < mb ? -1 : ma > mb ? 1 : 0;
  return negA ? -magnitude : magnitude;
}
