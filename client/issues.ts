import type { z } from 'zod';

// Where a failed zod parse went wrong, for whoever wrote what was parsed (a request, a policy or robots file,
// the environment): each wrong entry by its path, an unknown key by its own name (`roles.cashier`), however
// zod words its message (the API teaches it its own words, api/mistakes.ts; other processes keep zod's).

export interface IssueAt {
  path: string;
  message: string;
}

export function issuesAt(issues: readonly z.core.$ZodIssue[]): IssueAt[] {
  const pathOf = (path: readonly PropertyKey[]) => path.map(String).join('.');
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? // One unknown key: its message may name the known field it nearly is.
        issue.keys.map((key) => ({
          path: pathOf([...issue.path, key]),
          message: issue.keys.length === 1 ? issue.message : 'not a known field',
        }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
}

/** `path: message; …` in one line, `whole` standing for an issue with no path (the file, the person). */
export const issueList = (issues: readonly z.core.$ZodIssue[], whole = '(whole)') =>
  issuesAt(issues)
    .map(({ path, message }) => `${path || whole}: ${message}`)
    .join('; ');
