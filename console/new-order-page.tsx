import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, plainWords } from './api';
import { say, useConsole } from './app-context';
import { sayCustomer } from './customer-words';
import { channelLabels, label } from './labels';
import { openApi } from './openapi';
import { SchemaForm, type JsonSchema } from './schema-form';

// 新建订单: each channel's order form as the API describes it (CreateOrder in the OpenAPI document).

export function NewOrderPage() {
  const { lang } = useConsole();
  const [forms, setForms] = useState<Record<string, JsonSchema>>();
  const [channel, setChannel] = useState('standard');
  const [noFile, setNoFile] = useState<string>();
  useEffect(() => void openApi().then((doc) => setForms(doc.createOrder)), []);
  if (!forms) return <p>{say('loading', lang)}</p>;
  const create = async (body: Record<string, unknown>) => {
    try {
      const created = await api<{ orderNumber: string }>('/orders', { method: 'POST', body: { ...body, channel } });
      location.hash = `#/orders/${encodeURIComponent(created.orderNumber)}`;
      return undefined;
    } catch (e) {
      // A customer without a file (客户档案) gets one first: the file's form, with their id.
      const customer = (body.customer as { id?: string } | undefined)?.id;
      setNoFile(e instanceof ApiError && e.problem.type?.endsWith(':customer-file-missing') ? customer : undefined);
      return plainWords(e, lang, channel);
    }
  };
  return (
    <section>
      <h1>{say('newOrder', lang)}</h1>
      <label>
        {say('channel', lang)}{' '}
        <select value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
          {Object.keys(forms).map((c) => (
            <option value={c}>{label(channelLabels, c, lang)}</option>
          ))}
        </select>
      </label>
      <SchemaForm key={channel} form={channel} schema={forms[channel]} submitLabel={say('create', lang)} onSubmit={create} />
      {noFile !== undefined && (
        <p>
          <a href={`#/customers?id=${encodeURIComponent(noFile)}`}>{sayCustomer('createFileFor', lang)}</a>
        </p>
      )}
    </section>
  );
}
