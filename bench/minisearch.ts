// MiniSearch, a well-known lexical engine (BM25, prefix and fuzzy terms), on the same documents and words as the bot.
import MiniSearch from 'minisearch';
import type { Dataset, EntryKind } from '../src/data/dataset.ts';
import { describeEntry, entityNames, FIELDS, searchableEntries, type FieldCode } from '../src/search/documents.ts';
import { tokenize } from '../src/search/normalize.ts';

interface MiniSearchDocument {
  readonly id: string;
  readonly kind: EntryKind;
  readonly names: string;
  readonly title: string;
  readonly body: string;
  readonly subjects: string;
  readonly context: string;
}

/**
 * One MiniSearch document per entry with the bot's own fields (an entity's names expanded to every alias) and the
 * bot's tokenizer, so the comparison is of ranking, not of normalisation: fields boosted in the bot's order, prefix
 * search, fuzzy terms within a fifth of their length, the configuration its documentation suggests for search-as-you-type.
 */
export class MiniSearchBaseline {
  private readonly search: MiniSearch<MiniSearchDocument>;

  constructor(dataset: Dataset) {
    this.search = new MiniSearch<MiniSearchDocument>({
      fields: [...FIELDS],
      storeFields: ['kind'],
      tokenize: (text) => tokenize(text),
      processTerm: (term) => term,
      searchOptions: { prefix: true, fuzzy: 0.2, boost: { names: 4, title: 3, body: 2, subjects: 1.5, context: 1 } },
    });
    this.search.addAll(searchableEntries(dataset).map((entry) => {
      const fields: string[][] = FIELDS.map(() => []);
      const add = (field: FieldCode, text: string): void => {
        fields[field]?.push(text);
      };
      describeEntry(entry, {
        text: add,
        words: (field, words) => {
          add(field, words.join(' '));
        },
        entity: (field, id) => {
          const entity = dataset.byId.get(id);
          if (entity?.kind === 'entity') for (const name of entityNames(entity)) add(field, name);
        },
      });
      // The bot finds a quote by its speaker's role and country through the speaker; MiniSearch gets them written out.
      const speaker = entry.kind === 'quote' ? dataset.byId.get(entry.speaker) : undefined;
      if (speaker?.kind === 'entity') {
        if (speaker.role) add(4, speaker.role);
        const country = speaker.country === undefined ? undefined : dataset.byId.get(speaker.country);
        if (country?.kind === 'entity') add(4, country.name);
      }
      const [names, title, body, subjects, context] = fields.map((texts) => texts.join(' \n '));
      return { id: entry.id, kind: entry.kind, names: names ?? '', title: title ?? '', body: body ?? '', subjects: subjects ?? '', context: context ?? '' };
    }));
  }

  /** Entry ids, best first, of the given kinds. */
  searchIds(query: string, kinds: readonly EntryKind[] | undefined): string[] {
    const wanted = kinds && kinds.length > 0 ? new Set(kinds) : undefined;
    return this.search
      .search(query, wanted ? { filter: (result) => wanted.has(result['kind'] as EntryKind) } : undefined)
      .map((result) => String(result.id));
  }
}
