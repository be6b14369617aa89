/**
 * Every REST route with roles takes them from the one permissions table and refuses everyone
 * else before it reads the body or the store's records.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RoleSchema, type Role } from '../../shared/domain/people';
import { asStaff, createRo } from '../../tests/helpers/build';
import { startTestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { apiRoutes } from './index';

const S = 'store-a';
const routes = apiRoutes(() => ({})).filter((r) => Array.isArray(r.access));
const pathOf = (path: string) => path.replace(':storeId', S).replace(/:(\w+)/g, 'x1');

test('a person without one of the roles a route names gets 403 on every such route, and no role at all is no access', async () => {
  const server = await startTestServer({ shop: aTestShop() });
  try {
    assert.ok(routes.length > 30, `${routes.length} routes with roles`);
    for (const route of routes) {
      const access = route.access as readonly Role[];
      const outsider = RoleSchema.options.find((role) => role !== 'admin' && !access.includes(role));
      const callers: [string, Role[]][] = [['no role', []], ...(outsider ? [[outsider, [outsider]] as [string, Role[]]] : [])];
      for (const [who, roles] of callers) {
        const res = await server.api(
          route.method.toUpperCase(),
          pathOf(route.path),
          route.method === 'get' ? undefined : {},
          asStaff(server.auth, { roles, storeIds: [S] }),
        );
        assert.is(res.status, 403, `${route.name} as ${who}: ${JSON.stringify(res.body)}`);
      }
    }
  } finally {
    await server.close();
  }
});

test('a service manager may move a promise time; a technician may not', async () => {
  const server = await startTestServer({ shop: aTestShop() });
  try {
    const ro = await createRo(server, S);
    const promisedAt = new Date(Date.now() + 6 * 3600_000).toISOString();
    const path = `/api/stores/${S}/repair-orders/${ro.id}`;
    const tech = await server.api('PATCH', path, { promisedAt }, asStaff(server.auth, { roles: ['technician'], storeIds: [S] }));
    assert.is(tech.status, 403);
    const manager = await server.api('PATCH', path, { promisedAt }, asStaff(server.auth, { roles: ['manager'], storeIds: [S] }));
    assert.is(manager.status, 200, JSON.stringify(manager.body));
  } finally {
    await server.close();
  }
});

test.run();
