import { dateAt, localDateTime } from '../../workflows/domain/calendar';
import type { ComplaintSnapshot, ComplaintStage } from '../../workflows/domain/complaints';
import { balanceDueNoticeOf, statementOf } from '../../workflows/domain/documents';
import type { EventType } from '../../workflows/domain/events';
import { channelLabels, instalmentLabels, shippingModeLabels, stageLabels, type Label } from '../../workflows/domain/labels';
import type { IsoDate } from '../../workflows/domain/order';
import { yuan } from '../../workflows/domain/money';
import { readable, said } from '../../workflows/domain/readable';
import { routes } from '../../workflows/domain/route';
import type { LedgerSnapshot, OrderSnapshot } from '../../workflows/domain/snapshot';
import type { Complaint, Stage, TimelineEntry } from '../../workflows/domain/state';
import type { DocumentSettings, Letterhead } from './letterhead';

// The order's printable documents (单据) as data: which ones an order has, from its channel's route and
// its stage, and each one's model — header, the order's fields and the version of its lines, tables,
// totals in ¥, dates in the company's time zone, the boxes for stamps and signatures (盖章/签字).
// Pure: the snapshot (and timeline) in, the model out; html.ts and pdf.ts lay it out.

export const documentKinds = [
  'intent-letter',
  'order-confirmation',
  'production-notice',
  'outbound-notice',
  'shipping-notice',
  'arrival-receipt',
  'balance-due-notice',
  'statement',
] as const;
export type DocumentKind = (typeof documentKinds)[number];
/** 投诉处理记录: one per complaint, under the complaint (/orders/{id}/complaints/{n}/document). */
export type PrintableKind = DocumentKind | 'complaint-record';

export const documentTitles: Record<PrintableKind, Label> = {
  'intent-letter': { zh: '门窗销售意向书', en: 'Window and door sales intent letter' },
  'order-confirmation': { zh: '订单确认书', en: 'Order confirmation' },
  'production-notice': { zh: '生产通知单', en: 'Production notice' },
  'outbound-notice': { zh: '出库通知单', en: 'Outbound notice' },
  'shipping-notice': { zh: '发货通知单', en: 'Shipping notice' },
  'arrival-receipt': { zh: '到货回单', en: 'Arrival receipt' },
  'balance-due-notice': { zh: '余款催收告知书', en: 'Balance-due notice' },
  statement: { zh: '对账单', en: 'Statement of account' },
  'complaint-record': { zh: '投诉处理记录', en: 'Complaint record' },
};

/** When an order has a document. */
interface Rule {
  /** Only orders of these channels (all when unset). */
  channels?: readonly string[];
  /** From the first of these stages on the order's route (`past`: once the order has left it). */
  from?: { stages: readonly Stage[]; past?: true; words: Label };
  /** What money it needs: a ledger (payment plan), or something still owed on it. */
  money?: 'ledger' | 'balance-due';
  /** The stages in which it waits for the customer's signature (待签). */
  customerSignsIn?: readonly Stage[];
  /** The events whose record (when, who, what) the document carries, the latest of them. */
  record?: readonly EventType[];
  /** It names where the goods go (收货地址) and who takes them there. */
  delivery?: true;
}

const pastShipping = {
  stages: ['shipping', 'sample-dispatch'],
  past: true,
  words: { zh: '发货之后', en: 'once the goods are shipped' },
} as const;

const rules: Record<DocumentKind, Rule> = {
  'intent-letter': {
    channels: ['store'],
    from: { stages: ['intent-letter'], words: { zh: '门店接待时', en: 'from the store visit' } },
    customerSignsIn: ['intent-letter'],
    record: ['intent-letter-signed'],
  },
  'order-confirmation': {
    from: { stages: ['confirmation', 'final-quote'], words: { zh: '交期评估之后', en: 'once the delivery date is estimated' } },
    customerSignsIn: ['confirmation-return'],
    record: ['confirmation-sent', 'signed-confirmation-returned'],
    delivery: true,
  },
  'production-notice': {
    from: {
      stages: ['production-notice', 'scheduling', 'order-pack'],
      words: { zh: '订单确认回传之后', en: 'once the order is confirmed' },
    },
    record: ['production-notice-issued'],
  },
  'outbound-notice': {
    from: { stages: ['put-away'], past: true, words: { zh: '入库之后', en: 'once the goods are put away' } },
    record: ['stocked'],
    delivery: true,
  },
  'shipping-notice': { from: pastShipping, record: ['shipped'], delivery: true },
  'arrival-receipt': { from: pastShipping, customerSignsIn: ['in-transit', 'sample-delivery'], record: ['signed-for'], delivery: true },
  'balance-due-notice': { money: 'balance-due' },
  statement: { money: 'ledger' },
};

export type Availability =
  | { has: true; awaitsSignature: boolean }
  /** `never`: the order's channel has no such document; `not-yet`: it comes later (or never again, once cancelled). */
  | { has: false; why: 'never' | 'not-yet'; detail: Label };

/** Where the order is on its route: the index of its stage, past the last once archived, −1 off the route (cancelled). */
function progress(snapshot: OrderSnapshot, stages: readonly Stage[]): number {
  return snapshot.stage === 'archived' ? stages.length : stages.indexOf(snapshot.stage);
}

/** Whether the order has the document now, and if so whether it waits for the customer's signature. */
export function availabilityOf(kind: DocumentKind, snapshot: OrderSnapshot): Availability {
  const rule = rules[kind];
  const title = documentTitles[kind];
  const channel = channelLabels[snapshot.channel as keyof typeof channelLabels] ?? { zh: snapshot.channel, en: snapshot.channel };
  const never = {
    has: false,
    why: 'never',
    detail: { zh: `${channel.zh}没有${title.zh}`, en: `a ${channel.en} has no ${title.en.toLowerCase()}` },
  } as const;
  if (rule.channels && !rule.channels.includes(snapshot.channel)) return never;
  if (rule.money) {
    if (!snapshot.ledger) {
      return {
        has: false,
        why: 'never',
        detail: { zh: '该订单早于付款计划，没有台账', en: 'the order started before payment plans and has no ledger' },
      };
    }
    if (rule.money === 'balance-due' && snapshot.ledger.totals.balance <= 0) {
      return { has: false, why: 'not-yet', detail: { zh: '该订单没有应收余款', en: 'nothing is owed on the order' } };
    }
    return { has: true, awaitsSignature: false };
  }
  const stages = routes[snapshot.channel as keyof typeof routes].steps.map((step) => step.stage);
  const from = rule.from && stages.find((stage) => rule.from!.stages.includes(stage));
  if (rule.from && from === undefined) return never;
  const stage = stageLabels[snapshot.stage];
  if (snapshot.stage === 'cancelled') {
    return {
      has: false,
      why: 'not-yet',
      detail: { zh: `订单已取消，不再出具${title.zh}`, en: `the order is cancelled: no ${title.en.toLowerCase()}` },
    };
  }
  if (from !== undefined) {
    const at = progress(snapshot, stages);
    const start = stages.indexOf(from) + (rule.from!.past ? 1 : 0);
    if (at < start) {
      const { words } = rule.from!;
      return {
        has: false,
        why: 'not-yet',
        detail: {
          zh: `${title.zh}${words.zh}才有；订单现在处于「${stage.zh}」阶段`,
          en: `the ${title.en.toLowerCase()} comes ${words.en}; the order is at ${stage.en}`,
        },
      };
    }
  }
  return { has: true, awaitsSignature: rule.customerSignsIn?.includes(snapshot.stage) ?? false };
}

export interface DocumentListItem {
  kind: DocumentKind;
  title: Label;
  /** The version of the order's lines the document shows. */
  version: number;
  /** 待签: it waits for the customer's signature now. */
  awaitsSignature: boolean;
}

/** The documents the order has now, in the order they come. */
export function documentsOf(snapshot: OrderSnapshot): DocumentListItem[] {
  return documentKinds.flatMap((kind) => {
    const available = availabilityOf(kind, snapshot);
    return available.has
      ? [{ kind, title: documentTitles[kind], version: versionOf(snapshot).version, awaitsSignature: available.awaitsSignature }]
      : [];
  });
}

export interface DocumentField {
  /** A stable name for the field (tests and integrators read it; people read the label). */
  key: string;
  label: Label;
  /** Data as written (a name, an amount in ¥, a company date), or a word in both languages. */
  value: string | Label;
}

export interface DocumentTable {
  key: string;
  title: Label;
  columns: Label[];
  rows: string[][];
}

/** One printable document: what html.ts and pdf.ts lay out. */
export interface PrintableDocument {
  kind: PrintableKind;
  title: Label;
  letterhead: Letterhead;
  orderNumber: string;
  /** The version of the order's lines it shows (1 as ordered; each confirmed amendment makes the next). */
  version: number;
  /** The company date it was made on. */
  date: IsoDate;
  fields: DocumentField[];
  tables: DocumentTable[];
  totals: DocumentField[];
  /** The document's own request to its reader, when it makes one (the balance-due notice asks to pay by a date). */
  text: Label | null;
  /** The boxes for stamps and signatures (盖章/签字), each naming who signs. */
  signatures: Label[];
  awaitsSignature: boolean;
}

/** What a document is made from: the order, its timeline (for the records of its events), the settings, the moment. */
export interface DocumentSource {
  snapshot: OrderSnapshot;
  timeline: readonly TimelineEntry[];
  settings: DocumentSettings;
  /** Epoch ms: the document's date. */
  asOf: number;
}

const l = (zh: string, en: string): Label => ({ zh, en });
const field = (key: string, label: Label, value: string | Label): DocumentField => ({ key, label, value });
const versionOf = (snapshot: OrderSnapshot) => snapshot.lineVersions.at(-1)!;

const signatures: Record<PrintableKind, Label[]> = {
  'intent-letter': [l('客户签字', "Customer's signature"), l('门店盖章', "Store's stamp")],
  'order-confirmation': [l('客户签字/盖章', "Customer's signature and stamp"), l('公司盖章', "Company's stamp")],
  'production-notice': [l('财务签字', 'Finance'), l('生产部签收', 'Received by production')],
  'outbound-notice': [l('仓库签字', 'Warehouse'), l('财务签字', 'Finance')],
  'shipping-notice': [l('发货人签字', 'Shipped by'), l('承运人签字', 'Carrier')],
  'arrival-receipt': [l('收货人签字/盖章', "Consignee's signature and stamp"), l('送货人签字', 'Delivered by')],
  'balance-due-notice': [l('公司盖章', "Company's stamp"), l('客户签收', 'Received by the customer')],
  statement: [l('公司盖章', "Company's stamp"), l('客户确认签字/盖章', "Customer's confirmation")],
  'complaint-record': [l('处理人签字', 'Handled by'), l('客户确认签字', "Customer's confirmation")],
};

const complaintStageLabels: Record<ComplaintStage, Label> = {
  reported: l('已受理', 'reported'),
  investigating: l('调查中', 'investigating'),
  'fix-pending': l('待处理', 'fix pending'),
  'visit-scheduled': l('已安排上门', 'visit scheduled'),
  'awaiting-confirmation': l('待客户确认', "awaiting the customer's confirmation"),
  closed: l('已关闭', 'closed'),
  finished: l('已完结', 'finished'),
};

/** Builds the document the order has now; call `availabilityOf` first (a money document needs the ledger). */
export function documentOf(kind: DocumentKind, source: DocumentSource): PrintableDocument {
  const { snapshot } = source;
  const available = availabilityOf(kind, snapshot);
  const extra = contentOf(kind, source);
  return {
    ...frameOf(kind, source),
    fields: [
      ...headerFields(source),
      ...(rules[kind].delivery ? [deliveryField(snapshot)] : []),
      ...recordField(rules[kind].record, source),
      ...extra.fields,
    ],
    tables: [linesTable(snapshot), ...extra.tables],
    totals: extra.totals,
    text: extra.text ?? null,
    awaitsSignature: available.has && available.awaitsSignature,
  };
}

/** 投诉处理记录: the complaint as the order knows it, with its own workflow's finding and visits when it has one. */
export function complaintRecordOf(complaint: Complaint, record: ComplaintSnapshot | null, source: DocumentSource): PrintableDocument {
  const at = (iso: string | null | undefined) => (iso ? companyTime(iso, source) : '—');
  const finding = record?.finding;
  const stage = record?.stage ?? complaint.stage;
  return {
    ...frameOf('complaint-record', source),
    fields: [
      ...headerFields(source),
      field('complaintNumber', l('投诉编号', 'Complaint'), String(complaint.number)),
      field('category', l('投诉类别', 'Category'), complaint.category),
      field('description', l('投诉内容', 'Description'), complaint.description),
      field('filedAt', l('投诉时间', 'Filed'), at(complaint.filedAt)),
      field('filedBy', l('投诉人', 'Filed by'), complaint.filedBy ? (complaint.filedBy.name ?? complaint.filedBy.id) : '—'),
      field(
        'complaintStage',
        l('处理进度', 'Stage'),
        stage ? complaintStageLabels[stage] : complaint.resolvedAt ? l('已处理', 'resolved') : l('处理中', 'open'),
      ),
      field('responsibleParty', l('责任方', 'Responsible party'), finding?.responsibleParty ?? complaint.responsibleParty ?? '—'),
      field('cause', l('原因', 'Cause'), finding ? `${finding.cause}: ${finding.finding}` : (complaint.cause ?? '—')),
      field(
        'resolution',
        l('处理结果', 'Resolution'),
        complaint.resolution && complaint.resolutionZh ? l(complaint.resolutionZh, complaint.resolution) : (complaint.resolution ?? '—'),
      ),
      field('compensation', l('赔偿金额', 'Compensation'), complaint.compensation ? yuan(complaint.compensation) : '—'),
      field('closedAt', l('结案时间', 'Closed'), at(record?.closedAt ?? complaint.resolvedAt)),
      field('rating', l('客户满意度', "Customer's rating"), record?.confirmation?.rating ? `${record.confirmation.rating} / 5` : '—'),
    ],
    tables: [
      linesTable(source.snapshot),
      {
        key: 'visits',
        title: l('上门处理', 'Visits'),
        columns: [l('日期', 'Date'), l('人员', 'Team'), l('方案', 'Plan'), l('结果', 'Outcome')],
        rows: (record?.visits ?? []).map((v) => [v.visitDate, v.team, v.plan, [v.outcome, v.report].filter(Boolean).join(': ') || '—']),
      },
    ],
    totals: [field('amount', l('合同金额', 'Contract amount'), yuan(source.snapshot.amount))],
    text: null,
    awaitsSignature: stage === 'awaiting-confirmation',
  };
}

function frameOf(kind: PrintableKind, { snapshot, settings, asOf }: DocumentSource) {
  return {
    kind,
    title: documentTitles[kind],
    letterhead: settings.letterhead,
    orderNumber: snapshot.orderNumber,
    version: versionOf(snapshot).version,
    date: dateAt(asOf, settings.timeZone),
    signatures: signatures[kind],
  };
}

const companyTime = (iso: string, { settings }: Pick<DocumentSource, 'settings'>) => localDateTime(Date.parse(iso), settings.timeZone);

function headerFields(source: DocumentSource): DocumentField[] {
  const { snapshot: s } = source;
  const version = versionOf(s);
  const channel = channelLabels[s.channel as keyof typeof channelLabels] ?? s.channel;
  return [
    field('orderNumber', l('订单号', 'Order number'), s.orderNumber),
    field('customer', l('客户', 'Customer'), `${s.customer.name} (${s.customer.id})`),
    field('channel', l('渠道', 'Channel'), channel),
    field('salesRep', l('业务员', 'Sales rep'), s.salesRep.name ?? s.salesRep.id),
    field('orderDate', l('下单日期', 'Order date'), dateAt(Date.parse(s.receivedAt), source.settings.timeZone)),
    field('promisedDate', l('交期', 'Promised date'), s.promisedDate ?? '—'),
    field(
      'version',
      l('订单版本', 'Version'),
      version.amendment === undefined
        ? `v${version.version}`
        : { zh: `v${version.version}（变更 ${version.amendment}）`, en: `v${version.version} (amendment ${version.amendment})` },
    ),
  ];
}

/** 收货地址: the address, and the contact with their phone. */
const deliveryField = ({ delivery }: OrderSnapshot): DocumentField =>
  field('delivery', l('收货地址', 'Delivery to'), `${delivery.address}（${delivery.contact} ${delivery.phone}）`);

/** The latest record of the events the document follows from: when, who, what. */
function recordField(types: readonly EventType[] | undefined, source: DocumentSource): DocumentField[] {
  const entry = types && [...source.timeline].reverse().find((e) => e.kind === 'event' && types.includes(e.type as EventType));
  if (!entry) return [];
  const who = entry.actor ? ` ${entry.actor.name ?? entry.actor.id}` : '';
  const record = (language: keyof Label) => `${companyTime(entry.at, source)}${who}: ${said(entry, language)}`;
  return [field('record', l('记录', 'Record'), { zh: record('zh'), en: record('en') })];
}

/** The columns of a document's order lines, and of the statement's movements (the OpenAPI example shows the same). */
export const lineColumns: Label[] = [
  l('序号', 'No.'),
  l('产品编码', 'Product'),
  l('规格', 'Specification'),
  l('数量', 'Quantity'),
  l('单价', 'Unit price'),
  l('金额', 'Amount'),
];
export const movementColumns: Label[] = [
  l('日期', 'Date'),
  l('摘要', 'Description'),
  l('应收', 'Charge'),
  l('已收', 'Credit'),
  l('余额', 'Balance'),
  l('凭证', 'Ref'),
];

function linesTable(snapshot: OrderSnapshot): DocumentTable {
  const version = versionOf(snapshot);
  return {
    key: 'lines',
    title: { zh: `订单明细（v${version.version}）`, en: `Order lines (v${version.version})` },
    columns: lineColumns,
    rows: version.lines.map((line, i) => [
      String(i + 1),
      line.productCode,
      [line.specification, line.nonStandard && `非标 non-standard: ${line.nonStandard}`].filter(Boolean).join('; ') || '—',
      String(line.quantity),
      yuan(line.unitPrice),
      yuan(line.quantity * line.unitPrice),
    ]),
  };
}

interface Content {
  fields: DocumentField[];
  tables: DocumentTable[];
  totals: DocumentField[];
  text?: Label;
}

/** What each kind says beyond the order's header and lines. */
function contentOf(kind: DocumentKind, source: DocumentSource): Content {
  const { snapshot: s } = source;
  const amount = field('amount', l('合同金额', 'Contract amount'), yuan(s.amount));
  const money = [
    amount,
    field('received', l('已收金额', 'Received'), yuan(s.received)),
    field('balanceDue', l('应收余款', 'Balance due'), yuan(s.balanceDue)),
    ...(s.refundDue > 0 ? [field('refundDue', l('应退金额', 'Refund due'), yuan(s.refundDue))] : []),
  ];
  const none = { fields: [], tables: [] };
  switch (kind) {
    case 'intent-letter':
    case 'order-confirmation':
      return {
        fields:
          s.originalPromisedDate && s.originalPromisedDate !== s.promisedDate
            ? [field('originalPromisedDate', l('原交期', 'Original promised date'), s.originalPromisedDate)]
            : [],
        tables: [],
        totals: [amount, field('depositDue', l('定金', 'Deposit'), yuan(s.depositDue))],
        text:
          kind === 'order-confirmation'
            ? l('请核对以上订单内容，签字盖章后回传。', 'Please check the order above, sign and stamp it, and return it.')
            : l('以上为意向内容，以最终报价及合同为准。', 'An intent only: the final quote and the contract prevail.'),
      };
    case 'production-notice':
      return { ...none, totals: [amount] };
    case 'outbound-notice':
      return {
        ...none,
        totals: money,
        text: l('货物已入库，请按约定付清款项后安排出库。', 'The goods are in stock: they leave once what is due is paid as agreed.'),
      };
    case 'shipping-notice':
      return {
        fields: [field('shippingMode', l('运输方式', 'Shipping'), shippingModeLabels[s.shippingMode])],
        tables: [],
        totals: money,
      };
    case 'arrival-receipt':
      return {
        ...none,
        totals: [amount],
        text: l('货物已按上述明细收到，数量及外观无误。', 'Received the goods listed above, in the quantities and condition stated.'),
      };
    case 'balance-due-notice': {
      const notice = balanceDueNoticeOf(s as OrderSnapshot & { ledger: LedgerSnapshot });
      const payBy = notice.payBy ?? '—';
      return {
        fields: [field('payBy', l('付款期限', 'Pay by'), payBy)],
        tables: [
          {
            key: 'instalments',
            title: l('未付款项', 'Outstanding instalments'),
            columns: [l('款项', 'Instalment'), l('到期日', 'Due'), l('金额', 'Amount'), l('未付', 'Unpaid')],
            rows: notice.outstanding.map((i) => [
              `${instalmentLabels[i.name].zh} ${instalmentLabels[i.name].en}`,
              i.dueDate ?? '—',
              yuan(i.amount),
              yuan(i.unpaid),
            ]),
          },
        ],
        totals: [
          field('amount', l('合同金额', 'Contract amount'), yuan(notice.contractAmount)),
          field('compensation', l('赔偿抵扣', 'Compensation'), yuan(notice.compensation.reduce((sum, c) => sum + c.amount, 0))),
          field('received', l('已收金额', 'Received'), yuan(notice.received)),
          field('balanceDue', l('应收余款', 'Balance due'), yuan(notice.balanceDue)),
        ],
        text: {
          zh: `贵方尚欠货款 ${yuan(notice.balanceDue)}，请于 ${payBy} 前付清。`,
          en: `${yuan(notice.balanceDue)} is still owed on the order: please pay it by ${payBy}.`,
        },
      };
    }
    case 'statement': {
      const statement = statementOf(s as OrderSnapshot & { ledger: LedgerSnapshot });
      return {
        fields: [],
        tables: [
          {
            key: 'movements',
            title: l('往来明细', 'Movements'),
            columns: movementColumns,
            rows: statement.lines.map((line) => [
              companyTime(line.at, source),
              readable(line.description, 'zh'), // amounts in ¥, as in the other columns
              yuan(line.charge),
              yuan(line.credit),
              yuan(line.balance),
              line.ref ?? '—',
            ]),
          },
        ],
        totals: [...money, field('closingBalance', l('期末余额', 'Closing balance'), yuan(statement.closingBalance))],
      };
    }
  }
}
