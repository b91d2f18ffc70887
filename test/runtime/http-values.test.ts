import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/runtime/errors.js';
import {
  formatHttpValue,
  joinHeaderList,
  parseBooleanText,
  parseFloatText,
  parseHttpValue,
  parseIntegerText,
  quoteHeaderItem,
  splitHeaderList,
  splitHttpDateList,
} from '../../src/runtime/http-values.js';

describe('integer values', () => {
  it('parses decimal integers', () => {
    expect(parseIntegerText('123', 'h')).toBe(123);
    expect(parseIntegerText('-7', 'h')).toBe(-7);
    expect(parseIntegerText('007', 'h')).toBe(7);
  });

  it('rejects booleans, fractions, trailing characters, hex and non-finite values', () => {
    for (const text of ['true', '1.001', '2ABC', '0x42', 'Infinity', '-Infinity', 'NaN', '', ' 1', '+1', '1e3']) {
      expect(() => parseIntegerText(text, 'h'), text).toThrow(SerializationError);
    }
  });

  it('rejects values outside the range of the integer type', () => {
    expect(() => parseIntegerText('2147483648', 'h', 'integer')).toThrow(SerializationError);
    expect(() => parseIntegerText('128', 'h', 'byte')).toThrow(SerializationError);
    expect(() => parseIntegerText('184467440737095500000', 'h')).toThrow(SerializationError);
    expect(parseIntegerText('5368709120000', 'h')).toBe(5368709120000);
  });

  it('reports errors as 400 SerializationException naming the location', () => {
    expect(() => parseIntegerText('abc', 'header X-Count')).toThrow(/header X-Count/);
    try {
      parseIntegerText('abc', 'header X-Count');
    } catch (err) {
      expect(err).toMatchObject({ code: 'SerializationException', httpStatus: 400, fault: 'client' });
    }
  });
});

describe('float and boolean values', () => {
  it('parses decimals, exponents and the special values NaN, Infinity and -Infinity', () => {
    expect(parseFloatText('1.1', 'h')).toBe(1.1);
    expect(parseFloatText('-2.5e3', 'h')).toBe(-2500);
    expect(parseFloatText('NaN', 'h')).toBeNaN();
    expect(parseFloatText('Infinity', 'h')).toBe(Number.POSITIVE_INFINITY);
    expect(parseFloatText('-Infinity', 'h')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('rejects malformed floats', () => {
    for (const text of ['true', '2ABC', '0x42', 'nan', 'inf', '']) {
      expect(() => parseFloatText(text, 'h'), text).toThrow(SerializationError);
    }
  });

  it('accepts only the exact literals true and false as booleans', () => {
    expect(parseBooleanText('true', 'h')).toBe(true);
    expect(parseBooleanText('false', 'h')).toBe(false);
    for (const text of ['True', 'TRUE', 'yes', '1', 'on', '']) {
      expect(() => parseBooleanText(text, 'h'), text).toThrow(SerializationError);
    }
  });

  it('formats non-finite floats with their Smithy spellings', () => {
    expect(formatHttpValue(Number.NaN, 'float', 'header')).toBe('NaN');
    expect(formatHttpValue(Number.NEGATIVE_INFINITY, 'float', 'header')).toBe('-Infinity');
    expect(formatHttpValue(1.5, 'float', 'header')).toBe('1.5');
  });
});

describe('timestamps, blobs and media-type strings in HTTP values', () => {
  it('defaults timestamps to http-date in headers and date-time in query strings and labels', () => {
    const date = new Date(Date.UTC(2019, 11, 16, 23, 48, 18));
    expect(parseHttpValue('Mon, 16 Dec 2019 23:48:18 GMT', 'timestamp', 'header', 'h')).toEqual(date);
    expect(parseHttpValue('2019-12-16T23:48:18Z', 'timestamp', 'query', 'q')).toEqual(date);
    expect(parseHttpValue('2019-12-16T23:48:18Z', 'timestamp', 'label', 'l')).toEqual(date);
    expect(() => parseHttpValue('2019-12-16T23:48:18Z', 'timestamp', 'header', 'h')).toThrow(SerializationError);
    expect(formatHttpValue(date, 'timestamp', 'header')).toBe('Mon, 16 Dec 2019 23:48:18 GMT');
    expect(formatHttpValue(date, 'timestamp', 'query')).toBe('2019-12-16T23:48:18.000Z');
    expect(formatHttpValue(date, 'timestamp', 'header', 'epoch-seconds')).toBe('1576540098');
  });

  it('base64-encodes JSON media-type strings in headers but not in query strings', () => {
    expect(formatHttpValue('true', 'json', 'header')).toBe('dHJ1ZQ==');
    expect(parseHttpValue('dHJ1ZQ==', 'json', 'header', 'h')).toBe('true');
    expect(parseHttpValue('true', 'json', 'query', 'q')).toBe('true');
    expect(() => parseHttpValue('not base64!', 'json', 'header', 'h')).toThrow(SerializationError);
  });

  it('base64-encodes blobs', () => {
    expect(formatHttpValue(new TextEncoder().encode('blob'), 'blob', 'header')).toBe('YmxvYg==');
    expect(parseHttpValue('YmxvYg==', 'blob', 'header', 'h')).toEqual(new TextEncoder().encode('blob'));
    expect(() => parseHttpValue('YmxvYg=', 'blob', 'header', 'h')).toThrow(SerializationError);
  });
});

describe('header lists', () => {
  it('splits on commas and trims items', () => {
    expect(splitHeaderList('a, b, c')).toEqual(['a', 'b', 'c']);
    expect(splitHeaderList('a,b,,c')).toEqual(['a', 'b', '', 'c']);
    expect(splitHeaderList('1, 2, 3')).toEqual(['1', '2', '3']);
  });

  it('does not split inside double-quoted strings and unescapes them', () => {
    expect(splitHeaderList('"b,c", "\\"def\\"", a')).toEqual(['b,c', '"def"', 'a']);
    expect(splitHeaderList('"a\\\\b"')).toEqual(['a\\b']);
  });

  it('reads an empty header as an empty list', () => {
    expect(splitHeaderList('')).toEqual([]);
    expect(splitHeaderList('  ')).toEqual([]);
  });

  it('splits http-date lists at every second comma', () => {
    expect(splitHttpDateList('Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT')).toEqual([
      'Mon, 16 Dec 2019 23:48:18 GMT',
      'Tue, 17 Dec 2019 23:48:18 GMT',
    ]);
  });

  it('quotes items containing commas or quotes when joining, and splits them back', () => {
    expect(quoteHeaderItem('plain')).toBe('plain');
    expect(joinHeaderList(['b,c', '"def"', 'a'], 'string')).toBe('"b,c", "\\"def\\"", a');
    expect(splitHeaderList(joinHeaderList(['b,c', '"def"', 'x'], 'string'))).toEqual(['b,c', '"def"', 'x']);
  });

  it('never quotes http-date items', () => {
    const d = new Date(Date.UTC(2019, 11, 16, 23, 48, 18));
    expect(joinHeaderList([d, d], 'timestamp')).toBe('Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT');
  });
});
