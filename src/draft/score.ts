// Scores a draft against a curated article file: the quality figures `npm run bench:draft` reports.
import type { ArticleFile, Entity } from '../data/schema.ts';
import { nameKey } from './countries.ts';
import { plainName } from './entities.ts';

export interface DraftScore {
  readonly curatedQuotes: number;
  readonly draftedQuotes: number;
  /** Curated quotes drafted with exactly the same text. */
  readonly found: number;
  /** Of those, the ones with the curated speaker. */
  readonly rightSpeaker: number;
  /** Share of curated quotes found verbatim. */
  readonly recall: number;
  /** Share of found quotes given the curated speaker. */
  readonly speakerAccuracy: number;
  /** Share of drafted quotes that are curated quotes. */
  readonly precision: number;
  /** Share of curated entities the draft has (by id, name or alias). */
  readonly entityRecall: number;
  readonly missed: readonly string[];
  readonly extra: readonly string[];
  readonly wrongSpeakers: readonly { readonly text: string; readonly drafted: string; readonly curated: string }[];
  readonly missedEntities: readonly string[];
}

function namesOf(entity: Entity): Set<string> {
  return new Set([entity.name, plainName(entity.name), ...entity.aliases].map(nameKey));
}

/** Same entity: the same id, or one's name is a name or alias of the other. */
function sameEntity(a: Entity, b: Entity): boolean {
  if (a.id === b.id) return true;
  const aNames = namesOf(a);
  const bNames = namesOf(b);
  return aNames.has(nameKey(b.name)) || bNames.has(nameKey(a.name));
}

/**
 * Compares a draft with the curated file of the same article. `live` holds the entities the draft reused from the
 * live data (its speakers may be ids defined there).
 */
export function scoreDraft(draft: ArticleFile, curated: ArticleFile, live: readonly Entity[] = []): DraftScore {
  const draftEntities = new Map([...live, ...draft.entities].map((entity) => [entity.id, entity]));
  const curatedEntities = new Map(curated.entities.map((entity) => [entity.id, entity]));
  const drafted = new Map(draft.quotes.map((quote) => [quote.text, quote]));
  const curatedTexts = new Set(curated.quotes.map((quote) => quote.text));
  const missed: string[] = [];
  const wrongSpeakers: { text: string; drafted: string; curated: string }[] = [];
  let found = 0;
  let rightSpeaker = 0;
  for (const quote of curated.quotes) {
    const match = drafted.get(quote.text);
    if (!match) {
      missed.push(quote.text);
      continue;
    }
    found++;
    const draftSpeaker = draftEntities.get(match.speaker);
    const curatedSpeaker = curatedEntities.get(quote.speaker);
    if (draftSpeaker && curatedSpeaker && sameEntity(draftSpeaker, curatedSpeaker)) rightSpeaker++;
    else wrongSpeakers.push({ text: quote.text, drafted: draftSpeaker?.name ?? match.speaker, curated: curatedSpeaker?.name ?? quote.speaker });
  }
  const extra = draft.quotes.filter((quote) => !curatedTexts.has(quote.text)).map((quote) => quote.text);
  const everyDraftEntity = [...draftEntities.values()];
  const missedEntities = curated.entities.filter((entity) => !everyDraftEntity.some((other) => sameEntity(entity, other))).map((entity) => entity.name);
  const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);
  return {
    curatedQuotes: curated.quotes.length, draftedQuotes: draft.quotes.length, found, rightSpeaker,
    recall: ratio(found, curated.quotes.length), speakerAccuracy: ratio(rightSpeaker, found),
    precision: ratio(draft.quotes.length - extra.length, draft.quotes.length),
    entityRecall: ratio(curated.entities.length - missedEntities.length, curated.entities.length),
    missed, extra, wrongSpeakers, missedEntities,
  };
}
