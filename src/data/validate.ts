// Turns raw article files into a dataset, or into a list of problems as `file: json.path: message`.
import type { z } from 'zod';
import { runSteps, runStepsInSlices, type Steps } from '../util/slices.ts';
import { buildDatasetSteps, hashText, type ArticleDocument, type Dataset } from './dataset.ts';
import { ArticleFileSchema, ArticleFileSchemaForCheckedText, hasNoForbiddenCharacters } from './schema.ts';

export interface DataProblem {
  readonly file: string;
  /** Where in the file, as a JSON path such as `quotes[3].speaker`; empty for the file as a whole. */
  readonly path: string;
  readonly message: string;
}

/** A file as read from disk or downloaded: its name and its text. */
export interface RawArticleFile {
  readonly file: string;
  readonly text: string;
}

export type ValidationResult =
  | { readonly ok: true; readonly dataset: Dataset }
  | { readonly ok: false; readonly problems: readonly DataProblem[] };

/** Messages of the checks across entries; tests import them. */
export const validationMessages = Object.freeze({
  speakerNotPersonOrOrganisation: (id: string, type: string) =>
    `"${id}" is a ${type}; a quote's speaker must be a person or an organisation (for a government's words, use the person or body that spoke)`,
  datedAfterPublication: (date: string, source: string, published: string) =>
    `${date} is after "${source}" was published (${published}); an entry cannot be dated after its article: fix the date, or leave it out and say why in dateNote`,
});

export function formatProblem(problem: DataProblem): string {
  return problem.path ? `${problem.file}: ${problem.path}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

/** Formats a zod issue path the way people read JSON: `quotes[3].speaker`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Parses and schema-checks one file's text. */
export function parseArticleFile(raw: RawArticleFile): { document?: ArticleDocument; problems: DataProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(raw.text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { problems: [{ file: raw.file, path: '', message: `is not valid JSON (${detail})` }] };
  }
  const schema = hasNoForbiddenCharacters(raw.text) ? ArticleFileSchemaForCheckedText : ArticleFileSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => problemFromIssue(raw.file, issue)) };
  return { document: { file: raw.file, article: parsed.data, hash: hashText(raw.text) }, problems: [] };
}

function problemFromIssue(file: string, issue: z.core.$ZodIssue): DataProblem {
  return { file, path: jsonPath(issue.path), message: issue.message };
}

/**
 * Validates a whole set of article files together: each against the schema, then every cross-reference
 * (unique ids, speakers, parties, subjects, countries and sources that exist). Nothing partial is returned:
 * either a complete dataset or every problem found.
 */
export function validateArticleFiles(files: readonly RawArticleFile[]): ValidationResult {
  return runSteps(validateArticleFilesSteps(files));
}

/** validateArticleFiles in slices, for reloads that must not stall the bot. */
export function validateArticleFilesInSlices(files: readonly RawArticleFile[]): Promise<ValidationResult> {
  return runStepsInSlices(validateArticleFilesSteps(files));
}

function* validateArticleFilesSteps(files: readonly RawArticleFile[]): Steps<ValidationResult> {
  const problems: DataProblem[] = [];
  const documents: ArticleDocument[] = [];
  const seenFiles = new Set<string>();
  for (const raw of files) {
    if (seenFiles.has(raw.file)) {
      problems.push({ file: raw.file, path: '', message: 'appears twice' });
      continue;
    }
    seenFiles.add(raw.file);
    const { document, problems: fileProblems } = parseArticleFile(raw);
    problems.push(...fileProblems);
    if (document) documents.push(document);
    yield;
  }
  return yield* validateDocumentsSteps(documents, problems);
}

/**
 * `document` merged into a dataset's documents as an import merges it: it replaces the article with the same source
 * id, or is added beside the others.
 */
export function mergeArticle(documents: readonly ArticleDocument[], document: ArticleDocument): { documents: ArticleDocument[]; replaces: ArticleDocument | undefined } {
  const replaces = documents.find((existing) => existing.article.source.id === document.article.source.id);
  return { documents: [...documents.filter((existing) => existing !== replaces), document], replaces };
}

/** Validates already-parsed documents (for example the live dataset with one article replaced). */
export function validateDocuments(documents: readonly ArticleDocument[]): ValidationResult {
  return runSteps(validateDocumentsSteps(documents, []));
}

/** validateDocuments in slices. */
export function validateDocumentsInSlices(documents: readonly ArticleDocument[]): Promise<ValidationResult> {
  return runStepsInSlices(validateDocumentsSteps(documents, []));
}

function* validateDocumentsSteps(documents: readonly ArticleDocument[], earlier: readonly DataProblem[]): Steps<ValidationResult> {
  const problems = [...earlier, ...(yield* checkReferences(documents))];
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, dataset: yield* buildDatasetSteps(documents) };
}

interface Declared {
  readonly file: string;
  readonly path: string;
  readonly kind: 'source' | 'entity' | 'quote' | 'deal' | 'fact';
  readonly entityType?: string;
  /** A source's publication date. */
  readonly published?: string;
}

function* checkReferences(documents: readonly ArticleDocument[]): Steps<DataProblem[]> {
  const problems: DataProblem[] = [];
  const declared = new Map<string, Declared>();

  const declare = (id: string, where: Declared): void => {
    const first = declared.get(id);
    if (first) {
      const place = first.file === where.file ? first.path : `${first.file} at ${first.path}`;
      problems.push({ file: where.file, path: `${where.path}.id`, message: `duplicate id "${id}" (first used in ${place})` });
      return;
    }
    declared.set(id, where);
  };

  for (const { file, article } of documents) {
    declare(article.source.id, { file, path: 'source', kind: 'source', published: article.source.published });
    article.entities.forEach((entity, i) => {
      declare(entity.id, { file, path: `entities[${i}]`, kind: 'entity', entityType: entity.type });
    });
    article.quotes.forEach((quote, i) => {
      declare(quote.id, { file, path: `quotes[${i}]`, kind: 'quote' });
    });
    article.deals.forEach((deal, i) => {
      declare(deal.id, { file, path: `deals[${i}]`, kind: 'deal' });
    });
    article.facts.forEach((fact, i) => {
      declare(fact.id, { file, path: `facts[${i}]`, kind: 'fact' });
    });
    yield;
  }

  const expect = (file: string, path: string, id: string, what: 'source' | 'entity' | 'country'): void => {
    const target = declared.get(id);
    if (!target) {
      problems.push({ file, path, message: `refers to unknown ${what === 'country' ? 'country entity' : what} "${id}"` });
    } else if (what === 'country' ? target.entityType !== 'country' : target.kind !== what) {
      problems.push({ file, path, message: `"${id}" is a ${target.entityType ?? target.kind}, not a ${what === 'country' ? 'country' : what}` });
    }
  };

  // An entry dated after the article it comes from is a typo or a guess; partial dates compare as their first day.
  const notAfterPublication = (file: string, path: string, date: string | undefined, source: string): void => {
    const published = declared.get(source)?.published;
    if (date !== undefined && published !== undefined && date > published) {
      problems.push({ file, path, message: validationMessages.datedAfterPublication(date, source, published) });
    }
  };

  for (const { file, article } of documents) {
    article.entities.forEach((entity, i) => {
      expect(file, `entities[${i}].source`, entity.source, 'source');
      if (entity.country !== undefined) expect(file, `entities[${i}].country`, entity.country, 'country');
    });
    article.quotes.forEach((quote, i) => {
      expect(file, `quotes[${i}].source`, quote.source, 'source');
      expect(file, `quotes[${i}].speaker`, quote.speaker, 'entity');
      const speakerType = declared.get(quote.speaker)?.entityType;
      if (speakerType === 'country') problems.push({ file, path: `quotes[${i}].speaker`, message: validationMessages.speakerNotPersonOrOrganisation(quote.speaker, speakerType) });
      notAfterPublication(file, `quotes[${i}].date`, quote.date, quote.source);
    });
    article.deals.forEach((deal, i) => {
      expect(file, `deals[${i}].source`, deal.source, 'source');
      notAfterPublication(file, `deals[${i}].date`, deal.date, deal.source);
      deal.parties.forEach((id, j) => {
        expect(file, `deals[${i}].parties[${j}]`, id, 'entity');
      });
      deal.counterparties.forEach((id, j) => {
        expect(file, `deals[${i}].counterparties[${j}]`, id, 'entity');
      });
    });
    article.facts.forEach((fact, i) => {
      expect(file, `facts[${i}].source`, fact.source, 'source');
      notAfterPublication(file, `facts[${i}].date`, fact.date, fact.source);
      fact.subjects.forEach((id, j) => {
        expect(file, `facts[${i}].subjects[${j}]`, id, 'entity');
      });
    });
    yield;
  }
  return problems;
}
