import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { channelForms, policyFor } from '../client/channels';
import { complaintEventData, complaintEventTypes } from '../workflows/domain/complaint-events';
import { eventData, eventTypes, type EventType } from '../workflows/domain/events';
import { channelLabels, clockLabels, eventTypeLabels, roleLabels, stageLabels, statusLabels } from '../workflows/domain/labels';
import type { Channel, Role } from '../workflows/domain/order';
import { rolesFor } from '../workflows/domain/permissions';
import type { Policy } from '../workflows/domain/policy';
import { routes, type Route, type RouteStep, type Span } from '../workflows/domain/route';
import { visits } from '../workflows/domain/store';
import { statusOfStage, type ClockName, type Stage } from '../workflows/domain/state';
import { routeDiagram } from './route-diagrams';

// The project's documentation in docs/, its data sections generated from the code so that they
// cannot drift from what the workflows run: each channel's route diagram, stages, side windows,
// events with who may send them, clocks with their policy defaults, and the documents its events
// record. `npm run docs` rewrites every block between its markers (the prose around them stays);
// a test fails when one is stale.

export const repoRoot = path.join(__dirname, '..', '..');
const channelsDir = path.join(repoRoot, 'docs', 'channels');

const begin = (name: string) => `<!-- generated:${name}:begin (by \`npm run docs\` from the code; do not edit) -->`;
const end = (name: string) => `<!-- generated:${name}:end -->`;

/** The markdown with each named block replaced by its generated text; a block the file lacks is an error. */
export function withGenerated(markdown: string, blocks: Record<string, string>, file: string): string {
  let out = markdown;
  for (const [name, text] of Object.entries(blocks)) {
    const from = out.indexOf(begin(name));
    const to = out.indexOf(end(name));
    if (from < 0 || to < from) throw new Error(`${file} has no generated block ${name} (${begin(name)} … ${end(name)})`);
    out = `${out.slice(0, from)}${begin(name)}\n\n${text.trim()}\n\n${out.slice(to)}`;
  }
  return out;
}

// ---- reading the route data --------------------------------------------------------------------

/**
 * The event types a route function can return. A stage's `expects` and a window's `events` are functions
 * of the order's state, so their possible events are the event-type literals in their code (a window that
 * names a function, like the change window's, lists that function's).
 */
const eventsIn = (fn: (...args: never[]) => unknown): EventType[] =>
  eventTypes.filter((type) => fn.toString().includes(`'${type}'`) || fn.toString().includes(`"${type}"`));

const takenBy = (route: Route, types: EventType[]) => (route.events ? types.filter((type) => route.events!.includes(type)) : types);

/** A store visit's stage also waits for the visit done, which its step names through the visits' data. */
const visitDoneBy = (stage: Stage): EventType[] => Object.values(visits).flatMap((visit) => (visit.stage === stage ? [visit.doneBy] : []));

/** The main-line events a stage waits for, at one time or another. */
const stepEvents = (route: Route, step: RouteStep) => takenBy(route, [...new Set([...eventsIn(step.expects), ...visitDoneBy(step.stage)])]);

/**
 * Every event the channel takes at some point, in the order the route first takes it: its stages' main line,
 * its windows, and complaints (with the compensation agreed on one, as the order's expected events add it).
 */
export function channelEvents(route: Route): EventType[] {
  const taken = new Set<EventType>([
    ...route.steps.flatMap((step) => stepEvents(route, step)),
    ...route.windows.flatMap((w) => eventsIn(w.events)),
  ]);
  if (route.complaints) for (const type of ['complaint-filed', 'complaint-compensation-agreed'] as const) taken.add(type);
  return takenBy(route, [...taken]);
}

const code = (text: string) => `\`${text}\``;
const codes = (texts: readonly string[]) => texts.map(code).join(', ');
const role = (r: Role) => `${code(r)} ${roleLabels[r].zh}`;
const cell = (text: string | undefined) => (text ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join(
    '\n',
  );
const description = (schema: z.ZodType) => schema.description ?? '';

const stageCell = (stage: Stage) => `${code(stage)} ${stageLabels[stage].zh}`;
const spanCells = (route: Route, span: Span) => [
  span.from ? stageCell(span.from) : `${stageCell(route.steps[0].stage)} (the first)`,
  span.until ? `${stageCell(span.until)}, not included` : 'while the order is open',
];

function stagesTable(route: Route): string {
  return table(
    ['#', 'stage', 'public status', 'taken when', 'waits for'],
    route.steps.map((step, at) => {
      const status = statusOfStage[step.stage];
      return [
        String(at + 1),
        stageCell(step.stage),
        `${code(status)} ${statusLabels[status].zh}`,
        step.when ? (step.condition ?? 'if it applies') : 'always',
        codes(stepEvents(route, step)),
      ];
    }),
  );
}

function windowsTable(route: Route): string {
  const rows = route.windows
    .map((window) => [codes(takenBy(route, eventsIn(window.events))), ...spanCells(route, window)])
    .filter(([events]) => events !== '');
  if (route.complaints)
    rows.push([
      `${code('complaint-filed')} (each complaint its own process, see [complaints](complaints.md))`,
      ...spanCells(route, route.complaints),
    ]);
  return table(['side events', 'from', 'until'], rows);
}

function eventsTable(route: Route, policy: Policy): string {
  return table(
    ['event', '中文', 'who may send it', 'what it says'],
    channelEvents(route).map((type) => [
      code(type),
      eventTypeLabels[type].zh,
      rolesFor(policy, type).map(role).join(', '),
      description(eventData[type]),
    ]),
  );
}

/** The references an event records (its data's `…Ref` fields): the papers the channel produces and files. */
function documentsTable(route: Route): string {
  const rows = channelEvents(route).flatMap((type) => {
    const shape = (eventData[type] as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
    return Object.entries(shape)
      .filter(([field]) => field.endsWith('Ref'))
      .map(([field, schema]) => [code(type), code(field), description(schema) || eventTypeLabels[type].zh]);
  });
  return table(['recorded by', 'reference', 'what it is'], rows);
}

// ---- clocks ---------------------------------------------------------------------------------------

/** Where each clock's defaults live in the policy (its durations, day kind and who hears), by policy key. */
const clockSettings: Record<ClockName, (p: Policy) => [key: string, value: unknown]> = {
  'first-confirmation': (p) => ['clocks.firstConfirmation', p.clocks.firstConfirmation],
  'return-deferral': (p) => ['clocks.returnDeferral', p.clocks.returnDeferral],
  'deposit-reminder': (p) => ['clocks.depositReminder', p.clocks.depositReminder],
  'technical-order': (p) => ['clocks.technicalOrder', p.clocks.technicalOrder],
  'progress-update': (p) => ['clocks.progressUpdate', p.clocks.progressUpdate],
  'delay-notice': (p) => ['clocks.delayNotice', p.clocks.delayNotice],
  'balance-reminder': (p) => ['clocks.balanceReminder', p.clocks.balanceReminder],
  'shipping-request-chase': (p) => ['clocks.shippingRequestChase', p.clocks.shippingRequestChase],
  'complaint-callback': (p) => ['complaints.callbacks', p.complaints.callbacks],
  'after-sales-period': (p) => [
    'rules.afterSalesPeriod, payments.archiveAfterWarranty',
    { afterSalesPeriod: p.rules.afterSalesPeriod, archiveAfterWarranty: p.payments.archiveAfterWarranty },
  ],
  dunning: (p) => ['payments.dunning', p.payments.dunning],
  'invoice-due': (p) => ['payments.invoice', p.payments.invoice],
  'refund-reminder': (p) => ['payments.refundReminder', p.payments.refundReminder],
  overdue: (p) => ['clocks.overdue', p.clocks.overdue],
  'stalled-progress': (p) => ['clocks.stalledProgress', p.clocks.stalledProgress],
  'arrival-overdue': (p) => ['clocks.arrivalOverdue', p.clocks.arrivalOverdue],
  'appointment-booking': (p) => ['visits.booking', p.visits?.booking],
  'missed-appointment': (p) => ['visits.missedAppointment', p.visits?.missedAppointment],
  'technical-question': (p) => ['distributor.technicalQuestions', p.distributor?.technicalQuestions],
  'material-late': (p) => ['distributor.materialLateness', p.distributor?.materialLateness],
  'group-tracking': (p) => ['group.trackingBy, group.managerRole', { trackingBy: p.group?.trackingBy, managerRole: p.group?.managerRole }],
  'group-callback': (p) => ['group.callback', p.group?.callback],
  'complaint-first-contact': (p) => ['complaints.firstContact', p.complaints.firstContact],
  'complaint-fix': (p) => ['complaints.fixScheduled', p.complaints.fixScheduled],
};

/**
 * The clocks each channel's workflow runs: which stage work and side lines run which clock is the
 * workflows' code (workflows/<channel>-order.ts, workflows/stages/), not data, so it is listed here; the
 * docs test checks that every clock is listed for some channel or the complaints.
 */
export const channelClocks: Record<Channel | 'complaints', readonly ClockName[]> = {
  standard: [
    'first-confirmation',
    'return-deferral',
    'deposit-reminder',
    'technical-order',
    'progress-update',
    'delay-notice',
    'overdue',
    'stalled-progress',
    'balance-reminder',
    'shipping-request-chase',
    'arrival-overdue',
    'invoice-due',
    'dunning',
    'after-sales-period',
    'refund-reminder',
  ],
  sample: ['first-confirmation'],
  store: [
    'deposit-reminder',
    'appointment-booking',
    'missed-appointment',
    'technical-order',
    'progress-update',
    'delay-notice',
    'overdue',
    'balance-reminder',
    'dunning',
    'after-sales-period',
    'refund-reminder',
  ],
  distributor: [
    'return-deferral',
    'deposit-reminder',
    'technical-order',
    'technical-question',
    'material-late',
    'progress-update',
    'delay-notice',
    'overdue',
    'stalled-progress',
    'balance-reminder',
    'arrival-overdue',
    'invoice-due',
    'dunning',
    'after-sales-period',
    'refund-reminder',
  ],
  group: ['deposit-reminder', 'group-tracking', 'dunning', 'after-sales-period', 'group-callback', 'refund-reminder'],
  contract: [
    'deposit-reminder',
    'technical-order',
    'progress-update',
    'delay-notice',
    'overdue',
    'stalled-progress',
    'balance-reminder',
    'arrival-overdue',
    'invoice-due',
    'dunning',
    'after-sales-period',
    'refund-reminder',
  ],
  complaints: ['complaint-first-contact', 'complaint-fix', 'complaint-callback'],
};

function clocksTable(clocks: readonly ClockName[], policy: Policy, of: string): string {
  return table(
    ['clock', '中文', 'policy key', 'default'],
    clocks.map((clock) => {
      const [key, value] = clockSettings[clock](policy);
      // A channel's own clock reads its policy section (distributor, group, visits): listed without it, it is listed wrongly.
      if (value === undefined || Object.values(value as object).includes(undefined))
        throw new Error(`${of} lists clock ${clock}, but its policy has no ${key}`);
      return [code(clock), clockLabels[clock].zh, code(key), code(JSON.stringify(value))];
    }),
  );
}

// ---- the pages ------------------------------------------------------------------------------------

/** Each channel page's generated blocks. */
export function channelBlocks(channel: Channel): Record<string, string> {
  const route = routes[channel];
  const policy = policyFor(channel, undefined);
  return {
    route: `\`\`\`mermaid\n${routeDiagram(route)}\n\`\`\``,
    stages: stagesTable(route),
    windows: windowsTable(route),
    events: eventsTable(route, policy),
    clocks: clocksTable(channelClocks[channel], policy, channel),
    documents: documentsTable(route),
  };
}

/** The complaints page: who sends each step of a complaint, its clocks, and from which stage each channel takes complaints. */
export function complaintBlocks(): Record<string, string> {
  const policy = policyFor('standard', undefined);
  const channels = Object.keys(routes) as Channel[];
  return {
    events: table(
      ['event', 'who may send it', 'what it says'],
      complaintEventTypes.map((type) => [
        code(type),
        policy.complaints.permissions[type].map(role).join(', '),
        description(complaintEventData[type]),
      ]),
    ),
    clocks: clocksTable(channelClocks.complaints, policy, 'complaints'),
    channels: table(
      ['channel', 'complaints taken from'],
      channels.map((channel) => {
        const span = routes[channel].complaints;
        return [`[${code(channel)}](${channel}.md)`, span ? spanCells(routes[channel], span)[0] : 'none'];
      }),
    ),
  };
}

/** The channels' index. */
export function indexBlocks(): Record<string, string> {
  const channels = Object.keys(channelForms) as Channel[];
  return {
    channels: table(
      ['channel', '中文', 'stages', 'first stage → last'],
      channels.map((channel) => {
        const { steps } = routes[channel];
        return [
          `[${code(channel)}](${channel}.md)`,
          channelLabels[channel].zh,
          String(steps.length),
          `${stageCell(steps[0].stage)} → ${stageCell(steps.at(-1)!.stage)}`,
        ];
      }),
    ),
  };
}

/** Every generated file with its blocks. */
export function generatedFiles(): { file: string; blocks: Record<string, string> }[] {
  return [
    { file: path.join(channelsDir, 'README.md'), blocks: indexBlocks() },
    ...(Object.keys(routes) as Channel[]).map((channel) => ({
      file: path.join(channelsDir, `${channel}.md`),
      blocks: channelBlocks(channel),
    })),
    { file: path.join(channelsDir, 'complaints.md'), blocks: complaintBlocks() },
  ];
}

if (require.main === module) {
  for (const { file, blocks } of generatedFiles()) {
    writeFileSync(file, withGenerated(readFileSync(file, 'utf8'), blocks, path.relative(repoRoot, file)));
    console.log(`docs: ${path.relative(repoRoot, file)} (${Object.keys(blocks).join(', ')})`);
  }
}
