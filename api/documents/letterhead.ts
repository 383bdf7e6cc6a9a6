import { z } from 'zod';
import { policyFor, type PolicyFile } from '../../client/channels';
import { issueList } from '../../client/issues';

// 抬头: the company's name, address and phone at the head of every printable document, from the `letterhead`
// key of the policy file (ORDERFLOW_POLICY_FILE), with the company's time zone its dates are in.

export const Letterhead = z
  .object({
    name: z.string().min(1).max(200).describe("the company's name as it signs its documents"),
    nameEn: z.string().min(1).max(200).optional().describe("the company's name in English, for documents printed in English"),
    address: z.string().min(1).max(500),
    phone: z.string().min(3).max(60),
  })
  .strict();
export type Letterhead = z.infer<typeof Letterhead>;

/** For development and tests: a company that is plainly not a real one. */
const developmentLetterhead: Letterhead = {
  name: '示例制造有限公司',
  nameEn: 'Example Manufacturing Co., Ltd.',
  address: '浙江省杭州市示例路 1 号 (No. 1 Example Road, Hangzhou)',
  phone: '+86 571 0000 0000',
};

export interface DocumentSettings {
  letterhead: Letterhead;
  timeZone: string;
}

/** The letterhead and time zone from a policy file; a wrong letterhead stops the start with what to fix. */
export function documentSettings(file: PolicyFile & { letterhead?: unknown } = {}): DocumentSettings {
  const { letterhead, ...orders } = file;
  const parsed = Letterhead.safeParse(letterhead ?? developmentLetterhead);
  if (!parsed.success) {
    throw new Error(`the policy file's letterhead: ${issueList(parsed.error.issues, '(letterhead)')}`);
  }
  return { letterhead: parsed.data, timeZone: policyFor('standard', undefined, orders).calendar.timeZone };
}
