import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Person, tokenHash } from '../api/auth';

// npm run token -- --id wang --name "Wang Fang" --role order-desk [--customer C-7]
// A fresh random token, printed once for its person, and the token file entry that holds only its
// hash: the file (ORDERFLOW_TOKENS_FILE) then keeps no secret.

const usage = 'usage: npm run token -- --id <id> --name "<name>" --role <role> [--customer <customer id, for the customer role>]';

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, customer: { type: 'string' } },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  const person = Person.safeParse({ id: values.id, name: values.name, role: values.role, customerId: values.customer });
  if (!person.success)
    fail(
      `${person.error.issues.map((i) => `${i.path.join('.') === 'customerId' ? 'customer' : i.path.join('.')}: ${i.message}`).join('\n')}\n${usage}`,
    );
  // 32 random bytes: 256 bits, far beyond guessing; base64url stays one word in a header.
  const token = `of_${randomBytes(32).toString('base64url')}`;
  const entry = JSON.stringify({ [`sha256:${tokenHash(token)}`]: person.data });
  console.log(`Token for ${person.data.name} (${person.data.role}${person.data.customerId ? `, customer ${person.data.customerId}` : ''}); shown once, give it to them and keep no copy:

  ${token}

Entry for the token file (ORDERFLOW_TOKENS_FILE or ORDERFLOW_TOKENS), holding only the token's hash:

  ${entry.slice(1, -1)}`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

main();
