import type { z } from 'zod';
import { OrderNumber } from '../workflows/domain/order';
import { documentKinds, documentTitles } from './documents/model';
import { DocumentQuery } from './routes/documents';

// The printable documents' part of the OpenAPI document (单据), built with openapi.ts's helpers.

interface Helpers {
  jsonSchema: (schema: z.ZodType, io: 'input' | 'output') => Record<string, unknown>;
  ref: (name: string) => { $ref: string };
  json: (name: string, description: string) => unknown;
  problems: (...statuses: number[]) => Record<string, unknown>;
  queryParameters: (schema: z.ZodType) => unknown[];
}

const label = { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } }, required: ['zh', 'en'] };
const field = {
  type: 'object',
  properties: {
    key: { type: 'string', description: 'a stable name: orderNumber, customer, promisedDate, version, amount, balanceDue …' },
    label,
    value: {
      description: 'data as written (¥ with two decimals, company dates), or a word in both languages',
      oneOf: [{ type: 'string' }, label],
    },
  },
};

export function documentSchemas() {
  return {
    DocumentList: {
      type: 'object',
      description: 'The documents the order has now, in the order they come, then one complaint record per complaint.',
      properties: {
        orderNumber: { type: 'string' },
        documents: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              kind: { type: 'string', enum: [...documentKinds, 'complaint-record'] },
              title: label,
              version: { type: 'integer', description: "the version of the order's lines the document shows (1 as ordered)" },
              awaitsSignature: { type: 'boolean', description: "待签: it waits for the customer's signature now" },
              complaint: { type: 'integer', description: "a complaint record's complaint number" },
              href: { type: 'string', description: 'where to read it (add ?format=pdf for the PDF)' },
            },
          },
        },
      },
      example: {
        orderNumber: 'SO-1001',
        documents: [
          {
            kind: 'order-confirmation',
            title: documentTitles['order-confirmation'],
            version: 1,
            awaitsSignature: true,
            href: '/api/v1/orders/SO-1001/documents/order-confirmation',
          },
          {
            kind: 'statement',
            title: documentTitles.statement,
            version: 1,
            awaitsSignature: false,
            href: '/api/v1/orders/SO-1001/documents/statement',
          },
        ],
      },
    },
    PrintableDocument: {
      type: 'object',
      description:
        "A document's data (`?format=json`): title, the company's letterhead, the order number, the version of its lines, the company " +
        'date, fields, tables (the order lines first), totals, its request to the reader, and the boxes for stamps and signatures (盖章/签字).',
      properties: {
        kind: { type: 'string' },
        title: label,
        letterhead: { type: 'object', description: 'name, nameEn, address, phone: the `letterhead` key of ORDERFLOW_POLICY_FILE' },
        orderNumber: { type: 'string' },
        version: { type: 'integer' },
        date: { type: 'string', format: 'date' },
        fields: { type: 'array', items: field },
        tables: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              key: { type: 'string' },
              title: label,
              columns: { type: 'array', items: label },
              rows: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
        totals: { type: 'array', items: field },
        text: { oneOf: [label, { type: 'null' }] },
        signatures: { type: 'array', items: label },
        awaitsSignature: { type: 'boolean' },
      },
    },
  };
}

const kinds = documentKinds.map((kind) => `\`${kind}\` ${documentTitles[kind].zh}`).join(', ');
const formats = {
  'text/html': { schema: { type: 'string' }, description: 'an A4 page with print styles (@media print), no script' },
  'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' }, description: 'A4, Noto Sans SC embedded' },
};

export function documentPaths({ jsonSchema, ref, json, problems, queryParameters }: Helpers) {
  const orderNumber = { name: 'id', in: 'path', required: true, description: 'the order number', schema: jsonSchema(OrderNumber, 'input') };
  const document = (description: string) => ({
    '200': { description, content: { ...formats, 'application/json': { schema: ref('PrintableDocument') } } },
  });
  const readers = 'Whoever may read the order (a customer: their own orders, as for the order itself).';
  return {
    '/orders/{id}/documents': {
      get: {
        summary: "The order's printable documents (单据) now, each marked when it waits for the customer's signature (待签)",
        description:
          `${readers} Which documents an order has follows from its channel and stage: the order confirmation once the delivery date ` +
          'is estimated, the production notice at production, the outbound notice once the goods are put away, the shipping notice and ' +
          'arrival receipt once shipped, the sales intent letter on store orders only, the statement of account and the balance-due ' +
          'notice from the ledger (the latter while something is owed), and one complaint record per complaint.',
        parameters: [orderNumber],
        responses: { '200': json('DocumentList', 'the documents'), ...problems(401, 404, 429, 503) },
      },
    },
    '/orders/{id}/documents/{kind}': {
      get: {
        summary: 'One printable document: HTML to print, PDF, or its data',
        description:
          `${readers} Kinds: ${kinds}. Each carries the company's letterhead, the order's data and the version of its lines, amounts ` +
          "in ¥ with two decimals, dates in the company's time zone, and boxes for stamps and signatures. 404 `document-not-found`: no " +
          "such kind, or one the order's channel never has; 409 `document-not-yet`: it comes at a later stage (the detail says when).",
        parameters: [
          orderNumber,
          { name: 'kind', in: 'path', required: true, description: 'the document', schema: { type: 'string', enum: documentKinds } },
          ...queryParameters(DocumentQuery),
        ],
        responses: { ...document('the document'), ...problems(400, 401, 404, 409, 429, 503) },
      },
    },
    '/orders/{id}/complaints/{number}/document': {
      get: {
        summary: 'The complaint record (投诉处理记录): the complaint, its finding, visits and outcome, with the order',
        description: `${readers} As the other documents: \`?format=html|pdf|json\`, \`?lang=zh|en\`.`,
        parameters: [
          orderNumber,
          {
            name: 'number',
            in: 'path',
            required: true,
            description: "the complaint's number on the order",
            schema: { type: 'integer', minimum: 1 },
          },
          ...queryParameters(DocumentQuery),
        ],
        responses: { ...document('the complaint record'), ...problems(400, 401, 404, 429, 503) },
      },
    },
  };
}
