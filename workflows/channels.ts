import type { Channel } from './domain/order';
import { routes, type Fact, type Route } from './domain/route';
import type { OrderSnapshot } from './domain/snapshot';
import type { Stage } from './domain/state';
import type { OrderWorkflowInput } from './messages';
import type { ChannelWork } from './order-runtime';
import { groupOrder, groupWork } from './group-order';
import { sampleOrder, sampleWork } from './sample-order';
import { standardOrder, standardWork } from './standard-order';
import { storeOrder, storeWork } from './store-order';
import { distributorOrder, distributorWork } from './distributor-order';
import { contractOrder, contractWork } from './contract-order';

// The channel registry, workflow side (no zod: it is part of the workflow bundle): each sales
// channel's workflow, its route with its windows, and what its stages do. The client side
// (create schema, policy defaults, the one typed way to start an order) is channels/registry.ts.

export interface ChannelDefinition {
  /** The channel's workflow; its name is the workflow type. */
  workflow: (input: OrderWorkflowInput) => Promise<OrderSnapshot>;
  route: Route;
  work: ChannelWork;
}

export const channels = {
  standard: { workflow: standardOrder, route: routes.standard, work: standardWork },
  sample: { workflow: sampleOrder, route: routes.sample, work: sampleWork },
  // store channel
  store: { workflow: storeOrder, route: routes.store, work: storeWork },
  // distributor
  distributor: { workflow: distributorOrder, route: routes.distributor, work: distributorWork },
  // group order channel (团订, 003)
  group: { workflow: groupOrder, route: routes.group, work: groupWork },
  // industrial contract channel (004)
  contract: { workflow: contractOrder, route: routes.contract, work: contractWork },
} as const satisfies Record<Channel, ChannelDefinition>;

/**
 * Why a channel's definition does not hold together, or nothing when it does: a stage with work
 * that its route does not go through, a stage reading a fact no earlier stage of the route
 * always sets (it would read `undefined` at run time), a window (or the complaints' span) naming a stage not on the route.
 */
export function definitionProblems({ route, work }: Pick<ChannelDefinition, 'route' | 'work'>): string[] {
  const problems: string[] = [];
  const at = (stage: Stage) => route.steps.findIndex((step) => step.stage === stage);
  for (const [stage, stageWork] of Object.entries(work.stages) as [Stage, ChannelWork['stages'][Stage]][]) {
    const index = at(stage);
    if (index < 0) {
      problems.push(`stage ${stage} has work but is not on the route`);
      continue;
    }
    // Only a stage every order goes through (no `when`) surely sets its facts.
    const provided = new Set<Fact>(
      route.steps
        .slice(0, index)
        .filter((step) => !step.when)
        .flatMap((step) => step.provides),
    );
    for (const fact of stageWork?.needs ?? []) {
      if (!provided.has(fact)) problems.push(`stage ${stage} needs ${fact}, which no earlier stage of the route always sets`);
    }
  }
  for (const window of [...route.windows, ...(route.complaints ? [route.complaints] : [])]) {
    for (const stage of [window.from, window.until]) {
      if (stage !== undefined && at(stage) < 0) problems.push(`a window names stage ${stage}, which is not on the route`);
    }
  }
  return problems;
}
