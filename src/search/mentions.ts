// What a piece of text (a message someone posted) mentions: the people, organisations and countries it names and the
// topics it touches, and the entries the data holds about them, best first.
import type { Dataset, Entry } from '../data/dataset.ts';
import { entityNames } from './documents.ts';
import { tokenize } from './normalize.ts';

/** The entries a text leads to, and the words that led there (enough to find them again, e.g. on the next page). */
export interface Mentions {
  readonly entries: readonly Entry[];
  /** The matched names and topics, normalised, in order of first mention. */
  readonly terms: readonly string[];
}

/** A name or topic as a sequence of normalised words, and what it stands for. */
interface Phrase {
  readonly entity?: string;
  readonly topic?: string;
  /** Short everyday words ("us", "it") count only when the text spells them like the data does ("US", "U.S."). */
  readonly exactly?: readonly string[];
}

const MAX_PHRASE_WORDS = 6;
// Aliases that are also common words: "U.S." normalises to "us", which is also the pronoun.
const EVERYDAY_WORDS = new Set(['us', 'it', 'he', 'we', 'me', 'am', 'an', 'as', 'at', 'in', 'is', 'on', 'or', 'to', 'so', 'no', 'go', 'do', 'be', 'by', 'of', 'up']);
const TOPIC_WEIGHT = 0.5;
/** Less than any name or topic: other shared words only order entries that the names already found. */
const WORD_WEIGHT = 0.2;
/** An entry that is the named entity itself comes just before the entries about it. */
const SELF_BONUS = 0.5;

const phraseIndexes = new WeakMap<Dataset, Map<string, Phrase[]>>();

/** The entries a text mentions, best first: those tied to more (and more often) mentioned names first. */
export function findMentions(dataset: Dataset, text: string): Mentions {
  const phrases = phraseIndexOf(dataset);
  const words = tokenize(text);
  const entityCounts = new Map<string, number>();
  const topicCounts = new Map<string, number>();
  const terms: string[] = [];
  for (let start = 0; start < words.length; ) {
    let matched = 0;
    for (let length = Math.min(MAX_PHRASE_WORDS, words.length - start); length >= 1 && matched === 0; length--) {
      const key = words.slice(start, start + length).join(' ');
      const found = (phrases.get(key) ?? phrases.get(singular(key)) ?? []).filter((phrase) => !phrase.exactly || phrase.exactly.some((spelling) => containsWord(text, spelling)));
      if (found.length === 0) continue;
      matched = length;
      // An everyday-word name is kept as the text spells it, so that finding the term again needs the same capitals.
      const term = found.flatMap((phrase) => phrase.exactly ?? []).find((spelling) => containsWord(text, spelling)) ?? key;
      if (!terms.includes(term)) terms.push(term);
      for (const phrase of found) {
        if (phrase.entity) entityCounts.set(phrase.entity, (entityCounts.get(phrase.entity) ?? 0) + 1);
        if (phrase.topic) topicCounts.set(phrase.topic, (topicCounts.get(phrase.topic) ?? 0) + 1);
      }
    }
    start += Math.max(matched, 1);
  }
  const otherWords = new Set(words.filter((word) => word.length >= 4).map(singular));
  return { entries: rankEntries(dataset, entityCounts, topicCounts, otherWords), terms };
}

function rankEntries(dataset: Dataset, entities: ReadonlyMap<string, number>, topics: ReadonlyMap<string, number>, words: ReadonlySet<string>): Entry[] {
  if (entities.size === 0 && topics.size === 0) return [];
  const scored: { entry: Entry; score: number; order: number }[] = [];
  const score = (ids: readonly string[], entryTopics: readonly string[]): number =>
    ids.reduce((sum, id) => sum + (entities.get(id) ?? 0), 0) + entryTopics.reduce((sum, topic) => sum + TOPIC_WEIGHT * (topics.get(topic.toLowerCase()) ?? 0), 0);
  // Among entries tied to the same names, the one whose own words the message also uses ("Dreamliners") wins.
  const consider = (entry: Entry, value: number): void => {
    if (value > 0) scored.push({ entry, score: value + WORD_WEIGHT * sharedWords(entry, words), order: scored.length });
  };
  for (const entity of dataset.entities) consider(entity, (entities.get(entity.id) ?? 0) + (entities.has(entity.id) ? SELF_BONUS : 0));
  for (const quote of dataset.quotes) consider(quote, score([quote.speaker], quote.topics));
  for (const deal of dataset.deals) consider(deal, score([...deal.parties, ...deal.counterparties], []));
  for (const fact of dataset.facts) consider(fact, score(fact.subjects, fact.topics));
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((item) => item.entry);
}

/** How many of the message's longer words an entry's own text uses. */
function sharedWords(entry: Entry, words: ReadonlySet<string>): number {
  if (words.size === 0) return 0;
  const own = new Set(tokenize(ownText(entry)).map(singular));
  let shared = 0;
  for (const word of words) if (own.has(word)) shared += 1;
  return shared;
}

function ownText(entry: Entry): string {
  switch (entry.kind) {
    case 'quote':
      return entry.text;
    case 'deal':
      return [entry.title, entry.category, entry.quantity?.unit ?? '', ...entry.notes].join(' ');
    case 'fact':
      return entry.text;
    case 'entity':
      return [entry.name, entry.role ?? ''].join(' ');
    case 'source':
      return entry.subject;
  }
}

function phraseIndexOf(dataset: Dataset): Map<string, Phrase[]> {
  const cached = phraseIndexes.get(dataset);
  if (cached) return cached;
  const index = new Map<string, Phrase[]>();
  const add = (text: string, phrase: Phrase): void => {
    const words = tokenize(text);
    if (words.length === 0 || words.length > MAX_PHRASE_WORDS) return;
    const key = words.join(' ');
    const everyday = words.length === 1 && EVERYDAY_WORDS.has(key);
    // An everyday word that the data does not spell in capitals ("us" the pronoun) is never a name.
    if (everyday && text === text.toLowerCase()) return;
    const list = index.get(key) ?? [];
    list.push(everyday ? { ...phrase, exactly: [text] } : phrase);
    index.set(key, list);
  };
  for (const entity of dataset.entities) for (const name of new Set(entityNames(entity))) add(name, { entity: entity.id });
  for (const entry of [...dataset.quotes, ...dataset.facts]) for (const topic of entry.topics) add(topic, { topic: topic.toLowerCase() });
  phraseIndexes.set(dataset, index);
  return index;
}

/** "locomotives" also finds "locomotive", "minerals" the topic "minerals" (tried first, as written). */
function singular(key: string): string {
  return key.length > 3 && key.endsWith('s') && !key.endsWith('ss') ? key.slice(0, -1) : key;
}

/** The text contains `spelling` as a whole word, with the same capitals ("US" in "the US deal", not in "trust us"). */
function containsWord(text: string, spelling: string): boolean {
  const escaped = spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}
