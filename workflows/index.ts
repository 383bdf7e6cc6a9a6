// The workflow bundle's entry: every channel's workflow type (see channels.ts), and the company reports' workflow.
export { sampleOrder } from './sample-order';
export { standardOrder } from './standard-order';
export { companyReport } from './reports/company-report';
export { orderComplaint } from './complaint';
