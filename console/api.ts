import { namedFields } from './field-words';
import { readable, yuan } from './format';
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
    readonly problem: {
      type?: string;
      title?: string;
      detail?: string;
      stage?: string;
      expectedEvents?: string[];
      amountDue?: number;
      errors?: { field: string; message: string }[];
    },
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

/** Each kind of refusal in plain words, by the problem's type (api/problem.ts); the status's words for another. */
const refusalWords: Record<string, [string, string]> = {
  'invalid-request': ['填写有误', 'Some fields are not right'],
  'role-not-permitted': ['您的角色不能执行此操作', 'Your role may not do this'],
  'order-not-found': ['找不到该订单', 'Order not found'],
  'event-not-expected': ['订单当前不接受此操作', 'The order does not take this now'],
  'order-closed': ['订单已结束，不再接受操作', 'The order is closed: it takes nothing more'],
  'order-exists': ['该订单号已被使用', 'An order with this number exists'],
  'customer-not-found': ['找不到该客户', 'Customer not found'],
  'customer-file-missing': ['该客户还没有客户档案，请先建档', 'The customer has no file yet: create it first'],
  'amount-above-due': ['金额超过尚欠金额', 'The amount is more than is due'],
  'idempotency-key-reused': ['与先前的提交不一致，请刷新页面后重试', 'This differs from what was sent before: reload and try again'],
};

/**
 * The refusal in plain words: what kind of no, where the order stands and what it waits for, or how much is
 * still due, in the person's language; then the API's own reason (the business rule), or for a form (`form`:
 * whose fields, see SchemaForm) each field it named by its label.
 */
export function plainWords(error: unknown, lang: Lang, form?: string): string {
  if (!(error instanceof ApiError)) return String(error instanceof Error ? error.message : error);
  const zh = lang === 'zh';
  const { type, stage, expectedEvents, amountDue, detail, errors } = error.problem;
  const kind = refusalWords[type?.replace(/^urn:orderflow:problem:/, '') ?? ''] ?? statusWords[error.status];
  const words = [kind?.[zh ? 0 : 1] ?? `HTTP ${error.status}`];
  if (stage && expectedEvents) {
    const waits = expectedEvents.map((e) => label(eventLabels, e, lang)).join(zh ? '、' : ', ');
    const at = label(stageLabels, stage, lang);
    words.push(zh ? `订单处于「${at}」阶段，现在等待：${waits}` : `the order is at ${at} and waits for: ${waits}`);
  }
  if (typeof amountDue === 'number') words.push(zh ? `尚欠 ${yuan(amountDue)}` : `still due: ${yuan(amountDue)}`);
  if (form !== undefined && errors?.length) {
    const labels = namedFields(
      form,
      errors.map((e) => e.field),
      lang,
    );
    words.push(errors.map((e, i) => (zh ? `「${labels[i]}」：${e.message}` : `${labels[i]}: ${e.message}`)).join(zh ? '；' : '; '));
  } else if (detail) words.push(readable(detail, lang));
  return words.join(' — ');
}
