import { yuan } from './format';
import { eventLabels, label, stageLabels, type Lang } from './labels';

// The console's only way to the server: the REST API of the same origin, with the person's bearer token.
// The token lives in sessionStorage (gone when the tab closes) and is sent as a header, never as a cookie:
// a request another site makes carries no credential, so there is nothing to forge (no CSRF), and the
// page's Content-Security-Policy (script-src 'self') keeps foreign script from reading it.

const TOKEN = 'orderflow.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  signIn: (token: string) => sessionStorage.setItem(TOKEN, token),
  signOut: () => sessionStorage.removeItem(TOKEN),
};

/** A refusal of the API, in the words a person reads (RFC 9457 problem details). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { type?: string; title?: string; detail?: string; stage?: string; expectedEvents?: string[]; amountDue?: number },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

let keys = 0;

export async function api<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${session.token() ?? ''}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  // One key per submission: a form sent once is one event, whatever the network does.
  if (init.method === 'POST') headers['idempotency-key'] = `console-${Date.now()}-${++keys}-${Math.random().toString(36).slice(2)}`;
  const response = await fetch(`/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, body ?? {});
  return body as T;
}

/** A file the API answers (an XLSX, a printable document), fetched with the token. */
export async function fetchFile(path: string): Promise<Blob> {
  const response = await fetch(`/api/v1${path}`, { headers: { authorization: `Bearer ${session.token() ?? ''}` } });
  if (!response.ok) throw new ApiError(response.status, await response.json());
  return response.blob();
}

/** A download the API answers (the board's XLSX): fetched with the token, handed to the browser as a file. */
export async function download(path: string, fileName: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await fetchFile(path));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

const statusWords: Record<number, [string, string]> = {
  400: ['填写有误', 'Some fields are not right'],
  401: ['请重新登录', 'Please sign in again'],
  403: ['您的角色不能执行此操作', 'Your role may not do this'],
  404: ['找不到该订单', 'Not found'],
  409: ['订单当前不接受此操作', 'The order does not take this now'],
  422: ['金额或请求不被接受', 'Not accepted'],
  429: ['操作太频繁，请稍后再试', 'Too many at once: try again shortly'],
  503: ['服务暂时不可用，请稍后再试', 'The service is busy: try again shortly'],
};

/**
 * The refusal in plain words: what kind of no, where the order stands and what it waits for, or how much is
 * still due, in the person's language; then the API's own reason (naming each field, or the business rule).
 */
export function plainWords(error: unknown, lang: Lang): string {
  if (!(error instanceof ApiError)) return String(error instanceof Error ? error.message : error);
  const zh = lang === 'zh';
  const { stage, expectedEvents, amountDue, detail } = error.problem;
  const words = [statusWords[error.status]?.[zh ? 0 : 1] ?? `HTTP ${error.status}`];
  if (stage && expectedEvents) {
    const waits = expectedEvents.map((e) => label(eventLabels, e, lang)).join(zh ? '、' : ', ');
    const at = label(stageLabels, stage, lang);
    words.push(zh ? `订单处于「${at}」阶段，现在等待：${waits}` : `the order is at ${at} and waits for: ${waits}`);
  }
  if (typeof amountDue === 'number') words.push(zh ? `尚欠 ${yuan(amountDue)}` : `still due: ${yuan(amountDue)}`);
  if (detail) words.push(detail);
  return words.join(' — ');
}
