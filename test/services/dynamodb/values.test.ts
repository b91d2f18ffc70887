/** Unit tests for numbers, ordering, attribute-value validation and item size. */
import { describe, expect, it } from 'vitest';
import { comparePart, keyPart, utf8ByteString } from '../../../src/services/dynamodb/indexes/key-order.js';
import { checkValue } from '../../../src/services/dynamodb/values/attribute-value.js';
import { compareBytes, compareNumbers, compareStrings } from '../../../src/services/dynamodb/values/compare.js';
import { Decimal, normaliseNumber } from '../../../src/services/dynamodb/values/numbers.js';
import { itemSize } from '../../../src/services/dynamodb/values/size.js';

describe('numbers', () => {
  it.each([
    ['1.50', '1.5'],
    ['0100', '100'],
    ['1e2', '100'],
    ['1E+2', '100'],
    ['-0', '0'],
    ['0.000', '0'],
    ['-1.230e-3', '-0.00123'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['+7', '7'],
    ['99999999999999999999999999999999999999', '99999999999999999999999999999999999999'],
    ['1E-130', `0.${'0'.repeat(129)}1`],
    ['9.9999999999999999999999999999999999999E+125', `99999999999999999999999999999999999999${'0'.repeat(88)}`],
  ])('canonicalises %s as %s', (input, output) => {
    expect(normaliseNumber(input)).toBe(output);
  });

  it.each([
    ['abc', 'A value provided cannot be converted into a number'],
    ['', 'A value provided cannot be converted into a number'],
    ['1..2', 'A value provided cannot be converted into a number'],
    ['NaN', 'A value provided cannot be converted into a number'],
    ['Infinity', 'A value provided cannot be converted into a number'],
    ['0x10', 'A value provided cannot be converted into a number'],
    ['1E+126', 'Number overflow. Attempting to store a number with magnitude larger than supported range'],
    ['-1E+126', 'Number overflow. Attempting to store a number with magnitude larger than supported range'],
    ['1E-131', 'Number underflow. Attempting to store a number with magnitude smaller than supported range'],
    ['123456789012345678901234567890123456789', 'Attempting to store more than 38 significant digits in a Number'],
    ['1.23456789012345678901234567890123456789', 'Attempting to store more than 38 significant digits in a Number'],
  ])('rejects %s', (input, message) => {
    expect(() => normaliseNumber(input)).toThrow(message);
  });
});

describe('ordering', () => {
  it('orders string and binary keys as byte strings exactly as code points and unsigned bytes', () => {
    const strings = [
      '',
      'a',
      'ab',
      'b',
      'Z',
      '~',
      '\u007f',
      '\u0080',
      'é',
      '\u07ff',
      '\u0800',
      '\ud7ff',
      '\ue000',
      '\uffff',
      '😀',
      '😀a',
      '\u{10ffff}',
      'a\u0000b',
      'k10',
      'k9',
    ];
    for (const a of strings) {
      for (const b of strings) {
        const expected = Math.sign(compareStrings(a, b));
        expect([a, b, Math.sign(comparePart(keyPart({ S: a }), keyPart({ S: b })))]).toEqual([a, b, expected]);
      }
    }
    // Bytes match Buffer's UTF-8 for well-formed text; lone surrogates keep distinct bytes (no collisions).
    for (const a of strings) expect(utf8ByteString(a)).toBe(Buffer.from(a, 'utf8').toString('latin1'));
    expect(utf8ByteString('\ud800')).not.toBe(utf8ByteString('\udc00'));
    const bins = [[], [0], [0, 0], [1], [127], [128], [255], [255, 0]].map((b) => new Uint8Array(b));
    for (const a of bins) {
      for (const b of bins) {
        expect(Math.sign(comparePart(keyPart({ B: a }), keyPart({ B: b })))).toBe(Math.sign(compareBytes(a, b)));
      }
    }
  });

  it('orders canonical number text exactly as decimal.js does', () => {
    // Numbers built to share prefixes, integer-part lengths and signs, where text order and numeric order part.
    const seeds = [
      '0',
      '1',
      '9',
      '10',
      '0.5',
      '0.05',
      '0.55',
      '12',
      '12.5',
      '99.999',
      '100',
      '1e20',
      '1.5e-10',
      '123456789012345678901234567890.12345678',
    ];
    const values = seeds.flatMap((s) => [normaliseNumber(s), normaliseNumber(`-${s}`)]);
    const sign = (n: number) => Math.sign(n);
    for (const a of values) {
      for (const b of values) {
        expect([a, b, sign(compareNumbers(a, b))]).toEqual([a, b, new Decimal(a).comparedTo(new Decimal(b))]);
      }
    }
    // Text that is not canonical still compares by value.
    expect(compareNumbers('1.50', '1.5')).toBe(0);
    expect(compareNumbers('1e2', '99')).toBe(1);
  });

  it('orders numbers numerically, not as text', () => {
    expect(compareNumbers('9', '10')).toBeLessThan(0);
    expect(compareNumbers('-10', '-9')).toBeLessThan(0);
    expect(compareNumbers('1.5', '1.50')).toBe(0);
    expect(compareNumbers('1E+125', '9E+124')).toBeGreaterThan(0);
  });

  it('orders strings by UTF-8 bytes (code points)', () => {
    expect(compareStrings('a', 'b')).toBeLessThan(0);
    expect(compareStrings('B', 'a')).toBeLessThan(0);
    expect(compareStrings('ab', 'abc')).toBeLessThan(0);
    // U+FF5E sorts before U+1F600 in UTF-8, although its UTF-16 unit is larger than the surrogate.
    expect(compareStrings('\uff5e', '\u{1f600}')).toBeLessThan(0);
    expect(compareStrings('é', 'z')).toBeGreaterThan(0);
  });

  it('orders binary as unsigned bytes', () => {
    expect(compareBytes(new Uint8Array([0x7f]), new Uint8Array([0x80]))).toBeLessThan(0);
    expect(compareBytes(new Uint8Array([0xff]), new Uint8Array([0x00, 0x00]))).toBeGreaterThan(0);
    expect(compareBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBeLessThan(0);
  });
});

describe('attribute values', () => {
  it.each([
    [{}, 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'],
    [{ S: 'a', N: '1' }, 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes'],
    [{ NULL: false }, 'One or more parameter values were invalid: Null attribute value types must have the value of true'],
    [{ SS: [] }, 'One or more parameter values were invalid: An string set  may not be empty'],
    [{ NS: [] }, 'One or more parameter values were invalid: An number set  may not be empty'],
    [{ BS: [] }, 'One or more parameter values were invalid: Binary sets should not be empty'],
    [{ SS: ['a', 'a'] }, 'One or more parameter values were invalid: Input collection [a, a] contains duplicates.'],
    [{ NS: ['1', '1.0'] }, 'One or more parameter values were invalid: Input collection contains duplicates'],
    [{ L: [{ SS: [] }] }, 'One or more parameter values were invalid: An string set  may not be empty'],
    [{ M: { a: { N: 'x' } } }, 'A value provided cannot be converted into a number'],
  ])('rejects %j', (value, message) => {
    expect(() => checkValue(value)).toThrow(message);
  });

  it('canonicalises numbers inside sets, lists and maps', () => {
    expect(checkValue({ NS: ['1.0', '2e1'] })).toEqual({ NS: ['1', '20'] });
    expect(checkValue({ L: [{ N: '01' }] })).toEqual({ L: [{ N: '1' }] });
    expect(checkValue({ M: { a: { N: '1.10' } } })).toEqual({ M: { a: { N: '1.1' } } });
  });
});

describe('item size', () => {
  it('counts UTF-8 names and values as DynamoDB does', () => {
    expect(itemSize({ ab: { S: 'xyz' } })).toBe(5);
    expect(itemSize({ é: { S: 'é' } })).toBe(4);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ b: { BOOL: true }, z: { NULL: true } })).toBe(4);
    expect(itemSize({ l: { L: [{ S: 'a' }, { S: 'b' }] } })).toBe(1 + 3 + 2 + 2);
    expect(itemSize({ m: { M: { k: { S: 'v' } } } })).toBe(1 + 3 + 1 + 1 + 1);
  });
});
