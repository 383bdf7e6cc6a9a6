import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from './labels';

/** Who is signed in (GET /me), and how they read: their language and the company's time zone. */
export interface Me {
  id: string;
  name: string;
  role: string;
  customerId?: string;
  timeZone: string;
}

export interface Console {
  me: Me;
  lang: Lang;
}

export const ConsoleContext = createContext<Console>(null as unknown as Console);
export const useConsole = () => useContext(ConsoleContext);

/** The console's own words, Chinese first. */
export const words = {
  title: ['OrderFlow 订单控制台', 'OrderFlow console'],
  work: ['我的待办', 'My work'],
  myOrders: ['我的订单', 'My orders'],
  board: ['状态看板', 'Status board'],
  newOrder: ['新建订单', 'New order'],
  reports: ['报表', 'Reports'],
  signOut: ['退出', 'Sign out'],
  signIn: ['登录', 'Sign in'],
  token: ['访问令牌', 'Access token'],
  order: ['订单', 'Order'],
  customer: ['客户', 'Customer'],
  channel: ['渠道', 'Channel'],
  status: ['状态', 'Status'],
  stage: ['阶段', 'Stage'],
  salesRep: ['业务员', 'Sales rep'],
  promised: ['承诺交期', 'Promised date'],
  original: ['原交期', 'Original date'],
  daysLate: ['逾期天数', 'Days late'],
  contract: ['合同金额', 'Contract'],
  received: ['已收款', 'Received'],
  balance: ['余款', 'Balance'],
  refundDue: ['应退款', 'Refund due'],
  timeline: ['时间线', 'Timeline'],
  clocks: ['计时', 'Open clocks'],
  when: ['时间', 'When'],
  who: ['人员', 'Who'],
  role: ['角色', 'Role'],
  what: ['内容', 'What'],
  waitingSince: ['等待自', 'Waiting since'],
  clock: ['时限', 'Clock'],
  nothing: ['暂无', 'Nothing'],
  actions: ['可执行操作', 'What you may do now'],
  send: ['提交', 'Send'],
  sent: ['已提交', 'Sent'],
  note: ['备注', 'Note'],
  export: ['导出 XLSX', 'Export XLSX'],
  late: ['仅逾期', 'Late only'],
  all: ['全部', 'All'],
  sort: ['排序', 'Sort'],
  owedBy: ['待办方', 'Owed by'],
  notices: ['提醒与升级', 'Reminders and escalations'],
  complaintsToHandle: ['待处理投诉', 'Complaints to handle'],
  create: ['创建订单', 'Create order'],
  created: ['订单已创建', 'Order created'],
  loading: ['加载中…', 'Loading…'],
  amount: ['金额', 'Amount'],
  count: ['数量', 'Count'],
  byStage: ['各阶段订单数', 'Orders by stage'],
  yes: ['是', 'yes'],
  versions: ['订单明细与版本', 'Lines and versions'],
  version: ['版本', 'Version'],
  complaints: ['投诉', 'Complaints'],
  resolved: ['已处理', 'Resolved'],
  open: ['处理中', 'Open'],
  byOperator: ['（运维经 Temporal 发送）', '(sent by an operator through Temporal)'],
  // inbox: the forms' rows, and what My work shows of each order
  addRow: ['添加一行', 'Add a row'],
  removeRow: ['删除此行', 'Remove this row'],
  // The steps are named by their events (确认书已回签 signed confirmation returned): what the order waits for.
  waitsFor: ['等待', 'Waiting for'],
} satisfies Record<string, [string, string]>;

export type Word = keyof typeof words;
export const say = (word: Word, lang: Lang) => words[word][lang === 'zh' ? 0 : 1];
