import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { apiRoutes, routerOrder } from './index';

const Order = suite('routerOrder');
const routes = apiRoutes(() => ({}));

Order('tries the actions on one operation first and keeps every route once', () => {
  const ordered = routerOrder(routes);
  assert.is(ordered.length, routes.length);
  assert.equal(new Set(ordered), new Set(routes));
  const firstOther = ordered.findIndex((r) => !r.path.includes('/operations/:opId/'));
  assert.ok(firstOther > 0);
  assert.ok(ordered.slice(firstOther).every((r) => !r.path.includes('/operations/:opId/')));
  assert.ok(ordered.some((r) => r.name === 'startOperation' && ordered.indexOf(r) < firstOther));
});

Order('no request path can match two routes of one method, so the order decides nothing else', () => {
  const segments = (path: string) => path.split('/');
  // Every segment is a literal or a whole `:param`, so two paths overlap exactly when each pair of
  // segments is equal or has a param.
  for (const r of routes) for (const seg of segments(r.path)) assert.match(seg, /^(:\w+|[\w.-]*)$/, `${r.path}: segment "${seg}"`);
  const overlap = (a: string, b: string) => {
    const [x, y] = [segments(a), segments(b)];
    return x.length === y.length && x.every((s, i) => s === y[i] || s.startsWith(':') || y[i].startsWith(':'));
  };
  for (const a of routes) {
    const others = routes.filter((b) => b !== a && b.method === a.method && overlap(a.path, b.path));
    assert.equal(
      others.map((b) => b.name),
      [],
      `${a.method} ${a.path} overlaps`,
    );
  }
});

Order.run();
