import { Router } from 'express';
import { isDeepStrictEqual } from 'node:util';
import { policyFor, type PolicyFile } from '../../client/channels';
import {
  createCustomer,
  customerHistory,
  findCustomer,
  listCustomers,
  updateCustomer,
  type CustomerFields,
} from '../../read-model/customers';
import type { ReadModel } from '../../read-model/store';
import { personOf } from '../auth';
import { idempotencyOf } from '../idempotency';
import { invalidRequest, Problem } from '../problem';
import { CreateCustomer, CustomerListQuery, UpdateCustomer } from '../view-schemas';
import { staffOnly } from './company';

// The customer file (客户档案): staff read it; those who enter orders and finance keep it.

export interface CustomerRoutesDeps {
  readModel: ReadModel;
  policy: PolicyFile;
}

const customerNotFound = () => new Problem(404, 'customer-not-found', 'Customer not found', 'no customer file with this id');

export function customerRoutes({ readModel, policy }: CustomerRoutesDeps): Router {
  const router = Router();
  const { db } = readModel;
  const { calendar, permissions } = policyFor('standard', undefined, policy);
  // Those who may enter orders keep the file (order desk, sales rep, supervisor), and finance (credit limits, terms).
  const keepers = [...new Set([...permissions['order-confirmed'], 'finance'])].filter((role) => role !== 'customer');
  const keeperOnly = (role: string) => {
    if (!keepers.includes(role)) {
      throw new Problem(
        403,
        'role-not-permitted',
        'Your role may not change the customer file',
        `${role} may not (allowed: ${keepers.join(', ')})`,
      );
    }
  };

  router.post('/customers', async (req, res) => {
    staffOnly(res);
    idempotencyOf(req, res);
    const person = personOf(res);
    keeperOnly(person.role);
    const parsed = CreateCustomer.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    const { id, ...fields } = parsed.data;
    if (!(await createCustomer(db, id, fields as CustomerFields, person.id))) {
      // A retry of the same creation is answered as the first; another file under the id is a conflict.
      const existing = (await findCustomer(db, id))!;
      const same = Object.entries(fields).every(([k, v]) => isDeepStrictEqual(existing[k as keyof typeof existing] ?? null, v ?? null));
      if (!same) throw new Problem(409, 'customer-exists', 'Customer already exists', `customer ${id} has a file: change it with PATCH`);
    }
    res
      .status(201)
      .location(`${req.baseUrl}/customers/${encodeURIComponent(id)}`)
      .json(await findCustomer(db, id));
  });

  router.get('/customers', async (req, res) => {
    staffOnly(res);
    const query = CustomerListQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    res.json(await listCustomers(db, query.data));
  });

  router.get('/customers/:id', async (req, res) => {
    staffOnly(res);
    const customer = await findCustomer(db, req.params.id);
    if (!customer) throw customerNotFound();
    res.json(customer);
  });

  router.patch('/customers/:id', async (req, res) => {
    staffOnly(res);
    const person = personOf(res);
    keeperOnly(person.role);
    if (!req.is('application/json'))
      throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'send Content-Type: application/json');
    const parsed = UpdateCustomer.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    if (!(await updateCustomer(db, req.params.id, parsed.data as Partial<CustomerFields>, person.id))) throw customerNotFound();
    res.json(await findCustomer(db, req.params.id));
  });

  router.get('/customers/:id/history', async (req, res) => {
    staffOnly(res);
    if (!(await findCustomer(db, req.params.id))) throw customerNotFound();
    res.json(await customerHistory(db, req.params.id, calendar));
  });

  return router;
}
