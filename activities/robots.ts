import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { issueList } from '../client/issues';
import { localDateTime } from '../workflows/domain/calendar';
import { noticeKindLabels, noticeTypeLabel, roleLabels, type Label } from '../workflows/domain/labels';
import { yuan } from '../workflows/domain/money';
import { said } from '../workflows/domain/readable';
import { Role } from '../workflows/domain/order';
import type { OutboxMessage } from './outbox';

// Notices where people are (群机器人): WeCom group robots (企业微信), DingTalk custom robots (钉钉,
// optionally signed) and Feishu custom bots (飞书, optionally signed), each in its own markdown card,
// routed per role or per department (a group of roles) from ORDERFLOW_ROBOTS_FILE. Chinese first;
// a robot may show English beside it or instead. The platforms answer HTTP 200 with an error code in
// the body: a code other than 0 is a failed delivery (rate limits and "busy" are retried, anything
// else is final and the notice becomes a dead letter at once).

const Platform = z.enum(['wecom', 'dingtalk', 'feishu']);
type Platform = z.infer<typeof Platform>;

const Robot = z
  .object({
    platform: Platform,
    /** The robot's webhook address as the platform gives it (with its key or access token). */
    url: z.url({ protocol: /^https?$/ }),
    /** DingTalk's 加签 secret (SEC…) or Feishu's 签名校验 secret: requests are signed with it. */
    secret: z.string().min(1).optional(),
    /** zh: Chinese only (default); zh-en: Chinese, then the English; en: English only. */
    language: z.enum(['zh', 'zh-en', 'en']).default('zh'),
  })
  .strict()
  .refine((robot) => robot.secret === undefined || robot.platform !== 'wecom', {
    message: 'a WeCom group robot has no secret (its key is in the url)',
    path: ['secret'],
  });
export type Robot = z.infer<typeof Robot> & { name: string };

const RobotNames = z.array(z.string().min(1)).min(1);

export const RobotsConfig = z
  .object({
    /** The company's time zone for the times on the cards (an order's own calendar wins). */
    timeZone: z.string().default('Asia/Shanghai'),
    robots: z.record(z.string().min(1), Robot),
    /** Per role: the robots its notices go to. */
    roles: z.partialRecord(Role, RobotNames).default({}),
    /** Per department (部门): the roles it takes in, and the robots their notices go to. */
    departments: z.record(z.string().min(1), z.object({ roles: z.array(Role).min(1), robots: RobotNames }).strict()).default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    const named = (names: string[], path: (string | number)[]) => {
      for (const [i, name] of names.entries())
        if (!(name in config.robots)) ctx.addIssue({ code: 'custom', message: `no robot named ${name}`, path: [...path, i] });
    };
    for (const [role, names] of Object.entries(config.roles)) named(names ?? [], ['roles', role]);
    for (const [department, { robots }] of Object.entries(config.departments)) named(robots, ['departments', department, 'robots']);
    try {
      new Intl.DateTimeFormat('en', { timeZone: config.timeZone });
    } catch {
      ctx.addIssue({ code: 'custom', message: `unknown time zone ${config.timeZone}`, path: ['timeZone'] });
    }
  });
export type RobotsConfig = z.infer<typeof RobotsConfig>;

/** Reads and checks ORDERFLOW_ROBOTS_FILE; the error names the file and every wrong entry. */
export function robotsConfigFromFile(file: string): RobotsConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`ORDERFLOW_ROBOTS_FILE ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = RobotsConfig.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`ORDERFLOW_ROBOTS_FILE ${file}: ${issueList(parsed.error.issues, '(file)')}`);
  }
  return parsed.data;
}

/** The robots a notice for `role` goes to: the role's own, and its departments', each once, in the file's order. */
export function robotsFor(config: RobotsConfig, role: Role): Robot[] {
  const names = new Set(config.roles[role] ?? []);
  for (const department of Object.values(config.departments))
    if (department.roles.includes(role)) department.robots.forEach((n) => names.add(n));
  return Object.keys(config.robots)
    .filter((name) => names.has(name))
    .map((name) => ({ ...config.robots[name], name }));
}

// ---------- what a card says ----------

export interface Card {
  title: string;
  /** Markdown lines; each platform joins them its own way. */
  lines: string[];
  kind: OutboxMessage['notice']['kind'];
}

/** The card for one notice: what it is (kind and type), the order and customer, who it is for, when, the money, and its sentence. */
export function cardOf(message: OutboxMessage, language: Robot['language'], defaultTimeZone: string): Card {
  const { notice, order } = message;
  const timeZone = order?.timeZone ?? defaultTimeZone;
  const at = localDateTime(Date.parse(message.at), timeZone);
  const what = (l: keyof Label) => `${noticeKindLabels[notice.kind][l]}: ${noticeTypeLabel(notice.type)[l]}`;
  const to = (l: keyof Label) => `${roleLabels[notice.to][l]}${notice.person ? ` ${notice.person}` : ''}`;
  const zh = [
    `**【${noticeKindLabels[notice.kind].zh}】${noticeTypeLabel(notice.type).zh}**`,
    `订单：${message.orderNumber}`,
    ...(order ? [`客户：${order.customer}`] : []),
    `发给：${to('zh')}`,
    `时间：${at}`,
    ...(order ? [`金额：${yuan(order.amount)} · 未收：${yuan(order.balanceDue)}`] : []),
    `说明：${said(notice, 'zh')}`,
  ];
  const en = [
    `**${what('en')}**`,
    `Order: ${message.orderNumber}`,
    ...(order ? [`Customer: ${order.customer}`] : []),
    `To: ${to('en')}`,
    `Time: ${at} (${timeZone})`,
    ...(order ? [`Amount: ${yuan(order.amount)}, balance due: ${yuan(order.balanceDue)}`] : []),
    `Detail: ${said(notice, 'en')}`,
  ];
  const title = {
    zh: `${what('zh')} · ${message.orderNumber}`,
    en: `${what('en')} · ${message.orderNumber}`,
    'zh-en': `${what('zh')} · ${message.orderNumber}`,
  }[language];
  const lines = { zh, en, 'zh-en': [...zh, '---', ...en] }[language];
  return { title, lines, kind: notice.kind };
}

// ---------- each platform's request ----------

/** DingTalk's signature (加签): HMAC-SHA256 of "timestamp\nsecret" keyed by the secret, base64, then URL-encoded. */
export function dingTalkSign(timestamp: number, secret: string): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
}

/** Feishu's signature (签名校验): HMAC-SHA256 keyed by "timestamp\nsecret" over nothing, base64; timestamp in seconds. */
export function feishuSign(timestamp: number, secret: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

const feishuColours: Record<Card['kind'], string> = { notification: 'blue', reminder: 'orange', escalation: 'red' };

/** The request one robot is sent: its URL (DingTalk's carries the signature) and its JSON body. */
export function robotRequest(robot: Robot, card: Card, now: number): { url: string; body: unknown } {
  switch (robot.platform) {
    case 'wecom':
      return { url: robot.url, body: { msgtype: 'markdown', markdown: { content: card.lines.join('\n') } } };
    case 'dingtalk': {
      const url = robot.secret ? `${robot.url}&timestamp=${now}&sign=${dingTalkSign(now, robot.secret)}` : robot.url;
      // DingTalk's markdown breaks a line only at an empty line.
      return { url, body: { msgtype: 'markdown', markdown: { title: card.title, text: card.lines.join('\n\n') } } };
    }
    case 'feishu': {
      const seconds = Math.floor(now / 1000);
      return {
        url: robot.url,
        body: {
          ...(robot.secret ? { timestamp: String(seconds), sign: feishuSign(seconds, robot.secret) } : {}),
          msg_type: 'interactive',
          card: {
            header: { template: feishuColours[card.kind], title: { tag: 'plain_text', content: card.title } },
            elements: [{ tag: 'markdown', content: card.lines.join('\n') }],
          },
        },
      };
    }
  }
}

const platformNames: Record<Platform, string> = { wecom: 'WeCom robot', dingtalk: 'DingTalk robot', feishu: 'Feishu bot' };

/** Codes that say "not now" (rate limits, busy): retried like a 429. Every other non-zero code is final. */
const passingCodes: Record<Platform, ReadonlySet<number>> = {
  wecom: new Set([-1, 45009]), // system busy; api freq out of limit
  dingtalk: new Set([-1, 130101]), // system busy; send too fast
  feishu: new Set([11232]), // frequency limited
};

/** What a robot answered, in business words: delivered, or why not and whether a retry may help. */
export function robotAnswer(robot: Robot, body: string): { ok: true } | { ok: false; permanent: boolean; message: string } {
  let answer: { errcode?: unknown; errmsg?: unknown; code?: unknown; msg?: unknown; StatusCode?: unknown };
  try {
    answer = JSON.parse(body);
  } catch {
    return {
      ok: false,
      permanent: false,
      message: `the ${platformNames[robot.platform]} ${robot.name} answered something that is not JSON`,
    };
  }
  const code = robot.platform === 'feishu' ? (answer.code ?? answer.StatusCode) : answer.errcode;
  if (code === 0) return { ok: true };
  const text = robot.platform === 'feishu' ? answer.msg : answer.errmsg;
  const permanent = typeof code !== 'number' || !passingCodes[robot.platform].has(code);
  return {
    ok: false,
    permanent,
    message: `the ${platformNames[robot.platform]} ${robot.name} refused the notice (${robot.platform === 'feishu' ? 'code' : 'errcode'} ${String(code)}: ${String(text)})`,
  };
}
