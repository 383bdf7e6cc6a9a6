import { choiceLabel, fieldLabel } from '../workflows/domain/field-labels';
import type { Lang } from './labels';
import type { JsonSchema } from './schema-form';

// What a form says about its fields, in the person's language: the label and help of the shared field labels
// (workflows/domain/field-labels.ts; the schema's English description when the table has no help), the words
// of a choice, and what is wrong with a value, said before the API is asked.

export interface FieldText {
  label: string;
  help?: string;
}

/** A field's path without the rows' numbers (`lines.0.quantity` is a line's quantity). */
const named = (path: readonly string[]) => path.filter((part) => !/^\d+$/.test(part));

/**
 * A field's label and help, by its path in the form; a field the table does not know (a newer server's) is shown
 * by its name, with the schema's description.
 */
export function fieldText(form: string, path: readonly string[], schema: JsonSchema, lang: Lang): FieldText {
  const words = fieldLabel(form, named(path));
  const help = words?.help?.[lang] ?? (lang === 'en' || !words ? schema.description : undefined);
  return { label: words?.[lang] ?? schema.title ?? path[path.length - 1], help };
}

/** A choice of a select in words: 电话 for phone; a class letter as it is. */
export const choiceText = (value: string | number, lang: Lang) => choiceLabel(String(value))?.[lang] ?? String(value);

/** Why a value cannot be sent, in the person's words; undefined when it may (the API checks again). */
export function valueProblem(
  schema: JsonSchema,
  value: unknown,
  required: boolean,
  label: string,
  lang: Lang,
  fen: boolean,
): string | undefined {
  const zh = lang === 'zh';
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) return required ? (zh ? `请填写「${label}」` : `Fill in “${label}”`) : undefined;
  if (typeof value !== 'string') return undefined;
  if (schema.type === 'integer' || schema.type === 'number') {
    const n = Number(value);
    if (!Number.isFinite(n)) return zh ? `「${label}」须为数字` : `“${label}” must be a number`;
    if (fen) {
      if (!/^\d+(\.\d{1,2})?$/.test(value.trim()))
        return zh ? `「${label}」须为金额，最多两位小数` : `“${label}” must be an amount in yuan, at most two decimals`;
      return undefined;
    }
    if (schema.type === 'integer' && !Number.isInteger(n)) return zh ? `「${label}」须为整数` : `“${label}” must be a whole number`;
    const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? undefined : schema.exclusiveMinimum + 1);
    if (min !== undefined && n < min) return zh ? `「${label}」不能小于 ${min}` : `“${label}” must be at least ${min}`;
    if (schema.maximum !== undefined && n > schema.maximum)
      return zh ? `「${label}」不能大于 ${schema.maximum}` : `“${label}” must be at most ${schema.maximum}`;
    return undefined;
  }
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength)
    return zh ? `「${label}」至少 ${schema.minLength} 个字` : `“${label}” needs at least ${schema.minLength} characters`;
  if (schema.maxLength !== undefined && length > schema.maxLength)
    return zh ? `「${label}」最多 ${schema.maxLength} 个字` : `“${label}” takes at most ${schema.maxLength} characters`;
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
    return zh ? `「${label}」格式不对` : `“${label}” is not in the right form`;
  return undefined;
}

/** A JSON field's text that does not parse. */
export const notJson = (label: string, lang: Lang) => (lang === 'zh' ? `「${label}」不是有效的 JSON` : `“${label}” is not valid JSON`);

/** The fields the API named in a 400 (`data.amount`, `lines.0.quantity`), by their labels in this form. */
export function namedFields(form: string, fields: readonly string[], lang: Lang): string[] {
  return fields.map((field) => {
    const path = named(field.split('.').filter((part, i) => !(i === 0 && part === 'data')));
    const words = path.length > 0 ? fieldLabel(form, path) : undefined;
    return words ? words[lang] : field;
  });
}
