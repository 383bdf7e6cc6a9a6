import type { Label } from './labels';
import type { Sentence } from './state';

// The words of the forms: each field of an event's `data` and of the order form, Chinese first with the English
// beside, and a line of help where a person needs one (the unit, the document meant, what happens next). The
// console's forms read them (console/schema-form.tsx); the API's schemas keep their English descriptions for
// integrators. test/domain/field-labels.test.ts checks that every field and choice of every form has its words.

export interface FieldLabel extends Label {
  help?: Label;
}

const field = (zh: string, en: string, help?: [zh: string, en: string]): FieldLabel => ({
  zh,
  en,
  ...(help && { help: { zh: help[0], en: help[1] } }),
});

/**
 * By the field's name, or by `parent.name` / `event-type.name` where the same name means something else there:
 * the most particular key wins (fieldLabel).
 */
export const fieldLabels: Record<string, FieldLabel> = {
  // ---- the order form (新建订单) ----
  orderNumber: field('订单号', 'Order number', ['字母、数字、- 和 _，最多 40 位', 'letters, digits, - and _, at most 40']),
  customer: field('客户', 'Customer'),
  'customer.id': field('客户编号', 'Customer id'),
  'customer.name': field('客户名称', 'Customer name'),
  'customer.class': field('客户类别', 'Customer class', [
    'A、B 或 C 类：决定定金、付款计划和价格折扣',
    'A, B or C: sets the deposit, payment plan and price factor',
  ]),
  salesRep: field('业务员', 'Sales rep'),
  'salesRep.id': field('业务员工号', 'Sales rep id', [
    '业务员登录时使用的编号：订单会出现在他的「我的待办」中',
    "the rep's id as they sign in: the order shows in their My work",
  ]),
  'salesRep.name': field('业务员姓名', 'Sales rep name'),
  lines: field('订单明细', 'Lines', ['每行一个产品：编码、数量、单价', 'one row per product: code, quantity, unit price']),
  productCode: field('产品编码', 'Product code'),
  specification: field('规格', 'Specification'),
  quantity: field('数量', 'Quantity'),
  unitPrice: field('单价', 'Unit price', ['以元填写，如 123.45', 'in yuan, e.g. 123.45']),
  nonStandard: field('非标要求', 'Non-standard changes', [
    '颜色、工艺、配件等非标更改：有则为定制订单',
    'colour, process, accessories …: any makes the order custom',
  ]),
  deposit: field('定金条款', 'Deposit terms', [
    'JSON：{"kind":"rate","basisPoints":3000} 为 30%；不填则按客户类别',
    'JSON: {"kind":"rate","basisPoints":3000} is 30 %; left out: by the customer class',
  ]),
  paymentPlan: field('付款计划', 'Payment plan', [
    'JSON：合同自带的付款计划；不填则按定金和客户类别的计划',
    "JSON: the contract's own plan; left out: the deposit and the class's plan",
  ]),
  requestedDate: field('客户要求交期', 'Requested date', [
    '客户希望的完工日期；承诺交期由生产评估确定',
    'the finished date the customer asks for; production sets the promised date',
  ]),
  delivery: field('收货信息', 'Delivery'),
  'store.delivery': field('工地信息', 'Site', [
    '量尺和安装的地点，以及开门接待的人',
    'where the windows are measured and installed, and who lets the teams in',
  ]),
  address: field('地址', 'Address'),
  contact: field('联系人', 'Contact'),
  phone: field('电话', 'Phone'),
  store: field('门店', 'Store'),
  'store.id': field('门店编号', 'Store id'),
  'store.name': field('门店名称', 'Store name'),
  region: field('区域（办事处）', 'Region', ['由该区域经理安排上门', 'its regional manager arranges the site visits']),
  distributor: field('代理商信息', 'Distributor terms'),
  'distributor.enquiry': field('咨询', 'Enquiry', [
    '开单所依据的咨询；在审图前答复',
    'the enquiry the order is opened on; answered before the drawings are reviewed',
  ]),
  series: field('门窗系列', 'Series'),
  group: field('团订合同条款', 'Group contract terms'),
  organisation: field('客户单位', 'Customer unit', [
    '着装单位，与客户名称不同时填写',
    "the unit the uniforms are for, when not the customer's name",
  ]),
  headcount: field('人数', 'Headcount', ['量体和着装的人数', 'people measured and dressed']),
  acceptanceStandard: field('面料款式说明及验收标准', 'Fabric, style and acceptance standard'),
  deliveryBy: field('交货期限', 'Delivery term', ['财务盖章后即为承诺交期', 'the promised date once finance stamps the contract']),
  measurementSite: field('量体地点', 'Measurement site', ['不填则用收货地址和联系人', 'left out: the delivery address and contact']),
  responsible: field('负责人', 'Person responsible', ['与联系人不同时填写', 'when not the contact']),
  contract: field('合同条款', 'Contract terms'),
  endCustomer: field('直接客户', 'End customer', ['使用产品的最终客户，与买方不同时填写', 'who uses the goods, when not the buyer']),
  hostMachineModel: field('主机型号', 'Host machine model'),
  template: field('合同模板', 'Contract template', [
    '公司标准模板，或客户自己的文本（销售经理另行评审）',
    "the company's standard, or the customer's own text (the sales manager reviews it too)",
  ]),

  // ---- the events' data (各事件表单) ----
  feasible: field('可行', 'Feasible'),
  solution: field('解决方案', 'Solution'),
  confirmationRef: field('确认单号', 'Confirmation reference'),
  'change-confirmed.confirmationRef': field('客户书面确认单号', "Customer's written confirmation", [
    '接单员或业务员代客户确认时必填',
    'required when the order desk or sales rep confirms for the customer',
  ]),
  leadTimeDays: field('交货周期（天）', 'Lead time (days)'),
  version: field('版本号', 'Version'),
  'change-assessed.version': field('变更单号', 'Amendment', ['第几次变更，第一次为 1', 'the change request number, 1 for the first']),
  'change-price-approved.version': field('变更单号', 'Amendment', ['第几次变更，第一次为 1', 'the change request number, 1 for the first']),
  'change-confirmed.version': field('变更单号', 'Amendment', ['第几次变更，第一次为 1', 'the change request number, 1 for the first']),
  'change-rejected.version': field('变更单号', 'Amendment', ['第几次变更，第一次为 1', 'the change request number, 1 for the first']),
  drawingRef: field('图纸编号', 'Drawing reference'),
  reason: field('原因', 'Reason'),
  comment: field('意见', 'Comment'),
  promisedDate: field('承诺交期', 'Promised date', ['货物完工的日期', 'the date the goods are finished']),
  documentRef: field('单据编号', 'Document reference'),
  'intent-letter-signed.documentRef': field('意向书编号', 'Intent letter', ['已签的门窗销售意向书', 'the signed 门窗销售意向书']),
  amount: field('金额', 'Amount', ['以元填写，如 1234.56', 'in yuan, e.g. 1234.56']),
  paymentRef: field('收付款凭证号', 'Payment reference'),
  noticeRef: field('通知单号', 'Notice reference'),
  orderRef: field('技术单号', 'Technical order reference'),
  percentDone: field('完成百分比', 'Percent done'),
  newPromisedDate: field('新承诺交期', 'New promised date'),
  forceMajeure: field('不可抗力', 'Force majeure', ['如自然灾害；由主管核实', 'e.g. a natural disaster; a supervisor verifies it']),
  'customer-told-of-delay.channel': field('告知方式', 'How told'),
  compensation: field('补偿金额', 'Compensation', [
    '与客户商定的折扣或补偿，以元填写',
    'a discount or compensation agreed with the customer, in yuan',
  ]),
  description: field('说明', 'Description'),
  'change-requested.description': field('变更内容', 'What should change', [
    '用提出人的原话：颜色、数量、日期……',
    'in the words of whoever asks: colour, quantity, date …',
  ]),
  'change-requested.lines': field('希望的明细', 'Lines wanted', [
    '替换现有明细，不含价格（由生产核价）',
    'instead of the current ones, without prices (production prices them)',
  ]),
  'change-assessed.lines': field('变更后的明细', 'Amended lines', [
    '全部明细及价格；仅改日期时不填',
    'all the lines, priced; left out for a date change',
  ]),
  wantedDate: field('希望交期', 'Wanted date', [
    '客户希望的完工日期；承诺交期由评估确定',
    'the finished date the customer would like; the assessment sets the promised date',
  ]),
  priceBasis: field('价格依据', 'Price basis'),
  quoteRef: field('报价单号', 'Quotation'),
  drawingsChange: field('图纸需变更', 'Drawings change', [
    '确认后技术部重新下发技术单',
    'technical issues a revised technical order once it is confirmed',
  ]),
  reportRef: field('报告编号', 'Report reference'),
  location: field('库位', 'Location'),
  requestRef: field('发货申请单号', 'Shipping request'),
  asCredit: field('多收部分留作客户余额', 'Keep the surplus as credit', [
    '有意多收：多出部分显示为应退款',
    'taken on purpose: the surplus shows as refund due',
  ]),
  date: field('日期', 'Date'),
  from: field('开始时间', 'From', ['公司时间，HH:MM', 'company time, HH:MM']),
  until: field('结束时间', 'Until', ['公司时间，HH:MM', 'company time, HH:MM']),
  'receiving-time-confirmed.contact': field('收货人', 'Who receives'),
  carrier: field('承运商', 'Carrier'),
  trackingRef: field('运单号', 'Tracking number'),
  expectedArrival: field('预计到货日期', 'Expected arrival'),
  receiptRef: field('回单编号', 'Receipt reference'),
  satisfaction: field('满意度', 'Satisfaction', ['1（很不满意）到 5（很满意）', '1 (very unhappy) to 5 (very satisfied)']),
  acceptanceRef: field('验收单号', 'Acceptance reference'),
  invoiceNumber: field('发票号', 'Invoice number'),
  financeRef: field('财务批准单号', "Finance's approval"),
  category: field('投诉类别', 'Category'),
  complaintNumber: field('投诉编号', 'Complaint', ['订单上第几个投诉', 'the complaint by its number on the order']),
  responsibleParty: field('责任方', 'Responsible party'),
  resolution: field('处理结果', 'Resolution'),
  cause: field('原因类别', 'Cause', [
    '录入错误和发错货计入业务员月度考核',
    "data-entry errors and wrong shipments count in the reps' monthly figures",
  ]),
  rating: field('满意度', 'Rating', ['1（很不满意）到 5（很满意）', '1 (very unhappy) to 5 (very satisfied)']),
  delay: field('延期编号', 'Delay', ['订单上第几次报告的延期，第一次为 1', 'the delay by its number on the order, 1 for the first']),
  evidence: field('核实依据', 'Evidence', ['主管核实了什么', 'what the supervisor checked']),
  'intent-letter-signed.unitPrice': field('参考单价（每平方米）', 'Indicative unit price (per m²)', ['以元填写', 'in yuan']),
  discountBasisPoints: field('折扣（基点）', 'Discount (basis points)', ['500 即 5%', '500 = 5 %']),
  paymentMethod: field('付款方式', 'Payment method', ['银行转账、刷卡、现金……', 'bank transfer, card, cash …']),
  visit: field('上门类型', 'Visit'),
  team: field('上门人员', 'Team', ['技术员，或安装队及物流', 'the technician, or the installation team with logistics']),
  'appointment-scheduled.reason': field('改期原因', 'Why moved', [
    '改约同一次上门时填写',
    'when an earlier appointment for the same visit is rescheduled',
  ]),
  'appointment-scheduled.date': field('上门日期', 'Visit date'),
  measurementRef: field('量尺单号', 'Measurement sheet'),
  're-measured.measurementRef': field('复尺单号', 'Re-measurement sheet'),
  style: field('风格', 'Style'),
  colours: field('铝材、木材颜色', 'Colours'),
  hardware: field('五金配置', 'Hardware'),
  glass: field('玻璃配置', 'Glass'),
  lock: field('门锁', 'Lock', ['装门锁时填写', 'when one is fitted']),
  'window-configuration-confirmed.version': field('图纸版本', 'Drawing version'),
  approved: field('审核通过', 'Approved', [
    '门店提交的方案符合工厂工艺和加工条件',
    "the store's submission meets the factory's process and machining limits",
  ]),
  'submission-reviewed.comment': field('需修改之处', 'What must change', ['未通过时填写', 'when it is not approved']),
  question: field('问题', 'Question'),
  'technical-question-answered.question': field('问题编号', 'Question', [
    '订单上第几个问题，第一个为 1',
    'the question by its number on the order, 1 for the first',
  ]),
  about: field('咨询内容', 'About'),
  enquiry: field('咨询编号', 'Enquiry', ['订单上第几个咨询，第一个为 1', 'the enquiry by its number on the order, 1 for the first']),
  note: field('备注', 'Note'),
  answer: field('答复', 'Answer'),
  withinLimits: field('在工艺和加工条件内', 'Within the limits'),
  agreementRef: field('代理商书面同意', "Distributor's agreement", ['有书面同意时填写', 'when there is one in writing']),
  item: field('确认项', 'Item'),
  choice: field('选择', 'Choice'),
  family: field('材料类别', 'Material family'),
  colour: field('颜色', 'Colour'),
  medium: field('书面方式', 'In writing by'),
  designer: field('指定设计员', 'Designer'),
  briefing: field('交底内容', 'Briefing', ['工艺、加工、交货时间、特殊要求', 'process, machining, delivery time, special requirements']),
  expectedDate: field('预计到货日期', 'Expected date'),
  sprayer: field('喷涂厂', 'Spraying works'),
  expectedBack: field('预计返回日期', 'Expected back'),
  wantedBy: field('要货时间', 'Wanted by'),
  told: field('告知的生产情况', 'State told'),
  releaseRef: field('出货手续编号', 'Release reference'),
  contractRef: field('合同编号', 'Contract reference'),
  terms: field('不符合的条款', 'Terms that do not hold', ['JSON 列表，如 ["balance-terms"]', 'a JSON list, e.g. ["balance-terms"]']),
  measurementRequestRef: field('量体申请表编号', 'Measurement request'),
  productionOrderRef: field('生产下单表编号', 'Production order'),
  deliveryNoteRef: field('送货单编号', 'Delivery note'),
  place: field('地点', 'Place', ['不填则为合同约定的量体地点', "left out: the contract's measurement site"]),
  measurers: field('量体人员', 'Measurers'),
  sheetRef: field('量体表编号', 'Measurement sheets'),
  measured: field('已量体人数', 'People measured'),
  purchaseRef: field('采购单号', 'Purchase order'),
  materials: field('采购内容', 'Materials'),
  step: field('工序', 'Process step', ['如裁剪、缝制、整烫', 'e.g. cutting, sewing, finishing']),
  pieces: field('件数', 'Pieces'),
  alteration: field('修改单编号', 'Alteration', ['订单上第几次修改', 'the alteration by its number on the order']),
  products: field('产品分类', 'Products', ['JSON 列表：每行订单明细分一次类', 'a JSON list: every order line, classified once']),
  line: field('明细行号', 'Line'),
  productClass: field('产品类别', 'Product class'),
  listPrice: field('目录价', 'List price'),
  basis: field('分类依据', 'Basis'),
  market: field('客户与市场情况', 'Market', ['竞争对手、项目、用量', 'competitors, project, volume']),
  point: field('评审意见', 'Review point'),
  'contract-review-point-resolved.point': field('意见编号', 'Point', [
    '订单上第几条意见，第一条为 1',
    'the point by its number on the order, 1 for the first',
  ]),
  evidenceRef: field('客户函件或会议纪要', "Customer's letter or minutes"),
  kind: field('文件类型', 'Kind'),
};

/**
 * Which entry of the table names a field, by its path in the form (`['customer', 'id']`) under the form's key (an
 * event type, a channel): `parent.name` (the form's key for a field of the form itself), else the name.
 */
export function fieldLabelKey(form: string, path: readonly string[]): string | undefined {
  const name = path[path.length - 1];
  const parent = path.length > 1 ? path[path.length - 2] : form;
  return [`${parent}.${name}`, name].find((key) => Object.prototype.hasOwnProperty.call(fieldLabels, key));
}

/** The words of a field, by its path in its form. */
export function fieldLabel(form: string, path: readonly string[]): FieldLabel | undefined {
  const key = fieldLabelKey(form, path);
  return key === undefined ? undefined : fieldLabels[key];
}

/** 选项: the choices a field offers (an enum's values), by value; a single capital letter (a class A/B/C) is its own label. */
export const choiceLabels: Record<string, Label> = {
  phone: { zh: '电话', en: 'phone' },
  email: { zh: '电子邮件', en: 'email' },
  message: { zh: '短信/微信', en: 'message' },
  visit: { zh: '上门', en: 'visit' },
  letter: { zh: '书面函件', en: 'letter' },
  'price-list': { zh: '价格执行方案', en: 'price list' },
  quote: { zh: '报价', en: 'quotation' },
  quality: { zh: '质量', en: 'quality' },
  technical: { zh: '技术', en: 'technical' },
  processing: { zh: '加工', en: 'processing' },
  'wrong-or-missing-goods': { zh: '错发漏发', en: 'wrong or missing goods' },
  installation: { zh: '安装', en: 'installation' },
  transport: { zh: '运输', en: 'transport' },
  production: { zh: '生产', en: 'production' },
  sales: { zh: '销售', en: 'sales' },
  customer: { zh: '客户', en: 'customer' },
  none: { zh: '无', en: 'none' },
  'data-entry': { zh: '订单信息录入错误', en: 'data-entry error' },
  'wrong-shipment': { zh: '发错货', en: 'wrong shipment' },
  'late-delivery': { zh: '交货延迟', en: 'late delivery' },
  other: { zh: '其他', en: 'other' },
  measurement: { zh: '量尺', en: 'measurement' },
  'sub-frame-installation': { zh: '钢副框安装', en: 'sub-frame installation' },
  're-measurement': { zh: '复尺', en: 're-measurement' },
  process: { zh: '工艺', en: 'process' },
  price: { zh: '价格', en: 'price' },
  'lead-time': { zh: '交货期', en: 'lead time' },
  style: { zh: '风格', en: 'style' },
  'aluminium-colour': { zh: '铝材颜色', en: 'aluminium colour' },
  'wood-colour': { zh: '木材颜色', en: 'wood colour' },
  hardware: { zh: '五金', en: 'hardware' },
  glass: { zh: '玻璃', en: 'glass' },
  aluminium: { zh: '铝材', en: 'aluminium' },
  wood: { zh: '木材', en: 'wood' },
  correspondence: { zh: '往来函件', en: 'correspondence' },
  'service-record': { zh: '售后服务记录', en: 'service record' },
  standard: { zh: '公司标准模板', en: 'standard template' },
};

/** The words of a choice; undefined for a class letter or a value without an entry. */
export const choiceLabel = (value: string): Label | undefined =>
  Object.prototype.hasOwnProperty.call(choiceLabels, value) ? choiceLabels[value] : undefined;

/** A choice in Chinese, inside a sentence: its words, else the value as it is. */
export const choiceZh = (value: string): string => choiceLabel(value)?.zh ?? value;

/** The fields that hold money (integer fen, the API's `Fen`), by name wherever they appear; test/domain/field-labels.test.ts keeps the list whole. */
export const moneyFields: ReadonlySet<string> = new Set(['amount', 'compensation', 'unitPrice', 'listPrice']);

/**
 * An event's data and note as its timeline entry says them: in English as the API has always given them
 * (`name=value`), in Chinese by each field's label, a choice in its words and money in fen (which people read as ¥).
 */
export function eventWords(form: string, data: Record<string, unknown>, note?: string): Sentence {
  const en = Object.entries(data)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return {
    en: [en, note].filter(Boolean).join(' — '),
    zh: [fieldsZh(form, [], data), note].filter(Boolean).join(' — '),
  };
}

function fieldsZh(form: string, at: readonly string[], data: object): string {
  return Object.entries(data)
    .map(([name, value]) => `${fieldLabel(form, [...at, name])?.zh ?? name}：${valueZh(form, [...at, name], value)}`)
    .join('，');
}

function valueZh(form: string, path: readonly string[], value: unknown): string {
  if (typeof value === 'number') return moneyFields.has(path[path.length - 1]) ? `${value} fen` : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return choiceZh(value);
  if (Array.isArray(value)) return value.map((item) => valueZh(form, path, item)).join('；');
  if (value !== null && typeof value === 'object') return `（${fieldsZh(form, path, value)}）`;
  return String(value);
}
