import type { z } from 'zod';
import { OrderNumber } from '../workflows/domain/order';
import { documentKinds, documentTitles, lineColumns, movementColumns } from './documents/model';
import { DocumentQuery } from './routes/documents';

// The printable documents' part of the OpenAPI document (单据), built with openapi.ts's helpers.

interface Helpers {
  jsonSchema: (schema: z.ZodType, io: 'input' | 'output') => Record<string, unknown>;
  ref: (name: string) => { $ref: string };
  json: (name: string, description: string) => unknown;
  problems: (...statuses: number[]) => Record<string, unknown>;
  queryParameters: (schema: z.ZodType) => unknown[];
}

const label = {
  type: 'object',
  properties: { zh: { type: 'string', description: 'in Chinese' }, en: { type: 'string', description: 'in English' } },
  required: ['zh', 'en'],
};
const labelled = (description: string) => ({ ...label, description });
const field = {
  type: 'object',
  properties: {
    key: { type: 'string', description: 'a stable name: orderNumber, customer, promisedDate, version, amount, balanceDue …' },
    label: labelled('what the field is, as printed'),
    value: {
      description: 'data as written (¥ with two decimals, company dates), or a word in both languages',
      oneOf: [{ type: 'string' }, label],
    },
  },
};

const l = (zh: string, en: string) => ({ zh, en });
const printableDocumentExample = {
  kind: 'statement',
  title: documentTitles.statement,
  letterhead: {
    name: '示例制造有限公司',
    nameEn: 'Example Manufacturing Co., Ltd.',
    address: '浙江省杭州市示例路 1 号 (No. 1 Example Road, Hangzhou)',
    phone: '+86 571 0000 0000',
  },
  orderNumber: 'SO-1001',
  version: 1,
  date: '2027-03-10',
  fields: [
    { key: 'orderNumber', label: l('订单号', 'Order number'), value: 'SO-1001' },
    { key: 'customer', label: l('客户', 'Customer'), value: '杭州银泰酒店 Hangzhou Yintai Hotel (C-0042)' },
    { key: 'channel', label: l('渠道', 'Channel'), value: l('团订订单', 'group uniform order') },
    { key: 'salesRep', label: l('业务员', 'Sales rep'), value: '张伟 Zhang Wei' },
    { key: 'orderDate', label: l('下单日期', 'Order date'), value: '2027-03-01' },
    { key: 'promisedDate', label: l('交期', 'Promised date'), value: '2027-04-15' },
    { key: 'version', label: l('订单版本', 'Version'), value: 'v1' },
  ],
  tables: [
    {
      key: 'lines',
      title: l('订单明细（v1）', 'Order lines (v1)'),
      columns: lineColumns,
      rows: [['1', 'UNI-SUIT-01', '—', '40', '¥500.00', '¥20,000.00']],
    },
    {
      key: 'movements',
      title: l('往来明细', 'Movements'),
      columns: movementColumns,
      rows: [
        ['2027-03-01 10:00', 'contract amount (order lines)', '¥20,000.00', '¥0.00', '¥20,000.00', 'SO-1001'],
        ['2027-03-02 15:30', 'deposit received', '¥0.00', '¥6,000.00', '¥14,000.00', 'SK-0311'],
      ],
    },
  ],
  totals: [
    { key: 'amount', label: l('合同金额', 'Contract amount'), value: '¥20,000.00' },
    { key: 'received', label: l('已收金额', 'Received'), value: '¥6,000.00' },
    { key: 'balanceDue', label: l('应收余款', 'Balance due'), value: '¥14,000.00' },
    { key: 'closingBalance', label: l('期末余额', 'Closing balance'), value: '¥14,000.00' },
  ],
  text: null,
  signatures: [l('公司盖章', "Company's stamp"), l('客户确认签字/盖章', "Customer's confirmation")],
  awaitsSignature: false,
};

export function documentSchemas() {
  return {
    DocumentList: {
      type: 'object',
      description: 'The documents the order has now, in the order they come, then one complaint record per complaint.',
      properties: {
        orderNumber: { type: 'string', description: 'the order number' },
        documents: {
          type: 'array',
          description: 'each document the order has now',
          items: {
            type: 'object',
            properties: {
              kind: { type: 'string', enum: [...documentKinds, 'complaint-record'], description: 'which document' },
              title: labelled('its title'),
              version: { type: 'integer', description: "the version of the order's lines the document shows (1 as ordered)" },
              awaitsSignature: { type: 'boolean', description: "待签: it waits for the customer's signature now" },
              complaint: { type: 'integer', description: "a complaint record's complaint number" },
              href: { type: 'string', description: 'where to read it (add ?format=pdf for the PDF)' },
            },
          },
        },
      },
      examples: [
        {
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
      ],
    },
    PrintableDocument: {
      type: 'object',
      description:
        "A document's data (`?format=json`): title, the company's letterhead, the order number, the version of its lines, the company " +
        'date, fields, tables (the order lines first), totals, its request to the reader, and the boxes for stamps and signatures (盖章/签字).',
      properties: {
        kind: { type: 'string', description: 'which document (as in the list), or complaint-record' },
        title: labelled('its title'),
        letterhead: { type: 'object', description: 'name, nameEn, address, phone: the `letterhead` key of ORDERFLOW_POLICY_FILE' },
        orderNumber: { type: 'string', description: 'the order number' },
        version: { type: 'integer', description: "the version of the order's lines it shows (1 as ordered)" },
        date: { type: 'string', format: 'date', description: 'the company date it was made on' },
        fields: {
          type: 'array',
          items: field,
          description: "the order's data: order number, customer, channel, sales rep, dates, version …",
        },
        tables: {
          type: 'array',
          description: 'the order lines first (key `lines`), then its own (a statement: `movements`)',
          items: {
            type: 'object',
            properties: {
              key: { type: 'string', description: 'a stable name: lines, movements …' },
              title: labelled("the table's title"),
              columns: { type: 'array', items: label, description: "the columns' headings" },
              rows: { type: 'array', items: { type: 'array', items: { type: 'string' } }, description: 'the rows, one text per column' },
            },
          },
        },
        totals: { type: 'array', items: field, description: 'the amounts under the tables: contract amount, received, balance due …' },
        text: {
          oneOf: [label, { type: 'null' }],
          description: 'its request to the reader (the balance-due notice: pay by a date); null when it makes none',
        },
        signatures: { type: 'array', items: label, description: 'the boxes for stamps and signatures (盖章/签字), each naming who signs' },
        awaitsSignature: { type: 'boolean', description: "待签: it waits for the customer's signature now" },
      },
      examples: [printableDocumentExample],
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
