// The article most tests import: one source, one person, one quote by them, in the dataset's format.
import type { ArticleFileInput } from '../../src/data/schema.ts';

export interface OneQuoteSpec {
  /** The source's id; the person and the quote cite it. */
  readonly source: string;
  readonly published: string;
  readonly subject: string;
  readonly person: { readonly id: string; readonly name: string; readonly aliases?: readonly string[]; readonly role?: string };
  readonly quote: { readonly id: string; readonly text: string; readonly context?: string };
}

/** A valid article with one quote by one new person, published by the "Test Herald". */
export function oneQuoteArticle({ source, published, subject, person, quote }: OneQuoteSpec): ArticleFileInput {
  const { id, name, aliases, role } = person;
  return {
    source: { id: source, publisher: 'Test Herald', published, authors: ['A. Reporter'], subject, summary: 'Used by the tests.' },
    entities: [{ id, type: 'person', name, ...(aliases ? { aliases: [...aliases] } : {}), ...(role ? { role } : {}), source }],
    quotes: [{ id: quote.id, speaker: id, text: quote.text, form: 'statement', context: quote.context ?? 'In a test.', source }],
  };
}
