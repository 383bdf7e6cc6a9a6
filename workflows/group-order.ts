import { ApplicationFailure, condition } from '@temporalio/workflow';
import { counting, every, now, runClock } from './clock';
import { checkTrackingEntry, isTracked, nextTrackingDeadline } from './domain/group';
import type { OrderSnapshot } from './domain/snapshot';
import { balanceDue, type OrderState } from './domain/state';
import { EVENT_INVALID, type OrderWorkflowInput } from './messages';
import { runOrder, type ChannelWork } from './order-runtime';
import { afterSales } from './stages/after-sales';
import { deposit } from './stages/deposit';
import { remind, tell } from './stages/notices';
import { receivables } from './stages/receivables';

// The group uniform order (团订, document 003): its route is data in domain/group.ts; here is what
// OrderFlow does while the order is in each stage, and the tracking table's daily deadline beside them.

/** 5.4: finance reviews the contract the rep hands in, and stamps it or returns it with the reason. */
async function financeReview(s: OrderState) {
  tell(s, 'contract-review', 'finance', {
    zh: '请审核团订合同（时间、数量、单价、总价、面料款式及验收标准、交货期与地点、付款与余款条款）：盖章或写明原因退回',
    en: 'review the group contract (time, quantity, price, total, fabric and style with the acceptance standard, delivery term and place, payment and balance terms): stamp it or return it with the reason',
  });
}

/** 6.1–6.2: the advance is in: the group desk hands the order pack to production and logistics. */
async function orderPack(s: OrderState) {
  tell(s, 'order-pack', 'order-desk', {
    zh: '预付款已全额到账：请将量体申请、生产单和送货单，连同合同和预付款收据，交给生产和物流',
    en: 'advance received in full: hand the measurement request, production order and delivery note, with the contract and the advance receipt, to production and logistics',
  });
}

/** 量体: production arranges the body measurement at the customer's site. */
async function bodyMeasurement(s: OrderState) {
  const site = s.order.group?.measurementSite ?? s.order.delivery;
  tell(s, 'body-measurement', 'production', {
    zh: `请安排到 ${site.address} 量体，联系人 ${site.contact}（${site.phone}）`,
    en: `arrange the body measurement at ${site.address} with ${site.contact} (${site.phone})`,
  });
}

/** 6.3: fabric and trims bought, then the process steps. */
async function groupProduction(s: OrderState) {
  if (!s.group?.fabric)
    tell(s, 'fabric-purchase', 'purchasing', { zh: '请采购本单面料和辅料', en: 'buy the fabric and trims for the order' });
}

async function groupPutAway(s: OrderState) {
  tell(s, 'put-away', 'warehouse', { zh: '各工序已完成：请将服装入库', en: 'every process step done: put the garments away' });
}

/** 6.6: logistics delivers, the sales rep goes along and has the customer fill in the delivery receipt. */
async function delivery(s: OrderState) {
  tell(s, 'delivery', 'warehouse', {
    zh: `请与销售代表一起送货到 ${s.order.delivery.address}`,
    en: `deliver to ${s.order.delivery.address} with the sales rep`,
  });
  tell(s, 'delivery', 'sales-rep', {
    zh: '请随货同行：取得客户签收单，并收齐余款',
    en: "go with the delivery: the customer's delivery receipt, and the balance paid in full",
  });
}

/** 6.6: the rep helps the customer pay the balance in full; the receivables side line chases it from its due date. */
async function balance(s: OrderState) {
  tell(s, 'balance-due', 'sales-rep', {
    zh: `已送达：请协助客户付清余款 ${balanceDue(s)} fen`,
    en: `delivered: help the customer pay the balance of ${balanceDue(s)} fen in full`,
  });
}

/**
 * 6.7 生产追踪表: while the order is made and delivered, its table is filled in by the policy's time
 * (17:30) each working day of the company calendar; at that time a day without an entry is reported
 * to the group-sales manager. Days off ask for no entry.
 */
async function productionTracking(s: OrderState) {
  for (;;) {
    await condition(() => isTracked(s));
    await runClock(
      s,
      'group-tracking',
      () => !isTracked(s),
      () => {
        const deadline = nextTrackingDeadline(s, Date.now());
        return {
          dueAt: deadline,
          action: `check the day's tracking entry, tell ${s.policy.group!.managerRole} when missing`,
          fire: () => checkTrackingEntry(s, deadline, now()),
        };
      },
    );
  }
}

/** 7.2 回访: the customer is called back at the policy's interval after delivery, while the order is in after-sales. */
async function callbacks(s: OrderState) {
  await condition(() => inAfterSales(s));
  const { every: interval, to, dayKind } = s.policy.group!.callback;
  await runClock(
    s,
    'group-callback',
    () => false,
    every(counting(s, dayKind), Date.parse(s.facts.signedForAt!), interval, `remind ${to.join(', ')}`, (n) =>
      remind(s, 'group-callback', to, {
        zh: `请回访客户（第 ${n} 次回访）：满意度、修改需求`,
        en: `call the customer back (callback ${n}): satisfaction, alterations`,
      }),
    ),
  );
}

productionTracking.wakesWhen = isTracked;
const inAfterSales = (s: OrderState) => s.stage === 'after-sales';
callbacks.wakesWhen = inAfterSales;

export const groupWork: ChannelWork = {
  stages: {
    'finance-review': financeReview,
    deposit, // daily reminders until the advance is in
    'order-pack': orderPack,
    'body-measurement': bodyMeasurement,
    production: groupProduction,
    'put-away': groupPutAway,
    shipping: delivery,
    balance,
    'after-sales': afterSales, // complaints until the warranty ends, then archive
  },
  sideLines: [productionTracking, callbacks, receivables],
};

export async function groupOrder(input: OrderWorkflowInput): Promise<OrderSnapshot> {
  // Started other than through startOrder (the Temporal UI, say) without the channel's settings: the clocks would have nothing to run by.
  if (!('resume' in input) && !input.policy?.group)
    throw ApplicationFailure.create({
      type: EVENT_INVALID,
      message: 'invalid order or policy',
      details: [
        [
          {
            path: 'policy.group',
            message: "a group order needs the group channel's policy (tracking deadline, manager, process steps, callbacks)",
          },
        ],
      ],
      nonRetryable: true,
    });
  return runOrder(input, groupWork);
}
