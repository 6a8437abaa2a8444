/** The app: the sign-in form until a key is kept, then the layout and the page for the URL. */
import { Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { useApiKey } from './api/session';
import { Layout } from './components/layout';
import { PageHeader } from './components/page-header';
import { Loading } from './components/query-state';
import { SignIn } from './components/sign-in';
import { ROUTES } from './routes';

function NotFound() {
  return (
    <>
      <PageHeader title="No such page" />
      <p>
        Nothing lives at this address. <a href="/">Go to the overview</a>.
      </p>
    </>
  );
}

export function App() {
  const key = useApiKey();
  if (!key) return <SignIn />;
  return (
    <Layout>
      <Suspense fallback={<Loading what="the page" />}>
        <Switch>
          {ROUTES.map((route) => (
            <Route key={route.path} path={route.path} component={route.page} />
          ))}
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </Layout>
  );
}
