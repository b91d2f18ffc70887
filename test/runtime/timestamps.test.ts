import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/runtime/errors.js';
import {
  defaultTimestampFormat,
  formatDateTime,
  formatEpochSeconds,
  formatHttpDate,
  formatTimestamp,
  parseDateTime,
  parseEpochSeconds,
  parseHttpDate,
  parseTimestamp,
  resolveTimestampFormat,
  toDate,
} from '../../src/runtime/timestamps.js';

const instant = new Date(Date.UTC(2026, 10, 29, 6, 49, 40, 123));
const whole = new Date(Date.UTC(2026, 10, 29, 6, 49, 40));

describe('formatting timestamps', () => {
  it('formats date-time in UTC with millisecond precision', () => {
    expect(formatDateTime(whole)).toBe('2026-11-29T06:49:40.000Z');
    expect(formatDateTime(instant)).toBe('2026-11-29T06:49:40.123Z');
  });

  it('formats http-date as an IMF-fixdate', () => {
    expect(formatHttpDate(instant)).toBe('Sun, 29 Nov 2026 06:49:40 GMT');
    expect(formatHttpDate(new Date(Date.UTC(2019, 11, 16, 23, 48, 18)))).toBe('Mon, 16 Dec 2019 23:48:18 GMT');
  });

  it('pads years before 1000 to four digits', () => {
    const early = new Date(0);
    early.setUTCFullYear(999, 0, 2);
    expect(formatDateTime(early)).toBe('0999-01-02T00:00:00.000Z');
  });

  it('formats epoch-seconds as a number with up to three decimals', () => {
    expect(formatEpochSeconds(instant)).toBe(1795934980.123);
    expect(formatEpochSeconds(whole)).toBe(1795934980);
    expect(formatTimestamp(whole, 'epoch-seconds')).toBe('1795934980');
    expect(formatTimestamp(instant, 'epoch-seconds')).toBe('1795934980.123');
  });

  it('refuses to format an invalid date', () => {
    expect(() => formatDateTime(new Date(Number.NaN))).toThrow(TypeError);
  });
});

describe('parsing date-time', () => {
  it('parses with and without fractional seconds', () => {
    expect(parseDateTime('2026-11-29T06:49:40Z')).toEqual(whole);
    expect(parseDateTime('2026-11-29T06:49:40.123Z')).toEqual(instant);
    expect(parseDateTime('2026-11-29T06:49:40.1234567Z')).toEqual(instant);
    expect(parseDateTime('2026-11-29T06:49:40.5Z')?.getUTCMilliseconds()).toBe(500);
  });

  it('applies numeric UTC offsets', () => {
    expect(parseDateTime('1996-12-19T16:39:57-08:00')).toEqual(new Date(Date.UTC(1996, 11, 20, 0, 39, 57)));
    expect(parseDateTime('2026-11-29T08:49:40.123+02:00')).toEqual(instant);
  });

  it('accepts lower-case t and z as RFC 3339 allows', () => {
    expect(parseDateTime('2026-11-29t06:49:40z')).toEqual(whole);
  });

  it('rejects ISO 8601 variants that are not RFC 3339', () => {
    for (const text of [
      '1996-12-19T16:39:57',
      '1996-12-19 16:39:57Z',
      '19961219T163957Z',
      '1996-12-19T16:39Z',
      '1996-12-19T16:39:57+00',
      '1996-12-19T16:39:57+00Z',
      '2011-12-03T10:15:30+01:00[Europe/Paris]',
    ]) {
      expect(parseDateTime(text), text).toBeUndefined();
    }
  });

  it('rejects impossible calendar dates and times', () => {
    expect(parseDateTime('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseDateTime('2023-13-01T00:00:00Z')).toBeUndefined();
    expect(parseDateTime('2023-01-01T24:00:00Z')).toBeUndefined();
    expect(parseDateTime('2024-02-29T00:00:00Z')).toEqual(new Date(Date.UTC(2024, 1, 29)));
  });
});

describe('parsing http-date', () => {
  const expected = new Date(Date.UTC(1994, 10, 6, 8, 49, 37));

  it('parses IMF-fixdate', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toEqual(expected);
  });

  it('parses the obsolete RFC 850 and asctime forms', () => {
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toEqual(expected);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toEqual(expected);
  });

  it('reads an RFC 850 two-digit year more than 50 years ahead as the previous century', () => {
    // RFC 7231 §7.1.1.1, relative to today (2026): '76 is 2076, '99 is 1999.
    expect(parseHttpDate('Thursday, 01-Jan-76 00:00:00 GMT')?.getUTCFullYear()).toBe(2076);
    expect(parseHttpDate('Friday, 01-Jan-99 00:00:00 GMT')?.getUTCFullYear()).toBe(1999);
  });

  it('tolerates fractional seconds', () => {
    expect(parseHttpDate('Sun, 02 Jan 2000 20:34:56.000 GMT')).toEqual(new Date(Date.UTC(2000, 0, 2, 20, 34, 56)));
  });

  it('rejects other formats', () => {
    expect(parseHttpDate('2014-04-29T18:30:38Z')).toBeUndefined();
    expect(parseHttpDate('1398796238')).toBeUndefined();
    expect(parseHttpDate('Tue, 29 Apr 2014 18:30:38 PST')).toBeUndefined();
    expect(parseHttpDate('Tue, 31 Apr 2014 18:30:38 GMT')).toBeUndefined();
  });
});

describe('parsing epoch-seconds', () => {
  it('parses integers and decimals from text or numbers', () => {
    expect(parseEpochSeconds('1795934980')).toEqual(whole);
    expect(parseEpochSeconds('1795934980.123')).toEqual(instant);
    expect(parseEpochSeconds(1795934980.123)).toEqual(instant);
    expect(parseEpochSeconds('-1')).toEqual(new Date(-1000));
  });

  it('rejects malformed text', () => {
    for (const text of ['true', '1515531081ABC', '0x42', '1515531081.123.456', 'Infinity', '-Infinity', 'NaN', '1e9', '']) {
      expect(parseEpochSeconds(text), text).toBeUndefined();
    }
    expect(parseEpochSeconds(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('choosing and enforcing formats', () => {
  it('defaults to http-date in headers, epoch-seconds in JSON and date-time elsewhere', () => {
    expect(defaultTimestampFormat('header')).toBe('http-date');
    expect(defaultTimestampFormat('json')).toBe('epoch-seconds');
    expect(defaultTimestampFormat('xml')).toBe('date-time');
    expect(defaultTimestampFormat('query')).toBe('date-time');
    expect(defaultTimestampFormat('label')).toBe('date-time');
  });

  it('prefers the member trait over the target trait over the location default', () => {
    const target = { type: 'timestamp' as const, name: 'T', timestampFormat: 'http-date' as const };
    expect(resolveTimestampFormat({ timestampFormat: 'epoch-seconds' }, target, 'xml')).toBe('epoch-seconds');
    expect(resolveTimestampFormat({}, target, 'xml')).toBe('http-date');
    expect(resolveTimestampFormat(undefined, { type: 'timestamp', name: 'T' }, 'json')).toBe('epoch-seconds');
  });

  it('throws a 400 SerializationError when a value is in the wrong format', () => {
    expect(parseTimestamp('Mon, 16 Dec 2019 23:48:18 GMT', 'http-date')).toEqual(new Date(Date.UTC(2019, 11, 16, 23, 48, 18)));
    const error = (() => {
      try {
        parseTimestamp('2019-12-16T23:48:18Z', 'http-date', 'header X-Date');
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ httpStatus: 400, code: 'SerializationException' });
    expect(() => parseTimestamp('1515531081', 'date-time')).toThrow(SerializationError);
  });

  it('converts handler values to dates: Dates, timestamp strings and epoch milliseconds', () => {
    expect(toDate(whole)).toBe(whole);
    expect(toDate('2026-11-29T06:49:40Z')).toEqual(whole);
    expect(toDate(whole.getTime())).toEqual(whole);
    expect(() => toDate('yesterday')).toThrow(TypeError);
  });
});
