import { condition } from '@temporalio/workflow';
import { counting, every, now, runClock } from './clock';
import { awaitedMaterials, materialDeadline, openQuestions, type TechnicalQuestion } from './domain/distributor';
import { choiceZh } from './domain/field-labels';
import type { IsoDate, MaterialFamily, Role } from './domain/order';
import type { OrderSnapshot } from './domain/snapshot';
import { balanceDue, type OrderState } from './domain/state';
import type { OrderWorkflowInput } from './messages';
import { runOrder, type ChannelWork } from './order-runtime';
import { afterSales } from './stages/after-sales';
import { confirmationReturn, deliveryEstimate } from './stages/confirmation';
import { deposit } from './stages/deposit';
import { delayNotices } from './stages/follow-up';
import { escalate, remind, tell } from './stages/notices';
import { production } from './stages/production';
import { invoiceDue, receivables } from './stages/receivables';
import { putAway, release } from './stages/release';
import { ship } from './stages/shipping';
import { arrivalOverdue, overdueOrders, repNotices, stalledProgress } from './stages/watch';

// The distributor order (代理商, 000 §一): its route is data in domain/distributor.ts; here is what
// OrderFlow does while the order is in each stage. The marketing assistant (营销助理) is the order desk.

/** 咨询: the enquiry the order was opened on goes to the marketing assistant, who answers it or refers it to R&D. */
async function enquiry(s: OrderState) {
  for (const open of s.distributor!.enquiries.filter((e) => e.answered === undefined))
    tell(s, 'enquiry', 'order-desk', {
      zh: `经销商第 ${open.number} 个询问（${open.about}）：${open.question}`,
      en: `distributor's enquiry ${open.number} (${open.about}): ${open.question}`,
    });
}

/** 营销助理初审, item by item: style, aluminium and wood colours, hardware, glass. */
async function drawingReview(s: OrderState) {
  tell(s, 'spec-items', 'order-desk', {
    zh: '请与经销商确认：款式、铝材和木材颜色、五金、玻璃',
    en: 'confirm with the distributor: style, aluminium and wood colours, hardware, glass',
  });
}

/** 报价: a quote for each drawing. */
async function quotation(s: OrderState) {
  const drawings = s.distributor!.drawings.map((d) => d.ref);
  tell(s, 'quotation', 'order-desk', { zh: `请逐张图纸报价：${drawings.join('、')}`, en: `quote each drawing: ${drawings.join(', ')}` });
}

/** The contract faxed to the distributor, to be signed, stamped and returned (回传). */
async function contract(s: OrderState) {
  tell(s, 'contract', 'order-desk', {
    zh: '请将合同传真给经销商签字盖章并回传',
    en: 'fax the contract to the distributor to sign, stamp and return',
  });
}

/**
 * 合同生效: the advance arrived (or the contract named none), so the contract is in effect; finance stamps the
 * production notice the marketing assistant brings.
 */
async function productionNotice(s: OrderState) {
  tell(s, 'production-notice', 'finance', {
    zh: '合同已生效：请在生产通知单上盖章',
    en: 'the contract is in effect: stamp the production notice',
  });
}

/**
 * 生产: the technical order within 2–3 days of the notice and weekly progress (the standard clocks), once the
 * drawings are handed over with a briefing; technical's questions relayed to the distributor until none remain;
 * each material family watched against its expected date.
 */
async function distributorProduction(s: OrderState) {
  tell(s, 'handover', 'order-desk', {
    zh: '请将图纸交给指定设计师并详细交底',
    en: 'hand the drawings to the assigned designer with a detailed briefing',
  });
  await Promise.all([production(s), technicalQuestions(s), lateMaterials(s)]);
}
distributorProduction.needs = production.needs;

/** Each open question: the marketing assistant is reminded until the distributor's answer is in. */
async function technicalQuestions(s: OrderState) {
  const clock = s.policy.distributor?.technicalQuestions;
  if (!clock) return;
  const { every: interval, to, dayKind } = clock;
  for (;;) {
    await condition(() => openQuestions(s).length > 0);
    const question: TechnicalQuestion = openQuestions(s)[0];
    await runClock(
      s,
      'technical-question',
      () => question.answered !== undefined,
      every(counting(s, dayKind), Date.parse(question.raisedAt), interval, `remind ${to.join(', ')}`, (n) =>
        remind(s, 'technical-question', to, {
          zh: `技术部第 ${question.number} 个问题经销商仍未答复（第 ${n} 次提醒）：${question.question}`,
          en: `technical's question ${question.number} still unanswered by the distributor (reminder ${n}): ${question.question}`,
        }),
      ),
    );
  }
}

/**
 * 材料到货: a family not in by the end of its expected date plus its grace days is an exception, surfaced once
 * for that date (a new expected date is judged afresh). One clock, for the family due first.
 */
async function lateMaterials(s: OrderState) {
  const policy = s.policy.distributor?.materialLateness;
  if (!policy) return;
  const pending = () =>
    awaitedMaterials(s)
      .filter(([, m]) => m.late?.expectedDate !== m.expectedDate)
      .map(([family, m]) => ({ family, expectedDate: m.expectedDate, dueAt: materialDeadline(s, family, m.expectedDate) }))
      .sort((a, b) => a.dueAt - b.dueAt);
  const key = () => JSON.stringify(pending());
  for (;;) {
    await condition(() => pending().length > 0);
    const next = pending()[0];
    const seen = key();
    await runClock(
      s,
      'material-late',
      () => key() !== seen,
      (firings) =>
        firings > 0
          ? undefined
          : {
              dueAt: next.dueAt,
              action: `surface ${next.family} as late to ${policy.to.join(', ')}`,
              fire: () => materialLate(s, next.family, next.expectedDate, policy.to),
            },
    );
  }
}

function materialLate(s: OrderState, family: MaterialFamily, expectedDate: IsoDate, to: readonly Role[]) {
  s.distributor!.materials[family]!.late = { since: now(), expectedDate };
  for (const role of to)
    escalate(s, 'material-late', role, {
      zh: `${choiceZh(family)}预计 ${expectedDate} 到货，至今未到：生产受阻`,
      en: `${family} expected ${expectedDate} has not arrived: production is held up`,
    });
}

/** 出库通知单: the goods are in stock; the marketing assistant sends the outbound notice asking for full payment. */
async function outboundNotice(s: OrderState) {
  tell(s, 'outbound-notice-needed', 'order-desk', {
    zh: `货已入库：请发出库通知单并要求付清合同全款（应付 ${balanceDue(s)} fen）`,
    en: `goods in stock: send the outbound notice and ask for the contract amount in full (${balanceDue(s)} fen due)`,
  });
}

/** 收款发货: the balance-due notice and reminders until paid in full (the standard release), then finance releases. */
async function distributorRelease(s: OrderState) {
  await release(s);
  tell(s, 'release', 'finance', { zh: '已付清：请办理出货手续', en: 'paid in full: release the goods for shipping (出货手续)' });
}

export const distributorWork: ChannelWork = {
  stages: {
    enquiry,
    'drawing-review': drawingReview,
    quotation,
    'delivery-estimate': deliveryEstimate,
    confirmation: contract,
    'confirmation-return': confirmationReturn,
    deposit, // the advance: the contract takes effect when it arrives
    'production-notice': productionNotice,
    production: distributorProduction,
    'put-away': putAway,
    'outbound-notice': outboundNotice,
    release: distributorRelease,
    shipping: ship,
    'after-sales': afterSales,
  },
  sideLines: [delayNotices, receivables, invoiceDue, overdueOrders, stalledProgress, arrivalOverdue, repNotices],
};

export async function distributorOrder(input: OrderWorkflowInput): Promise<OrderSnapshot> {
  return runOrder(input, distributorWork);
}
