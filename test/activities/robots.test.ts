import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { FileOutbox, type OutboxMessage } from '../../activities/outbox';
import { quietActivityEnvironment, undeliverable } from '../support/activities';
import { cardOf, robotsConfigFromFile, RobotsConfig } from '../../activities/robots';
import { workerConfigFromEnvironment } from '../../worker/config';

// Notices to the group robots (WeCom, DingTalk, Feishu): one real HTTP server on 127.0.0.1 plays all
// three platforms as their documentation describes them (a 200 with an error code in the body when it
// refuses; DingTalk and Feishu check the request's signature with the documented algorithm, computed
// here on the server's side independently of the code under test).

interface Received {
  platform: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

const dingTalkSecret = 'SEC0123456789abcdef-dingtalk';
const feishuSecret = 'feishu-secret-4f2a';

const message = (key: string, to: OutboxMessage['notice']['to'], overrides: Partial<OutboxMessage['notice']> = {}): OutboxMessage => ({
  key,
  orderNumber: 'SO-1001',
  at: '2026-11-22T01:00:00.000Z', // 09:00 in Shanghai
  notice: { seq: 3, kind: 'notification', type: 'production-notice', to, detail: 'stamp the production notice', ...overrides },
  order: { customer: '宁波灯具', amount: 1_234_556, balanceDue: 1_034_556, timeZone: 'Asia/Shanghai' },
});

describe('group robots (WeCom, DingTalk, Feishu)', () => {
  let server: http.Server;
  let base: string;
  let dir: string;
  const received: Received[] = [];
  /** Error answers the platform gives next (by platform), one per request; then success. */
  const refusals: Record<string, object[]> = { wecom: [], dingtalk: [], feishu: [] };

  /** What the real platform checks before it takes a message: DingTalk's and Feishu's signatures. */
  function signatureProblem(platform: string, query: URLSearchParams, body: Record<string, unknown>): object | undefined {
    if (platform === 'dingtalk') {
      const timestamp = query.get('timestamp');
      // The documented algorithm: HmacSHA256 over "timestamp\nsecret" keyed by the secret, Base64, then urlEncode.
      const expected = createHmac('sha256', dingTalkSecret).update(`${timestamp}\n${dingTalkSecret}`).digest('base64');
      const withinAnHour = Math.abs(Date.now() - Number(timestamp)) < 3600_000;
      // URLSearchParams decodes the URL-encoded sign once: what is left must be the Base64 itself.
      if (!withinAnHour || query.get('sign') !== expected) return { errcode: 310000, errmsg: 'sign not match' };
    }
    if (platform === 'feishu') {
      // The documented algorithm: HmacSHA256 keyed by "timestamp\nsecret" over an empty message, Base64; timestamp in seconds.
      const expected = createHmac('sha256', `${String(body.timestamp)}\n${feishuSecret}`)
        .update('')
        .digest('base64');
      const withinAnHour = Math.abs(Date.now() / 1000 - Number(body.timestamp)) < 3600;
      if (!withinAnHour || body.sign !== expected)
        return { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' };
    }
    return undefined;
  }

  before(async () => {
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        const url = new URL(req.url!, 'http://robots');
        const platform = url.pathname.split('/')[1];
        const body = JSON.parse(text) as Record<string, unknown>;
        const problem = signatureProblem(platform, url.searchParams, body) ?? refusals[platform].shift();
        if (!problem) received.push({ platform, query: url.searchParams, body });
        const ok = platform === 'feishu' ? { code: 0, msg: 'success', data: {} } : { errcode: 0, errmsg: 'ok' };
        // The platforms answer 200 whether they took the message or not.
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(problem ?? ok));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-robots-'));
    received.length = 0;
    for (const list of Object.values(refusals)) list.length = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The robots file as an operator writes it. */
  const configFile = (overrides: Record<string, unknown> = {}) => ({
    robots: {
      'production-group': { platform: 'wecom', url: `${base}/wecom/cgi-bin/webhook/send?key=k-1` },
      'sales-group': {
        platform: 'dingtalk',
        url: `${base}/dingtalk/robot/send?access_token=t-1`,
        secret: dingTalkSecret,
        language: 'zh-en',
      },
      'finance-group': { platform: 'feishu', url: `${base}/feishu/open-apis/bot/v2/hook/h-1`, secret: feishuSecret },
    },
    roles: { finance: ['finance-group'], supervisor: ['sales-group', 'finance-group'] },
    departments: {
      生产部: { roles: ['production', 'qc'], robots: ['production-group'] },
      销售部: { roles: ['sales-rep', 'supervisor'], robots: ['sales-group'] },
    },
    ...overrides,
  });
  const robots = (overrides?: Record<string, unknown>) => RobotsConfig.parse(configFile(overrides));
  const activities = (overrides?: Record<string, unknown>) => createActivities({ outbox: new FileOutbox(dir), robots: robots(overrides) });

  it('sends a WeCom markdown message in Chinese: the notice, order, customer, company time and money in ¥', async () => {
    const env = quietActivityEnvironment();
    assert.equal(await env.run(activities().deliverNotice, message('order-SO-1001/3', 'production')), true);
    assert.equal(received.length, 1);
    assert.equal(received[0].platform, 'wecom');
    assert.equal(received[0].query.get('key'), 'k-1');
    assert.deepEqual(received[0].body, {
      msgtype: 'markdown',
      markdown: {
        content: [
          '**【通知】生产通知单**',
          '订单：SO-1001',
          '客户：宁波灯具',
          '发给：生产部',
          '时间：2026-11-22 09:00',
          '金额：¥12,345.56 · 未收：¥10,345.56',
          '说明：stamp the production notice',
        ].join('\n'),
      },
    });
  });

  it('signs a DingTalk message (timestamp and sign on the URL) and shows the English after the Chinese when the robot asks', async () => {
    // The order writes its clocks' sentences in both languages: the Chinese card says it in Chinese, the English in English.
    const env = quietActivityEnvironment();
    const reminder = message('order-SO-1001/4', 'sales-rep', {
      kind: 'reminder',
      type: 'balance-reminder',
      person: 'rep-li',
      detail: 'balance of 850000 fen not received (reminder 1)',
      zh: '余款 850000 fen 未到账（第 1 次提醒）',
    });
    const before = Date.now();
    assert.equal(await env.run(activities().deliverNotice, reminder), true);
    assert.equal(received.length, 1, 'the server found the signature right');
    const [{ platform, query, body }] = received;
    assert.equal(platform, 'dingtalk');
    assert.equal(query.get('access_token'), 't-1');
    assert.ok(Number(query.get('timestamp')) >= before && Number(query.get('timestamp')) <= Date.now(), 'timestamp in milliseconds');
    assert.deepEqual(body, {
      msgtype: 'markdown',
      markdown: {
        title: '提醒: 余款催收 · SO-1001',
        text: [
          '**【提醒】余款催收**',
          '订单：SO-1001',
          '客户：宁波灯具',
          '发给：销售代表 rep-li',
          '时间：2026-11-22 09:00',
          '金额：¥12,345.56 · 未收：¥10,345.56',
          '说明：余款 ¥8,500.00 未到账（第 1 次提醒）',
          '---',
          '**reminder: balance reminder**',
          'Order: SO-1001',
          'Customer: 宁波灯具',
          'To: sales rep rep-li',
          'Time: 2026-11-22 09:00 (Asia/Shanghai)',
          'Amount: ¥12,345.56, balance due: ¥10,345.56',
          'Detail: balance of ¥8,500.00 not received (reminder 1)',
        ].join('\n\n'),
      },
    });
  });

  it('sends a signed Feishu card, and routes a role to its own robots and its department’s, each once', async () => {
    const env = quietActivityEnvironment();
    const escalation = message('order-SO-1001/5', 'supervisor', {
      kind: 'escalation',
      type: 'first-confirmation',
      detail: 'order not confirmed within PT2H of receipt',
      zh: '订单收到后 PT2H内未确认',
    });
    assert.equal(await env.run(activities().deliverNotice, escalation), true);
    // The supervisor's own robots (sales-group, finance-group) and 销售部's (sales-group again): two messages.
    assert.deepEqual(received.map((r) => r.platform).sort(), ['dingtalk', 'feishu']);
    const feishu = received.find((r) => r.platform === 'feishu')!.body;
    assert.match(String(feishu.timestamp), /^\d{10}$/, 'timestamp in seconds');
    assert.deepEqual(
      { ...feishu, timestamp: undefined, sign: undefined },
      {
        timestamp: undefined,
        sign: undefined,
        msg_type: 'interactive',
        card: {
          header: { template: 'red', title: { tag: 'plain_text', content: '升级: 首次确认超时 · SO-1001' } },
          elements: [
            {
              tag: 'markdown',
              content: [
                '**【升级】首次确认超时**',
                '订单：SO-1001',
                '客户：宁波灯具',
                '发给：主管',
                '时间：2026-11-22 09:00',
                '金额：¥12,345.56 · 未收：¥10,345.56',
                '说明：订单收到后 2 小时内未确认',
              ].join('\n'),
            },
          ],
        },
      },
    );
    received.length = 0;
    // A role no robot is configured for: kept in the outbox only.
    assert.equal(await env.run(activities().deliverNotice, message('order-SO-1001/6', 'warehouse')), true);
    assert.deepEqual(received, []);
  });

  it("treats a platform's error answer as a failed delivery: final (dead letter at once), or retried for a rate limit", async () => {
    const env = quietActivityEnvironment();
    const { deliverNotice } = activities();
    refusals.wecom.push({ errcode: 93000, errmsg: 'invalid webhook url' });
    await assert.rejects(
      env.run(deliverNotice, message('order-SO-1001/7', 'qc')),
      undeliverable(/WeCom robot production-group refused the notice \(errcode 93000: invalid webhook url\)/),
    );
    // A wrong secret: the server's own signature check refuses it.
    const wrongSecret = configFile();
    (wrongSecret.robots['finance-group'] as { secret: string }).secret = 'not-the-secret';
    const misconfigured = createActivities({ outbox: new FileOutbox(dir), robots: RobotsConfig.parse(wrongSecret) });
    await assert.rejects(
      env.run(misconfigured.deliverNotice, message('order-SO-1001/8', 'finance')),
      undeliverable(/Feishu bot finance-group refused the notice \(code 19021/),
    );
    refusals.dingtalk.push({ errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
    await assert.rejects(env.run(deliverNotice, message('order-SO-1001/9', 'sales-rep')), (error: unknown) => {
      assert.ok(!(error instanceof ApplicationFailure && error.nonRetryable), 'a rate limit is retried');
      assert.match(String(error), /DingTalk robot sales-group refused the notice \(errcode 130101/);
      return true;
    });
    assert.deepEqual(received, [], 'nothing was taken');
    assert.equal(await env.run(deliverNotice, message('order-SO-1001/9', 'sales-rep')), true, 'taken on the retry');
    assert.equal(received.length, 1);
  });

  it('retries idempotently: a robot that has the message does not get it again when another failed', async () => {
    const env = quietActivityEnvironment();
    const { deliverNotice } = activities();
    const escalation = message('order-SO-1001/10', 'supervisor', { kind: 'escalation', type: 'delay-notice' });
    // The supervisor's robots in the file's order: sales-group (DingTalk), then finance-group (Feishu), which is busy.
    refusals.feishu.push({ code: 11232, msg: 'frequency limited psm' });
    await assert.rejects(env.run(deliverNotice, escalation), /Feishu bot finance-group refused the notice \(code 11232/);
    assert.deepEqual(
      received.map((r) => r.platform),
      ['dingtalk'],
    );
    const [stored] = await new FileOutbox(dir).list('SO-1001');
    assert.deepEqual(stored.deliveredTo, ['robot:sales-group']);
    assert.equal(await env.run(deliverNotice, escalation), true);
    assert.equal(await env.run(deliverNotice, escalation), false, 'a third attempt sends nothing');
    assert.deepEqual(
      received.map((r) => r.platform),
      ['dingtalk', 'feishu'],
    );
  });

  it("words a company report's notice (no order behind it) in the file's time zone", () => {
    const report: OutboxMessage = {
      key: 'report-weekly-2026-11-30/1',
      orderNumber: 'weekly-2026-11-30',
      at: '2026-11-30T00:30:00.000Z',
      notice: { seq: 1, kind: 'notification', type: 'report-weekly', to: 'supervisor', detail: 'weekly report 2026-11-23 – 2026-11-29' },
    };
    assert.deepEqual(cardOf(report, 'zh', 'Asia/Shanghai'), {
      title: '通知: 周报 · weekly-2026-11-30',
      kind: 'notification',
      lines: [
        '**【通知】周报**',
        '订单：weekly-2026-11-30',
        '发给：主管',
        '时间：2026-11-30 08:30',
        '说明：weekly report 2026-11-23 – 2026-11-29',
      ],
    });
  });

  it('reads ORDERFLOW_ROBOTS_FILE and names every wrong entry', () => {
    const file = path.join(dir, 'robots.json');
    fs.writeFileSync(file, JSON.stringify(configFile()));
    const config = workerConfigFromEnvironment({ ORDERFLOW_ROBOTS_FILE: file, ORDERFLOW_REPORT_SCHEDULES: 'false' });
    assert.deepEqual(Object.keys(config.robots!.robots), ['production-group', 'sales-group', 'finance-group']);
    assert.equal(config.robots!.timeZone, 'Asia/Shanghai');
    fs.writeFileSync(
      file,
      JSON.stringify(
        configFile({
          roles: { finance: ['no-such-robot'], cashier: ['finance-group'] },
          robots: { 'wecom-with-secret': { platform: 'wecom', url: `${base}/wecom`, secret: 'x' } },
          departments: {},
        }),
      ),
    );
    assert.throws(
      () => robotsConfigFromFile(file),
      (error: Error) => {
        assert.match(error.message, /^ORDERFLOW_ROBOTS_FILE .*robots\.json: /);
        assert.match(error.message, /robots\.wecom-with-secret\.secret: a WeCom group robot has no secret/);
        assert.match(error.message, /roles\.cashier: /);
        assert.match(error.message, /roles\.finance\.0: no robot named no-such-robot/);
        return true;
      },
    );
    fs.writeFileSync(file, '{"robots": ');
    assert.throws(() => robotsConfigFromFile(file), /^Error: ORDERFLOW_ROBOTS_FILE .*robots\.json: .*JSON/);
  });
});
