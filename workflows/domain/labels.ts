import type { DayKind } from './calendar';
import type { ComplaintEventType } from './complaint-events';
import type { ComplaintStage } from './complaints';
import type { EventType } from './events';
import type { Channel, InstalmentName, Role } from './order';
import type { ClockName, Notice, Stage, Status, TimelineKind } from './state';

// The business words people read, Chinese (what the company works in) with the English beside: the
// Temporal UI's details and summaries, the group robots' notices, the console. One place, so that a
// stage is called the same everywhere. Type-only imports: the workflow bundle uses these too (no zod).
// A channel that adds a stage, event (its label and its action), role or clock adds its labels here, in
// its own block at the end of each map (the maps are complete by type, and test/domain/labels.test.ts checks them at run time).

export interface Label {
  zh: string;
  en: string;
}

/** 渠道: each sales channel. */
export const channelLabels: Record<Channel, Label> = {
  standard: { zh: '标准订单', en: 'standard order' },
  sample: { zh: '样品订单', en: 'sample order' },
  store: { zh: '门店订单', en: 'store order' },
  distributor: { zh: '代理商订单', en: 'distributor order' },
  group: { zh: '团订订单', en: 'group uniform order' },
  contract: { zh: '工业合同', en: 'industrial contract' },
};

/** 阶段: each stage of every channel's route. */
export const stageLabels: Record<Stage, Label> = {
  intake: { zh: '接单', en: 'intake' },
  'technical-review': { zh: '技术评审', en: 'technical review' },
  drawings: { zh: '图纸确认', en: 'drawings' },
  'price-review': { zh: '价格审核', en: 'price review' },
  'supervisor-approval': { zh: '主管审批', en: "supervisor's approval" },
  'delivery-estimate': { zh: '交期评估', en: 'delivery estimate' },
  confirmation: { zh: '订单确认', en: 'confirmation' },
  'confirmation-return': { zh: '确认书回签', en: 'signed confirmation' },
  deposit: { zh: '收取定金', en: 'deposit' },
  'production-approval': { zh: '生产审批', en: 'production approval' },
  'production-notice': { zh: '生产通知', en: 'production notice' },
  production: { zh: '生产', en: 'production' },
  'put-away': { zh: '检验入库', en: 'QC and put-away' },
  release: { zh: '放行', en: 'release' },
  shipping: { zh: '发货', en: 'shipping' },
  'in-transit': { zh: '运输中', en: 'in transit' },
  'after-sales': { zh: '售后', en: 'after-sales' },
  'sample-request': { zh: '样品申请', en: 'sample request' },
  'sample-dispatch': { zh: '样品寄出', en: 'sample dispatch' },
  'sample-delivery': { zh: '样品签收', en: 'sample delivery' },
  archived: { zh: '已归档', en: 'archived' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  // store channel
  'intent-letter': { zh: '销售意向书', en: 'intent letter' },
  'intention-deposit': { zh: '意向金', en: 'intention deposit' },
  'site-measurement': { zh: '量尺', en: 'site measurement' },
  'submission-review': { zh: '营销助理审核', en: "marketing assistant's review" },
  'final-quote': { zh: '最终报价', en: 'final quote' },
  'sub-frame-production': { zh: '钢副框制作', en: 'sub-frame production' },
  'sub-frame-installation': { zh: '钢副框安装', en: 'sub-frame installation' },
  're-measurement': { zh: '复尺', en: 're-measurement' },
  'finished-window-order': { zh: '成窗加工单', en: 'finished-window order' },
  'installation-payment': { zh: '安装前付款', en: 'payment before installation' },
  installation: { zh: '安装', en: 'installation' },
  acceptance: { zh: '验收', en: 'acceptance' },
  // distributor
  enquiry: { zh: '咨询', en: 'enquiry' },
  'drawing-review': { zh: '图纸初审', en: 'drawing review' },
  quotation: { zh: '报价', en: 'quotation' },
  'outbound-notice': { zh: '出库通知', en: 'outbound notice' },
  // industrial contract channel (004)
  'technical-agreement': { zh: '技术协议', en: 'technical agreement' },
  'price-pre-review': { zh: '价格预审', en: 'price pre-review' },
  'contract-drafting': { zh: '合同起草', en: 'contract drafting' },
  'contract-review': { zh: '合同评审', en: 'contract review' },
  'contract-signature': { zh: '合同签订', en: 'contract signature' },
  scheduling: { zh: '排产', en: 'scheduling' },
  'receivable-posting': { zh: '签收挂账', en: 'receivable posting' },
  // group order channel (团订, 003)
  'finance-review': { zh: '财务审核', en: 'finance review' },
  'order-pack': { zh: '订单包交接', en: 'order pack' },
  'body-measurement': { zh: '量体', en: 'body measurement' },
  balance: { zh: '收取余款', en: 'balance' },
};

/** 订单状态: the public statuses (001). */
export const statusLabels: Record<Status, Label> = {
  'pending-confirmation': { zh: '待确认', en: 'pending confirmation' },
  'in-production': { zh: '生产中', en: 'in production' },
  'awaiting-shipment': { zh: '待发货', en: 'awaiting shipment' },
  shipped: { zh: '已发货', en: 'shipped' },
  completed: { zh: '已完成', en: 'completed' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

/** 业务事件: what each event type records. */
export const eventTypeLabels: Record<EventType, Label> = {
  'order-confirmed': { zh: '初步确认', en: 'order confirmed' },
  'feasibility-decided': { zh: '可行性评审', en: 'feasibility decided' },
  'materials-confirmed': { zh: '材料已确认', en: 'materials confirmed' },
  'drawing-sent': { zh: '图纸已发送', en: 'drawing sent' },
  'drawing-confirmed': { zh: '图纸已确认', en: 'drawing confirmed' },
  'drawing-revision-requested': { zh: '图纸需修改', en: 'drawing revision requested' },
  'price-approved': { zh: '价格已审核', en: 'price approved' },
  'price-disputed': { zh: '价格有异议', en: 'price disputed' },
  'supervisor-approved': { zh: '主管已审批', en: 'supervisor approved' },
  'credit-approved': { zh: '信用额度已批准', en: 'credit approved' },
  'delivery-date-estimated': { zh: '交期已评估', en: 'delivery date estimated' },
  'confirmation-sent': { zh: '订单确认书已发出', en: 'confirmation sent' },
  'signed-confirmation-returned': { zh: '确认书已回签', en: 'signed confirmation returned' },
  'signed-confirmation-rejected': { zh: '确认书被退回', en: 'signed confirmation rejected' },
  'deposit-received': { zh: '定金已到账', en: 'deposit received' },
  'production-notice-issued': { zh: '生产通知单已下达', en: 'production notice issued' },
  'technical-order-issued': { zh: '技术单已下达', en: 'technical order issued' },
  'progress-reported': { zh: '生产进度已更新', en: 'progress reported' },
  'delay-reported': { zh: '交期延误', en: 'delay reported' },
  'customer-told-of-delay': { zh: '已告知客户延误', en: 'customer told of delay' },
  'change-requested': { zh: '需求变更申请', en: 'change requested' },
  'change-assessed': { zh: '变更已评估', en: 'change assessed' },
  'change-price-approved': { zh: '变更价格已审核', en: 'change price approved' },
  'change-confirmed': { zh: '变更已确认', en: 'change confirmed' },
  'change-rejected': { zh: '变更被拒绝', en: 'change rejected' },
  'qc-passed': { zh: '质检合格', en: 'QC passed' },
  'qc-failed': { zh: '质检不合格', en: 'QC failed' },
  stocked: { zh: '已入库', en: 'stocked' },
  'shipping-requested': { zh: '已申请发货', en: 'shipping requested' },
  'payment-received': { zh: '货款已到账', en: 'payment received' },
  'emergency-released': { zh: '紧急放行', en: 'emergency release' },
  'receiving-time-confirmed': { zh: '收货时间已确认', en: 'receiving time confirmed' },
  shipped: { zh: '已发货', en: 'shipped' },
  'signed-for': { zh: '客户已签收', en: 'signed for' },
  'goods-accepted': { zh: '已验收', en: 'goods accepted' },
  'invoice-issued': { zh: '已开票', en: 'invoice issued' },
  'invoice-voided': { zh: '发票已作废', en: 'invoice voided' },
  'receivable-written-off': { zh: '应收款核销', en: 'receivable written off' },
  'cancellation-costs-kept': { zh: '取消费用已扣留', en: 'cancellation costs kept' },
  'refund-paid': { zh: '已退款', en: 'refund paid' },
  'complaint-filed': { zh: '客户投诉', en: 'complaint filed' },
  'complaint-resolved': { zh: '投诉已处理', en: 'complaint resolved' },
  cancelled: { zh: '订单已取消', en: 'order cancelled' },
  'satisfaction-rated': { zh: '满意度评价', en: 'satisfaction rated' },
  'force-majeure-verified': { zh: '不可抗力已核实', en: 'force majeure verified' },
  // store channel
  'intent-letter-signed': { zh: '意向书已签', en: 'intent letter signed' },
  'appointment-scheduled': { zh: '上门已预约', en: 'visit booked' },
  'site-measured': { zh: '已量尺', en: 'site measured' },
  'window-configuration-confirmed': { zh: '门窗配置已确认', en: 'window configuration confirmed' },
  'submission-reviewed': { zh: '营销助理已审核', en: 'submission reviewed' },
  'quote-accepted': { zh: '报价已接受', en: 'quote accepted' },
  'sub-frame-made': { zh: '钢副框已制作', en: 'sub-frame made' },
  'sub-frame-installed': { zh: '钢副框已安装', en: 'sub-frame installed' },
  're-measured': { zh: '已复尺', en: 're-measured' },
  installed: { zh: '已安装', en: 'installed' },
  // distributor
  'enquiry-received': { zh: '收到咨询', en: 'enquiry received' },
  'enquiry-referred': { zh: '咨询转研发', en: 'enquiry referred' },
  'enquiry-answered': { zh: '咨询已回复', en: 'enquiry answered' },
  'drawing-received': { zh: '收到图纸', en: 'drawing received' },
  'drawings-reviewed': { zh: '图纸已初审', en: 'drawings reviewed' },
  'solution-proposed': { zh: '研发方案已提出', en: 'solution proposed' },
  'solution-agreed': { zh: '方案已确认', en: 'solution agreed' },
  'spec-item-confirmed': { zh: '配置项已确认', en: 'item confirmed' },
  'surplus-colour-suggested': { zh: '建议库存颜色', en: 'surplus colour suggested' },
  'quote-sent': { zh: '报价已发出', en: 'quote sent' },
  'drawings-handed-over': { zh: '图纸已交设计员', en: 'drawings handed over' },
  'technical-question-raised': { zh: '技术提问', en: 'technical question raised' },
  'technical-question-answered': { zh: '技术问题已答复', en: 'technical question answered' },
  'material-expected': { zh: '材料预计到货', en: 'material expected' },
  'material-arrived': { zh: '材料已到货', en: 'material arrived' },
  'spraying-sent': { zh: '外发喷涂', en: 'sent for spraying' },
  'spraying-returned': { zh: '喷涂已返回', en: 'spraying returned' },
  'goods-chased': { zh: '催货', en: 'goods chased' },
  'chase-answered': { zh: '催货已回复', en: 'chase answered' },
  'outbound-notice-issued': { zh: '出库通知单已开', en: 'outbound notice issued' },
  'shipment-released': { zh: '财务放行', en: 'shipment released' },
  // group order channel (团订, 003)
  'contract-stamped': { zh: '合同已盖章', en: 'contract stamped' },
  'contract-returned': { zh: '合同退回', en: 'contract returned' },
  'contract-resubmitted': { zh: '合同重新提交', en: 'contract resubmitted' },
  'order-pack-handed-over': { zh: '订单包已交接', en: 'order pack handed over' },
  'order-pack-signed': { zh: '订单包已签收', en: 'order pack signed for' },
  'body-measurement-scheduled': { zh: '量体已预约', en: 'body measurement booked' },
  'body-measurement-done': { zh: '已量体', en: 'body measurement done' },
  'fabric-purchased': { zh: '面辅料已采购', en: 'fabric purchased' },
  'process-step-completed': { zh: '工序完成', en: 'process step completed' },
  'production-exception-reported': { zh: '生产异常', en: 'production exception' },
  'alteration-requested': { zh: '修改申请', en: 'alteration requested' },
  'alteration-done': { zh: '修改完成', en: 'alteration done' },
  // industrial contract channel (004)
  'commercial-terms-agreed': { zh: '商务条款已确认', en: 'commercial terms agreed' },
  'statement-of-work-agreed': { zh: '技术条款已确认', en: 'statement of work agreed' },
  'price-pre-reviewed': { zh: '价格已预审', en: 'price pre-reviewed' },
  'price-exception-approved': { zh: '价格例外已批准', en: 'price exception approved' },
  'contract-drafted': { zh: '合同已起草', en: 'contract drafted' },
  'contract-review-approved': { zh: '合同评审通过', en: 'contract review approved' },
  'contract-review-point-raised': { zh: '合同评审意见', en: 'review point raised' },
  'contract-review-point-resolved': { zh: '评审意见已解决', en: 'review point resolved' },
  'customer-delay-recorded': { zh: '客户原因延期', en: 'customer delay recorded' },
  'invoice-posted': { zh: '发票签收挂账', en: 'invoice posted' },
  'contract-document-filed': { zh: '合同资料归档', en: 'document filed' },
  // complaints, each its own workflow
  'complaint-compensation-agreed': { zh: '投诉赔偿已议定', en: 'complaint compensation agreed' },
};

/**
 * 操作: each event as the action a person takes to send it (the console's forms: 取消订单, not 订单已取消, the
 * event's own label, which the timeline and the waits use).
 */
export const eventActionLabels: Record<EventType, Label> = {
  'order-confirmed': { zh: '初步确认', en: 'confirm the order' },
  'feasibility-decided': { zh: '评审可行性', en: 'decide feasibility' },
  'materials-confirmed': { zh: '确认材料', en: 'confirm the materials' },
  'drawing-sent': { zh: '发送图纸', en: 'send the drawing' },
  'drawing-confirmed': { zh: '确认图纸', en: 'confirm the drawing' },
  'drawing-revision-requested': { zh: '要求修改图纸', en: 'ask for a drawing revision' },
  'price-approved': { zh: '审核价格', en: 'approve the price' },
  'price-disputed': { zh: '提出价格异议', en: 'dispute the price' },
  'supervisor-approved': { zh: '主管审批', en: 'approve as supervisor' },
  'credit-approved': { zh: '批准信用额度', en: 'approve the credit' },
  'delivery-date-estimated': { zh: '评估交期', en: 'estimate the delivery date' },
  'confirmation-sent': { zh: '发出订单确认书', en: 'send the confirmation' },
  'signed-confirmation-returned': { zh: '登记确认书回签', en: 'record the signed confirmation' },
  'signed-confirmation-rejected': { zh: '退回确认书', en: 'reject the signed confirmation' },
  'deposit-received': { zh: '登记定金到账', en: 'record the deposit' },
  'production-notice-issued': { zh: '下达生产通知单', en: 'issue the production notice' },
  'technical-order-issued': { zh: '下达技术单', en: 'issue the technical order' },
  'progress-reported': { zh: '更新生产进度', en: 'report progress' },
  'delay-reported': { zh: '报告交期延误', en: 'report a delay' },
  'customer-told-of-delay': { zh: '告知客户延误', en: 'tell the customer of the delay' },
  'change-requested': { zh: '申请需求变更', en: 'request a change' },
  'change-assessed': { zh: '评估变更', en: 'assess the change' },
  'change-price-approved': { zh: '审核变更价格', en: "approve the change's price" },
  'change-confirmed': { zh: '确认变更', en: 'confirm the change' },
  'change-rejected': { zh: '拒绝变更', en: 'reject the change' },
  'qc-passed': { zh: '质检通过', en: 'pass QC' },
  'qc-failed': { zh: '质检不通过', en: 'fail QC' },
  stocked: { zh: '入库', en: 'put away' },
  'shipping-requested': { zh: '申请发货', en: 'request shipping' },
  'payment-received': { zh: '登记货款到账', en: 'record the payment' },
  'emergency-released': { zh: '紧急放行', en: 'release in an emergency' },
  'receiving-time-confirmed': { zh: '确认收货时间', en: 'confirm the receiving time' },
  shipped: { zh: '发货', en: 'ship' },
  'signed-for': { zh: '确认签收', en: 'confirm receipt' },
  'goods-accepted': { zh: '确认验收', en: 'accept the goods' },
  'invoice-issued': { zh: '开具发票', en: 'issue the invoice' },
  'invoice-voided': { zh: '作废发票', en: 'void the invoice' },
  'receivable-written-off': { zh: '核销应收款', en: 'write off the receivable' },
  'cancellation-costs-kept': { zh: '扣留取消费用', en: 'keep cancellation costs' },
  'refund-paid': { zh: '退款', en: 'pay the refund' },
  'complaint-filed': { zh: '提交投诉', en: 'file a complaint' },
  'complaint-resolved': { zh: '处理投诉', en: 'resolve the complaint' },
  cancelled: { zh: '取消订单', en: 'cancel the order' },
  'satisfaction-rated': { zh: '评价满意度', en: 'rate satisfaction' },
  'force-majeure-verified': { zh: '核实不可抗力', en: 'verify force majeure' },
  // store channel
  'intent-letter-signed': { zh: '签意向书', en: 'sign the intent letter' },
  'appointment-scheduled': { zh: '预约上门', en: 'book a visit' },
  'site-measured': { zh: '量尺', en: 'measure the site' },
  'window-configuration-confirmed': { zh: '确认门窗配置', en: 'confirm the window configuration' },
  'submission-reviewed': { zh: '审核提交资料', en: 'review the submission' },
  'quote-accepted': { zh: '接受报价', en: 'accept the quote' },
  'sub-frame-made': { zh: '完成钢副框制作', en: 'finish the sub-frames' },
  'sub-frame-installed': { zh: '完成钢副框安装', en: 'install the sub-frames' },
  're-measured': { zh: '复尺', en: 're-measure' },
  installed: { zh: '完成安装', en: 'install' },
  // distributor
  'enquiry-received': { zh: '登记咨询', en: 'record an enquiry' },
  'enquiry-referred': { zh: '咨询转研发', en: 'refer the enquiry' },
  'enquiry-answered': { zh: '回复咨询', en: 'answer the enquiry' },
  'drawing-received': { zh: '登记收到图纸', en: 'record a drawing received' },
  'drawings-reviewed': { zh: '初审图纸', en: 'review the drawings' },
  'solution-proposed': { zh: '提出研发方案', en: 'propose a solution' },
  'solution-agreed': { zh: '确认方案', en: 'agree the solution' },
  'spec-item-confirmed': { zh: '确认配置项', en: 'confirm an item' },
  'surplus-colour-suggested': { zh: '建议库存颜色', en: 'suggest a surplus colour' },
  'quote-sent': { zh: '发出报价', en: 'send the quote' },
  'drawings-handed-over': { zh: '图纸交设计员', en: 'hand the drawings over' },
  'technical-question-raised': { zh: '提出技术问题', en: 'raise a technical question' },
  'technical-question-answered': { zh: '答复技术问题', en: 'answer the technical question' },
  'material-expected': { zh: '登记材料预计到货', en: 'record when the material is expected' },
  'material-arrived': { zh: '登记材料到货', en: "record the material's arrival" },
  'spraying-sent': { zh: '外发喷涂', en: 'send for spraying' },
  'spraying-returned': { zh: '登记喷涂返回', en: "record the spraying's return" },
  'goods-chased': { zh: '催货', en: 'chase the goods' },
  'chase-answered': { zh: '回复催货', en: 'answer the chase' },
  'outbound-notice-issued': { zh: '开出库通知单', en: 'issue the outbound notice' },
  'shipment-released': { zh: '财务放行', en: 'release the shipment' },
  // group order channel (团订, 003)
  'contract-stamped': { zh: '合同盖章', en: 'stamp the contract' },
  'contract-returned': { zh: '退回合同', en: 'return the contract' },
  'contract-resubmitted': { zh: '重新提交合同', en: 'resubmit the contract' },
  'order-pack-handed-over': { zh: '交接订单包', en: 'hand over the order pack' },
  'order-pack-signed': { zh: '签收订单包', en: 'sign for the order pack' },
  'body-measurement-scheduled': { zh: '预约量体', en: 'book the body measurement' },
  'body-measurement-done': { zh: '完成量体', en: 'record the body measurement' },
  'fabric-purchased': { zh: '登记面辅料采购', en: 'record the fabric purchase' },
  'process-step-completed': { zh: '完成工序', en: 'complete a process step' },
  'production-exception-reported': { zh: '报告生产异常', en: 'report a production exception' },
  'alteration-requested': { zh: '申请修改', en: 'request an alteration' },
  'alteration-done': { zh: '完成修改', en: 'finish the alteration' },
  // industrial contract channel (004)
  'commercial-terms-agreed': { zh: '确认商务条款', en: 'agree the commercial terms' },
  'statement-of-work-agreed': { zh: '确认技术条款', en: 'agree the statement of work' },
  'price-pre-reviewed': { zh: '预审价格', en: 'pre-review the price' },
  'price-exception-approved': { zh: '批准价格例外', en: 'approve the price exception' },
  'contract-drafted': { zh: '起草合同', en: 'draft the contract' },
  'contract-review-approved': { zh: '通过合同评审', en: 'approve the contract review' },
  'contract-review-point-raised': { zh: '提出评审意见', en: 'raise a review point' },
  'contract-review-point-resolved': { zh: '解决评审意见', en: 'resolve a review point' },
  'customer-delay-recorded': { zh: '登记客户原因延期', en: 'record a customer delay' },
  'invoice-posted': { zh: '发票签收挂账', en: 'post the invoice' },
  'contract-document-filed': { zh: '归档合同资料', en: 'file a document' },
  // complaints, each its own workflow
  'complaint-compensation-agreed': { zh: '议定投诉赔偿', en: 'agree the complaint compensation' },
};

/** 角色 / 部门: who a notice is for, who sent an event. */
export const roleLabels: Record<Role, Label> = {
  'sales-rep': { zh: '销售代表', en: 'sales rep' },
  'order-desk': { zh: '接单员', en: 'order desk' },
  supervisor: { zh: '主管', en: 'supervisor' },
  technical: { zh: '技术部', en: 'technical' },
  finance: { zh: '财务', en: 'finance' },
  purchasing: { zh: '物控采购', en: 'purchasing' },
  production: { zh: '生产部', en: 'production' },
  qc: { zh: '质检部', en: 'QC' },
  warehouse: { zh: '仓库', en: 'warehouse' },
  service: { zh: '售后服务', en: 'service' },
  customer: { zh: '客户', en: 'customer' },
  operator: { zh: '运维', en: 'operator' },
  system: { zh: '系统', en: 'OrderFlow' },
  'regional-manager': { zh: '区域经理', en: 'regional manager' },
  'group-sales-manager': { zh: '团订部经理', en: 'group sales manager' },
  'general-manager': { zh: '总经理', en: 'general manager' },
};

/** 消息类别: how pressing a notice is. */
export const noticeKindLabels: Record<Notice['kind'], Label> = {
  notification: { zh: '通知', en: 'notice' },
  reminder: { zh: '提醒', en: 'reminder' },
  escalation: { zh: '升级', en: 'escalation' },
};

/** 时钟: each clock the order runs (a reminder or escalation notice is typed by its clock). */
export const clockLabels: Record<ClockName, Label> = {
  'first-confirmation': { zh: '首次确认超时', en: 'first confirmation' },
  'return-deferral': { zh: '确认书未回签', en: 'signed confirmation not returned' },
  'deposit-reminder': { zh: '定金催收', en: 'deposit reminder' },
  'technical-order': { zh: '技术单催办', en: 'technical order' },
  'progress-update': { zh: '生产进度更新', en: 'progress update' },
  'delay-notice': { zh: '延误未告知客户', en: 'delay not told' },
  'balance-reminder': { zh: '余款催收', en: 'balance reminder' },
  'shipping-request-chase': { zh: '补发货申请', en: 'shipping request chase' },
  'complaint-callback': { zh: '投诉回访', en: 'complaint callback' },
  'after-sales-period': { zh: '售后期满', en: 'after-sales period' },
  dunning: { zh: '应收款催收', en: 'dunning' },
  'invoice-due': { zh: '待开票', en: 'invoice due' },
  'refund-reminder': { zh: '退款提醒', en: 'refund reminder' },
  overdue: { zh: '逾期', en: 'overdue' },
  'stalled-progress': { zh: '进度停滞', en: 'stalled progress' },
  'arrival-overdue': { zh: '到货未签收', en: 'arrival overdue' },
  'appointment-booking': { zh: '上门预约催办', en: 'visit booking' },
  'missed-appointment': { zh: '上门爽约', en: 'missed appointment' },
  'technical-question': { zh: '技术问题催复', en: 'technical question' },
  'material-late': { zh: '材料逾期', en: 'material late' },
  'group-tracking': { zh: '生产追踪表', en: 'tracking table' },
  'group-callback': { zh: '团订回访', en: 'group callback' },
  'complaint-first-contact': { zh: '投诉首次联系', en: 'complaint first contact' },
  'complaint-fix': { zh: '投诉处理安排', en: 'complaint fix' },
};

/** 时间线: the kinds of entry on an order's timeline. */
export const timelineKindLabels: Record<TimelineKind, Label> = {
  event: { zh: '事件', en: 'event' },
  'rejected-event': { zh: '被拒事件', en: 'rejected event' },
  'status-change': { zh: '状态变更', en: 'status change' },
  'date-change': { zh: '交期变更', en: 'date change' },
  reminder: { zh: '提醒', en: 'reminder' },
  escalation: { zh: '升级', en: 'escalation' },
  notification: { zh: '通知', en: 'notice' },
  'lines-version': { zh: '订单版本', en: 'lines version' },
  money: { zh: '资金', en: 'money' },
  'notice-not-delivered': { zh: '消息未送达', en: 'notice not delivered' },
  'notice-resent': { zh: '消息已重发', en: 'notice resent' },
  complaint: { zh: '投诉', en: 'complaint' },
};

/** The notices that are neither a clock's reminder nor named after an event (those take the clock's or event's label). */
export const noticeTypeLabels: Record<string, Label> = {
  'approval-needed': { zh: '待主管审批', en: 'approval needed' },
  'credit-approval-needed': { zh: '待信用审批', en: 'credit approval needed' },
  'estimate-needed': { zh: '待评估交期', en: 'estimate needed' },
  'technical-review': { zh: '待技术评审', en: 'technical review' },
  'price-review': { zh: '待价格审核', en: 'price review' },
  'production-notice': { zh: '生产通知单', en: 'production notice' },
  'put-away': { zh: '待入库', en: 'put away' },
  ship: { zh: '待发货', en: 'ship' },
  'shipping-notice': { zh: '发货通知', en: 'shipping notice' },
  'order-cancelled': { zh: '订单已取消', en: 'order cancelled' },
  complaint: { zh: '客户投诉', en: 'complaint' },
  delay: { zh: '交期延误', en: 'delay' },
  'force-majeure-claimed': { zh: '申报不可抗力', en: 'force majeure claimed' },
  'goods-finished': { zh: '货物已完工', en: 'goods finished' },
  infeasible: { zh: '无法生产', en: 'infeasible' },
  'price-dispute': { zh: '价格异议', en: 'price dispute' },
  'receiving-time': { zh: '收货时间', en: 'receiving time' },
  'receiving-time-needed': { zh: '待确认收货时间', en: 'receiving time needed' },
  'balance-due-notice': { zh: '余款催收告知书', en: 'balance-due notice' },
  'return-rejected': { zh: '确认书被退回', en: 'confirmation rejected' },
  rework: { zh: '返工', en: 'rework' },
  'drawing-revision': { zh: '图纸修改', en: 'drawing revision' },
  'change-request': { zh: '需求变更', en: 'change request' },
  'change-infeasible': { zh: '变更无法执行', en: 'change infeasible' },
  'change-materials': { zh: '变更涉及材料', en: 'change of materials' },
  'change-price-review': { zh: '变更价格待审核', en: 'change price review' },
  'change-rework': { zh: '变更需返工', en: 'change rework' },
  'change-terms': { zh: '变更条款', en: 'change terms' },
  'notice-not-delivered': { zh: '消息未送达', en: 'notice not delivered' },
  'technical-order-revision': { zh: '技术单需修订', en: 'technical order revision' },
  // The company reports' notices (workflows/reports).
  'report-daily-tracking': { zh: '生产进度跟踪表', en: 'daily tracking report' },
  'report-supervisor-daily': { zh: '主管每日检查', en: "supervisor's daily check" },
  'report-weekly': { zh: '周报', en: 'weekly report' },
  'report-monthly': { zh: '月度全面检查', en: 'monthly check' },
  'report-group-sales-daily': { zh: '团订业务日报', en: 'group sales daily summary' },
  'report-group-weekly': { zh: '团订周报', en: 'group orders weekly report' },
  // The channels' own notices (the others are named for a stage, a clock or an event).
  'spec-items': { zh: '待确认配置项', en: 'items to confirm' },
  contract: { zh: '合同待签', en: 'contract to sign' },
  handover: { zh: '图纸待交底', en: 'drawings to hand over' },
  'fabric-purchase': { zh: '待采购面辅料', en: 'fabric to buy' },
  delivery: { zh: '待送货', en: 'delivery' },
  'balance-due': { zh: '余款待付', en: 'balance due' },
  'outbound-notice-needed': { zh: '待发出库通知单', en: 'outbound notice needed' },
  'windows-finished': { zh: '成窗已完工', en: 'windows finished' },
  'appointment-needed': { zh: '待预约上门', en: 'visit to book' },
  appointment: { zh: '上门预约', en: 'visit booked' },
  'acceptance-needed': { zh: '待验收', en: 'acceptance needed' },
  'drawings-needed': { zh: '待出图', en: 'drawings needed' },
  'sub-frame-needed': { zh: '待制作钢副框', en: 'sub-frames needed' },
  'submission-returned': { zh: '审核退回', en: 'submission returned' },
  'price-exception': { zh: '价格例外待批', en: 'price exception' },
  'contract-review-point': { zh: '合同评审意见', en: 'contract review point' },
  'customer-delay': { zh: '客户原因延期', en: 'customer delay' },
  'advance-request': { zh: '预付款待付', en: 'advance due' },
  'body-measurement-appointment': { zh: '量体预约', en: 'body measurement booked' },
  'production-exception': { zh: '生产异常', en: 'production exception' },
  alteration: { zh: '服装修改', en: 'alteration' },
};

const has = <T extends object>(map: T, key: string): key is Extract<keyof T, string> => Object.prototype.hasOwnProperty.call(map, key);

/** A notice's type in words: its own label, else its clock's or its event's; an unknown type is shown as it is. */
export function noticeTypeLabel(type: string): Label {
  if (has(noticeTypeLabels, type)) return noticeTypeLabels[type];
  if (has(clockLabels, type)) return clockLabels[type];
  if (has(eventTypeLabels, type)) return eventTypeLabels[type];
  // A notice named for a stage hands its work to the receiver (e.g. `quotation`: quote now).
  if (has(stageLabels, type)) return stageLabels[type];
  return { zh: type, en: type };
}

/** "生产中 (production)": the Chinese first, the English beside. */
export const bilingual = (label: Label) => (label.zh === label.en ? label.zh : `${label.zh} (${label.en})`);

/** The Temporal UI's one line for a notice's delivery: "通知 生产部: 生产通知单 · SO-1001 (notification to production: production-notice)". */
export function noticeSummary(orderNumber: string, notice: Pick<Notice, 'kind' | 'type' | 'to'>): string {
  const { zh } = noticeTypeLabel(notice.type);
  return `${noticeKindLabels[notice.kind].zh} ${roleLabels[notice.to].zh}: ${zh} · ${orderNumber} (${notice.kind} to ${notice.to}: ${notice.type})`;
}

/** 投诉进度: where a complaint stands, as the company's staff read it (the customer's pages say "your confirmation"). */
export const complaintStageLabels: Record<ComplaintStage, Label> = {
  reported: { zh: '已受理', en: 'reported' },
  investigating: { zh: '调查中', en: 'being investigated' },
  'fix-pending': { zh: '待安排处理', en: 'fix to be arranged' },
  'visit-scheduled': { zh: '已安排上门', en: 'visit scheduled' },
  'awaiting-confirmation': { zh: '待客户确认', en: "awaiting the customer's confirmation" },
  closed: { zh: '已结案', en: 'closed' },
  finished: { zh: '已完成回访', en: 'finished' },
};

/** 投诉步骤: each step of a complaint's own process. */
export const complaintEventLabels: Record<ComplaintEventType, Label> = {
  'customer-contacted': { zh: '已联系客户', en: 'customer contacted' },
  'cause-found': { zh: '已查明原因', en: 'cause found' },
  'fix-scheduled': { zh: '已安排处理', en: 'fix scheduled' },
  'visit-made': { zh: '已上门处理', en: 'visit made' },
  'customer-satisfied': { zh: '客户满意', en: 'customer satisfied' },
  'customer-not-satisfied': { zh: '客户不满意', en: 'customer not satisfied' },
  'closed-by-supervisor': { zh: '主管结案', en: 'closed by supervisor' },
  'callback-made': { zh: '已回访', en: 'callback made' },
};

/** 付款节点: each instalment of a payment plan. */
export const instalmentLabels: Record<InstalmentName, Label> = {
  'intention-deposit': { zh: '意向金', en: 'intention deposit' },
  deposit: { zh: '定金', en: 'deposit' },
  advance: { zh: '预付款', en: 'advance' },
  'before-shipping': { zh: '发货前付款', en: 'before shipping' },
  'on-delivery': { zh: '到货款', en: 'on delivery' },
  'on-acceptance': { zh: '验收款', en: 'on acceptance' },
  balance: { zh: '余款', en: 'balance' },
  retention: { zh: '质保金', en: 'retention' },
};

/** How a clock counts its days: every day, or the company calendar's working days. */
export const dayKindLabels: Record<DayKind, Label> = {
  calendar: { zh: '自然日', en: 'calendar' },
  working: { zh: '工作日', en: 'working' },
};

/** 发货方式: express for an ordinary order, a special vehicle for a large one. */
export const shippingModeLabels: Record<'express' | 'special-vehicle', Label> = {
  express: { zh: '快递', en: 'express' },
  'special-vehicle': { zh: '专车', en: 'special vehicle' },
};
