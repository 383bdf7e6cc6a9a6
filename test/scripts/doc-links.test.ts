import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The README and docs/ link nothing a clone lacks (issue 14 §5): no link out of the repository (`../`
// past its root, an absolute path, `file:`), no relative link to a file or heading that is not there.
// Outside links only to public reference documentation named here (Temporal's), over https.

const root = path.join(__dirname, '..', '..', '..');
/** Public documentation a reader may follow for background; the project never depends on it. */
const publicDocs = ['docs.temporal.io'];

/** README.md and every markdown file under docs/. */
function documentationFiles(): string[] {
  const under = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return under(full);
      return name.endsWith('.md') ? [full] : [];
    });
  return [path.join(root, 'README.md'), ...under(path.join(root, 'docs'))];
}

/** The markdown's prose: fenced code blocks and inline code spans are examples, not links. */
const prose = (markdown: string) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');

/** Every link target: inline links and images, reference definitions, HTML href and src. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  return [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
    ...[...text.matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/g)].map((m) => m[1]),
  ];
}

/** GitHub's anchors for a file's headings (lower case, punctuation dropped, spaces as hyphens, repeats numbered). */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose(markdown.replace(/`([^`\n]*)`/g, '$1')).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** What is wrong with one link of `file`, or nothing. */
export function linkProblem(file: string, target: string): string | undefined {
  if (target === '') return 'an empty link';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1].toLowerCase();
  if (scheme !== undefined) {
    if (scheme !== 'https') return `${target}: leaves the repository (${scheme}:)`;
    const host = new URL(target).hostname;
    return publicDocs.includes(host) ? undefined : `${target}: an outside site (allowed: ${publicDocs.join(', ')})`;
  }
  if (target.startsWith('/')) return `${target}: an absolute path (a clone has it elsewhere, or not at all)`;
  const [filePart, anchor] = target.split('#', 2);
  const resolved = filePart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(filePart.split('?')[0]));
  const inRepo = path.relative(root, resolved);
  if (inRepo.startsWith('..') || path.isAbsolute(inRepo)) return `${target}: outside the repository`;
  if (!existsSync(resolved)) return `${target}: no such file in the repository (${inRepo})`;
  if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor))
    return `${target}: no heading #${anchor} in ${inRepo}`;
  return undefined;
}

describe('Documentation links (README.md and docs/)', () => {
  for (const file of documentationFiles()) {
    const name = path.relative(root, file);
    it(`${name} links only inside the repository, to files and headings that exist`, () => {
      const problems = linkTargets(readFileSync(file, 'utf8')).flatMap((target) => linkProblem(file, target) ?? []);
      assert.deepEqual(problems, []);
    });
  }

  it('finds the links that leave the repository or lead nowhere', () => {
    const readme = path.join(root, 'README.md');
    const markdown = [
      '[digest](../shared/domain.md)',
      '[abs](/work/shared/domain.md)',
      '[file](file:///work/shared/domain.md)',
      '[web](https://example.com/x)',
      '[plain](http://docs.temporal.io/)',
      '[gone](docs/no-such-page.md)',
      '[heading](docs/domain.md#no-such-heading)',
      '[ok](docs/domain.md)',
      '[temporal](https://docs.temporal.io/workflows)',
      '`[in code](../not/a/link.md)`',
      '```\n[in a block](/not/a/link)\n```',
      '<a href="../../etc/passwd">x</a>',
    ].join('\n');
    const problems = linkTargets(markdown).map((target) => linkProblem(readme, target));
    assert.deepEqual(
      problems.map((p) => p?.split(':')[0]),
      [
        '../shared/domain.md',
        '/work/shared/domain.md',
        'file',
        'https',
        'http',
        'docs/no-such-page.md',
        'docs/domain.md#no-such-heading',
        undefined,
        undefined,
        '../../etc/passwd',
      ],
    );
  });

  it("names a heading's anchor as GitHub does", () => {
    const anchors = anchorsOf('# The order\n## Complaints (投诉, 000 §三), on every channel\n## The order\n## `npm start` starts');
    assert.deepEqual([...anchors], ['the-order', 'complaints-投诉-000-三-on-every-channel', 'the-order-1', 'npm-start-starts']);
  });
});
