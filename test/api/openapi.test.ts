import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { openApiDocument } from '../../api/openapi';
import { eventTypes } from '../../workflows/domain/events';

// /openapi.json (and /docs, which shows it) is what teaches a new integrator: every field described,
// every example valid against its own schema.

interface Schema {
  $ref?: string;
  description?: string;
  properties?: Record<string, Schema>;
  examples?: unknown[];
  [keyword: string]: unknown;
}

const document = openApiDocument();
const components = document.components.schemas as Record<string, Schema>;

/** The properties without a description anywhere in a schema, by their path (a $ref is described where it points). */
function undescribed(schema: unknown, path: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => undescribed(s, `${path}[${i}]`));
  if (schema === null || typeof schema !== 'object') return [];
  const s = schema as Schema;
  const own = Object.entries(s.properties ?? {}).flatMap(([name, property]) => [
    ...(property.description || property.$ref ? [] : [`${path}.${name}`]),
    ...undescribed(property, `${path}.${name}`),
  ]);
  const nested = ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties'].flatMap((keyword) =>
    s[keyword] === undefined ? [] : undescribed(s[keyword], `${path}/${keyword}`),
  );
  return [...own, ...nested];
}

describe('OpenAPI document for integrators', () => {
  // Every schema of the document: what an integrator creates, sends, lists and reads.
  const documented = Object.keys(components);

  it('describes every property of every schema, with an example each', () => {
    for (const name of documented) {
      assert.deepEqual(undescribed(components[name], name), [], `${name}: properties without a description`);
      assert.ok(components[name].examples?.length, `${name} has an example`);
    }
  });

  it('shows a request for every event type', () => {
    const shown = new Set((components.EventRequest.examples as { type: string }[]).map((example) => example.type));
    assert.deepEqual(
      eventTypes.filter((type) => !shown.has(type)),
      [],
      'event types without a request example',
    );
  });

  it("describes an event's fields with the console forms' words, the Chinese term beside", () => {
    // The forms' words describe what the schema leaves undescribed: English with the Chinese term.
    const deposit = (components.EventRequest.oneOf as Schema[]).find((variant) => variant.properties?.type.const === 'deposit-received');
    assert.match(deposit?.properties?.data.properties?.paymentRef.description ?? '', /\(收付款凭证号\)/);
  });

  it('gives the snapshot its whole schema, not an empty object, and the answer to an event refers to it', () => {
    const snapshot = components.OrderSnapshot;
    for (const field of ['status', 'stage', 'customer', 'salesRep', 'openClocks', 'expectedEvents', 'ledger', 'lineVersions'])
      assert.ok(snapshot.properties?.[field], `the snapshot's ${field}`);
    assert.equal(components.EventAccepted.properties?.snapshot.$ref, '#/components/schemas/OrderSnapshot');
  });

  it('has examples that validate against their own schemas', () => {
    // Formats are documentation here: the patterns zod writes beside them check the values.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'openapi', components: document.components });
    let checked = 0;
    for (const [name, schema] of Object.entries(components)) {
      const validate = ajv.getSchema(`openapi#/components/schemas/${name}`)!;
      for (const example of schema.examples ?? []) {
        assert.ok(validate(example), `${name}: ${JSON.stringify(validate.errors)}`);
        checked++;
      }
    }
    assert.ok(checked >= documented.length);
  });
});
