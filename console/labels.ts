import type { EventType } from '../workflows/domain/events';
import type { Role } from '../workflows/domain/order';
import type { ClockName, Stage, Status, TimelineKind } from '../workflows/domain/state';

// The console's words for the domain's names, Chinese first, English by choice. A stopgap until the
// shared labels (workflows/domain/labels.ts) land: keyed by the domain's own types, so a name the
// domain adds and this file misses fails the console's type check rather than showing a raw key.

export type Lang = 'zh' | 'en';
type Labels<K extends string> = Record<K, [zh: string, en: string]>;

export const stageLabels: Labels<Stage> = {
  intake: ['接单', 'Intake'],
  'technical-review': ['技术评审', 'Technical review'],
  drawings: ['图纸确认', 'Drawings'],
  'price-review': ['价格审核', 'Price review'],
  'supervisor-approval': ['主管审批', 'Supervisor approval'],
  'delivery-estimate': ['交期评估', 'Delivery estimate'],
  confirmation: ['订单确认', 'Confirmation'],
  'confirmation-return': ['确认书回签', 'Signed confirmation'],
  deposit: ['定金', 'Deposit'],
  'production-approval': ['生产审批', 'Production approval'],
  'production-notice': ['生产通知', 'Production notice'],
  production: ['生产中', 'Production'],
  'put-away': ['入库', 'Put away'],
  release: ['放行', 'Release'],
  shipping: ['发货', 'Shipping'],
  'in-transit': ['运输中', 'In transit'],
  'after-sales': ['售后', 'After sales'],
  'sample-request': ['样品申请', 'Sample request'],
  'sample-dispatch': ['样品寄送', 'Sample dispatch'],
  'sample-delivery': ['样品签收', 'Sample delivery'],
  archived: ['已归档', 'Archived'],
  cancelled: ['已取消', 'Cancelled'],
};

export const statusLabels: Labels<Status> = {
  'pending-confirmation': ['待确认', 'Pending confirmation'],
  'in-production': ['生产中', 'In production'],
  'awaiting-shipment': ['待发货', 'Awaiting shipment'],
  shipped: ['已发货', 'Shipped'],
  completed: ['已完成', 'Completed'],
  cancelled: ['已取消', 'Cancelled'],
};

export const roleLabels: Labels<Role> = {
  'sales-rep': ['业务员', 'Sales rep'],
  'order-desk': ['接单员', 'Order desk'],
  supervisor: ['主管', 'Supervisor'],
  technical: ['技术部', 'Technical'],
  finance: ['财务', 'Finance'],
  purchasing: ['物控', 'Purchasing'],
  production: ['生产部', 'Production'],
  qc: ['质检部', 'QC'],
  warehouse: ['仓库', 'Warehouse'],
  service: ['售后服务', 'Service'],
  customer: ['客户', 'Customer'],
  operator: ['运维', 'Operator'],
  system: ['系统', 'OrderFlow'],
};

export const eventLabels: Labels<EventType> = {
  'order-confirmed': ['初步确认', 'Order confirmed'],
  'feasibility-decided': ['可行性判定', 'Feasibility decided'],
  'materials-confirmed': ['物料确认', 'Materials confirmed'],
  'drawing-sent': ['图纸已发', 'Drawing sent'],
  'drawing-confirmed': ['图纸确认', 'Drawing confirmed'],
  'drawing-revision-requested': ['图纸修改', 'Drawing revision requested'],
  'price-approved': ['价格审核通过', 'Price approved'],
  'price-disputed': ['价格有异议', 'Price disputed'],
  'supervisor-approved': ['主管批准', 'Supervisor approved'],
  'credit-approved': ['信用审批通过', 'Credit approved'],
  'delivery-date-estimated': ['交期确定', 'Delivery date estimated'],
  'confirmation-sent': ['确认书已发', 'Confirmation sent'],
  'signed-confirmation-returned': ['确认书已回签', 'Signed confirmation returned'],
  'signed-confirmation-rejected': ['确认书被拒', 'Signed confirmation rejected'],
  'deposit-received': ['定金到账', 'Deposit received'],
  'production-notice-issued': ['下达生产通知单', 'Production notice issued'],
  'technical-order-issued': ['下达技术单', 'Technical order issued'],
  'progress-reported': ['生产进度', 'Progress reported'],
  'delay-reported': ['延期报告', 'Delay reported'],
  'customer-told-of-delay': ['已告知客户延期', 'Customer told of delay'],
  'change-requested': ['需求变更申请', 'Change requested'],
  'change-assessed': ['变更评估', 'Change assessed'],
  'change-price-approved': ['变更价格批准', 'Change price approved'],
  'change-confirmed': ['变更确认', 'Change confirmed'],
  'change-rejected': ['变更被拒', 'Change rejected'],
  'qc-passed': ['质检合格', 'QC passed'],
  'qc-failed': ['质检不合格', 'QC failed'],
  stocked: ['入库', 'Stocked'],
  'shipping-requested': ['发货申请', 'Shipping requested'],
  'payment-received': ['收款', 'Payment received'],
  'emergency-released': ['紧急放行', 'Emergency release'],
  'receiving-time-confirmed': ['收货时间确认', 'Receiving time confirmed'],
  shipped: ['已发货', 'Shipped'],
  'signed-for': ['客户签收', 'Signed for'],
  'goods-accepted': ['验收', 'Goods accepted'],
  'invoice-issued': ['开票', 'Invoice issued'],
  'invoice-voided': ['发票作废', 'Invoice voided'],
  'receivable-written-off': ['坏账核销', 'Receivable written off'],
  'cancellation-costs-kept': ['取消保留费用', 'Cancellation costs kept'],
  'refund-paid': ['退款', 'Refund paid'],
  'complaint-filed': ['客户投诉', 'Complaint filed'],
  'complaint-resolved': ['投诉处理完毕', 'Complaint resolved'],
  cancelled: ['取消订单', 'Cancelled'],
  'satisfaction-rated': ['满意度评价', 'Satisfaction rated'],
  'force-majeure-verified': ['不可抗力核实', 'Force majeure verified'],
};

export const clockLabels: Labels<ClockName> = {
  'first-confirmation': ['2 小时初步确认', 'First confirmation'],
  'return-deferral': ['回签顺延', 'Return deferral'],
  'deposit-reminder': ['定金提醒', 'Deposit reminder'],
  'technical-order': ['技术单', 'Technical order'],
  'progress-update': ['进度汇报', 'Progress update'],
  'delay-notice': ['延期告知', 'Delay notice'],
  'balance-reminder': ['余款提醒', 'Balance reminder'],
  'shipping-request-chase': ['发货申请催办', 'Shipping request chase'],
  'complaint-callback': ['投诉回访', 'Complaint callback'],
  'after-sales-period': ['质保期', 'After-sales period'],
  dunning: ['催款', 'Dunning'],
  'invoice-due': ['开票提醒', 'Invoice due'],
  'refund-reminder': ['退款提醒', 'Refund reminder'],
  overdue: ['逾期', 'Overdue'],
  'stalled-progress': ['进度停滞', 'Stalled progress'],
  'arrival-overdue': ['到货逾期', 'Arrival overdue'],
};

export const timelineKindLabels: Labels<TimelineKind> = {
  event: ['事件', 'Event'],
  'rejected-event': ['被拒事件', 'Rejected event'],
  'status-change': ['状态变更', 'Status change'],
  'date-change': ['交期变更', 'Date change'],
  reminder: ['提醒', 'Reminder'],
  escalation: ['升级', 'Escalation'],
  notification: ['通知', 'Notification'],
  'lines-version': ['订单版本', 'Lines version'],
  money: ['资金', 'Money'],
  'notice-not-delivered': ['通知未送达', 'Notice not delivered'],
  'notice-resent': ['通知已重发', 'Notice resent'],
};

/** The label of a domain name; the name itself when the console does not know it yet. */
export function label<K extends string>(labels: Labels<K>, key: string, lang: Lang): string {
  const entry = (labels as Record<string, [string, string] | undefined>)[key];
  return entry ? entry[lang === 'zh' ? 0 : 1] : key;
}
