/** Rendering time of the timeline picture (SVG layout + resvg → PNG) for the project's own record. */
import { loadRecordFile } from '../src/data/load.js';
import { timelinePng } from '../src/render/picture.js';
import { RecordIndex } from '../src/search/engine.js';
import { type Stat, stat, time } from './stats.js';

export function benchPicture(runs: number): { whole: Stat; season: Stat } {
  const index = new RecordIndex(loadRecordFile());
  const measure = (span: { start: string; end: string }, title: string) => {
    const entries = index.timeline(span);
    timelinePng(entries, span, 'sv', title); // warm-up: fonts load once
    return stat(Array.from({ length: runs }, () => time(() => timelinePng(entries, span, 'sv', title))[1]));
  };
  return { whole: measure({ start: '2016-01', end: '2018-06' }, 'Tidslinje: 2016–2018'), season: measure({ start: '2017-01', end: '2017-06' }, 'Tidslinje: Våren 2017') };
}
