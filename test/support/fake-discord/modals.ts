// Modals as Discord handles them: the rules a modal callback (type 9) must follow, and what a user's submission sends.
import { FormErrors, LIMITS, asRecord, checkArray, checkText, textLength, validateSelect } from './limits.ts';

type Path = readonly (string | number)[];
type Json = Readonly<Record<string, unknown>>;

const Component = Object.freeze({
  ActionRow: 1,
  StringSelect: 3,
  TextInput: 4,
  UserSelect: 5,
  RoleSelect: 6,
  MentionableSelect: 7,
  ChannelSelect: 8,
  TextDisplay: 10,
  Label: 18,
  FileUpload: 19,
  RadioGroup: 21,
  CheckboxGroup: 22,
  Checkbox: 23,
});
const ENTITY_SELECTS: ReadonlySet<number> = new Set([Component.UserSelect, Component.RoleSelect, Component.MentionableSelect, Component.ChannelSelect]);
const TEXT_INPUT_STYLES: ReadonlySet<unknown> = new Set([1, 2]);

/**
 * Modal (type 9), from Discord's component reference: custom id 1–100, title 1–45, 1–5 top-level components, each an
 * action row holding one text input (the older layout), a label (type 18) wrapping one input, or a text display.
 */
export function validateModal(errors: FormErrors, path: Path, data: Json | undefined): void {
  checkText(errors, [...path, 'custom_id'], data?.custom_id, { min: 1, max: LIMITS.customId, required: true });
  checkText(errors, [...path, 'title'], data?.title, { min: 1, max: LIMITS.modalTitle, required: true });
  const components = checkArray(errors, [...path, 'components'], data?.components, LIMITS.modalComponents, true);
  if (Array.isArray(data?.components) && components.length === 0) {
    errors.add([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${LIMITS.modalComponents} in length.`);
  }
  const seen = new Set<string>();
  const checkCustomId = (at: Path, customId: unknown): void => {
    checkText(errors, [...at, 'custom_id'], customId, { min: 1, max: LIMITS.customId, required: true });
    if (typeof customId !== 'string') return;
    if (seen.has(customId)) errors.add([...at, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    seen.add(customId);
  };
  components.forEach((value, index) => {
    const at = [...path, 'components', index];
    const component = asRecord(value);
    switch (component?.type) {
      case Component.ActionRow:
        validateModalRow(errors, at, component, checkCustomId);
        break;
      case Component.Label:
        validateLabel(errors, at, component, checkCustomId);
        break;
      case Component.TextDisplay:
        checkText(errors, [...at, 'content'], component.content, { min: 1, max: LIMITS.textDisplayContent, required: true });
        break;
      default:
        errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of (${Component.ActionRow}, ${Component.TextDisplay}, ${Component.Label}).`);
    }
  });
}

type CheckCustomId = (at: Path, customId: unknown) => void;

function validateModalRow(errors: FormErrors, at: Path, row: Json, checkCustomId: CheckCustomId): void {
  const children = checkArray(errors, [...at, 'components'], row.components, 5, true);
  if (Array.isArray(row.components) && children.length === 0) errors.add([...at, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  // A text input takes a whole row: its width is 5.
  if (children.length > 1) errors.add([...at, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
  children.forEach((value, index) => {
    const childAt = [...at, 'components', index];
    const child = asRecord(value);
    if (child?.type === Component.TextInput) validateTextInput(errors, childAt, child, false, checkCustomId);
    else errors.add([...childAt, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of (${Component.TextInput},).`);
  });
}

function validateLabel(errors: FormErrors, at: Path, label: Json, checkCustomId: CheckCustomId): void {
  checkText(errors, [...at, 'label'], label.label, { min: 1, max: LIMITS.modalLabel, required: true });
  checkText(errors, [...at, 'description'], label.description, { min: 1, max: LIMITS.modalLabelDescription });
  const childAt = [...at, 'component'];
  const child = asRecord(label.component);
  if (child === undefined) {
    errors.add(childAt, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  const type = child.type;
  if (type === Component.TextInput) {
    validateTextInput(errors, childAt, child, true, checkCustomId);
  } else if (type === Component.StringSelect || (typeof type === 'number' && ENTITY_SELECTS.has(type))) {
    validateSelect(errors, childAt, child, checkCustomId);
    // Discord: "disabled … will result in an error if used inside a modal".
    if (child.disabled === true) errors.add([...childAt, 'disabled'], 'COMPONENT_DISABLED_IN_MODAL', 'Select menus cannot be disabled in a modal');
    checkBoolean(errors, [...childAt, 'required'], child.required);
  } else if (type === Component.FileUpload) {
    checkCustomId(childAt, child.custom_id);
    checkInteger(errors, [...childAt, 'min_values'], child.min_values, 0, 10);
    checkInteger(errors, [...childAt, 'max_values'], child.max_values, 1, 10);
  } else if (type === Component.RadioGroup || type === Component.CheckboxGroup) {
    checkCustomId(childAt, child.custom_id);
    const options = checkArray(errors, [...childAt, 'options'], child.options, 10, true);
    if (type === Component.RadioGroup && Array.isArray(child.options) && options.length < 2) {
      errors.add([...childAt, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 10 in length.');
    }
    options.forEach((option, index) => {
      const record = asRecord(option);
      checkText(errors, [...childAt, 'options', index, 'label'], record?.label, { min: 1, max: 100, required: true });
      checkText(errors, [...childAt, 'options', index, 'value'], record?.value, { min: 1, max: 100, required: true });
    });
  } else if (type === Component.Checkbox) {
    checkCustomId(childAt, child.custom_id);
  } else {
    errors.add([...childAt, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be a component a label can hold (3, 4, 5, 6, 7, 8, 19, 21, 22, 23).');
  }
}

function validateTextInput(errors: FormErrors, at: Path, input: Json, inLabel: boolean, checkCustomId: CheckCustomId): void {
  checkCustomId(at, input.custom_id);
  if (!TEXT_INPUT_STYLES.has(input.style)) errors.add([...at, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  // In a row the input carries its own label; inside a Label component the label is the Label's.
  checkText(errors, [...at, 'label'], input.label, { min: 1, max: LIMITS.modalLabel, required: !inLabel });
  checkText(errors, [...at, 'placeholder'], input.placeholder, { max: LIMITS.textInputPlaceholder });
  const value = checkText(errors, [...at, 'value'], input.value, { max: LIMITS.textInputValue });
  const min = checkInteger(errors, [...at, 'min_length'], input.min_length, 0, LIMITS.textInputValue);
  const max = checkInteger(errors, [...at, 'max_length'], input.max_length, 1, LIMITS.textInputValue);
  checkBoolean(errors, [...at, 'required'], input.required);
  if (min !== undefined && max !== undefined && min > max) {
    errors.add([...at, 'min_length'], 'NUMBER_TYPE_MAX', `int value should be less than or equal to max_length (${max}).`);
  }
  // Stricter than documented: a prefilled value longer than max_length is one the user could never send back.
  if (max !== undefined && value > max) errors.add([...at, 'value'], 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

function checkInteger(errors: FormErrors, at: Path, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    errors.add(at, 'NUMBER_TYPE_COERCE', `Value "${JSON.stringify(value)}" is not int.`);
    return undefined;
  }
  if (value < min) errors.add(at, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`);
  else if (value > max) errors.add(at, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`);
  return value;
}

function checkBoolean(errors: FormErrors, at: Path, value: unknown): void {
  if (value !== undefined && value !== null && typeof value !== 'boolean') errors.add(at, 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
}

/** What a user enters for one field: text, chosen values, a radio choice (or null), a checkbox state. */
export type ModalValue = string | readonly string[] | boolean | null;

/**
 * The `data` of the ModalSubmit interaction a user sends for `modal`: the same tree (rows of text inputs, labels with
 * one component, text displays) with what they entered; fields left alone keep their prefilled value or defaults.
 * Throws when Discord's client would not let the user submit (a required field empty, a value too long, an option the
 * select does not offer), or when `values` names a field the modal does not have.
 */
export function modalSubmission(modal: Json, values: Readonly<Record<string, ModalValue>>): Json {
  const customId = String(modal.custom_id);
  const used = new Set<string>();
  let nextId = 0;
  const idOf = (component: Json): number => {
    nextId += 1;
    return typeof component.id === 'number' ? component.id : nextId;
  };
  const submitted = (component: Json): Json => {
    const id = idOf(component);
    const field = String(component.custom_id);
    const given = Object.hasOwn(values, field) ? values[field] : undefined;
    if (given !== undefined) used.add(field);
    return { type: component.type, id, custom_id: field, ...submittedValue(customId, component, given) };
  };
  const components = (Array.isArray(modal.components) ? (modal.components as readonly unknown[]) : []).map((value) => {
    const component = asRecord(value) ?? {};
    const id = idOf(component);
    if (component.type === Component.ActionRow) {
      const children = Array.isArray(component.components) ? (component.components as readonly unknown[]) : [];
      return { type: Component.ActionRow, id, components: children.map((child) => submitted(asRecord(child) ?? {})) };
    }
    if (component.type === Component.Label) return { type: Component.Label, id, component: submitted(asRecord(component.component) ?? {}) };
    return { type: component.type, id };
  });
  const unknown = Object.keys(values).filter((field) => !used.has(field));
  if (unknown.length > 0) throw new Error(`fake-discord: modal "${customId}" has no field(s) ${unknown.join(', ')}`);
  return { custom_id: customId, components };
}

function submittedValue(modalId: string, component: Json, given: ModalValue | undefined): Json {
  const field = `"${String(component.custom_id)}" of modal "${modalId}"`;
  const required = component.required !== false;
  switch (component.type) {
    case Component.TextInput: {
      if (given !== undefined && typeof given !== 'string') throw new Error(`fake-discord: text input ${field} takes a string`);
      const value = given ?? (typeof component.value === 'string' ? component.value : '');
      const length = textLength(value);
      const max = typeof component.max_length === 'number' ? component.max_length : LIMITS.textInputValue;
      const min = typeof component.min_length === 'number' ? component.min_length : 0;
      if (required && length === 0) throw new Error(`fake-discord: text input ${field} is required; Discord does not let the user submit it empty`);
      if (length > max) throw new Error(`fake-discord: text input ${field} takes at most ${max} characters, not ${length}`);
      if (length > 0 && length < min) throw new Error(`fake-discord: text input ${field} takes at least ${min} characters, not ${length}`);
      return { value };
    }
    case Component.StringSelect:
    case Component.UserSelect:
    case Component.RoleSelect:
    case Component.MentionableSelect:
    case Component.ChannelSelect:
    case Component.FileUpload:
    case Component.CheckboxGroup: {
      if (given !== undefined && !Array.isArray(given)) throw new Error(`fake-discord: ${field} takes a list of values`);
      const options = Array.isArray(component.options) ? (component.options as readonly unknown[]).map((option) => asRecord(option) ?? {}) : [];
      const chosen: readonly string[] = (given as readonly string[] | undefined) ?? options.filter((option) => option.default === true).map((option) => String(option.value));
      if (component.type === Component.StringSelect || component.type === Component.CheckboxGroup) {
        const offered = new Set(options.map((option) => option.value));
        const unknown = chosen.filter((value) => !offered.has(value));
        if (unknown.length > 0) throw new Error(`fake-discord: ${field} has no option(s) ${unknown.join(', ')}`);
      }
      const min = required ? (typeof component.min_values === 'number' ? component.min_values : 1) : 0;
      const max = typeof component.max_values === 'number' ? component.max_values : component.type === Component.CheckboxGroup ? options.length : 1;
      if (chosen.length < min || chosen.length > max) throw new Error(`fake-discord: ${field} takes ${min}–${max} values, not ${chosen.length}`);
      return { values: [...chosen] };
    }
    case Component.RadioGroup: {
      if (given !== undefined && given !== null && typeof given !== 'string') throw new Error(`fake-discord: radio group ${field} takes one value or null`);
      const options = Array.isArray(component.options) ? (component.options as readonly unknown[]).map((option) => asRecord(option) ?? {}) : [];
      const value = given ?? options.find((option) => option.default === true)?.value ?? null;
      if (value !== null && !options.some((option) => option.value === value)) throw new Error(`fake-discord: ${field} has no option ${JSON.stringify(value)}`);
      if (required && value === null) throw new Error(`fake-discord: radio group ${field} is required`);
      return { value };
    }
    case Component.Checkbox: {
      if (given !== undefined && typeof given !== 'boolean') throw new Error(`fake-discord: checkbox ${field} takes true or false`);
      return { value: given ?? component.default === true };
    }
    default:
      throw new Error(`fake-discord: ${field} is a component of type ${String(component.type)}, which a modal cannot submit`);
  }
}

/** A submission for a modal the fake never showed (a forgery): text values become rows, lists become label selects. */
export function forgedSubmission(customId: string, values: Readonly<Record<string, ModalValue>>): Json {
  let id = 0;
  const components = Object.entries(values).map(([field, value]) => {
    id += 2;
    if (Array.isArray(value)) return { type: Component.Label, id: id - 1, component: { type: Component.StringSelect, id, custom_id: field, values: [...(value as readonly string[])] } };
    return { type: Component.ActionRow, id: id - 1, components: [{ type: Component.TextInput, id, custom_id: field, value: typeof value === 'string' ? value : String(value) }] };
  });
  return { custom_id: customId, components };
}
