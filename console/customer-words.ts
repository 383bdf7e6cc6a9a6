import { complaintStageLabels as staffComplaintStages, type Lang } from './labels';

// The words of the customer's pages, the complaint page and the customer file, Chinese first (the shared
// console words are app-context.ts's; these are the customer slice's own).

export const customerWords = {
  owedTotal: ['应付余款合计', 'Balance owed in all'],
  awaitingYou: ['待您确认的变更', 'Changes awaiting your confirmation'],
  change: ['变更', 'Change'],
  newAmount: ['变更后金额', 'Amount with the change'],
  newPromised: ['变更后交期', 'Promised date with the change'],
  confirmChange: ['确认变更', 'Confirm the change'],
  rejectChange: ['拒绝变更', 'Decline the change'],
  reason: ['原因', 'Reason'],
  changeConfirmed: ['变更已确认', 'Change confirmed'],
  changeRejected: ['已拒绝变更', 'Change declined'],
  documentsToSign: ['待签署文件', 'Documents to sign'],
  fileComplaint: ['提交投诉', 'File a complaint'],
  category: ['投诉类别', 'Category'],
  description: ['问题描述', 'What is wrong'],
  complaint: ['投诉', 'Complaint'],
  complaintStage: ['处理进度', 'Where it stands'],
  filedAt: ['提交时间', 'Filed'],
  visits: ['上门处理', 'Visits'],
  visitDate: ['上门日期', 'Visit date'],
  team: ['处理小组', 'Team'],
  outcome: ['结果', 'Outcome'],
  closedAt: ['结案时间', 'Closed'],
  backToOrder: ['返回订单', 'Back to the order'],
  solved: ['问题是否已解决？', 'Is the problem solved?'],
  satisfied: ['满意，问题已解决', 'Yes, it is solved'],
  notSatisfied: ['不满意', 'Not satisfied'],
  otherActions: ['其他可办事项', 'Other things you may do'],
  lines: ['订单明细', 'Lines'],
  product: ['产品', 'Product'],
  quantity: ['数量', 'Quantity'],
  unitPrice: ['单价', 'Unit price'],
  customerFile: ['客户档案', 'Customer file'],
  findFile: ['查找客户档案', 'Find a customer file'],
  find: ['查找', 'Find'],
  newFile: ['新建客户档案', 'New customer file'],
  noFile: ['该客户尚无档案', 'This customer has no file yet'],
  createFileFor: ['为该客户建档', 'Create the file for this customer'],
  fileCreated: ['客户档案已建立', 'Customer file created'],
  customerId: ['客户编号', 'Customer id'],
  customerName: ['客户名称', 'Name'],
  customerClass: ['客户等级', 'Class'],
  paymentTerms: ['付款条件', 'Payment terms'],
  creditLimit: ['信用额度 (¥)', 'Credit limit (¥)'],
  salesRepId: ['业务员编号', 'Sales rep id'],
  salesRepName: ['业务员姓名', 'Sales rep name'],
  region: ['区域', 'Region'],
  contacts: ['联系人', 'Contacts'],
  contactName: ['姓名', 'Name'],
  phone: ['电话', 'Phone'],
  email: ['邮箱', 'Email'],
  contactRole: ['职责', 'Role'],
  addContact: ['添加联系人', 'Add a contact'],
  removeContact: ['删除', 'Remove'],
  saveFile: ['保存档案', 'Save the file'],
  classHistory: ['等级变更记录', 'Class history'],
  validFrom: ['生效时间', 'From'],
  changedBy: ['变更人', 'Changed by'],
  openOrders: ['未完成订单', 'Open orders'],
  balanceOwed: ['欠款', 'Balance owed'],
  newOrderForIt: ['为该客户新建订单', 'New order for this customer'],
  kpis: ['关键指标', 'Key figures'],
  period: ['统计期间', 'Period'],
  from: ['自', 'From'],
  to: ['至', 'To'],
  onTimeByRep: ['各业务员按期交货率', 'On-time delivery by sales rep'],
  onTimeDelivery: ['按期交货率', 'Delivered on time'],
  firstConfirmationOnTime: ['首次确认及时率', 'First confirmation on time'],
  progressOnTime: ['进度及时更新率', 'Progress updated on time'],
  delaysToldOnTime: ['延期及时告知率', 'Delays told in time'],
  ordersDue: ['到期订单', 'Orders due'],
  onTimeCount: ['按期', 'On time'],
  percent: ['比例', 'Rate'],
  figure: ['指标', 'Figure'],
} satisfies Record<string, [string, string]>;

export const sayCustomer = (word: keyof typeof customerWords, lang: Lang) => customerWords[word][lang === 'zh' ? 0 : 1];

/** The complaint categories of `complaint-filed` and a complaint's stages, in the customer's words. */
export const complaintCategoryLabels: Record<string, [string, string]> = {
  quality: ['质量问题', 'Quality'],
  technical: ['技术问题', 'Technical'],
  processing: ['加工问题', 'Processing'],
  'wrong-or-missing-goods': ['错发或漏发', 'Wrong or missing goods'],
  installation: ['安装问题', 'Installation'],
  transport: ['运输问题', 'Transport'],
};

/** Where a complaint stands as its customer reads it: the staff's words, but the confirmation awaited is theirs. */
export const complaintStageLabels: Record<string, [string, string]> = {
  ...Object.fromEntries(Object.entries(staffComplaintStages).map(([stage, { zh, en }]) => [stage, [zh, en]])),
  'awaiting-confirmation': ['待您确认', 'Awaiting your confirmation'],
};

export const visitOutcomeLabels: Record<string, [string, string]> = {
  fixed: ['已修复', 'Fixed'],
  'another-visit-needed': ['需再次上门', 'Another visit needed'],
};

/** A word of one of these tables in the person's language; the key itself when it has none. */
export const wordOf = (table: Record<string, [string, string]>, key: string, lang: Lang) => table[key]?.[lang === 'zh' ? 0 : 1] ?? key;
