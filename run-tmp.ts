import { readFileSync } from 'node:fs';
import { draftArticle } from './src/draft/draft.ts';
import { summaryLines } from './src/draft/summary.ts';
const file = process.argv[2] ?? '';
const d = draftArticle({ upload: { name: file, content: readFileSync(file) }, source: { publisher: 'Riverton Courier', published: '2026-03-06', authors: ['A. Writer'] } });
console.log(summaryLines(d).join('\n'));
for (const e of d.article.entities) console.log(e.id, '|', e.type, '|', e.name, '|', e.role ?? '', '|', e.country ?? '', '|', e.aliases.join(', '));
for (const q of d.article.quotes) console.log(q.id, q.date ?? '', q.dateNote);
