import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../scripts/cluster';

// The text of a PDF as a reader's tools find it: poppler's pdftotext (Debian's poppler-utils). Installed with
// apt-get when missing and the tests run as root (`.ci/run` does), as the browser tests install Chromium;
// otherwise the tests fail saying how to install it.

const PDFTOTEXT = process.env.ORDERFLOW_PDFTOTEXT ?? '/usr/bin/pdftotext';

let installed: Promise<string> | undefined;

export function ensurePdftotext(): Promise<string> {
  installed ??= (async () => {
    if (fs.existsSync(PDFTOTEXT)) return PDFTOTEXT;
    if (process.getuid?.() !== 0) {
      throw new Error(
        `pdftotext is not installed at ${PDFTOTEXT}: run \`sudo apt-get install -y --no-install-recommends poppler-utils\` (the printable documents' tests read their PDFs with it)`,
      );
    }
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      await run('apt-get', ['update'], { env });
      await run('apt-get', ['install', '-y', '--no-install-recommends', 'poppler-utils'], { env });
    } catch (error) {
      throw new Error(`could not install poppler-utils (pdftotext) with apt-get: ${(error as Error).message}`, { cause: error });
    }
    if (!fs.existsSync(PDFTOTEXT)) throw new Error(`apt-get installed poppler-utils but there is no ${PDFTOTEXT}`);
    return PDFTOTEXT;
  })();
  return installed;
}

/** The text pdftotext finds in a PDF, page by page in reading order. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const pdftotext = await ensurePdftotext();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, pdf);
    return await run(pdftotext, ['-enc', 'UTF-8', file, '-']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
