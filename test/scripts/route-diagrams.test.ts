import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { channelBlocks, channelClocks, channelEvents, generatedFiles, repoRoot, withGenerated } from '../../scripts/docs';
import { routeDiagram } from '../../scripts/route-diagrams';
import type { EventType } from '../../workflows/domain/events';
import { clockLabels } from '../../workflows/domain/labels';
import { contractPermissions, distributorPermissions, groupPermissions, storePermissions } from '../../workflows/domain/permissions';
import { routes } from '../../workflows/domain/route';
import type { ClockName } from '../../workflows/domain/state';
import { policyFor } from '../../client/channels';
import type { Channel } from '../../workflows/domain/order';
import type { Policy } from '../../workflows/domain/policy';

describe('Generated documentation (docs/channels, npm run docs)', () => {
  for (const { file, blocks } of generatedFiles()) {
    const name = path.relative(repoRoot, file);
    it(`${name}: every generated block is the one the code gives now`, () => {
      const markdown = readFileSync(file, 'utf8');
      assert.equal(withGenerated(markdown, blocks, name), markdown, `${name} is stale: run \`npm run docs\``);
    });
  }

  it('refuses a page that lost a block, and keeps the prose around a block it rewrites', () => {
    assert.throws(() => withGenerated('# no markers', { route: 'x' }, 'page.md'), /page\.md has no generated block route/);
    const page =
      'before\n<!-- generated:route:begin (by `npm run docs` from the code; do not edit) -->\nold\n<!-- generated:route:end -->\nafter';
    assert.equal(
      withGenerated(page, { route: 'new' }, 'page.md'),
      'before\n<!-- generated:route:begin (by `npm run docs` from the code; do not edit) -->\n\nnew\n\n<!-- generated:route:end -->\nafter',
    );
  });

  it('lists every clock for some channel or the complaints', () => {
    const listed = new Set(Object.values(channelClocks).flat());
    assert.deepEqual(
      (Object.keys(clockLabels) as ClockName[]).filter((clock) => !listed.has(clock)),
      [],
    );
  });

  it("lists a channel's own clocks exactly where its policy has their section", () => {
    const own: [ClockName, (p: Policy) => unknown][] = [
      ['appointment-booking', (p) => p.visits],
      ['technical-question', (p) => p.distributor],
      ['material-late', (p) => p.distributor],
      ['group-tracking', (p) => p.group],
      ['group-callback', (p) => p.group],
    ];
    for (const channel of Object.keys(routes) as Channel[]) {
      for (const [clock, section] of own)
        assert.equal(channelClocks[channel].includes(clock), section(policyFor(channel, undefined)) !== undefined, `${channel}: ${clock}`);
    }
  });

  it("lists a channel's events from its stages and windows, and no event its route does not take", () => {
    const standard = channelEvents(routes.standard);
    for (const type of ['order-confirmed', 'change-requested', 'change-rejected', 'cancelled', 'complaint-filed', 'qc-failed'] as const)
      assert.ok(standard.includes(type), type);
    assert.ok(!standard.includes('quote-sent'), 'a distributor event is not a standard one');
    assert.deepEqual(channelEvents(routes.sample), ['order-confirmed', 'shipped', 'signed-for', 'cancelled']);
  });

  it("lists every event of a channel's own permissions among the channel's events (none hidden behind a helper)", () => {
    const own = { store: storePermissions, distributor: distributorPermissions, group: groupPermissions, contract: contractPermissions };
    for (const [channel, permissions] of Object.entries(own)) {
      const events = channelEvents(routes[channel as keyof typeof own]);
      assert.deepEqual(
        Object.keys(permissions).filter((type) => !events.includes(type as EventType)),
        [],
        channel,
      );
    }
  });

  it("writes the sample's cancellation window and first-confirmation default from its data", () => {
    const { windows, clocks } = channelBlocks('sample');
    assert.match(windows, /^\| `cancelled` \| `sample-request` .* \(the first\) \| `sample-delivery` .*, not included \|$/m);
    assert.match(
      clocks,
      /^\| `first-confirmation` \| .* \| `clocks.firstConfirmation` \| `\{"after":"PT4H","to":"supervisor","dayKind":"calendar"\}` \|$/m,
    );
  });
});

describe('Route diagrams', () => {
  it('enters a run of conditional stages on an edge naming the condition and skips it on a dotted edge', () => {
    const chart = routeDiagram(routes.standard);
    assert.match(chart, /^ {2}intake -->\|non-standard lines\| technical_review$/m);
    assert.match(chart, /^ {2}technical_review --> drawings$/m);
    assert.match(chart, /^ {2}intake -\. otherwise \.-> price_review$/m);
    assert.match(chart, /^ {2}confirmation_return -->\|terms with a deposit\| deposit$/m);
    assert.match(chart, /^ {2}after_sales --> archived$/m);
    assert.match(chart, /production\["production<br\/>\(in-production\)"\]/);
  });
});
