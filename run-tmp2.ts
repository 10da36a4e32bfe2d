import { analyseParagraphs } from './src/draft/language.ts';
const p = ['Critics call it a “subsidy race”.', 'Critics say it is a “subsidy race”.'];
for (const a of analyseParagraphs(p)) for (const s of a.sentences) console.log(s.tokens.map(t => t.text + '/' + t.pos).join(' '));
