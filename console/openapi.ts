import type { JsonSchema } from './schema-form';

// The API's own description of its requests (GET /openapi.json): the console's forms are generated from it,
// so a field the API adds to an event appears in its form without a console change.

interface Document {
  /** Each event type's `data` schema. */
  eventData: Record<string, JsonSchema>;
  /** Each channel's order form. */
  createOrder: Record<string, JsonSchema>;
}

let document: Promise<Document> | undefined;

export function openApi(): Promise<Document> {
  document ??= fetch('/openapi.json')
    .then((r) => r.json())
    .then((doc: { components: { schemas: { EventRequest: { oneOf: JsonSchema[] }; CreateOrder: { anyOf: JsonSchema[] } } } }) => {
      const { EventRequest, CreateOrder } = doc.components.schemas;
      return {
        eventData: Object.fromEntries(EventRequest.oneOf.map((alt) => [String(alt.properties?.type.const), alt.properties?.data ?? {}])),
        createOrder: Object.fromEntries(CreateOrder.anyOf.map((form) => [String(form.properties?.channel.const), form])),
      };
    });
  return document;
}
