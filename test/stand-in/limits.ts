/**
 * What Discord rejects, checked the way Discord checks it, so a test fails where Discord would. These numbers are
 * written out again here on purpose (not imported from src/limits.ts): the stand-in is the independent referee.
 */

export interface FormError {
  path: string;
  code: string;
  message: string;
}

const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  // Modals (API reference: Interaction Response "Modal", Component "Text Input").
  modalTitle: 45,
  modalRows: 5,
  textInputLabel: 45,
  textInputValue: 4000,
  textInputPlaceholder: 100,
};

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
// Discord counts characters as Unicode code points.
const len = (v: unknown) => [...str(v)].length;

function tooLong(errors: FormError[], path: string, value: unknown, max: number): void {
  if (len(value) > max) errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
}

function checkEmbeds(errors: FormError[], embeds: unknown): void {
  if (!Array.isArray(embeds)) return;
  if (embeds.length > LIMITS.embeds) errors.push({ path: 'embeds', code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.embeds} or fewer in length.` });
  let total = 0;
  embeds.forEach((embed: Json, i) => {
    const p = `embeds.${i}`;
    tooLong(errors, `${p}.title`, embed.title, LIMITS.title);
    tooLong(errors, `${p}.description`, embed.description, LIMITS.description);
    tooLong(errors, `${p}.footer.text`, (embed.footer as Json | undefined)?.text, LIMITS.footer);
    tooLong(errors, `${p}.author.name`, (embed.author as Json | undefined)?.name, LIMITS.author);
    total += len(embed.title) + len(embed.description) + len((embed.footer as Json | undefined)?.text) + len((embed.author as Json | undefined)?.name);
    const fields = Array.isArray(embed.fields) ? (embed.fields as Json[]) : [];
    if (fields.length > LIMITS.fields) errors.push({ path: `${p}.fields`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.fields} or fewer in length.` });
    fields.forEach((field, j) => {
      if (len(field.name) === 0 || len(field.value) === 0) errors.push({ path: `${p}.fields.${j}`, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
      tooLong(errors, `${p}.fields.${j}.name`, field.name, LIMITS.fieldName);
      tooLong(errors, `${p}.fields.${j}.value`, field.value, LIMITS.fieldValue);
      total += len(field.name) + len(field.value);
    });
  });
  if (total > LIMITS.embedTotal) errors.push({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
}

function checkComponents(errors: FormError[], rows: unknown): void {
  if (!Array.isArray(rows)) return;
  if (rows.length > LIMITS.actionRows) errors.push({ path: 'components', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
  const ids = new Set<string>();
  rows.forEach((row: Json, i) => {
    const components = Array.isArray(row.components) ? (row.components as Json[]) : [];
    if (components.length > LIMITS.buttonsPerRow) errors.push({ path: `components.${i}.components`, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
    components.forEach((c, j) => {
      const p = `components.${i}.components.${j}`;
      if (c.style !== 5) {
        if (len(c.custom_id) === 0) errors.push({ path: `${p}.custom_id`, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
        tooLong(errors, `${p}.custom_id`, c.custom_id, LIMITS.customId);
        if (ids.has(str(c.custom_id))) errors.push({ path: `${p}.custom_id`, code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
        ids.add(str(c.custom_id));
      }
      tooLong(errors, `${p}.label`, c.label, LIMITS.buttonLabel);
    });
  });
}

/** Discord's OpenAPI specification types an attachment's id as a snowflake: a string of digits. */
function checkAttachments(errors: FormError[], attachments: unknown): void {
  if (!Array.isArray(attachments)) return;
  attachments.forEach((a: Json, i) => {
    if (typeof a.id !== 'string' || !/^\d+$/.test(a.id)) errors.push({ path: `attachments.${i}.id`, code: 'NUMBER_TYPE_COERCE', message: 'Value is not snowflake.' });
  });
}

/** A message body as sent to create or edit a message (or inside an interaction callback's `data`). */
export function checkMessage(body: Json): FormError[] {
  const errors: FormError[] = [];
  tooLong(errors, 'content', body.content, LIMITS.content);
  checkAttachments(errors, body.attachments);
  checkEmbeds(errors, body.embeds);
  checkComponents(errors, body.components);
  return errors;
}

export function checkChoices(data: Json): FormError[] {
  const errors: FormError[] = [];
  const choices = Array.isArray(data.choices) ? (data.choices as Json[]) : [];
  if (!Array.isArray(data.choices)) errors.push({ path: 'choices', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  if (choices.length > LIMITS.choices) errors.push({ path: 'choices', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  choices.forEach((c, i) => {
    if (len(c.name) < 1) errors.push({ path: `choices.${i}.name`, code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
    tooLong(errors, `choices.${i}.name`, c.name, LIMITS.choiceName);
    tooLong(errors, `choices.${i}.value`, c.value, LIMITS.choiceValue);
  });
  return errors;
}

/**
 * An INTERACTION_CALLBACK type 9 body's data: title, custom_id, at most five action rows, each holding exactly one
 * text input (type 4) with a custom_id, a label, style 1 or 2, and lengths within Discord's.
 */
export function checkModal(data: Json): FormError[] {
  const errors: FormError[] = [];
  const required = (path: string, v: unknown) => {
    if (len(v) === 0) errors.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  };
  required('title', data.title);
  tooLong(errors, 'title', data.title, LIMITS.modalTitle);
  required('custom_id', data.custom_id);
  tooLong(errors, 'custom_id', data.custom_id, LIMITS.customId);
  const rows = Array.isArray(data.components) ? (data.components as Json[]) : [];
  if (rows.length === 0) required('components', '');
  if (rows.length > LIMITS.modalRows) errors.push({ path: 'components', code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.modalRows} or fewer in length.` });
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const inner = Array.isArray(row.components) ? (row.components as Json[]) : [];
    if (row.type !== 1 || inner.length !== 1) errors.push({ path: `components.${i}`, code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'An action row in a modal holds exactly one text input' });
    inner.forEach((c, j) => {
      const p = `components.${i}.components.${j}`;
      if (c.type !== 4) errors.push({ path: `${p}.type`, code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (4,).' });
      if (c.style !== 1 && c.style !== 2) errors.push({ path: `${p}.style`, code: 'BASE_TYPE_CHOICES', message: 'Value must be one of (1, 2).' });
      required(`${p}.custom_id`, c.custom_id);
      tooLong(errors, `${p}.custom_id`, c.custom_id, LIMITS.customId);
      if (ids.has(str(c.custom_id))) errors.push({ path: `${p}.custom_id`, code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
      ids.add(str(c.custom_id));
      required(`${p}.label`, c.label);
      tooLong(errors, `${p}.label`, c.label, LIMITS.textInputLabel);
      tooLong(errors, `${p}.value`, c.value, LIMITS.textInputValue);
      tooLong(errors, `${p}.placeholder`, c.placeholder, LIMITS.textInputPlaceholder);
      for (const key of ['min_length', 'max_length'] as const) {
        const n = c[key];
        if (n !== undefined && (typeof n !== 'number' || n < (key === 'min_length' ? 0 : 1) || n > LIMITS.textInputValue)) {
          errors.push({ path: `${p}.${key}`, code: 'NUMBER_TYPE_MAX', message: `${key} must be between ${key === 'min_length' ? 0 : 1} and ${LIMITS.textInputValue}.` });
        }
      }
      if (typeof c.max_length === 'number' && len(c.value) > c.max_length) errors.push({ path: `${p}.value`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${c.max_length} or fewer in length.` });
    });
  });
  return errors;
}

/** default_member_permissions on a command: null, or a permission bit set as a string of digits. */
export function checkCommandPermissions(command: Json, i: number): FormError[] {
  const v = command.default_member_permissions;
  if (v === undefined || v === null || (typeof v === 'string' && /^\d+$/.test(v))) return [];
  return [{ path: `${i}.default_member_permissions`, code: 'NUMBER_TYPE_COERCE', message: `Value "${String(v)}" is not snowflake.` }];
}

/** Discord's error body for an invalid form: { code: 50035, errors: { path: { _errors: [...] } } }. */
export function formErrorBody(errors: FormError[]) {
  const tree: Json = {};
  for (const e of errors) {
    let node = tree;
    for (const key of e.path.split('.')) node = (node[key] ??= {}) as Json;
    ((node._errors ??= []) as unknown[]).push({ code: e.code, message: e.message });
  }
  return { code: 50035, message: 'Invalid Form Body', errors: tree };
}
