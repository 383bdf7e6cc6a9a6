import { Router, type Response } from 'express';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { ComplaintSnapshot } from '../../workflows/domain/complaints';
import { complaintSnapshotQuery, complaintWorkflowIdOf, snapshotQuery, timelineQuery } from '../../workflows/messages';
import { personOf } from '../auth';
import { ComplaintNumber } from '../complaint-schemas';
import { documentContentSecurityPolicy, documentHtml } from '../documents/html';
import type { DocumentSettings } from '../documents/letterhead';
import {
  availabilityOf,
  complaintRecordOf,
  documentKinds,
  documentOf,
  documentsOf,
  documentTitles,
  type DocumentKind,
  type DocumentSource,
  type PrintableDocument,
} from '../documents/model';
import { documentPdf } from '../documents/pdf';
import { invalidRequest, Problem } from '../problem';
import { visibleOrder } from './order-handle';

// The order's printable documents (单据): the list of those it has now, and each as HTML to print, as PDF,
// or as its data. Whoever may read the order may read its documents (a customer: their own orders').

export const DocumentQuery = z.object({
  format: z
    .enum(['html', 'pdf', 'json'])
    .default('html')
    .describe('html: a page to print (A4); pdf: A4 with the fonts embedded; json: its data'),
  lang: z.enum(['zh', 'en']).default('zh').describe('Chinese (the default) or English'),
});

export function documentRoutes({ client, settings }: { client: Client; settings: DocumentSettings }): Router {
  const router = Router();

  const sourceOf = async (res: Response, id: string): Promise<DocumentSource & { workflowId: string }> => {
    const handle = await visibleOrder(client, personOf(res), id);
    const [snapshot, timeline] = await Promise.all([handle.query(snapshotQuery), handle.query(timelineQuery)]);
    return { snapshot, timeline, settings, asOf: Date.now(), workflowId: handle.workflowId };
  };

  router.get('/orders/:id/documents', async (req, res) => {
    const { snapshot } = await sourceOf(res, req.params.id);
    const base = `${req.baseUrl}/orders/${encodeURIComponent(snapshot.orderNumber)}`;
    const version = snapshot.lineVersions.at(-1)!.version;
    res.json({
      orderNumber: snapshot.orderNumber,
      documents: [
        ...documentsOf(snapshot).map((d) => ({ ...d, href: `${base}/documents/${d.kind}` })),
        // 投诉处理记录: one per complaint; it waits for the customer while the complaint waits for their confirmation.
        ...snapshot.complaints.map((c) => ({
          kind: 'complaint-record',
          title: {
            zh: `${documentTitles['complaint-record'].zh} #${c.number}`,
            en: `${documentTitles['complaint-record'].en} #${c.number}`,
          },
          version,
          awaitsSignature: c.stage === 'awaiting-confirmation',
          complaint: c.number,
          href: `${base}/complaints/${c.number}/document`,
        })),
      ],
    });
  });

  router.get('/orders/:id/documents/:kind', async (req, res) => {
    const query = parseQuery(req.query);
    const kind = req.params.kind as DocumentKind;
    if (!documentKinds.includes(kind)) {
      throw new Problem(404, 'document-not-found', 'No such document', `the documents are ${documentKinds.join(', ')}`);
    }
    const source = await sourceOf(res, req.params.id);
    const available = availabilityOf(kind, source.snapshot);
    if (!available.has) {
      const { zh, en } = available.detail;
      if (available.why === 'never') throw new Problem(404, 'document-not-found', 'The order has no such document', `${en} (${zh})`);
      throw new Problem(409, 'document-not-yet', 'The order does not have this document now', `${en} (${zh})`);
    }
    await send(res, documentOf(kind, source), query);
  });

  router.get('/orders/:id/complaints/:number/document', async (req, res) => {
    const query = parseQuery(req.query);
    const source = await sourceOf(res, req.params.id);
    const number = ComplaintNumber.safeParse(req.params.number);
    const complaint = number.success ? source.snapshot.complaints.find((c) => c.number === number.data) : undefined;
    if (!complaint) throw new Problem(404, 'not-found', 'Complaint not found', 'the order has no complaint with this number');
    // Its own workflow's record (finding, visits, confirmation); complaints taken before they had one have none.
    const record = await client.workflow
      .getHandle(complaintWorkflowIdOf(source.workflowId, complaint.number))
      .query(complaintSnapshotQuery)
      .catch((error: unknown): ComplaintSnapshot | null => {
        if (error instanceof WorkflowNotFoundError) return null;
        throw error;
      });
    await send(res, complaintRecordOf(complaint, record, source), query);
  });

  return router;
}

function parseQuery(query: unknown) {
  const parsed = DocumentQuery.safeParse(query);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'query');
  return parsed.data;
}

async function send(res: Response, doc: PrintableDocument, { format, lang }: z.infer<typeof DocumentQuery>) {
  const name = `${doc.orderNumber}-${doc.kind}`;
  switch (format) {
    case 'json':
      return void res.json(doc);
    case 'html':
      res.setHeader('Content-Security-Policy', documentContentSecurityPolicy);
      return void res.type('html').send(documentHtml(doc, lang));
    case 'pdf':
      res.setHeader('Content-Disposition', `inline; filename="${name}.pdf"`);
      return void res.type('application/pdf').send(await documentPdf(doc, lang));
  }
}
