import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { routes, type Route, type RouteStep } from '../workflows/domain/route';
import { statusOfStage } from '../workflows/domain/state';

// The README's route diagrams (Mermaid), generated from the route data so that they cannot drift
// from what the workflows run: `npm run route-diagrams` rewrites them, a test fails when stale.

const begin = '<!-- route-diagrams:begin (generated from workflows/domain/route.ts by `npm run route-diagrams`; do not edit) -->';
const end = '<!-- route-diagrams:end -->';
export const readmePath = path.join(__dirname, '..', '..', 'README.md');

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

/** The README's generated section: each channel's route diagram. */
export function diagramsSection(): string {
  const charts = Object.entries(routes).map(([channel, route]) => `**\`${channel}\`**\n\n\`\`\`mermaid\n${routeDiagram(route)}\n\`\`\``);
  return [begin, ...charts, end].join('\n\n');
}

/** The README with its generated section replaced by the current one. */
export function withDiagrams(readme: string): string {
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no route-diagrams section (${begin} … ${end})`);
  return readme.slice(0, from) + diagramsSection() + readme.slice(to + end.length);
}

if (require.main === module) {
  writeFileSync(readmePath, withDiagrams(readFileSync(readmePath, 'utf8')));
  console.log(`route diagrams written to ${readmePath} for ${Object.keys(routes).join(', ')}`);
}
