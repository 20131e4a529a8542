import type { Entry, Place } from '../data/schema.js';
import type { Skipped } from './parse.js';
import type { Planned } from './plan.js';

function where(place: Place): string {
  const within = [place.district, place.municipality, place.county].filter((p) => p && p !== place.name);
  return within.length > 0 ? `${place.name} (${within.join(', ')})` : place.name;
}

function person(p: Entry['people'][number]): string {
  return [p.name, p.role, p.organisation].filter(Boolean).join(', ');
}

/**
 * The import as a reader checks it: "+" and the fields of each entry it would add, "!" under it for each thing
 * to check, "=" for what the record already has, "?" for text it could not read.
 */
export function formatImport(plan: readonly Planned[], skipped: readonly Skipped[]): string {
  const out: string[] = [];
  for (const item of plan) {
    const e = item.entry;
    if (item.existing) {
      out.push(`= ${item.existing}  (line ${item.line}: already in the record)`);
      continue;
    }
    out.push(`+ ${e.id}  (line ${item.line})`);
    out.push(`+   ${e.kind}, ${e.period.label} (${e.period.start}..${e.period.end}), ${e.section}`);
    out.push(`+   title:  ${e.title}`);
    out.push(`+   places: ${e.places.map(where).join('; ')}`);
    if (e.people.length > 0) out.push(`+   people: ${e.people.map(person).join('; ')}`);
    if (e.topics.length > 0) out.push(`+   topics: ${e.topics.join(', ')}`);
    out.push(`+   source: ${e.source}`);
    for (const flag of item.flags) out.push(`!   check: ${flag}`);
  }
  for (const s of skipped) out.push(`? line ${s.line}: ${s.reason}: ${s.text}`);
  const added = plan.filter((p) => !p.existing);
  const flagged = added.filter((p) => p.flags.length > 0).length;
  out.push('');
  out.push(`${added.length} to add (${flagged} flagged), ${plan.length - added.length} already in the record, ${skipped.length} not read.`);
  return out.join('\n');
}
