import { useState } from 'preact/hooks';
import { say, useConsole } from './app-context';
import { choiceText, fieldText, notJson, valueProblem } from './field-words';
import type { Lang } from './labels';

// A form generated from a JSON Schema of the OpenAPI document (an event's `data`, a channel's order form):
// a field per property, labelled and helped in the person's language by the shared field labels
// (workflows/domain/field-labels.ts), limits from the schema. What is plainly wrong is said beside the field
// before anything is sent; the API validates again and its answer is shown.

export interface JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: (string | number)[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  default?: unknown;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

/** Money in the API is integer fen up to 10^12 (MAX_ORDER_AMOUNT): such a field is typed in yuan. */
const isFen = (s: JsonSchema) => s.type === 'integer' && s.maximum === 1_000_000_000_000;
/** A list of plain records (an order's lines): a row of fields each, added and removed by the person. */
const isRows = (s: JsonSchema) =>
  s.type === 'array' &&
  Boolean(s.items?.properties) &&
  Object.values(s.items?.properties ?? {}).every((f) => f.const === undefined && !f.oneOf && !f.anyOf && f.type !== 'object');
/** Other lists and alternatives have no generic field: they are typed as JSON, with the help beside. */
const asJson = (s: JsonSchema) =>
  (s.type === 'array' && !isRows(s)) || Boolean(s.oneOf ?? s.anyOf) || (s.type === 'object' && !s.properties);

type Values = Record<string, unknown>;
/** Why a field cannot be sent, by its path (`lines.0.quantity`). */
type Problems = Record<string, string>;

const isEmptyRow = (row: Values) => Object.values(row).every((v) => v === undefined || v === '');

/** The request body from what was typed: empty optional fields left out, yuan to fen, JSON parsed, empty rows dropped. */
function bodyOf(schema: JsonSchema, raw: Values): Values {
  const body: Values = {};
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const value = raw[name];
    if (field.const !== undefined) body[name] = field.const;
    else if (field.type === 'object' && field.properties) {
      const nested = bodyOf(field, (value as Values | undefined) ?? {});
      if (Object.keys(nested).length > 0 || schema.required?.includes(name)) body[name] = nested;
    } else if (isRows(field)) {
      const rows = ((value as Values[] | undefined) ?? []).filter((row) => !isEmptyRow(row)).map((row) => bodyOf(field.items!, row));
      if (rows.length > 0 || schema.required?.includes(name)) body[name] = rows;
    } else if (field.type === 'boolean') {
      // An unticked box is a no: said when the field is required (feasible, approved …).
      if (value !== undefined || schema.required?.includes(name)) body[name] = value === true;
    } else if (value === undefined || value === '') continue;
    else if (asJson(field)) body[name] = JSON.parse(String(value));
    else if (isFen(field)) body[name] = Math.round(Number(value) * 100);
    else if (field.type === 'integer' || field.type === 'number') body[name] = Number(value);
    else body[name] = value;
  }
  return body;
}

/** What is plainly wrong with the typed values, field by field, in the person's words (the API checks the rest). */
function problemsOf(form: string, schema: JsonSchema, raw: Values, lang: Lang, at: string[] = []): Problems {
  const problems: Problems = {};
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    if (field.const !== undefined) continue;
    const path = [...at, name];
    const value = raw[name];
    const required = schema.required?.includes(name) ?? false;
    const { label } = fieldText(form, path, field, lang);
    if (field.type === 'object' && field.properties) {
      const nested = (value as Values | undefined) ?? {};
      // An optional group left empty is left out; once begun, its required fields are asked for.
      if (required || !isEmptyRow(nested)) Object.assign(problems, problemsOf(form, field, nested, lang, path));
    } else if (isRows(field)) {
      const rows = ((value as Values[] | undefined) ?? []).filter((row) => !isEmptyRow(row));
      if (rows.length === 0 && (required || (field.minItems ?? 0) > 0))
        problems[path.join('.')] = valueProblem(field, '', true, label, lang, false)!;
      rows.forEach((row, i) => Object.assign(problems, problemsOf(form, field.items!, row, lang, [...path, String(i)])));
    } else if (asJson(field) && typeof value === 'string' && value !== '') {
      try {
        JSON.parse(value);
      } catch {
        problems[path.join('.')] = notJson(label, lang);
      }
    } else {
      const problem = valueProblem(field, value, required && field.type !== 'boolean', label, lang, isFen(field));
      if (problem) problems[path.join('.')] = problem;
    }
  }
  return problems;
}

let fields = 0;

interface FieldProps {
  form: string;
  path: string[];
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  set: (v: unknown) => void;
  problems: Problems;
}

function Field({ form, path, schema, required, value, set, problems }: FieldProps) {
  const { lang } = useConsole();
  const [id] = useState(() => `f-${++fields}`);
  if (schema.const !== undefined) return null;
  const { label, help } = fieldText(form, path, schema, lang);
  if (schema.type === 'object' && schema.properties) {
    return (
      <fieldset>
        <legend>{label}</legend>
        {help && <small>{help}</small>}
        <Fields form={form} path={path} schema={schema} values={(value as Values | undefined) ?? {}} set={set} problems={problems} />
      </fieldset>
    );
  }
  if (isRows(schema)) return <Rows {...{ form, path, schema, label, help, value, set, problems }} />;
  const problem = problems[path.join('.')];
  const described = [help && `${id}-help`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: path.join('.'),
    'aria-required': required,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': described,
    onInput: (e: Event) => set((e.currentTarget as HTMLInputElement).value),
  };
  let input;
  if (schema.type === 'boolean') {
    input = (
      <input {...common} type="checkbox" checked={value === true} onInput={undefined} onChange={(e) => set(e.currentTarget.checked)} />
    );
  } else if (schema.enum) {
    input = (
      <select {...common} value={String(value ?? '')}>
        <option value="">{required ? '' : '—'}</option>
        {schema.enum.map((option) => (
          <option value={String(option)}>{choiceText(option, lang)}</option>
        ))}
      </select>
    );
  } else if (asJson(schema)) {
    input = <textarea {...common} rows={4} placeholder="JSON" value={String(value ?? '')} />;
  } else if (isFen(schema)) {
    input = <input {...common} type="text" inputMode="decimal" value={String(value ?? '')} />;
  } else if (schema.type === 'integer' || schema.type === 'number') {
    input = <input {...common} type="text" inputMode={schema.type === 'integer' ? 'numeric' : 'decimal'} value={String(value ?? '')} />;
  } else if (schema.format === 'date') {
    input = <input {...common} type="date" value={String(value ?? '')} />;
  } else if ((schema.maxLength ?? 0) > 200) {
    input = <textarea {...common} rows={2} value={String(value ?? '')} />;
  } else {
    input = <input {...common} type="text" value={String(value ?? '')} />;
  }
  return (
    <div class={problem ? 'field invalid' : 'field'}>
      <label for={id}>
        {label}
        {required ? ' *' : ''}
        {isFen(schema) ? ' (¥)' : ''}
      </label>
      {input}
      {help && <small id={`${id}-help`}>{help}</small>}
      {problem && (
        <small class="problem" id={`${id}-problem`}>
          {problem}
        </small>
      )}
      {schema.type === 'boolean' && value === true && <small>{say('yes', lang)}</small>}
    </div>
  );
}

/** A list of records as rows of fields (an order's lines), one row to begin with. */
function Rows({ form, path, schema, label, help, value, set, problems }: Omit<FieldProps, 'required'> & { label: string; help?: string }) {
  const { lang } = useConsole();
  const rows = (value as Values[] | undefined) ?? [{}];
  const setRow = (i: number, row: Values) => set(rows.map((r, j) => (j === i ? row : r)));
  const problem = problems[path.join('.')];
  return (
    <fieldset class="rows">
      <legend>{label}</legend>
      {help && <small>{help}</small>}
      {problem && <small class="problem">{problem}</small>}
      {rows.map((row, i) => (
        <fieldset class="row">
          <legend>
            {label} {i + 1}
          </legend>
          <Fields
            form={form}
            path={[...path, String(i)]}
            schema={schema.items!}
            values={row}
            set={(v) => setRow(i, v)}
            problems={problems}
          />
          {rows.length > 1 && (
            <button type="button" onClick={() => set(rows.filter((_, j) => j !== i))}>
              {say('removeRow', lang)}
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" onClick={() => set([...rows, {}])}>
        {say('addRow', lang)}
      </button>
    </fieldset>
  );
}

function Fields({
  form,
  path,
  schema,
  values,
  set,
  problems,
}: {
  form: string;
  path: string[];
  schema: JsonSchema;
  values: Values;
  set: (v: Values) => void;
  problems: Problems;
}) {
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, field]) => (
        <Field
          form={form}
          path={[...path, name]}
          schema={field}
          required={schema.required?.includes(name) ?? false}
          value={values[name]}
          set={(v) => set({ ...values, [name]: v })}
          problems={problems}
        />
      ))}
    </>
  );
}

/**
 * The form; `onSubmit` gets the body and answers with an error to show, or nothing when it went through. `form`
 * names whose fields these are (an event type, a channel) for the field labels that differ by form.
 */
export function SchemaForm({
  form = '',
  schema,
  submitLabel,
  onSubmit,
}: {
  form?: string;
  schema: JsonSchema;
  submitLabel: string;
  onSubmit: (body: Values) => Promise<string | undefined>;
}) {
  const { lang } = useConsole();
  const [values, setValues] = useState<Values>({});
  // Once the person has tried to send, what is wrong is said as they type (and goes as they fix it).
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const problems = tried ? problemsOf(form, schema, values, lang) : {};
  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    setError(undefined);
    if (Object.keys(problemsOf(form, schema, values, lang)).length > 0) return;
    setBusy(true);
    try {
      setError(await onSubmit(bodyOf(schema, values)));
    } catch (thrown) {
      setError(String(thrown));
    } finally {
      setBusy(false);
    }
  };
  const wrong = Object.values(problems);
  const alert = wrong.length > 0 ? wrong.join(lang === 'zh' ? '；' : '; ') : error;
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <Fields form={form} path={[]} schema={schema} values={values} set={setValues} problems={problems} />
      {alert && (
        <p class="refusal" role="alert">
          {alert}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
