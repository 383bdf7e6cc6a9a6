import { useEffect, useState } from 'preact/hooks';
import type { Label } from '../workflows/domain/labels';
import { api, download, fetchFile, plainWords } from './api';
import { useConsole } from './app-context';
import type { Lang } from './labels';

// 单据: the order's printable documents (GET /orders/{id}/documents), each to print (its HTML page, opened in
// a new tab with the person's token) or as a PDF. A customer sees which wait for their signature (待签).

interface Listed {
  kind: string;
  title: Label;
  version: number;
  awaitsSignature: boolean;
  /** Under /api/v1. */
  href: string;
}

const words = {
  documents: ['单据', 'Documents'],
  print: ['打印', 'Print'],
  toSign: ['待签', 'to sign'],
  none: ['暂无单据', 'No documents yet'],
} satisfies Record<string, [string, string]>;
const say = (word: keyof typeof words, lang: Lang) => words[word][lang === 'zh' ? 0 : 1];
const underApi = (href: string) => href.replace(/^\/api\/v1/, '');

/** The page opens at once (a tab opened after the fetch would count as a pop-up), then shows the document. */
async function openPrintable(href: string, lang: Lang) {
  const tab = window.open('', '_blank');
  const page = await fetchFile(`${underApi(href)}?format=html&lang=${lang}`);
  if (tab) tab.location.href = URL.createObjectURL(page);
}

export function Documents({ id }: { id: string }) {
  const { lang, me } = useConsole();
  const [documents, setDocuments] = useState<Listed[]>();
  const [error, setError] = useState<string>();
  const refuse = (e: unknown) => setError(plainWords(e, lang));
  useEffect(() => {
    api<{ documents: Listed[] }>(`/orders/${encodeURIComponent(id)}/documents`).then((d) => setDocuments(d.documents), refuse);
  }, [id]);
  return (
    <section class="documents" aria-labelledby="documents-heading">
      <h2 id="documents-heading">{say('documents', lang)}</h2>
      {error && <p class="refusal">{error}</p>}
      {documents?.length === 0 && <p>{say('none', lang)}</p>}
      <ul>
        {documents?.map((d) => (
          <li key={d.href} data-document={d.kind}>
            {d.title[lang]} · v{d.version}
            {me.role === 'customer' && d.awaitsSignature && <strong class="to-sign"> {say('toSign', lang)}</strong>}{' '}
            <button type="button" onClick={() => void openPrintable(d.href, lang).catch(refuse)}>
              {say('print', lang)}
            </button>{' '}
            <button
              type="button"
              onClick={() => void download(`${underApi(d.href)}?format=pdf&lang=${lang}`, `${id}-${d.kind}.pdf`).catch(refuse)}
            >
              PDF
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
