// What each entry is found by: names (speakers, companies, people), titles, and body text, normalised once per snapshot.
import type { Dataset, Entry, EntityEntry } from '../data/dataset.ts';
import type { Steps } from '../util/slices.ts';

/** The fields of an entry, in ranking order: names (speakers, companies, people) > titles > body text. */
export const FIELDS = ['names', 'title', 'body'] as const;
export type Field = (typeof FIELDS)[number];
/** A field by its position in FIELDS. */
export type FieldCode = 0 | 1 | 2;

/** Receives every text of every entry (raw: the index tokenises it), entry by entry in the order of `entries`. */
export interface TextSink {
  /** One text of an entry, in one field. */
  text(entry: number, field: FieldCode, text: string): void;
  /** The names of an entity, for the names field of an entry; `entity` identifies the list, which never changes. */
  names(entry: number, entity: string, names: readonly string[]): void;
}

/** Names and aliases of an entity, the way users type them. */
export function entityNames(entity: EntityEntry): string[] {
  const names = [entity.name, ...entity.aliases];
  // "Kassym-Jomart Tokayev" is also typed as its last word alone.
  const surname = entity.type === 'person' && !entity.anonymous ? entity.name.split(/\s+/).at(-1) : undefined;
  if (surname && surname.length > 2) names.push(surname);
  return names;
}

/** Every entry in search order: quotes, deals, facts, people and organisations, sources. */
export function searchableEntries(dataset: Dataset): Entry[] {
  return [...dataset.quotes, ...dataset.deals, ...dataset.facts, ...dataset.entities, ...dataset.sources];
}

/**
 * Feeds the texts of every entry to `sink`, pausing every 250 entries. Nothing is kept: the index built
 * from the texts is all that stays in memory. Entity names are listed once and shared by every entry naming them.
 */
export function* emitSearchTexts(dataset: Dataset, entries: readonly Entry[], sink: TextSink): Steps<void> {
  const namesById = new Map<string, readonly string[]>();
  for (const entity of dataset.entities) namesById.set(entity.id, [...new Set(entityNames(entity))]);
  yield;
  const names = (entry: number, ids: readonly string[]): void => {
    for (const id of ids) {
      const list = namesById.get(id);
      if (list) sink.names(entry, id, list);
    }
  };
  const texts = (entry: number, field: FieldCode, values: readonly (string | undefined)[]): void => {
    for (const value of values) if (value) sink.text(entry, field, value);
  };

  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (!entry) continue;
    switch (entry.kind) {
      case 'quote':
        names(index, [entry.speaker]);
        texts(index, 1, entry.topics);
        texts(index, 2, [entry.text, entry.context]);
        break;
      case 'deal':
        names(index, [...entry.counterparties, ...entry.parties]);
        texts(index, 1, [entry.title, entry.category, entry.quantity?.unit]);
        texts(index, 2, [...entry.notes, entry.partiesNote, entry.counterpartiesNote, entry.value?.text]);
        break;
      case 'fact':
        names(index, entry.subjects);
        texts(index, 1, entry.topics);
        texts(index, 2, [entry.text]);
        break;
      case 'entity':
        names(index, [entry.id]);
        texts(index, 1, [entry.role]);
        texts(index, 2, [entry.description]);
        break;
      case 'source':
        texts(index, 0, [entry.publisher, ...entry.authors]);
        texts(index, 1, [entry.subject]);
        texts(index, 2, [entry.summary]);
        break;
    }
    if (index % 250 === 249) yield;
  }
}
