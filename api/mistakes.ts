import { z } from 'zod';

// Errors that teach, for every request schema the API parses (the money, quantity and date schemas of
// the domain say their own): a value of the right kind sent as a string, a required field left out, and
// an unknown field that is a near miss of a known one. Installed once, as zod's error map for the process.

type Issue = z.core.$ZodRawIssue;

function teach(issue: Issue): string | undefined {
  if (issue.code === 'invalid_type') {
    const { input, expected } = issue;
    if (input === undefined) return 'required';
    if (typeof input !== 'string') return undefined;
    if ((expected === 'number' || expected === 'int') && input.trim() !== '' && Number.isFinite(Number(input)))
      return `a number, not a string: ${input} without quotes`;
    if (expected === 'boolean' && (input === 'true' || input === 'false')) return `true or false, not a string: ${input} without quotes`;
  }
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) {
    const known = Object.keys((issue.inst as z.ZodObject | undefined)?._zod.def.shape ?? {});
    const near = nearest(issue.keys[0], known);
    return near ? `not a known field: did you mean ${near}?` : 'not a known field';
  }
  return undefined;
}

/** The known field an unknown name most likely meant: the same but for case, `-`/`_`, or one or two letters. */
function nearest(name: string, known: readonly string[]): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const same = known.find((k) => plain(k) === plain(name));
  if (same) return same;
  const [best] = known.map((k) => [k, distance(plain(k), plain(name))] as const).sort((a, b) => a[1] - b[1]);
  return best && best[1] <= Math.min(2, Math.floor(name.length / 4)) ? best[0] : undefined;
}

/** Levenshtein distance: the edits that turn one name into the other. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** Makes these zod's messages wherever a schema says nothing of its own (idempotent). */
export function teachMistakes() {
  z.config({ customError: teach });
}
