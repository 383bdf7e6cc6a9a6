import type { OrderSnapshot } from './domain/snapshot';
import type { OrderState } from './domain/state';
import { reviewRequests } from './domain/contract';
import type { OrderWorkflowInput } from './messages';
import { runOrder, type ChannelWork } from './order-runtime';
import { afterSales } from './stages/after-sales';
import { deposit } from './stages/deposit';
import { delayNotices } from './stages/follow-up';
import { tell } from './stages/notices';
import { production } from './stages/production';
import { invoiceDue, receivables } from './stages/receivables';
import { putAway, release } from './stages/release';
import { ship } from './stages/shipping';
import { arrivalOverdue, overdueOrders, repNotices, stalledProgress } from './stages/watch';

// The industrial contract (document 004): what OrderFlow does while a contract is in each stage of
// its route (domain/contract.ts). The clocks are the stage library's, on the channel's policy: the
// advance chased daily, the contract administrator's written progress report weekly (reminded, then
// escalated when it stalls), the payment before shipping, the acceptance payment and the retention
// dunned from their contract dates, the archive two years after the warranty.

/** 技术合同: sales agrees the commercial terms, technical the statement of work. */
async function technicalAgreement(s: OrderState) {
  if (!s.contract!.commercialTerms)
    tell(s, 'technical-agreement', 'sales-rep', {
      zh: '请商定技术协议的商务条款',
      en: 'agree the commercial terms of the technical agreement',
    });
  if (!s.contract!.statementOfWork)
    tell(s, 'technical-agreement', 'technical', {
      zh: '请商定技术协议的工作范围',
      en: 'agree the statement of work of the technical agreement',
    });
}

/** 价格预审: the sales rep classifies each product A/B/C; OrderFlow prices it by the class's rule (an exception goes to its approver). */
async function pricePreReview(s: OrderState) {
  tell(s, 'price-pre-review', 'sales-rep', {
    zh: '请按参数、配置和特殊条款将每个产品分为 A/B/C 类，并给出目录价',
    en: 'classify each product A/B/C by its parameters, configuration and special terms, with its list price',
  });
}

/** 报价: the quote goes to the customer in writing. */
async function quotation(s: OrderState) {
  tell(s, 'quotation', 'sales-rep', {
    zh: '请以书面形式（函件或邮件）向客户报价',
    en: 'send the customer the quote in writing (letter or email)',
  });
}

/** 订立合同: on the company's standard template, or the customer's (flagged for the review). */
async function contractDrafting(s: OrderState) {
  const customers = s.contract!.terms.template === 'customer';
  tell(s, 'contract-drafting', 'sales-rep', {
    zh: `请用${customers ? '客户的合同模板（评审时标注）' : '公司标准合同模板'}起草合同`,
    en: `draw up the contract on ${customers ? "the customer's template (flagged for review)" : 'the standard template'}`,
  });
}

/** 合同评审: each department concerned is asked for its part; points come back to the sales rep. */
async function contractReview(s: OrderState) {
  for (const { to, said } of reviewRequests(s)) tell(s, 'contract-review', to, said);
}

/** The stamped contract goes to the customer for signature. */
async function contractSignature(s: OrderState) {
  tell(s, 'contract-signature', 'sales-rep', {
    zh: '请寄出已盖章的合同，并取回客户签字的原件',
    en: "send the stamped contract and get the customer's signed original",
  });
}

/** 排产: manufacturing schedules design, materials and production to the contract and the technical agreement. */
async function scheduling(s: OrderState) {
  tell(s, 'scheduling', 'production', {
    zh: '预付款已到：请按合同和技术协议安排设计、材料和生产',
    en: 'advance received: schedule design, materials and production to the contract and technical agreement',
  });
}

/** 提款发货: the shipping notice (发货告知书) goes to the rep, and the payment before shipping is collected. */
async function contractRelease(s: OrderState) {
  tell(s, 'shipping-notice', 'sales-rep', {
    zh: '发货告知书：货物已检验入库；请与客户商定发货',
    en: 'shipping notice (发货告知书): goods tested and put away; agree the shipment with the customer',
  });
  await release(s);
}

/** 开票 / 签收挂账: the rep delivers the invoice with the signed receipt to the customer's finance for posting. */
async function receivablePosting(s: OrderState) {
  tell(s, 'receivable-posting', 'sales-rep', {
    zh: '请将发票连同签收单送到客户财务并挂账',
    en: "deliver the invoice with the signed receipt to the customer's finance and have it posted",
  });
}

export const contractWork: ChannelWork = {
  stages: {
    'technical-agreement': technicalAgreement,
    'price-pre-review': pricePreReview,
    quotation,
    'contract-drafting': contractDrafting,
    'contract-review': contractReview,
    'contract-signature': contractSignature,
    deposit, // the advance, reminded daily
    scheduling,
    production, // technical order in 2–3 days, the contract administrator's written progress report
    'put-away': putAway,
    release: contractRelease,
    shipping: ship,
    'receivable-posting': receivablePosting,
    'after-sales': afterSales, // complaints until the warranty ends, archived two years after it, all paid
  },
  sideLines: [delayNotices, receivables, invoiceDue, overdueOrders, stalledProgress, arrivalOverdue, repNotices],
};

export async function contractOrder(input: OrderWorkflowInput): Promise<OrderSnapshot> {
  return runOrder(input, contractWork);
}
