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

/** Validates and canonicalises an N string. */
export function normaliseNumber(text: string): string {
  return canonicalNumber(parseNumber(text));
}
