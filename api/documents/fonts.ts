import fs from 'node:fs';
import path from 'node:path';

// Noto Sans SC for the PDFs, from the font the project ships (@fontsource/noto-sans-sc, also the console's):
// its files are WOFF subsets split by unicode-range (unicode.json lists each subset's ranges), so each
// character is set in the subset that has it. The map is built once; a file is read once, when first used.

const fontDir = path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));

interface Subset {
  name: string;
  ranges: [number, number][];
}

let subsets: Subset[] | undefined;

function subsetList(): Subset[] {
  if (subsets) return subsets;
  const unicode = JSON.parse(fs.readFileSync(path.join(fontDir, 'unicode.json'), 'utf8')) as Record<string, string>;
  // Latin first: ASCII is in several subsets, and one file for all of it keeps the PDF small.
  const names = Object.keys(unicode).sort((a, b) => Number(b === 'latin') - Number(a === 'latin'));
  subsets = names.map((name) => ({
    name,
    ranges: unicode[name]!.split(',').map((range) => {
      const [from, to = from] = range.trim().replace(/^U\+/i, '').split('-') as [string, string?];
      return [parseInt(from, 16), parseInt(to, 16)];
    }),
  }));
  return subsets;
}

/** The subset that has this character; Latin (which draws the missing-glyph box) when none has it. */
export function subsetOf(codePoint: number): string {
  return subsetList().find((s) => s.ranges.some(([from, to]) => codePoint >= from && codePoint <= to))?.name ?? 'latin';
}

/** A text cut into runs, each set in one subset: [subset, text][]. */
export function runsOf(text: string): [string, string][] {
  const runs: [string, string][] = [];
  for (const char of text) {
    const subset = subsetOf(char.codePointAt(0)!);
    const last = runs.at(-1);
    if (last?.[0] === subset) last[1] += char;
    else runs.push([subset, char]);
  }
  return runs;
}

const files = new Map<string, Buffer>();

/** The WOFF file of a subset, regular weight. */
export function fontFile(subset: string): Buffer {
  let file = files.get(subset);
  if (!file) {
    // The subset names come from unicode.json: `[12]` is file `noto-sans-sc-12-400-normal.woff`.
    file = fs.readFileSync(path.join(fontDir, 'files', `noto-sans-sc-${subset.replace(/[[\]]/g, '')}-400-normal.woff`));
    files.set(subset, file);
  }
  return file;
}
