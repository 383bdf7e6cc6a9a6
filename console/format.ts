import { localDateTime } from '../workflows/domain/calendar';
import { said } from '../workflows/domain/readable';
import type { Lang } from './labels';

// How the console shows money, times and durations: ¥1,234.56 from integer fen, company time, 2 小时 / 3 天 (and the
// domain's own sentences, the timeline's and the refusals', with theirs so).

export { yuan } from '../workflows/domain/money';
export { readable } from '../workflows/domain/readable';
export { said };

/** How a complaint closed, in `lang`: its Chinese where its workflow said it, else the words as written. */
export const resolutionOf = (c: { resolution?: string | null; resolutionZh?: string | null }, lang: Lang) =>
  said({ detail: c.resolution ?? '', zh: c.resolutionZh }, lang);

/** `2027-02-10 17:30` in the company's time zone. */
export const companyTime = (at: string, timeZone: string) => localDateTime(Date.parse(at), timeZone);

/** The console's page of an order's complaint (#/orders/{id}/complaints/{n}). */
export const complaintHref = (orderNumber: string, number: number) => `#/orders/${encodeURIComponent(orderNumber)}/complaints/${number}`;

const units: [ms: number, zh: string, en: string][] = [
  [86_400_000, '天', 'day'],
  [3_600_000, '小时', 'hour'],
  [60_000, '分钟', 'minute'],
];

/** A span as people say it, rounded in its largest unit: 3 天, 2 小时 (1 h 59 min), 45 分钟 (under a minute: 1 分钟). */
export function duration(ms: number, lang: Lang): string {
  const span = Math.abs(ms);
  const [unit, zh, en] = units.find(([u]) => span >= u) ?? units[units.length - 1];
  const n = Math.max(1, Math.round(span / unit));
  return lang === 'zh' ? `${n} ${zh}` : `${n} ${en}${n === 1 ? '' : 's'}`;
}

/** Due in … / overdue by …, against now. */
export function clockAgainst(dueAt: string, lang: Lang, now = Date.now()): { overdue: boolean; text: string } {
  const left = Date.parse(dueAt) - now;
  const span = duration(left, lang);
  if (left >= 0) return { overdue: false, text: lang === 'zh' ? `${span}后到期` : `due in ${span}` };
  return { overdue: true, text: lang === 'zh' ? `已超时 ${span}` : `overdue by ${span}` };
}
