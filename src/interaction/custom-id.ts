// Button and menu state lives in the custom_id, so paging works after a restart and on any shard.
import { COMPONENT_LIMITS } from '../format/limits.ts';

/** The state of a paged result list, as carried by its buttons and menu. */
export interface PageState {
  /** The command whose results these are: it answers the click. */
  readonly command: string;
  /** Which control this is; makes every custom_id on a message unique. */
  readonly control: 'first' | 'prev' | 'next' | 'last' | 'jump' | 'count';
  readonly page: number;
  /** Only this user may page. */
  readonly owner: string;
  /** Entry kind filter, '' for all kinds. */
  readonly kind: string;
  readonly query: string;
}

const SEPARATOR = '|';
const PREFIX = 'p1';
// One letter per control keeps room for the query inside 100 characters.
const CONTROL_CODES: Readonly<Record<PageState['control'], string>> = Object.freeze({
  first: 'f',
  prev: 'p',
  next: 'n',
  last: 'l',
  jump: 'j',
  count: 'c',
});
const CONTROLS_BY_CODE = new Map(Object.entries(CONTROL_CODES).map(([control, code]) => [code, control as PageState['control']]));

/** Encodes page state; the query is cut to fit Discord's 100-character custom_id, and it is last so it may hold '|'. */
export function encodePageState(state: PageState): string {
  const head = [PREFIX, state.command, CONTROL_CODES[state.control], String(state.page), state.owner, state.kind, ''].join(SEPARATOR);
  return head + state.query.slice(0, Math.max(0, COMPONENT_LIMITS.customId - head.length));
}

/** Decodes a custom_id made by encodePageState; undefined for anything else (old formats, forged input). */
export function decodePageState(customId: string): PageState | undefined {
  const parts = customId.split(SEPARATOR);
  if (parts.length < 7 || parts[0] !== PREFIX) return undefined;
  const [, command, code, page, owner, kind] = parts;
  const query = parts.slice(6).join(SEPARATOR);
  const control = code === undefined ? undefined : CONTROLS_BY_CODE.get(code);
  if (!command || !/^[a-z-]{1,32}$/.test(command)) return undefined;
  if (!control) return undefined;
  if (!page || !/^\d{1,5}$/.test(page)) return undefined;
  if (!owner || !/^\d{1,20}$/.test(owner)) return undefined;
  if (kind === undefined || !/^[a-z]{0,6}$/.test(kind)) return undefined;
  return { command, control, page: Number(page), owner, kind, query };
}

/** The command a custom_id belongs to, for routing a click without knowing its format. */
export function commandOfCustomId(customId: string): string | undefined {
  const parts = customId.split(SEPARATOR);
  return parts[0] === PREFIX ? parts[1] : customId.split(':')[0];
}
