import type { Route, RouteStep } from '../workflows/domain/route';
import { statusOfStage } from '../workflows/domain/state';

// The channels' route diagrams (Mermaid), generated from the route data so that they cannot drift
// from what the workflows run: `npm run docs` (scripts/docs.ts) writes them into docs/channels/.

const id = (stage: string) => stage.replaceAll('-', '_');
const node = (step: RouteStep) => `  ${id(step.stage)}["${step.stage}<br/>(${statusOfStage[step.stage]})"]`;
const conditionOf = (step: RouteStep) => (step.when ? (step.condition ?? 'if it applies') : undefined);

/**
 * One channel's route as a Mermaid flow chart: its stages in order with each one's public status;
 * a run of stages taken only under a condition is entered on an edge naming it and skipped on a
 * dotted edge (which, past several such runs, may skip them all); the route ends in `archived`.
 */
export function routeDiagram(route: Route): string {
  const lines = ['flowchart TD', '  start(["new order"])', ...route.steps.map(node), '  archived(["archived<br/>(completed)"])'];
  const edge = ({ from, skipped }: Source, to: string, label?: string) =>
    lines.push(skipped ? `  ${from} -. ${label ?? 'otherwise'} .-> ${to}` : `  ${from} -->${label ? `|${label}|` : ''} ${to}`);
  // Where the order may come from into the next stage: the stage before, and past conditional runs, what led into them.
  let sources: Source[] = [{ from: 'start', skipped: false }];
  let skips: Source[] = [];
  route.steps.forEach((step, at) => {
    const condition = conditionOf(step);
    if (condition !== undefined && condition === conditionOf(route.steps[at - 1] ?? step) && at > 0) {
      edge({ from: id(route.steps[at - 1].stage), skipped: false }, id(step.stage));
    } else {
      for (const source of [...sources, ...skips]) edge(source, id(step.stage), condition);
      skips = condition !== undefined ? [...sources, ...skips].map((source) => ({ ...source, skipped: true })) : [];
    }
    sources = [{ from: id(step.stage), skipped: false }];
  });
  for (const source of [...sources, ...skips]) edge(source, 'archived');
  return lines.join('\n');
}

interface Source {
  from: string;
  /** The edge skips a conditional run of stages. */
  skipped: boolean;
}
