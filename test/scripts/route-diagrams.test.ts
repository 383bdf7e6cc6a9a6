import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readmePath, routeDiagram, withDiagrams } from '../../scripts/route-diagrams';
import { routes } from '../../workflows/domain/route';

describe('README route diagrams', () => {
  it('are the ones generated from the route data (npm run route-diagrams rewrites them)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    assert.equal(withDiagrams(readme), readme, 'the README route diagrams are stale: run `npm run route-diagrams`');
  });

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
