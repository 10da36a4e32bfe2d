import { describe, expect, it } from 'vitest';
import { checkArticleCopies, copyCheckMessages, copyProblems, prepareSource, type CopyFinding } from '../../src/data/copy-check.ts';
import type { ArticleFileInput } from '../../src/data/schema.ts';
import { formatProblem } from '../../src/data/validate.ts';

// A short article of our own: the copy check never needs a real one.
const SOURCE = `The mayor of Eastbrook said on Tuesday that the town’s new bridge over the Kell River would open before the
first snow, after years of delays and two failed tenders.
“We will build the railway before winter,” she told reporters, adding that the budget “is not a blank cheque.”
Critics on the council say the project’s costs have doubled since 2019 and that nobody has explained why.`;

const source = prepareSource(SOURCE);

function article(overrides: Partial<ArticleFileInput> = {}): ArticleFileInput {
  return {
    source: { id: 'eastbrook', publisher: 'Test Herald', published: '2026-01-05', authors: ['A. Reporter'], subject: 'A bridge in Eastbrook', summary: 'A town builds a bridge.' },
    entities: [{ id: 'mayor', type: 'person', name: 'The mayor', source: 'eastbrook' }],
    quotes: [{ id: 'q-railway', speaker: 'mayor', text: 'We will build the railway before winter,', form: 'statement', context: 'To reporters.', source: 'eastbrook' }],
    ...overrides,
  };
}

function fact(text: string) {
  return { facts: [{ id: 'f-bridge', text, source: 'eastbrook' }] };
}

function check(overrides: Partial<ArticleFileInput>): CopyFinding[] {
  return checkArticleCopies(source, article(overrides));
}

describe('the copy check', () => {
  it('given an article in its own words with verbatim quotes, then it reports nothing', () => {
    expect(check(fact('Eastbrook expects its bridge to open before winter; critics say its cost has doubled.'))).toEqual([]);
  });

  it('given a fact that copies 12 consecutive words, then the run is reported with its entry, field, path and words', () => {
    const findings = check(fact('Officials said the town’s new bridge over the Kell River would open before the first snow.'));
    expect(findings).toEqual([
      {
        path: 'facts[0].text',
        entry: 'f-bridge',
        field: 'text',
        kind: 'copied',
        words: 14,
        excerpt: 'the town’s new bridge over the Kell River would open before the first snow',
      },
    ]);
  });

  it('given 11 consecutive words of the source, then it is not a copy', () => {
    expect(check(fact('We hear the new bridge over the Kell River would open before the thaw.'))).toEqual([]);
  });

  it('given a copy changed only in case, apostrophes, spacing, line breaks and punctuation between words, then it is still found', () => {
    const findings = check(fact('THE TOWN\'S NEW BRIDGE — over the Kell-River,   would open;\nbefore the "first" snow.'));
    expect(findings.map((finding) => [finding.path, finding.words])).toEqual([['facts[0].text', 14]]);
  });

  it('given two copied runs in one field, then each is reported', () => {
    const findings = check(fact('Critics on the council say the project’s costs have doubled since 2019 and more. Also, the town’s new bridge over the Kell River would open before the first snow.'));
    expect(findings.map((finding) => finding.words)).toEqual([13, 14]);
  });

  it('given copied runs in a summary, role, description, context, note, caveat and date note, then each field is named', () => {
    const copied = 'years of delays and two failed tenders. We will build the railway before winter';
    const findings = check({
      source: { ...article().source, summary: copied },
      entities: [{ id: 'mayor', type: 'person', name: 'The mayor', role: copied, description: copied, source: 'eastbrook' }],
      quotes: [{ id: 'q-railway', speaker: 'mayor', text: 'We will build the railway before winter,', form: 'statement', context: copied, dateNote: copied, source: 'eastbrook' }],
      deals: [{ id: 'd-bridge', title: 'Bridge', parties: ['mayor'], category: 'Bridge', status: 'announced', notes: ['Fine.', copied], caveats: [copied], source: 'eastbrook' }],
    });
    expect(findings.map((finding) => `${finding.path} (${finding.entry})`)).toEqual([
      'source.summary (eastbrook)',
      'entities[0].role (mayor)',
      'entities[0].description (mayor)',
      'quotes[0].context (q-railway)',
      'quotes[0].dateNote (q-railway)',
      'deals[0].notes[1] (d-bridge)',
      'deals[0].caveats[0] (d-bridge)',
    ]);
  });

  it('given a long quote, then its words are not a copy: quotes must be the source’s words', () => {
    const long = 'The mayor of Eastbrook said on Tuesday that the town’s new bridge over the Kell River would open before the\nfirst snow';
    expect(check({ quotes: [{ id: 'q-long', speaker: 'mayor', text: long, form: 'fragment', context: 'c', source: 'eastbrook' }] })).toEqual([]);
  });

  it('given a quote the source does not print, then it is reported as not verbatim', () => {
    const findings = check({ quotes: [{ id: 'q-made-up', speaker: 'mayor', text: 'We will build it by spring.', form: 'statement', context: 'c', source: 'eastbrook' }] });
    expect(findings).toEqual([{ path: 'quotes[0].text', entry: 'q-made-up', field: 'text', kind: 'not-verbatim', words: 6, excerpt: 'We will build it by spring.' }]);
  });

  it('given a quote with a straight apostrophe where the source prints a curly one, then it is reported with the source’s characters', () => {
    const [finding] = check({ quotes: [{ id: 'q-bridge', speaker: 'mayor', text: "the town's new bridge", form: 'fragment', context: 'c', source: 'eastbrook' }] });
    expect(finding).toMatchObject({ kind: 'not-verbatim', printed: 'the town’s new bridge' });
  });

  it('given a quote across a line break of the source, then spacing aside it is verbatim', () => {
    expect(check({ quotes: [{ id: 'q-snow', speaker: 'mayor', text: 'open before the first snow', form: 'fragment', context: 'c', source: 'eastbrook' }] })).toEqual([]);
  });
});

describe('copy problems of article files', () => {
  it('given an uploaded file with a copied fact, then the problem reads file: json.path: message', () => {
    const text = JSON.stringify(article(fact('Officials said the town’s new bridge over the Kell River would open before the first snow.')));
    const problems = copyProblems(SOURCE, [{ file: 'upload.json', text }]).map(formatProblem);
    expect(problems).toEqual([
      `upload.json: facts[0].text: ${copyCheckMessages.copied(14, 'the town’s new bridge over the Kell River would open before the first snow')}`,
    ]);
    expect(problems[0]).toMatch(/copies 14 consecutive words of the source text \(“the town’s new bridge .*”\): say it in our own words/);
  });

  it('given a file that is not valid JSON, then the copy check leaves it to validation', () => {
    expect(copyProblems(SOURCE, [{ file: 'upload.json', text: '{ nope' }])).toEqual([]);
  });

  it('given a copied run of 60 words, then the message keeps its first and last words and stays short', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${String(i)}`).join(' ');
    const text = JSON.stringify(article(fact(words)));
    const [problem] = copyProblems(`Intro. ${words}. Outro.`, [{ file: 'a.json', text }]);
    expect(problem?.message).toMatch(/^copies 60 consecutive words of the source text \(“w0 w1 .* … .* w59”\)/);
    expect(problem?.message.length).toBeLessThan(220);
  });
});
