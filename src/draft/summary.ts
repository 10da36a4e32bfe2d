// The draft's summary as lines of plain text: what the CLI prints and what a moderator reads before importing.
import type { Draft } from './draft.ts';
import type { FigureCandidate } from './figures.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** One line saying what the draft holds. */
export function draftHeadline(draft: Draft): string {
  const { quotes } = draft.summary;
  const flagged = quotes.filter((quote) => quote.flag).length;
  return (
    `Drafted ${plural(quotes.length, 'quote')} from ${plural(draft.summary.paragraphs, 'paragraph')}: ` +
    `${plural(quotes.length - flagged, 'speaker')} resolved, ${String(flagged)} flagged; ` +
    `${plural(draft.summary.newEntities.length, 'new entity', 'new entities')}, ${String(draft.summary.reusedEntities.length)} reused; ` +
    `${plural(draft.summary.figures.length, 'candidate figure')}.`
  );
}

/** A figure as a moderator reads it: "$2 billion (up to, USD 2,000,000,000)". */
export function describeFigure(figure: FigureCandidate): string {
  const details = [
    figure.qualifier,
    figure.kind === 'money' && figure.amount !== undefined ? `${figure.currency ?? ''} ${figure.amount.toLocaleString('en-US')}`.trim() : figure.currency,
    figure.unit,
  ].filter(Boolean);
  return `${figure.text}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** The whole summary, for a terminal. */
export function summaryLines(draft: Draft): string[] {
  const { summary } = draft;
  const lines = [draftHeadline(draft), '', 'Quotes:'];
  for (const quote of summary.quotes) {
    const mark = quote.flag ? '⚑' : '✓';
    const how = quote.flag ? `not resolved: ${quote.flag}` : quote.resolvedBy ?? '';
    lines.push(`  ${mark} ${quote.speaker.name} (${how}) ${quote.form}${quote.date ? `, ${quote.date}` : ''}: “${clip(quote.text, 90)}”`);
  }
  if (summary.setAside.length > 0) {
    lines.push('', 'Not taken as anyone’s words:');
    for (const item of summary.setAside) lines.push(`  • “${clip(item.text, 60)}” (${item.reason}, paragraph ${String(item.paragraph)})`);
  }
  lines.push('', `New entities: ${summary.newEntities.map((entity) => `${entity.name} [${entity.type}]`).join(', ') || 'none'}`);
  if (summary.reusedEntities.length > 0) lines.push(`Reused from the live data: ${summary.reusedEntities.map((entity) => `${entity.name} (${entity.id})`).join(', ')}`);
  if (summary.figures.length > 0) {
    lines.push('', 'Candidate figures for deals and facts (write them in our own words):');
    for (const figure of summary.figures) lines.push(`  • ${describeFigure(figure)}: “${clip(figure.sentence, 110)}”`);
  }
  if (summary.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of summary.warnings) lines.push(`  ! ${warning}`);
  }
  return lines;
}
