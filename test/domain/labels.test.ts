import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eventTypes } from '../../workflows/domain/events';
import {
  bilingual,
  channelLabels,
  clockLabels,
  eventActionLabels,
  eventTypeLabels,
  noticeKindLabels,
  noticeTypeLabel,
  roleLabels,
  stageLabels,
  statusLabels,
  timelineKindLabels,
  type Label,
} from '../../workflows/domain/labels';
import { Channel, Role } from '../../workflows/domain/order';
import { stages, statuses } from '../../workflows/domain/state';
import { reportKinds } from '../../workflows/reports/types';

// The business words (阶段, 状态, 事件 …) cover everything the orders can show: a stage, event, role
// or notice added without its Chinese label fails here, before a person meets it as a bare English id.

const root = path.resolve(__dirname, '..', '..', '..');
const source = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const hasChinese = (text: string) => /\p{Script=Han}/u.test(text);

function assertLabelled(kind: string, names: readonly string[], labels: Record<string, Label>) {
  const missing = names.filter((name) => !Object.prototype.hasOwnProperty.call(labels, name));
  assert.deepEqual(missing, [], `${kind} without a label in workflows/domain/labels.ts`);
  for (const name of names) {
    assert.ok(hasChinese(labels[name].zh), `${kind} ${name}: the Chinese label is not Chinese (${labels[name].zh})`);
    assert.ok(labels[name].en.length > 0, `${kind} ${name}: no English label`);
  }
  assert.deepEqual(
    Object.keys(labels).filter((name) => !names.includes(name)),
    [],
    `${kind} labels for names that do not exist`,
  );
}

/** The members of a string-literal union type in a source file (for the types with no run-time list). */
function unionMembers(file: string, type: string): string[] {
  const block = new RegExp(`export type ${type} =([^;]*);`).exec(source(file));
  assert.ok(block, `${type} not found in ${file}`);
  return [...block[1].matchAll(/\|\s*'([a-z-]+)'/g)].map((m) => m[1]);
}

/** Every notice type the workflows send: `tell(s, 'type', …)`, `notify(s, at, { kind, type: 'type' … })`, the rep's news. */
function noticeTypesSent(): string[] {
  // Every channel's workflow, route and stage code: the shared domain, each channel's own module, the stage library.
  const files = ['workflows/order-runtime.ts'];
  for (const dir of ['workflows', 'workflows/domain', 'workflows/stages'])
    files.push(
      ...fs
        .readdirSync(path.join(root, dir))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `${dir}/${f}`),
    );
  const types = new Set<string>();
  for (const text of files.map(source)) {
    for (const m of text.matchAll(/notify\(s, \w+, \{\s*kind: '[a-z]+',\s*type: (?:[^']*?\? )?'([a-z-]+)'(?: : '([a-z-]+)')?/g)) {
      types.add(m[1]);
      if (m[2]) types.add(m[2]);
    }
    for (const m of text.matchAll(/tell\(\s*s,\s*'([a-z-]+)'/g)) types.add(m[1]);
    for (const m of text.matchAll(/\btype: '([a-z-]+)',\s*said: \(\)/g)) types.add(m[1]);
  }
  return [...types, ...reportKinds.map((kind) => `report-${kind}`)];
}

describe('business labels (zh/en)', () => {
  it('name every channel, stage, status, event type, role, clock, notice kind and timeline kind in Chinese and English', () => {
    assertLabelled('stage', stages, stageLabels);
    assertLabelled('status', statuses, statusLabels);
    assertLabelled('event type', eventTypes, eventTypeLabels);
    assertLabelled('event action', eventTypes, eventActionLabels);
    assertLabelled('role', Role.options, roleLabels);
    assertLabelled('channel', Channel.options, channelLabels);
    assertLabelled('clock', unionMembers('workflows/domain/state.ts', 'ClockName'), clockLabels);
    assertLabelled('notice kind', ['notification', 'reminder', 'escalation'], noticeKindLabels);
    assertLabelled('timeline kind', unionMembers('workflows/domain/state.ts', 'TimelineKind'), timelineKindLabels);
  });

  it('name every notice type the workflows send (their own label, or their clock or event)', () => {
    const types = noticeTypesSent();
    // The scan itself works: it finds notices of each shape.
    for (const known of ['approval-needed', 'ship', 'goods-finished', 'change-request', 'report-weekly'])
      assert.ok(types.includes(known), known);
    const bare = types.filter((type) => !hasChinese(noticeTypeLabel(type).zh));
    assert.deepEqual(bare, [], 'notice types shown as bare ids');
    assert.deepEqual(noticeTypeLabel('first-confirmation'), clockLabels['first-confirmation']);
    assert.deepEqual(noticeTypeLabel('deposit-received'), eventTypeLabels['deposit-received']);
  });

  it('shows the Chinese first with the English beside', () => {
    assert.equal(bilingual(stageLabels.production), '生产 (production)');
    assert.equal(bilingual(statusLabels['pending-confirmation']), '待确认 (pending confirmation)');
  });
});
