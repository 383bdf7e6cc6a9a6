import { useState } from 'preact/hooks';
import { say, useConsole } from './app-context';

// A form generated from a JSON Schema of the OpenAPI document (an event's `data`, a channel's order form):
// a field per property, labelled and helped by the schema's description, limits from the schema. The
// API validates again and its answer is shown; the form only spares a round trip for the obvious.

export interface JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: (string | number)[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

/** Money in the API is integer fen up to 10^12 (MAX_ORDER_AMOUNT): such a field is typed in yuan. */
const isFen = (s: JsonSchema) => s.type === 'integer' && s.maximum === 1_000_000_000_000;
/** Lists and alternatives have no generic field: they are typed as JSON, with the schema's description beside. */
const asJson = (s: JsonSchema) => s.type === 'array' || Boolean(s.oneOf ?? s.anyOf) || (s.type === 'object' && !s.properties);

type Values = Record<string, unknown>;

/** The request body from what was typed: empty optional fields left out, yuan to fen, JSON parsed. */
function bodyOf(schema: JsonSchema, raw: Values): Values {
  const body: Values = {};
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const value = raw[name];
    if (field.const !== undefined) body[name] = field.const;
    else if (field.type === 'object' && field.properties) {
      const nested = bodyOf(field, (value as Values | undefined) ?? {});
      if (Object.keys(nested).length > 0 || schema.required?.includes(name)) body[name] = nested;
    } else if (value === undefined || value === '') continue;
    else if (asJson(field)) body[name] = JSON.parse(String(value));
    else if (isFen(field)) body[name] = Math.round(Number(value) * 100);
    else if (field.type === 'integer' || field.type === 'number') body[name] = Number(value);
    else body[name] = value;
  }
  return body;
}

function Field({
  name,
  schema,
  required,
  value,
  set,
}: {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  set: (v: unknown) => void;
}) {
  const { lang } = useConsole();
  const id = `f-${name}-${Math.random().toString(36).slice(2, 7)}`;
  if (schema.const !== undefined) return null;
  if (schema.type === 'object' && schema.properties) {
    return (
      <fieldset>
        <legend>{schema.title ?? schema.description ?? name}</legend>
        <Fields schema={schema} values={(value as Values | undefined) ?? {}} set={(v) => set(v)} />
      </fieldset>
    );
  }
  const common = { id, name, required, onInput: (e: Event) => set((e.currentTarget as HTMLInputElement).value) };
  let input;
  if (schema.type === 'boolean') {
    input = <input id={id} name={name} type="checkbox" checked={value === true} onChange={(e) => set(e.currentTarget.checked)} />;
  } else if (schema.enum) {
    input = (
      <select {...common} value={String(value ?? '')}>
        <option value="">{required ? '' : '—'}</option>
        {schema.enum.map((option) => (
          <option value={String(option)}>{String(option)}</option>
        ))}
      </select>
    );
  } else if (asJson(schema)) {
    input = <textarea {...common} rows={4} placeholder="JSON" value={String(value ?? '')} />;
  } else if (isFen(schema)) {
    input = <input {...common} type="number" step="0.01" min={0} value={String(value ?? '')} />;
  } else if (schema.type === 'integer' || schema.type === 'number') {
    const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? undefined : schema.exclusiveMinimum + 1);
    input = (
      <input
        {...common}
        type="number"
        step={schema.type === 'integer' ? 1 : 'any'}
        min={min}
        max={schema.maximum}
        value={String(value ?? '')}
      />
    );
  } else if (schema.format === 'date') {
    input = <input {...common} type="date" value={String(value ?? '')} />;
  } else if ((schema.maxLength ?? 0) > 200) {
    input = <textarea {...common} rows={2} minLength={schema.minLength} maxLength={schema.maxLength} value={String(value ?? '')} />;
  } else {
    input = <input {...common} type="text" minLength={schema.minLength} maxLength={schema.maxLength} value={String(value ?? '')} />;
  }
  return (
    <div class="field">
      <label for={id}>
        {schema.title ?? name}
        {required ? ' *' : ''}
        {isFen(schema) ? ' (¥)' : ''}
      </label>
      {input}
      {schema.description && <small>{schema.description}</small>}
      {schema.type === 'boolean' && value === true && <small>{say('yes', lang)}</small>}
    </div>
  );
}

function Fields({ schema, values, set }: { schema: JsonSchema; values: Values; set: (v: Values) => void }) {
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, field]) => (
        <Field
          name={name}
          schema={field}
          required={schema.required?.includes(name) ?? false}
          value={values[name]}
          set={(v) => set({ ...values, [name]: v })}
        />
      ))}
    </>
  );
}

/** The form; `onSubmit` gets the body and answers with an error to show, or nothing when it went through. */
export function SchemaForm({
  schema,
  submitLabel,
  onSubmit,
}: {
  schema: JsonSchema;
  submitLabel: string;
  onSubmit: (body: Values) => Promise<string | undefined>;
}) {
  const [values, setValues] = useState<Values>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      setError(await onSubmit(bodyOf(schema, values)));
    } catch (thrown) {
      setError(thrown instanceof SyntaxError ? `JSON: ${thrown.message}` : String(thrown));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Fields schema={schema} values={values} set={setValues} />
      {error && (
        <p class="refusal" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
