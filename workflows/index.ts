// The workflow bundle's entry: every channel's workflow type (see channels.ts), and the company reports' workflow.
export { sampleOrder } from './sample-order';
export { standardOrder } from './standard-order';
// store channel
export { storeOrder } from './store-order';
// distributor
export { distributorOrder } from './distributor-order';
// group order channel (团订, 003)
export { groupOrder } from './group-order';
// industrial contract channel (004)
export { contractOrder } from './contract-order';
export { companyReport } from './reports/company-report';
export { orderComplaint } from './complaint';
