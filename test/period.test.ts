import { describe, expect, it } from 'vitest';
import { parsePeriod, readPeriod } from '../src/search/period.js';
import { index, searchIds } from './helpers/record.js';

describe('periods as the team types them', () => {
  it.each([
    ['vt17', '2017-01', '2017-06'],
    ['ht16', '2016-07', '2016-12'],
    ['ht-17', '2017-07', '2017-12'],
    ['VT16', '2016-01', '2016-06'],
    ['vt 2017', '2017-01', '2017-06'],
    ['HT 2016', '2016-07', '2016-12'],
    ['våren -17', '2017-01', '2017-06'],
    ['hösten 16', '2016-07', '2016-12'],
    ['höstterminen 2016', '2016-07', '2016-12'],
    ['ht16-vt17', '2016-07', '2017-06'],
    // början = the first term (våren), slutet = the last (hösten).
    ['i början av 2017', '2017-01', '2017-06'],
    ['i slutet av 2017', '2017-07', '2017-12'],
    ['the beginning of 2017', '2017-01', '2017-06'],
    ['the end of 2016', '2016-07', '2016-12'],
    ['sept 2017', '2017-09', '2017-09'],
    ['sep 2017', '2017-09', '2017-09'],
    ['sept. 2017', '2017-09', '2017-09'],
    ['okt 2016', '2016-10', '2016-10'],
    ['oct 2016', '2016-10', '2016-10'],
    ['maj 2017', '2017-05', '2017-05'],
    ['may 2017', '2017-05', '2017-05'],
    ['mars-maj 2017', '2017-03', '2017-05'],
  ])('"%s" is %s..%s', (text, start, end) => {
    expect(parsePeriod(text)).toMatchObject({ start, end });
  });

  it('reads two-digit years only after term words: "var 17 personer" is not a period', () => {
    expect(parsePeriod('var 17 personer')).toBeNull();
    expect(parsePeriod('sept 17')).toBeNull();
  });

  it.each([
    ['sommaren 2017', 'summer'],
    ['summer 2017', 'summer'],
    ['vintern 2016', 'winter'],
    ['Q1 2017', 'quarter'],
    ['kvartal 2 2017', 'quarter'],
    ['första kvartalet 2017', 'quarter'],
    ['third quarter of 2016', 'quarter'],
  ])('"%s" is reported as unsupported (%s), never widened to the year', (text, kind) => {
    expect(readPeriod(text)).toMatchObject({ unsupported: kind });
    expect(parsePeriod(text)).toBeNull();
  });

  it('keeps the rest of the text for search', () => {
    expect(readPeriod('workshop vt17')).toMatchObject({ start: '2017-01', rest: 'workshop' });
    expect(readPeriod('workshops sommaren 2017')).toMatchObject({ unsupported: 'summer', rest: 'workshops' });
  });

  it('lists the entries of a colloquial period', () => {
    expect(index.timeline(parsePeriod('ht17')!).map((e) => e.id)).toEqual(searchIds('hösten 2017'));
    expect(searchIds('workshop vt17')[0]).toBe('2017-spring-workshops-citizen-service');
  });
});
