import assert from 'node:assert/strict';
import { openApiDocument } from '../../api/openapi';
import { choiceLabels, fieldLabelKey, fieldLabels, moneyFields } from '../../workflows/domain/field-labels';
import { MAX_ORDER_AMOUNT } from '../../workflows/domain/order';

// The forms' words: every field of every event's `data` and of every channel's order form, and every choice
// they offer, has its Chinese label (workflows/domain/field-labels.ts), so that a person never meets a bare
// English name in a form; and the table names no field that no form has.

interface Schema {
  type?: string;
  maximum?: number;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
}

/** A list of plain records, which the form shows as rows of fields (console/schema-form.tsx isRows); other lists are typed as JSON. */
const isRows = (s: Schema) =>
  s.type === 'array' &&
  s.items?.properties !== undefined &&
  Object.values(s.items.properties).every((f) => f.const === undefined && !f.oneOf && !f.anyOf && f.type !== 'object');

/** Each field of the console's forms, as the form generator walks them: [form, path, schema]. */
function formFields(): [form: string, path: string[], schema: Schema][] {
  const { EventRequest, CreateOrder } = openApiDocument().components.schemas as unknown as Record<
    string,
    { oneOf?: Schema[]; anyOf?: Schema[] }
  >;
  const found: [string, string[], Schema][] = [];
  const walk = (form: string, schema: Schema, at: string[]) => {
    for (const [name, field] of Object.entries(schema.properties ?? {})) {
      if (field.const !== undefined) continue;
      found.push([form, [...at, name], field]);
      if (field.type === 'object') walk(form, field, [...at, name]);
      if (isRows(field)) walk(form, field.items!, [...at, name]);
    }
  };
  for (const event of EventRequest.oneOf!) walk(String(event.properties!.type.const), event.properties!.data, []);
  for (const order of CreateOrder.anyOf!) walk(String(order.properties!.channel.const), order, []);
  return found;
}

const hasChinese = (text: string) => /\p{Script=Han}/u.test(text);

describe('form field labels (zh/en)', () => {
  const fields = formFields();

  it("label every field of every event's form and every channel's order form in Chinese and English", () => {
    assert.ok(fields.length > 150, `only ${fields.length} fields found: the walk missed the forms`);
    const missing = fields
      .filter(([form, path]) => fieldLabelKey(form, path) === undefined)
      .map(([form, path]) => `${form}: ${path.join('.')}`);
    assert.deepEqual(missing, [], 'fields without a label in workflows/domain/field-labels.ts');
    for (const [key, label] of Object.entries(fieldLabels)) {
      assert.ok(hasChinese(label.zh), `${key}: the label is not Chinese (${label.zh})`);
      assert.ok(label.en.length > 0, `${key}: no English label`);
      if (label.help) assert.ok(hasChinese(label.help.zh) && label.help.en.length > 0, `${key}: help in both languages`);
    }
  });

  it('know every money field by its name, so that an entry says it as ¥ (and no other field)', () => {
    const schemas = openApiDocument().components.schemas as unknown as Record<string, Schema>;
    const money = new Set<string>();
    const others = new Set<string>();
    const walk = (schema: Schema | undefined, name?: string) => {
      if (!schema) return;
      if (name !== undefined && schema.type === 'integer') (schema.maximum === MAX_ORDER_AMOUNT ? money : others).add(name);
      for (const [key, field] of Object.entries(schema.properties ?? {})) walk(field, key);
      walk(schema.items, name);
      for (const alternative of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) walk(alternative, name);
    };
    for (const form of ['EventRequest', 'ComplaintEventRequest', 'CreateOrder']) walk(schemas[form]);
    assert.ok(money.size > 0 && others.has('quantity'), 'the walk found the forms');
    assert.deepEqual([...money].sort(), [...moneyFields].sort(), 'moneyFields in workflows/domain/field-labels.ts');
    assert.deepEqual(
      [...others].filter((name) => moneyFields.has(name)),
      [],
      'a name that holds money in one form and not in another',
    );
  });

  it('label every choice a form offers, but a class letter', () => {
    const choices = new Set(fields.flatMap(([, , schema]) => (schema.enum ?? []).map(String)).filter((value) => !/^[A-Z]$/.test(value)));
    const missing = [...choices].filter((value) => !Object.prototype.hasOwnProperty.call(choiceLabels, value));
    assert.deepEqual(missing, [], 'choices without a label');
    for (const [value, label] of Object.entries(choiceLabels)) assert.ok(hasChinese(label.zh), `${value}: ${label.zh}`);
  });

  it('name no field that no form has, and tell a field by its form or parent where its name means another thing', () => {
    const used = new Set(fields.map(([form, path]) => fieldLabelKey(form, path)));
    assert.deepEqual(
      Object.keys(fieldLabels).filter((key) => !used.has(key)),
      [],
      'labels no form uses',
    );
    const labelOf = (form: string, ...path: string[]) => fieldLabels[fieldLabelKey(form, path)!].zh;
    assert.equal(labelOf('standard', 'customer', 'id'), '客户编号');
    assert.equal(labelOf('standard', 'salesRep', 'id'), '业务员工号');
    assert.equal(labelOf('drawing-sent', 'version'), '版本号');
    assert.equal(labelOf('change-assessed', 'version'), '变更单号');
    assert.equal(labelOf('change-assessed', 'lines', 'unitPrice'), '单价');
  });
});
