import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, plainWords, session } from './api';
import { ConsoleContext, say, type Me } from './app-context';
import { BoardPage } from './board-page';
import { label, roleLabels, type Lang } from './labels';
import { NewOrderPage } from './new-order-page';
import { OrderPage } from './order-page';
import { ReportsPage } from './reports-page';
import { WorkPage } from './work-page';
import { ComplaintPage } from './complaint-page';
import { CustomerOrderPage, MyOrdersPage } from './customer-orders-page';
import { CustomerFilePage } from './customer-file-page';
import { sayCustomer } from './customer-words';

// The console's shell: sign-in with a bearer token, the language (中文 by default), and the pages by the
// address's hash (#/work, #/orders/SO-1, #/board …), so a page can be bookmarked and sent to a colleague.

const LANG = 'orderflow.lang';

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

function SignIn({ lang, onSignedIn }: { lang: Lang; onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState<string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    session.signIn(new FormData(e.currentTarget as HTMLFormElement).get('token') as string);
    try {
      onSignedIn(await api<Me>('/me'));
    } catch (thrown) {
      session.signOut();
      setError(plainWords(thrown, lang));
    }
  };
  return (
    <form class="sign-in" onSubmit={(e) => void submit(e)}>
      <h1>{say('title', lang)}</h1>
      <label for="token">{say('token', lang)}</label>
      <input id="token" name="token" type="password" autocomplete="current-password" required />
      <button type="submit">{say('signIn', lang)}</button>
      {error && (
        <p class="refusal" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function Page({ hash, me }: { hash: string; me: Me }) {
  // customer slice: a complaint's own page, the order as its customer sees it, the customer file.
  const complaint = /^#\/orders\/([^/]+)\/complaints\/(\d+)$/.exec(hash);
  if (complaint) return <ComplaintPage key={hash} orderNumber={decodeURIComponent(complaint[1])} number={Number(complaint[2])} />;
  const own = me.role === 'customer' && /^#\/orders\/(.+)$/.exec(hash);
  if (own) return <CustomerOrderPage key={own[1]} id={decodeURIComponent(own[1])} />;
  const file = /^#\/customers(?:\/([^?]+))?(?:\?id=(.+))?$/.exec(hash);
  if (file && me.role !== 'customer') {
    const [, id, newId] = file.map((part) => part && decodeURIComponent(part));
    return <CustomerFilePage key={hash} id={id} newId={newId} />;
  }
  const order = /^#\/orders\/(.+)$/.exec(hash);
  // Keyed by the order: another order is a fresh page, not the last one's answer.
  if (order) return <OrderPage key={order[1]} id={decodeURIComponent(order[1])} />;
  // A customer has their own orders, nothing of the company's view.
  if (me.role === 'customer') return <MyOrdersPage />;
  if (hash === '#/board') return <BoardPage />;
  if (hash === '#/new') return <NewOrderPage />;
  if (hash === '#/reports') return <ReportsPage />;
  return <WorkPage />;
}

function App() {
  const [lang, setLang] = useState<Lang>(localStorage.getItem(LANG) === 'en' ? 'en' : 'zh');
  const [me, setMe] = useState<Me>();
  const hash = useHash();
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  useEffect(() => {
    if (session.token()) api<Me>('/me').then(setMe, () => session.signOut());
  }, []);
  const languages = (
    <button
      type="button"
      class="lang"
      onClick={() => {
        // Kept when chosen, not in an effect after the next paint: a reload right after the click keeps it.
        const next = lang === 'zh' ? 'en' : 'zh';
        localStorage.setItem(LANG, next);
        setLang(next);
      }}
    >
      {lang === 'zh' ? 'English' : '中文'}
    </button>
  );
  if (!me)
    return (
      <main>
        {languages}
        <SignIn lang={lang} onSignedIn={setMe} />
      </main>
    );
  const staff = me.role !== 'customer';
  return (
    <ConsoleContext.Provider value={{ me, lang }}>
      <nav>
        <a href="#/work">{say(staff ? 'work' : 'myOrders', lang)}</a>
        {staff && <a href="#/board">{say('board', lang)}</a>}
        {staff && <a href="#/new">{say('newOrder', lang)}</a>}
        {staff && <a href="#/reports">{say('reports', lang)}</a>}
        {staff && <a href="#/customers">{sayCustomer('customerFile', lang)}</a>}
        <span class="me">
          {me.name} · {label(roleLabels, me.role, lang)}
        </span>
        {languages}
        <button
          type="button"
          onClick={() => {
            session.signOut();
            setMe(undefined);
          }}
        >
          {say('signOut', lang)}
        </button>
      </nav>
      <main>
        <Page hash={hash} me={me} />
      </main>
    </ConsoleContext.Provider>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
