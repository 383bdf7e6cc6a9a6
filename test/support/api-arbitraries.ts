import fc from 'fast-check';

// fast-check arbitraries read from the API's OpenAPI document: values a schema accepts, and the
// same values broken in one place (a field missing, one of the wrong type, one unknown), so a fuzz
// run reaches deep into the validation and past it into the order. Covers the part of JSON Schema
// that z.toJSONSchema emits for our schemas.

export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

/** Values the schema accepts. Lengths and sizes stay small: the fuzz is about shapes, not volume. */
export function valid(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map(valid));
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      return fc.record(Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valid(property)])), {
        requiredKeys: Object.keys(properties).filter((name) => required.has(name)),
      });
    }
    case 'array':
      return fc.array(valid(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'string':
      return string(schema);
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
      // Mostly modest numbers (money in fen, quantities), sometimes the bounds themselves.
      return fc.oneof(
        {
          weight: 4,
          arbitrary: fc.integer({ min: Math.max(min, -1_000_000), max: Math.max(Math.min(max, 1_000_000), Math.max(min, -1_000_000)) }),
        },
        { weight: 1, arbitrary: fc.constantFrom(min, max) },
      );
    }
    case 'number':
      return fc.double({ min: schema.minimum, max: schema.maximum, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function string(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  if (schema.format === 'date') {
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  }
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.pattern) return matching(schema.pattern).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  return fc.string({ unit: 'grapheme', minLength, maxLength });
}

/** Anything JSON a careless or hostile client might send in place of a value. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 1e21, '', ' ', '2031-02-30', '<script>', '__proto__', 'constructor', 'Ω≈ç√', 'x'.repeat(3000)),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A value the schema accepts, broken in one place: a key removed, a value replaced, or an unknown key added. */
export function broken(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc.tuple(valid(schema), fc.nat(), fc.constantFrom('remove', 'replace', 'add'), junk).map(([generated, at, how, replacement]) => {
    // A copy: fast-check may hand the generated value out again while shrinking.
    const value = structuredClone(generated);
    const spots = objectsIn(value);
    if (spots.length === 0) return replacement;
    const target = spots[at % spots.length];
    const keys = Object.keys(target);
    if (how === 'add' || keys.length === 0) target[`unknown${at % 7}`] = replacement;
    else if (how === 'remove') delete target[keys[at % keys.length]];
    else target[keys[at % keys.length]] = replacement;
    return value;
  });
}

function objectsIn(value: unknown): Record<string, unknown>[] {
  if (value === null || typeof value !== 'object') return [];
  const children = Object.values(value).flatMap(objectsIn);
  return Array.isArray(value) ? children : [value as Record<string, unknown>, ...children];
}

/** Mostly valid, often broken, sometimes junk: the mix a fuzz run sends. */
export const body = (schema: JsonSchema) =>
  fc.oneof({ weight: 5, arbitrary: valid(schema) }, { weight: 4, arbitrary: broken(schema) }, { weight: 1, arbitrary: junk });

// Built once per pattern: a negated class of Unicode properties (an id's "no quotes, no control
// characters") takes fast-check seconds to build, which would stall the event loop on every request.
const matchers = new Map<string, fc.Arbitrary<string>>();
function matching(pattern: string): fc.Arbitrary<string> {
  let arbitrary = matchers.get(pattern);
  if (!arbitrary) matchers.set(pattern, (arbitrary = fc.stringMatching(new RegExp(pattern, 'u'))));
  return arbitrary;
}
