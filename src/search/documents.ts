// What each entry is found by: names, titles, body text and context, described once for the index and the reranking.
import type { Dataset, Entry, EntityEntry } from '../data/dataset.ts';
import type { Steps } from '../util/slices.ts';
import { moneyWords, tokenize } from './normalize.ts';

/**
 * The fields of an entry, in ranking order: names (speakers, parties, the entity's own names) > titles (titles,
 * topics, roles) > body text (the quote, the fact, notes) > subjects (a fact's subjects, an entity's country) >
 * context (amounts, quantities, caveats, keywords; a quote's speaker's role and country, found through the speaker
 * by search.ts): what an entry is about outranks what it merely mentions, and its own words outrank the keywords
 * that stand in for other people's.
 */
export const FIELDS = ['names', 'title', 'body', 'subjects', 'context'] as const;
export type Field = (typeof FIELDS)[number];
/** A field by its position in FIELDS. */
export type FieldCode = 0 | 1 | 2 | 3 | 4;
export const FIELD_COUNT = FIELDS.length;

/** Receives what one entry is found by, field by field. */
export interface EntryTextSink {
  /** A text of the entry (raw: the receiver tokenises it). */
  text(field: FieldCode, text: string): void;
  /** Words already in search form (amounts of money). */
  words(field: FieldCode, words: readonly string[]): void;
  /** An entity the entry names, by its names; they never change, so receivers may tokenise them once per entity. */
  entity(field: FieldCode, id: string): void;
}

/** Names and aliases of an entity, the way users type them. */
export function entityNames(entity: EntityEntry): string[] {
  const names = [entity.name, ...entity.aliases];
  // "Kassym-Jomart Tokayev" is also typed as its last word alone.
  const surname = entity.type === 'person' && !entity.anonymous ? entity.name.split(/\s+/).at(-1) : undefined;
  if (surname && surname.length > 2) names.push(surname);
  return [...new Set(names)];
}

/** Every entry in search order: quotes, deals, facts, people and organisations, sources. */
export function searchableEntries(dataset: Dataset): Entry[] {
  return [...dataset.quotes, ...dataset.deals, ...dataset.facts, ...dataset.entities, ...dataset.sources];
}

/** How many entries `searchableEntries` lists, without listing them. */
export function entryCount(dataset: Dataset): number {
  return dataset.quotes.length + dataset.deals.length + dataset.facts.length + dataset.entities.length + dataset.sources.length;
}

/** Tells `sink` everything one entry is found by. */
export function describeEntry(entry: Entry, sink: EntryTextSink): void {
  switch (entry.kind) {
    case 'quote':
      // Its speaker's role and country are the speaker's words: search finds them through the speaker rather than
      // the index repeating them on every quote.
      sink.entity(0, entry.speaker);
      textsTo(sink, 1, entry.topics);
      textsTo(sink, 4, entry.keywords);
      sink.text(2, entry.text);
      sink.text(2, entry.context);
      break;
    case 'deal': {
      for (const id of entry.counterparties) sink.entity(0, id);
      for (const id of entry.parties) sink.entity(0, id);
      const { value, quantity } = entry;
      sink.text(1, entry.title);
      sink.text(1, entry.category);
      if (quantity) sink.text(1, quantity.unit);
      textsTo(sink, 4, entry.keywords);
      textsTo(sink, 2, entry.notes);
      textsTo(sink, 2, [entry.partiesNote, entry.counterpartiesNote, value?.text]);
      if (value?.amount !== undefined && value.currency !== undefined) sink.words(4, moneyWords(value.amount, value.currency));
      if (value?.qualifier) sink.text(4, value.qualifier);
      if (quantity) {
        textsTo(sink, 4, [quantity.qualifier, quantity.text]);
        if (quantity.count !== undefined) sink.words(4, numberWords(quantity.count));
      }
      textsTo(sink, 4, entry.caveats);
      break;
    }
    case 'fact':
      textsTo(sink, 1, entry.topics);
      textsTo(sink, 4, entry.keywords);
      sink.text(2, entry.text);
      // A fact is about what its text says; its subjects are context, so a fact merely listing a country among
      // seven subjects ranks below the facts whose text is about that country.
      for (const id of entry.subjects) sink.entity(3, id);
      for (const figure of entry.figures) {
        if (/^[A-Z]{3}$/.test(figure.unit)) sink.words(4, moneyWords(figure.value, figure.unit));
        else {
          textsTo(sink, 4, [figure.qualifier, figure.unit]);
          sink.words(4, numberWords(figure.value));
        }
      }
      break;
    case 'entity':
      sink.entity(0, entry.id);
      if (entry.role) sink.text(1, entry.role);
      textsTo(sink, 4, entry.keywords);
      if (entry.description) sink.text(2, entry.description);
      if (entry.country !== undefined) sink.entity(3, entry.country);
      break;
    case 'source':
      sink.text(0, entry.publisher);
      textsTo(sink, 0, entry.authors);
      sink.text(1, entry.subject);
      sink.text(2, entry.summary);
      break;
  }
}

function textsTo(sink: EntryTextSink, field: FieldCode, values: readonly (string | undefined)[] | undefined): void {
  if (values) for (const value of values) if (value) sink.text(field, value);
}

/** A number as search sees it ("22", or "2" and "5" for 2.5), without the text path's amount rewriting. */
function numberWords(value: number): string[] {
  return String(value).split(/[^0-9]+/).filter((part) => part.length > 0);
}

/** An entity's words, worked out once per snapshot: for the index, the exact-name table and "did you mean". */
export interface EntityWords {
  /** The entity's position in the dataset: a small number that stands for these words in the index build. */
  readonly ordinal: number;
  /** Display name, aliases and surname, as written. */
  readonly names: readonly string[];
  /** The words of each of `names`. */
  readonly nameWords: readonly (readonly string[])[];
  /** Every distinct word of all names. */
  readonly allNameWords: readonly string[];
  /** Words of the display name: what the entity counts for the length of a names field. */
  readonly nameLength: number;
}

/** The words of every entity, by id. */
export function* entityWordsOf(dataset: Dataset): Steps<Map<string, EntityWords>> {
  const words = new Map<string, EntityWords>();
  // Many people share a surname and its spellings: each distinct name is tokenised once.
  const tokenized = new Map<string, string[]>();
  const wordsOf = (name: string): string[] => {
    let found = tokenized.get(name);
    if (!found) tokenized.set(name, (found = tokenize(name)));
    return found;
  };
  for (let i = 0; i < dataset.entities.length; i++) {
    const entity = dataset.entities[i];
    if (!entity) continue;
    const names = entityNames(entity);
    const nameWords = names.map(wordsOf);
    words.set(entity.id, {
      ordinal: i,
      names,
      nameWords,
      allNameWords: distinctWords(nameWords),
      nameLength: nameWords[0]?.length ?? 1,
    });
    if (i % 1000 === 999) yield;
  }
  return words;
}

/** The distinct words of a few short lists (an entity's names), in order of first use. */
function distinctWords(lists: readonly (readonly string[])[]): string[] {
  const words: string[] = [];
  for (const list of lists) for (const word of list) if (!words.includes(word)) words.push(word);
  return words;
}

/** Receives every entry's texts for the index, entry by entry in the order of `entries`. */
export interface TextSink {
  /** One text of an entry, in one field. */
  text(entry: number, field: FieldCode, text: string): void;
  /** Words already in search form. */
  words(entry: number, field: FieldCode, words: readonly string[]): void;
  /**
   * Words shared by many entries (an entity's names), under a small number that always stands for the same words.
   * `length` is what they count for the field's length: a name counts its words, not every alias. `entity` is the
   * entity whose names they are.
   */
  shared(entry: number, field: FieldCode, key: number, words: readonly string[], length: number, entity?: string): void;
}

/**
 * Feeds the texts of every entry to `sink`, pausing every 250 entries. Nothing is kept: the index built
 * from the texts is all that stays in memory. An entity's words are worked out once and shared by every entry naming it.
 */
export function* emitSearchTexts(entries: readonly Entry[], entityWords: ReadonlyMap<string, EntityWords>, sink: TextSink): Steps<void> {
  let index = 0;
  const entrySink: EntryTextSink = {
    text: (field, text) => {
      sink.text(index, field, text);
    },
    words: (field, words) => {
      sink.words(index, field, words);
    },
    entity: (field, id) => {
      const words = entityWords.get(id);
      if (words) sink.shared(index, field, words.ordinal, words.allNameWords, words.nameLength, id);
    },
  };
  for (; index < entries.length; index++) {
    const entry = entries[index];
    if (entry) describeEntry(entry, entrySink);
    if (index % 250 === 249) yield;
  }
}
