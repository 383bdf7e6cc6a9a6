import { condition } from '@temporalio/workflow';
import { counting, every, now, runClock } from './clock';
import type { StoreVisit } from './domain/events';
import { choiceZh } from './domain/field-labels';
import type { Fact } from './domain/route';
import type { OrderSnapshot } from './domain/snapshot';
import { appointmentOf, intentionDepositOutstanding, visits } from './domain/store';
import { dueBeforeShipping, type OrderState } from './domain/state';
import { dateEnds } from './domain/watch';
import type { OrderWorkflowInput } from './messages';
import { runOrder, type StageWork, type ChannelWork } from './order-runtime';
import { afterSales } from './stages/after-sales';
import { deposit, depositReminders } from './stages/deposit';
import { delayNotices } from './stages/follow-up';
import { escalate, remind, tell } from './stages/notices';
import { productionNotice, progressUpdates, technicalOrderClock } from './stages/production';
import { receivables } from './stages/receivables';
import { putAway, release } from './stages/release';
import { overdueOrders, repNotices } from './stages/watch';

/** 意向金: the store collects the intention deposit with the intent letter; sales is reminded until finance confirms it. */
async function intentionDeposit(s: OrderState) {
  tell(s, 'intention-deposit', 'sales-rep', {
    zh: `意向书已签：请收取意向金 ${intentionDepositOutstanding(s)} fen`,
    en: `intent letter signed: collect the intention deposit of ${intentionDepositOutstanding(s)} fen`,
  });
  await depositReminders(s, 'intention-deposit', () => intentionDepositOutstanding(s));
}

/**
 * A site visit (量尺, 钢副框安装, 复尺, 安装): whoever arranges it is told to book it and reminded until
 * it is (the policy's waiting time); each appointment whose company date ends without the visit done
 * is a missed appointment, told to the regional manager (and the store), until one is rescheduled.
 */
function siteVisit(visit: StoreVisit): StageWork {
  return async (s) => {
    await Promise.all([booking(s, visit), appointmentsKept(s, visit)]);
  };
}

async function booking(s: OrderState, visit: StoreVisit) {
  const { every: interval, to, dayKind } = s.policy.visits!.booking[visit];
  for (const role of to)
    tell(s, 'appointment-needed', role, {
      zh: `请与客户预约${choiceZh(visit)}：日期和班组`,
      en: `book the ${visit} visit with the customer: a date and a team`,
    });
  await runClock(
    s,
    'appointment-booking',
    () => appointmentOf(s, visit) !== undefined,
    every(counting(s, dayKind), Date.now(), interval, `remind ${to.join(', ')}`, (n) =>
      remind(s, 'appointment-booking', to, {
        zh: `${choiceZh(visit)}尚未预约（第 ${n} 次提醒）`,
        en: `the ${visit} visit is not booked yet (reminder ${n})`,
      }),
    ),
  );
}

async function appointmentsKept(s: OrderState, visit: StoreVisit) {
  const { to } = s.policy.visits!.missedAppointment;
  for (;;) {
    await condition(() => appointmentOf(s, visit) !== undefined);
    const appointment = appointmentOf(s, visit)!;
    const moved = () => appointmentOf(s, visit) !== appointment;
    await runClock(
      s,
      'missed-appointment',
      () => visits[visit].done(s) || moved(),
      (firings) =>
        firings > 0
          ? undefined
          : {
              dueAt: dateEnds(s, appointment.date),
              action: `tell ${to.join(', ')} if the visit is not done`,
              fire: () => {
                appointment.missedAt = now();
                const store = s.order.store;
                const { date, team } = appointment;
                for (const role of to)
                  escalate(s, 'missed-appointment', role, {
                    zh: `上门未完成${store ? `（${store.name}，${store.region}）` : ''}：${team} ${date} 的${choiceZh(visit)}未完成，请重新预约`,
                    en: `missed appointment${store ? ` (${store.name}, ${store.region})` : ''}: the ${visit} visit on ${date} by ${team} was not done; reschedule it`,
                  });
              },
            },
    );
    await condition(moved);
  }
}

/** 成窗加工单: technical issues the finished-window order from the re-measurement, on the technical order's clock. */
async function finishedWindowOrder(s: OrderState) {
  tell(s, 'finished-window-order', 'technical', {
    zh: '已复尺：请下成窗加工单',
    en: 're-measured: issue the finished-window order (成窗加工单)',
  });
  await technicalOrderClock(s, s.facts.reMeasuredAt!, { zh: '复尺', en: 'the re-measurement' });
}
finishedWindowOrder.needs = ['reMeasuredAt'] satisfies Fact[];

/** The finished windows are made; progress is reported at least weekly from the finished-window order. */
async function windowProduction(s: OrderState) {
  await progressUpdates(s, s.facts.technicalOrderAt!);
}
windowProduction.needs = ['technicalOrderAt'] satisfies Fact[];

/** 通知门店: the store hears the windows are finished and asks the customer to pay per the contract; reminders until paid. */
async function installationPayment(s: OrderState) {
  tell(s, 'windows-finished', 'sales-rep', {
    zh: `成窗已完工：安装前客户按合同付 ${dueBeforeShipping(s)} fen`,
    en: `finished windows ready: the customer pays ${dueBeforeShipping(s)} fen per the contract before installation`,
  });
  await release(s, 'installation');
}

/** 验收: the store helps the installation team have the customer accept the windows, and reports it to the company. */
async function acceptance(s: OrderState) {
  tell(s, 'acceptance-needed', 'sales-rep', {
    zh: '窗已安装：请客户验收并上报结果',
    en: 'windows installed: have the customer accept them (验收) and report the result',
  });
}

/** After-sales as for every order, its warranty from the acceptance (domain/ledger.ts warrantyEndsAt). */
const storeAfterSales: StageWork = (s) => afterSales(s);
storeAfterSales.needs = ['acceptedAt'];

/** Technical deepens the drawings from the measurement; the customer confirms them with the configuration. */
async function drawings(s: OrderState) {
  tell(s, 'drawings-needed', 'technical', {
    zh: '已量尺：请按公司标准和客户要求深化图纸',
    en: "measured: deepen the drawings to the company's standard and the customer's wishes",
  });
}

async function submissionReview(s: OrderState) {
  tell(s, 'submission-review', 'order-desk', {
    zh: '客户已确认图纸和配置：请审核门店的提交',
    en: "the customer confirmed the drawings and configuration: review the store's submission",
  });
}

async function finalQuote(s: OrderState) {
  tell(s, 'final-quote', 'sales-rep', {
    zh: '提交已审核：请向客户出示最终图纸和报价，然后签合同',
    en: 'submission approved: present the final drawings and quote, then sign the contract',
  });
}

async function subFrameProduction(s: OrderState) {
  tell(s, 'sub-frame-needed', 'production', { zh: '请先生产钢副框', en: 'make the steel sub-frames (钢副框) first' });
}

/**
 * The store order (domain.md §4, document 000 §二), from the intent letter to the customer's
 * acceptance and after-sales. Its route is data in domain/store.ts; here is what OrderFlow does while
 * the order is in each stage.
 */
export const storeWork: ChannelWork = {
  stages: {
    'intention-deposit': intentionDeposit,
    'site-measurement': siteVisit('measurement'),
    drawings,
    'submission-review': submissionReview,
    'final-quote': finalQuote,
    deposit, // the advance named in the contract
    'production-notice': productionNotice,
    'sub-frame-production': subFrameProduction,
    'sub-frame-installation': siteVisit('sub-frame-installation'),
    're-measurement': siteVisit('re-measurement'),
    'finished-window-order': finishedWindowOrder,
    production: windowProduction,
    'put-away': putAway,
    'installation-payment': installationPayment,
    installation: siteVisit('installation'),
    acceptance,
    'after-sales': storeAfterSales,
  },
  sideLines: [delayNotices, receivables, overdueOrders, repNotices],
};

export async function storeOrder(input: OrderWorkflowInput): Promise<OrderSnapshot> {
  return runOrder(input, storeWork);
}
