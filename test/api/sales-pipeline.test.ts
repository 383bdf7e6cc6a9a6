import assert from 'node:assert/strict';
import { tokensFrom } from '../../api/auth';
import { openApiDocument } from '../../api/openapi';
import { call, newKey, startApi, type ApiUnderTest, type CallOptions } from '../support/api-server';

// The group sales pipeline over HTTP (the API on the dev server, its own SQLite read model): two reps
// keep their own prospects and lines, the group sales manager reads everyone's with the day's summary
// and shortfalls, and neither customers nor other departments see any of it. Days are in the week of
// Monday 2026-11-23 (the company works Monday to Saturday).

const tokens = {
  'token-rep-zhang-0001': { id: 'rep-zhang', name: '张伟 Zhang Wei', role: 'sales-rep' },
  'token-rep-wang-00001': { id: 'rep-wang', name: '王芳 Wang Fang', role: 'sales-rep' },
  'token-group-manager1': { id: 'mgr-sun', name: '孙经理 Manager Sun', role: 'group-sales-manager' },
  'token-supervisor-001': { id: 'sup-he', name: 'He Jun', role: 'supervisor' },
  'token-order-desk-001': { id: 'desk-wang', name: 'Wang Li', role: 'order-desk' },
  'token-customer-00001': { id: 'cust-li', name: 'Li Na', role: 'customer', customerId: 'C-7' },
} as const;
type Who = 'zhang' | 'wang' | 'manager' | 'supervisor' | 'desk' | 'customer';
const tokenOf: Record<Who, string> = {
  zhang: 'token-rep-zhang-0001',
  wang: 'token-rep-wang-00001',
  manager: 'token-group-manager1',
  supervisor: 'token-supervisor-001',
  desk: 'token-order-desk-001',
  customer: 'token-customer-00001',
};

describe('group sales pipeline API (dev server, SQLite)', () => {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi({ worker: false, tokens: tokensFrom(tokens) });
  });
  after(async () => api?.stop());

  const as = (who: Who, method: string, url: string, options: Omit<CallOptions, 'role'> = {}) =>
    call(api, method, `/api/v1/sales-pipeline${url}`, {
      ...options,
      headers: { authorization: `Bearer ${tokenOf[who]}`, ...options.headers },
    });

  let prospect: string;

  it('lets a rep add a prospect at 电话约访 Dh; the same request again is answered with it, the key with another body is 422', async () => {
    const key = newKey();
    const body = { company: '杭州银泰酒店 Hangzhou Yintai Hotel', contact: '陈经理 Manager Chen', openedOn: '2026-11-02' };
    const created = await as('zhang', 'POST', '/prospects', { body, key });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(
      [created.body.stage, created.body.status, created.body.rep.id, created.body.openedOn],
      ['dh', 'open', 'rep-zhang', '2026-11-02'],
    );
    prospect = created.body.id;
    assert.equal(created.headers.get('location'), `/api/v1/sales-pipeline/prospects/${prospect}`);
    const again = await as('zhang', 'POST', '/prospects', { body, key });
    assert.deepEqual([again.status, again.body.id], [201, prospect]);
    const reused = await as('zhang', 'POST', '/prospects', { body: { ...body, company: 'Another Co' }, key });
    assert.deepEqual([reused.status, reused.body.type], [422, 'urn:orderflow:problem:idempotency-key-reused']);
    const invalid = await as('zhang', 'POST', '/prospects', { body: { company: '', rep: 'rep-wang' } });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body.errors.map((e: { field: string }) => e.field).sort(), ['company', 'rep']);
  });

  it('moves it one step at a time: Zl names the data sheet and the proposal request, a skipped step is 409 naming the next', async () => {
    const hq = await as('zhang', 'POST', `/prospects/${prospect}/moves`, { body: { to: 'hq', on: '2026-11-23' } });
    assert.deepEqual([hq.status, hq.body.stage], [200, 'hq']);
    const skipped = await as('zhang', 'POST', `/prospects/${prospect}/moves`, { body: { to: 'fa', on: '2026-11-24' } });
    assert.equal(skipped.status, 409);
    assert.equal(skipped.body.type, 'urn:orderflow:problem:stage-not-next');
    assert.match(skipped.body.detail, /Hangzhou Yintai Hotel: the prospect is at 唤起需求 Hq .*next step is 资料搜集 Zl/);
    const noSheet = await as('zhang', 'POST', `/prospects/${prospect}/moves`, { body: { to: 'zl', on: '2026-11-24' } });
    assert.deepEqual(
      [noSheet.status, noSheet.body.errors.map((e: { field: string }) => e.field).sort()],
      [400, ['dataSheetRef', 'proposalRequestRef']],
    );
    const key = newKey();
    const zl = { to: 'zl', on: '2026-11-24', dataSheetRef: 'KH-ZL-1124', proposalRequestRef: 'FA-SQ-1124' };
    assert.equal((await as('zhang', 'POST', `/prospects/${prospect}/moves`, { body: zl, key })).status, 200);
    const retried = await as('zhang', 'POST', `/prospects/${prospect}/moves`, { body: zl, key });
    assert.equal(retried.status, 200, 'a retry is answered, not refused as out of turn');
    assert.deepEqual(
      retried.body.moves.map((m: { to: string; on: string }) => `${m.to} ${m.on}`),
      ['dh 2026-11-02', 'hq 2026-11-23', 'zl 2026-11-24'],
    );
    const ahead = await as('zhang', 'POST', `/prospects/${prospect}/moves`, { body: { to: 'fa', on: '2099-01-05' } });
    assert.deepEqual(
      [ahead.status, ahead.body.errors],
      [400, [{ field: 'on', message: '2099-01-05 has not come yet: record it on that day or after it' }]],
    );
    const referrals = await as('zhang', 'POST', `/prospects/${prospect}/referrals`, {
      body: { referrals: [{ name: '李总 Mr Li', company: 'Hangzhou Hotel Group' }], on: '2026-11-24' },
    });
    assert.deepEqual(referrals.body.referrals, [
      { name: '李总 Mr Li', company: 'Hangzhou Hotel Group', phone: null, collectedOn: '2026-11-24' },
    ]);
  });

  it("keeps a rep out of another rep's pipeline, and managers out of writing it", async () => {
    assert.equal((await as('wang', 'GET', `/prospects/${prospect}`)).status, 404);
    const moved = await as('wang', 'POST', `/prospects/${prospect}/moves`, { body: { to: 'fa' } });
    assert.deepEqual([moved.status, moved.body.type], [404, 'urn:orderflow:problem:prospect-not-found']);
    const named = await as('wang', 'GET', '/prospects?rep=rep-zhang');
    assert.deepEqual([named.status, named.body.detail], [403, 'a sales rep sees their own pipeline and lines only']);
    assert.equal((await as('wang', 'GET', '/prospects')).body.total, 0);
    const listed = await as('manager', 'GET', '/prospects?stage=zl');
    assert.deepEqual([listed.status, listed.body.prospects.map((p: { id: string }) => p.id)], [200, [prospect]]);
    const written = await as('manager', 'POST', '/prospects', { body: { company: 'Managers do not' } });
    assert.equal(written.status, 403);
    assert.match(written.body.detail, /a sales rep records their own/);
  });

  it('refuses customers and other departments everything, in business words (403)', async () => {
    for (const who of ['customer', 'desk'] as const) {
      for (const url of [
        '/prospects',
        `/prospects/${prospect}`,
        '/activity-lines',
        '/plans',
        '/summary',
        '/shortfalls',
        '/results-board',
      ]) {
        const refused = await as(who, 'GET', url);
        assert.equal(refused.status, 403, `${who} ${url}`);
        assert.match(refused.body.detail, /for its sales reps and managers/);
      }
      const posted = await as(who, 'POST', '/activity-lines', {
        body: { day: '2026-11-23', hq: 1, zl: 0, fa: 0, cc: 0, contracts: 0, contractAmount: 0, commission: 0 },
      });
      assert.equal(posted.status, 403, who);
    }
  });

  const line = (day: string, l: string) => {
    const [hq, zl, fa, cc, contracts, contractAmount, commission] = l.split(':').map(Number);
    return { day, hq, zl, fa, cc, contracts, contractAmount, commission };
  };

  it("records the evening line (201), replaces it with a correction (200), and refuses a day not yet come or figures that don't add up (422)", async () => {
    const first = await as('zhang', 'POST', '/activity-lines', { body: line('2026-11-28', '1:1:0:0:0:0:0') });
    assert.deepEqual([first.status, first.body.line, first.body.corrections], [201, '1:1:0:0:0:0.00:0.00', 0]);
    const corrected = await as('zhang', 'POST', '/activity-lines', { body: line('2026-11-28', '2:1:0:1:1:2000000:60000') });
    assert.deepEqual([corrected.status, corrected.body.line, corrected.body.corrections], [200, '2:1:0:1:1:20000.00:600.00', 1]);
    const future = await as('zhang', 'POST', '/activity-lines', { body: line('2099-01-05', '1:0:0:0:0:0:0') });
    assert.deepEqual([future.status, future.body.type], [422, 'urn:orderflow:problem:activity-line-refused']);
    assert.match(future.body.detail, /the line for 2099-01-05 is recorded on that day or after it/);
    const unpaid = await as('zhang', 'POST', '/activity-lines', { body: line('2026-11-27', '1:0:0:1:1:0:0') });
    assert.deepEqual(
      [unpaid.status, unpaid.body.detail],
      [422, '1:0:0:1:1:0.00:0.00: contracts signed (N) and their amount (C) go together: both 0 or both above 0'],
    );
    for (const [day, l] of [
      ['2026-11-23', '2:1:1:0:0:0:0'],
      ['2026-11-24', '1:1:1:1:1:1200000:36000'],
      ['2026-11-25', '2:2:0:0:0:0:0'],
      ['2026-11-26', '1:1:1:1:0:0:0'],
      ['2026-11-27', '2:1:1:1:1:860000:25800'],
    ])
      assert.equal((await as('zhang', 'POST', '/activity-lines', { body: line(day, l) })).status, 201);
    assert.equal((await as('wang', 'POST', '/activity-lines', { body: line('2026-11-27', '1:1:0:0:0:0:0') })).status, 201);
    const mine = await as('wang', 'GET', '/activity-lines?from=2026-11-23&to=2026-11-28');
    assert.deepEqual(
      mine.body.lines.map((l: { rep: { id: string }; day: string }) => `${l.rep.id} ${l.day}`),
      ['rep-wang 2026-11-27'],
    );
  });

  it("gives the manager Saturday's summary with each rep's shortfalls; a rep reads only their own shortfalls", async () => {
    const summary = await as('manager', 'GET', '/summary?day=2026-11-28');
    assert.equal(summary.status, 200, JSON.stringify(summary.body));
    assert.equal(summary.body.line, '2:1:0:1:1:20000.00:600.00');
    assert.deepEqual(
      summary.body.reps.map(
        (r: {
          rep: { id: string };
          line: string | null;
          weekEffectiveActivities: number;
          openProspects: number;
          shortfalls: { kind: string }[];
        }) => [r.rep.id, r.line, r.weekEffectiveActivities, r.openProspects, r.shortfalls.map((s) => s.kind)],
      ),
      [
        ['rep-wang', null, 2, 0, ['no-line', 'pipeline', 'visits', 'weekly-activities']],
        ['rep-zhang', '2:1:0:1:1:20000.00:600.00', 25, 1, ['pipeline']],
      ],
    );
    assert.equal((await as('supervisor', 'GET', '/summary?day=2026-11-28')).status, 200);
    const refused = await as('zhang', 'GET', '/summary?day=2026-11-28');
    assert.deepEqual(
      [refused.status, refused.body.detail],
      [403, "the day's summary is the group sales manager's; a sales rep reads their own shortfalls"],
    );
    const own = await as('zhang', 'GET', '/shortfalls?day=2026-11-28');
    assert.deepEqual(own.body.shortfalls, [
      {
        repId: 'rep-zhang',
        kind: 'pipeline',
        actual: 1,
        standard: 150,
        repName: '张伟 Zhang Wei',
        name: '客户储备不足 Pipeline below standard',
      },
    ]);
    assert.deepEqual(own.body.standards, { pipelineAtLeast: 150, visitsPerDayAtLeast: 3, effectiveActivitiesPerWeekAtLeast: 25 });
    assert.equal((await as('manager', 'GET', '/shortfalls?day=2026-11-28')).body.shortfalls.length, 5);
    assert.equal((await as('manager', 'GET', '/shortfalls?day=28-11-2026')).status, 400);
  });

  it('takes half-week plans from a Monday or a Thursday only, and shows the Monday board to every rep', async () => {
    const { day: _day, ...figures } = line('2026-11-26', '6:4:2:2:2:3000000:90000');
    const tuesday = await as('zhang', 'POST', '/plans', { body: { from: '2026-11-24', ...figures } });
    assert.equal(tuesday.status, 400);
    assert.deepEqual(tuesday.body.errors, [
      { field: 'from', message: 'a plan covers Monday–Wednesday or Thursday–Saturday: start it on a Monday or a Thursday' },
    ]);
    const plan = await as('zhang', 'POST', '/plans', { body: { from: '2026-11-26', ...figures, note: '3 visits in Xiaoshan' } });
    assert.deepEqual([plan.status, plan.body.from, plan.body.to], [200, '2026-11-26', '2026-11-28']);
    const board = await as('wang', 'GET', '/results-board?day=2026-11-30');
    assert.equal(board.status, 200);
    assert.deepEqual([board.body.from, board.body.to], ['2026-11-26', '2026-11-28']);
    assert.deepEqual(
      board.body.reps.map((r: { rep: { id: string }; actual: { line: string }; plan: { line: string } | null }) => [
        r.rep.id,
        r.actual.line,
        r.plan?.line ?? null,
      ]),
      [
        ['rep-zhang', '5:3:2:3:2:28600.00:858.00', '6:4:2:2:2:30000.00:900.00'],
        ['rep-wang', '1:1:0:0:0:0.00:0.00', null],
      ],
    );
  });

  it('documents every pipeline endpoint in the OpenAPI, with descriptions and examples', () => {
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { description?: string }>>;
      components: { schemas: Record<string, { examples?: unknown[] }> };
    };
    for (const path of [
      'prospects',
      'prospects/{id}',
      'prospects/{id}/moves',
      'prospects/{id}/referrals',
      'activity-lines',
      'plans',
      'summary',
      'shortfalls',
      'results-board',
    ]) {
      const item = doc.paths[`/sales-pipeline/${path}`];
      assert.ok(item, path);
      for (const operation of Object.values(item)) assert.ok(operation.description, `${path} has a description`);
    }
    for (const name of [
      'CreateProspect',
      'ProspectMove',
      'RecordActivityLine',
      'RecordPlan',
      'Prospect',
      'SalesSummary',
      'Shortfalls',
      'ResultsBoard',
    ])
      assert.ok(doc.components.schemas[name]?.examples?.length, `${name} has an example`);
  });
});
