// What a message's buttons and menus let a terminal user do: the renderer shows it, the session acts on it.
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { ActionRow } from '../format/reply.ts';
import { decodePageState, type PageState } from '../interaction/custom-id.ts';

export type PageWord = 'first' | 'prev' | 'next' | 'last';

/** A clickable control: what the Dispatcher needs to answer the click. */
export interface Control {
  readonly customId: string;
  readonly disabled: boolean;
}

/** The paging controls of a lookup's result list. */
export interface Paging {
  readonly buttons: Readonly<Partial<Record<PageWord, Control>>>;
  /** The "jump" menu: its option values are page indexes (0-based). */
  readonly jump: Control | undefined;
  /** 0-based page shown now. */
  readonly page: number;
  readonly total: number;
}

export interface LabelledButton extends Control {
  readonly label: string;
}

export interface ChoiceMenu extends Control {
  readonly placeholder: string | undefined;
  readonly options: readonly { readonly label: string; readonly value: string; readonly description: string | undefined }[];
}

export interface MessageControls {
  readonly paging: Paging | undefined;
  /** Buttons that are not paging: pressed by typing their label. */
  readonly buttons: readonly LabelledButton[];
  /** Menus that are not paging: chosen from by number. */
  readonly menus: readonly ChoiceMenu[];
  readonly links: readonly { readonly label: string; readonly url: string }[];
}

const PAGE_WORDS: readonly PageWord[] = ['first', 'prev', 'next', 'last'];

/** Sorts a message's components into paging, other buttons, other menus and links. */
export function readControls(rows: readonly ActionRow[]): MessageControls {
  const pageButtons: Partial<Record<PageWord, Control>> = {};
  const pageStates: PageState[] = [];
  let jump: Control | undefined;
  let jumpOptions: readonly string[] = [];
  const buttons: LabelledButton[] = [];
  const menus: ChoiceMenu[] = [];
  const links: { label: string; url: string }[] = [];

  for (const component of rows.flatMap((row) => row.components)) {
    if (component.type === ComponentType.Button) {
      const emoji = 'emoji' in component ? component.emoji?.name : undefined;
      const label = [emoji, 'label' in component ? component.label : undefined].filter(Boolean).join(' ');
      if (component.style === ButtonStyle.Link) {
        links.push({ label, url: component.url });
        continue;
      }
      if (!('custom_id' in component)) continue;
      const control = { customId: component.custom_id, disabled: component.disabled === true };
      const state = decodePageState(component.custom_id);
      if (state) {
        pageStates.push(state);
        const word = PAGE_WORDS.find((candidate) => candidate === state.control);
        if (word) pageButtons[word] = control;
        continue;
      }
      buttons.push({ ...control, label });
    } else if (component.type === ComponentType.StringSelect) {
      const control = { customId: component.custom_id, disabled: component.disabled === true };
      const state = decodePageState(component.custom_id);
      if (state?.control === 'jump') {
        pageStates.push(state);
        jump = control;
        jumpOptions = component.options.map((option) => option.value);
        continue;
      }
      menus.push({
        ...control,
        placeholder: component.placeholder,
        options: component.options.map((option) => ({ label: option.label, value: option.value, description: option.description })),
      });
    }
  }

  const paging = pageStates.length > 0 ? describePaging(pageButtons, jump, pageStates, jumpOptions) : undefined;
  return { paging, buttons, menus, links };
}

function describePaging(buttons: Partial<Record<PageWord, Control>>, jump: Control | undefined, states: readonly PageState[], jumpOptions: readonly string[]): Paging {
  // The "count" button carries the page shown; the "last" button carries the last page, hence the total.
  const page = (states.find((state) => state.control === 'count') ?? states.find((state) => state.control === 'jump'))?.page ?? 0;
  const lastPage = states.find((state) => state.control === 'last')?.page;
  const highestOption = Math.max(-1, ...jumpOptions.map(Number).filter(Number.isInteger));
  const total = Math.max(lastPage ?? -1, highestOption, page) + 1;
  return { buttons, jump, page, total };
}
