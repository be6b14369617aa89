import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import sharp from 'sharp';
import { asStaff, createRo, seqOf } from '../../tests/helpers/build';
import { createDatabase, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { issueCode, Phone } from '../../tests/helpers/scan';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { aPairedDisplayToken, commitOk } from '../../tests/helpers/workshop';
import { photoStoreOf } from '../add-ons/propose';

const S = 'store-a';
const ROS = `/api/stores/${S}/repair-orders`;

/**
 * A phone photo as a camera writes it: 2400×1800, with EXIF naming the camera and the place it
 * was taken (GPS latitude/longitude), which must never reach the store's disk or a customer.
 */
const cameraJpeg = () =>
  sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#7a8899' } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Camera 12', Software: 'SecretApp 1.0' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 32/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '113/1 56/1 2345/100' },
    })
    .toBuffer();

const aPng = () =>
  sharp({ create: { width: 300, height: 200, channels: 4, background: '#ff000080' } })
    .png()
    .toBuffer();

interface Part {
  name: string;
  value: string | { bytes: Buffer; type: string; filename: string };
}
const form = (parts: Part[]) => {
  const f = new FormData();
  for (const p of parts) {
    if (typeof p.value === 'string') f.append(p.name, p.value);
    else f.append(p.name, new Blob([new Uint8Array(p.value.bytes)], { type: p.value.type }), p.value.filename);
  }
  return f;
};
const fields = (over: Record<string, string> = {}): Part[] =>
  Object.entries({ title: '更换前刹车片', price: '680.50', hours: '1.2', ...over }).map(([name, value]) => ({ name, value }));
const photo = (bytes: Buffer, type = 'image/jpeg', filename = 'IMG_0001.jpg'): Part => ({ name: 'photos', value: { bytes, type, filename } });

function addOnSuite(label: string, options: () => Promise<{ databaseUrl?: string; cleanup?: () => Promise<void> } | undefined>) {
  const AddOns = suite(`add-on work (${label})`);
  let server: TestServer;
  let cleanup: (() => Promise<void>) | undefined;
  let skip = false;

  AddOns.before(async () => {
    const opts = await options();
    if (!opts) {
      skip = true;
      return;
    }
    cleanup = opts.cleanup;
    server = await startTestServer({ shop: aTestShop(), databaseUrl: opts.databaseUrl });
  });
  AddOns.after(async () => {
    await server?.close();
    await cleanup?.();
  });

  /** A car in service: its oil change started at bay 1 by tech-1 and paused for approval; a phone signed in as tech-1 with its job card. */
  async function aCarWaitingForApproval() {
    // An earlier test's approval put its car back to work in bay 1: a break frees the bay.
    for (const other of (await server.service.state(S)).ros.values())
      for (const op of other.operations)
        if (op.status === 'in_progress')
          await commitOk(server.service, S, { type: 'pauseOperation', roId: other.id, operationId: op.id, pause: { reason: 'break' } });
    const ro = await createRo(server, S, { operations: [{ code: 'OIL' }] });
    const opId = ro.operations[0].id;
    await commitOk(server.service, S, { type: 'startOperation', roId: ro.id, operationId: opId, bayId: 'bay-1', technicianId: 'tech-1' });
    await commitOk(server.service, S, { type: 'pauseOperation', roId: ro.id, operationId: opId, pause: { reason: 'approval' } });
    const phone = new Phone(server);
    await phone.signInWithBadge(S, 'tech-1');
    const code = await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: opId });
    const token = (await server.service.state(S)).ros.get(ro.id)!.trackingToken!;
    return { ro, opId, phone, code, token };
  }

  const propose = (phone: Phone, parts: Part[], key?: string) =>
    fetch(`${server.url}/api/scan/add-ons`, {
      method: 'POST',
      body: form(parts),
      headers: { cookie: [...phone.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(key ? { 'idempotency-key': key } : {}) },
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));

  /** A staff session's cookie alone, for fetch (asStaff's `authorization: undefined` is for server.api). */
  const staffCookie = (staff: Parameters<typeof asStaff>[1]) => ({ cookie: asStaff(server.auth, staff).cookie });
  const photoCount = () => photoStoreOf(server.deps).count(S);

  AddOns('a technician proposes from the scan page: photos resized, GPS and all EXIF gone, the proposal on the order', async () => {
    if (skip) return;
    const { ro, phone, code } = await aCarWaitingForApproval();
    const before = await photoCount();
    const original = await cameraJpeg();
    const exifBefore = await sharp(original).metadata();
    assert.ok(exifBefore.exif && exifBefore.exif.includes(Buffer.from('SecretApp')), 'the test photo really carries EXIF');
    const res = await propose(phone, [...fields({ code }), photo(original), photo(await aPng(), 'image/png', 'shot.png')], 'addon-test-1');
    assert.is(res.status, 201, JSON.stringify(res.body));
    const { addOnId, photoIds } = res.body.data;
    assert.is(photoIds.length, 2);
    assert.is(await photoCount(), before + 2);
    const stored = (await server.service.state(S)).ros.get(ro.id)!;
    assert.equal(
      stored.addOns!.map((a) => ({ id: a.id, title: a.title, price: a.price, hours: a.hours, by: a.by, status: a.status, bay: a.bayId })),
      [{ id: addOnId, title: '更换前刹车片', price: 680.5, hours: 1.2, by: 'tech-1', status: 'pending', bay: 'bay-1' }],
    );
    const kept = await photoStoreOf(server.deps).get(S, ro.id, photoIds[0]);
    assert.ok(kept);
    const meta = await sharp(kept!).metadata();
    assert.is(meta.format, 'jpeg');
    assert.is(meta.width, 1600, 'longest side 1600');
    assert.is(meta.height, 1200);
    assert.is(meta.exif, undefined, 'no EXIF block at all');
    assert.is(meta.xmp, undefined);
    assert.is(meta.iptc, undefined);
    for (const needle of ['GPS', 'PhoneMaker', 'SecretApp']) assert.not.ok(kept!.includes(Buffer.from(needle)), needle);
    // The same proposal sent again (a retry) is stored once, and leaves no extra photos.
    const retry = await propose(phone, [...fields({ code }), photo(original)], 'addon-test-1');
    assert.is(retry.status, 200, JSON.stringify(retry.body));
    assert.is(retry.body.data.addOnId, addOnId);
    assert.is(await photoCount(), before + 2);
  });

  AddOns('bad photos and fields are refused naming what was wrong, and nothing is stored', async () => {
    if (skip) return;
    const { phone, code } = await aCarWaitingForApproval();
    const seq = await seqOf(server, S);
    const before = await photoCount();
    const jpeg = await cameraJpeg();
    const cases: [string, Part[], number, string][] = [
      ['a text file', [...fields({ code }), photo(Buffer.from('hello'), 'text/plain', 'notes.txt')], 415, 'photos[0]'],
      [
        'a GIF named as a JPEG',
        [
          ...fields({ code }),
          photo(
            await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
              .gif()
              .toBuffer(),
            'image/jpeg',
          ),
        ],
        415,
        'photos[0]',
      ],
      ['garbage named as a JPEG', [...fields({ code }), photo(jpeg), photo(Buffer.from('not an image at all, really'), 'image/jpeg')], 422, 'photos[1]'],
      ['a photo over 8 MB', [...fields({ code }), photo(Buffer.concat([jpeg, Buffer.alloc(8.5 * 1024 * 1024)]))], 413, 'photos[0]'],
      ['four photos', [...fields({ code }), photo(jpeg), photo(jpeg), photo(jpeg), photo(jpeg)], 400, 'photos'],
      ['a negative price', [...fields({ code, price: '-5' }), photo(jpeg)], 400, 'body.price'],
      ['three decimals', [...fields({ code, price: '1.005' })], 400, 'body.price'],
      ['no title', [...fields({ code, title: '' })], 400, 'body.title'],
      ['no code', [...fields()], 400, 'body.code'],
    ];
    for (const [what, parts, status, field] of cases) {
      const res = await propose(phone, parts);
      assert.is(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
      assert.ok(JSON.stringify(res.body.error).includes(field), `${what} names ${field}: ${JSON.stringify(res.body.error)}`);
    }
    // A body larger than three photos is refused before it is read.
    const huge = await propose(phone, [...fields({ code }), photo(Buffer.alloc(26 * 1024 * 1024), 'image/jpeg')]);
    assert.is(huge.status, 413);
    assert.is(await seqOf(server, S), seq, 'no fact');
    assert.is(await photoCount(), before, 'no photo kept');
    // Nobody signed in, and a washer, may not propose.
    const stranger = await fetch(`${server.url}/api/scan/add-ons`, { method: 'POST', body: form(fields({ code })) });
    assert.is(stranger.status, 401);
  });

  AddOns("photos reach staff and that order's tracking link only, never cached; the lobby and other links are refused", async () => {
    if (skip) return;
    const { ro, phone, code, token } = await aCarWaitingForApproval();
    const res = await propose(phone, [...fields({ code }), photo(await cameraJpeg())]);
    const [photoId] = res.body.data.photoIds;
    const other = await aCarWaitingForApproval();

    const staff = await fetch(`${server.url}${ROS}/${ro.id}/add-on-photos/${photoId}`, { headers: staffCookie({ roles: ['advisor'], storeIds: [S] }) });
    assert.is(staff.status, 200);
    assert.is(staff.headers.get('content-type'), 'image/jpeg');
    assert.ok(staff.headers.get('cache-control')!.includes('no-store'));
    assert.is((await sharp(Buffer.from(await staff.arrayBuffer())).metadata()).exif, undefined);

    const own = await fetch(`${server.url}/api/track/${token}/photos/${photoId}`);
    assert.is(own.status, 200);
    assert.ok(own.headers.get('cache-control')!.includes('no-store'));
    assert.is(own.headers.get('referrer-policy'), 'no-referrer');

    const otherLink = await fetch(`${server.url}/api/track/${other.token}/photos/${photoId}`);
    assert.is(otherLink.status, 404, "another customer's link");
    const lobby = await aPairedDisplayToken(server, { id: `lobby-${ro.id}`, storeId: S, board: 'customer' });
    const fromLobby = await fetch(`${server.url}${ROS}/${ro.id}/add-on-photos/${photoId}`, { headers: { 'x-display-token': lobby } });
    assert.is(fromLobby.status, 403, 'a lobby screen');
    const anonymous = await fetch(`${server.url}${ROS}/${ro.id}/add-on-photos/${photoId}`);
    assert.is(anonymous.status, 401);
    const otherStore = await fetch(`${server.url}${ROS}/${ro.id}/add-on-photos/${photoId}`, {
      headers: staffCookie({ roles: ['advisor'], storeIds: ['store-b'] }),
    });
    assert.is(otherStore.status, 403, 'staff of another store');
    const wrongOrder = await fetch(`${server.url}${ROS}/${other.ro.id}/add-on-photos/${photoId}`, {
      headers: staffCookie({ roles: ['advisor'], storeIds: [S] }),
    });
    assert.is(wrongOrder.status, 404, 'a photo asked for under another order');
  });

  AddOns('the customer approves on the tracking page: the work joins the order, the approval pause ends, the decision is final', async () => {
    if (skip) return;
    const { ro, opId, phone, code, token } = await aCarWaitingForApproval();
    const { addOnId } = (await propose(phone, [...fields({ code })])).body.data;
    const approve = await server.api('POST', `/api/track/${token}/add-ons/${addOnId}/decision`, { decision: 'approve' }, { authorization: undefined });
    assert.is(approve.status, 200, JSON.stringify(approve.body));
    assert.is(approve.body.data.status, 'approved');
    const after = (await server.service.state(S)).ros.get(ro.id)!;
    const added = after.operations.find((o) => o.id === addOnId)!;
    assert.equal([added.title, added.standardHours, added.bayId, added.technicianId, added.status], ['更换前刹车片', 1.2, 'bay-1', 'tech-1', 'assigned']);
    assert.is(after.operations.find((o) => o.id === opId)!.status, 'in_progress', 'the approval pause ended');
    assert.equal(after.addOns![0].decision!.by, 'customer');
    assert.equal(after.addOns![0].decision!.channel, 'phone-page');
    const again = await server.api('POST', `/api/track/${token}/add-ons/${addOnId}/decision`, { decision: 'approve' }, { authorization: undefined });
    assert.is(again.status, 200);
    assert.is(again.body.data.duplicate, true);
    const changed = await server.api('POST', `/api/track/${token}/add-ons/${addOnId}/decision`, { decision: 'decline' }, { authorization: undefined });
    assert.is(changed.status, 409);
    const byAdvisor = await server.api('POST', `${ROS}/${ro.id}/add-ons/${addOnId}/decision`, { decision: 'decline', channel: 'phone-call' });
    assert.is(byAdvisor.status, 409, 'an advisor cannot overturn it either');
    const bad = await server.api('POST', `/api/track/${token}/add-ons/${addOnId}/decision`, { decision: 'maybe' }, { authorization: undefined });
    assert.is(bad.status, 400);
  });

  AddOns('an advisor records a decline taken by phone; technicians may not record decisions', async () => {
    if (skip) return;
    const { ro, phone, code } = await aCarWaitingForApproval();
    const { addOnId } = (await propose(phone, [...fields({ code })])).body.data;
    const tech = await server.api(
      'POST',
      `${ROS}/${ro.id}/add-ons/${addOnId}/decision`,
      { decision: 'approve', channel: 'phone-call' },
      asStaff(server.auth, { roles: ['technician'], storeIds: [S] }),
    );
    assert.is(tech.status, 403);
    const pageChannel = await server.api(
      'POST',
      `${ROS}/${ro.id}/add-ons/${addOnId}/decision`,
      { decision: 'approve', channel: 'phone-page' },
      asStaff(server.auth, { roles: ['advisor'], storeIds: [S], id: 'adv-1' }),
    );
    assert.is(pageChannel.status, 400, "phone-page is the customer's own channel");
    const res = await server.api(
      'POST',
      `${ROS}/${ro.id}/add-ons/${addOnId}/decision`,
      { decision: 'decline', channel: 'phone-call' },
      asStaff(server.auth, { roles: ['advisor'], storeIds: [S], id: 'adv-1' }),
    );
    assert.is(res.status, 200, JSON.stringify(res.body));
    const after = (await server.service.state(S)).ros.get(ro.id)!;
    assert.equal({ ...after.addOns![0].decision, at: undefined }, { by: 'advisor', channel: 'phone-call', personId: 'adv-1', at: undefined });
    assert.is(after.operations.length, 1, 'nothing added');
  });

  AddOns('an advisor proposes at the desk with the API form', async () => {
    if (skip) return;
    const { ro } = await aCarWaitingForApproval();
    const res = await fetch(`${server.url}${ROS}/${ro.id}/add-ons`, {
      method: 'POST',
      body: form([...fields({ title: '更换雨刮片', price: '120', hours: '0.2' }), photo(await aPng(), 'image/png')]),
      headers: staffCookie({ roles: ['advisor'], storeIds: [S], id: 'adv-1' }),
    });
    assert.is(res.status, 201, await res.clone().text());
    const after = (await server.service.state(S)).ros.get(ro.id)!;
    assert.equal([after.addOns![0].title, after.addOns![0].by, after.addOns![0].photoIds.length], ['更换雨刮片', 'adv-1', 1]);
    const washer = await fetch(`${server.url}${ROS}/${ro.id}/add-ons`, {
      method: 'POST',
      body: form(fields()),
      headers: staffCookie({ roles: ['washer'], storeIds: [S] }),
    });
    assert.is(washer.status, 403);
  });

  AddOns("erasing a customer removes their orders' photos (npm run privacy's target), and only theirs", async () => {
    if (skip) return;
    const mine = await aCarWaitingForApproval();
    const [photoId] = (await propose(mine.phone, [...fields({ code: mine.code }), photo(await aPng(), 'image/png')])).body.data.photoIds;
    const other = await aCarWaitingForApproval();
    const [otherPhoto] = (await propose(other.phone, [...fields({ code: other.code }), photo(await aPng(), 'image/png')])).body.data.photoIds;
    const store = photoStoreOf(server.deps);
    assert.is(await store.eraseOrders(S, [mine.ro.id], { dryRun: true }), 1);
    assert.ok(await store.get(S, mine.ro.id, photoId), 'a dry run keeps it');
    assert.is(await store.eraseOrders(S, [mine.ro.id]), 1);
    assert.is(await store.get(S, mine.ro.id, photoId), undefined);
    assert.ok(await store.get(S, other.ro.id, otherPhoto), "another customer's photo stays");
    assert.is(await store.eraseOrders(S, [mine.ro.id]), 0, 'a second erasure changes nothing');
  });

  AddOns('the OpenAPI document describes the multipart proposal and the decision routes', async () => {
    if (skip) return;
    const doc = (await server.api('GET', '/api/openapi.json')).body;
    const scan = doc.paths['/api/scan/add-ons'].post;
    const form = scan.requestBody.content['multipart/form-data'].schema;
    assert.equal(Object.keys(form.properties).sort(), ['code', 'hours', 'photos', 'price', 'title']);
    assert.is(form.properties.photos.maxItems, 3);
    for (const status of ['413', '415', '422']) assert.ok(scan.responses[status], status);
    assert.ok(doc.paths['/api/track/{token}/add-ons/{addOnId}/decision']?.post ?? doc.paths['/api/track/:token/add-ons/:addOnId/decision']?.post);
  });

  AddOns.run();
}

addOnSuite('embedded: photos in the data directory', async () => ({}));
addOnSuite('PostgreSQL: photos in add_on_photos (bytea)', async () => {
  const pg = await findPostgres();
  if ('reason' in pg) {
    reportNoPostgres('add-on work on PostgreSQL', pg.reason);
    return undefined;
  }
  const db = await createDatabase(pg.url, 'addon');
  return { databaseUrl: db.url, cleanup: () => db.drop() };
});

const History = suite('add-on work in the history read model');
History('approved add-on work is an operation of the visit in the read model, and the resumed job is at work again', async () => {
  const server = await startTestServer({ shop: aTestShop(), history: true });
  try {
    const ro = await createRo(server, S, { operations: [{ code: 'OIL' }] });
    const opId = ro.operations[0].id;
    await commitOk(server.service, S, { type: 'startOperation', roId: ro.id, operationId: opId, bayId: 'bay-1', technicianId: 'tech-1' });
    await commitOk(server.service, S, { type: 'pauseOperation', roId: ro.id, operationId: opId, pause: { reason: 'approval' } });
    await commitOk(server.service, S, {
      type: 'proposeAddOn',
      roId: ro.id,
      addOnId: 'ao-h1',
      title: '更换雨刮片',
      price: 120,
      hours: 0.3,
      photoIds: [],
      by: 'tech-1',
      bayId: 'bay-1',
      technicianId: 'tech-1',
    });
    await commitOk(server.service, S, { type: 'approveAddOn', roId: ro.id, addOnId: 'ao-h1', by: 'customer', channel: 'phone-page' });
    await server.history!.projector.idle();
    const ops = await server.history!.db.selectFrom('history_operations').selectAll().where('ro_id', '=', ro.id).orderBy('operation_id').execute();
    const byId = Object.fromEntries(ops.map((o) => [o.operation_id, o]));
    assert.is(byId['ao-h1']?.code, 'ADDON');
    assert.is(byId['ao-h1']?.bay_id, 'bay-1');
    assert.is(byId[opId]?.status, 'in_progress');
  } finally {
    await server.close();
  }
});
History.run();

const Demo = suite("the demo's add-on work");
Demo('the demo day has one car with add-on work and a photo for its customer, once however often it is seeded', async () => {
  const { seedDemoDay } = await import('../demo/seed');
  const { seedDemoAddOn } = await import('../demo/add-on');
  const server = await startTestServer();
  try {
    const storeId = server.deps.shop.stores[0]!.id;
    await seedDemoDay(server.service, storeId, new Date());
    const roId = await seedDemoAddOn(server.service, photoStoreOf(server.deps), storeId);
    assert.ok(roId);
    assert.is(await seedDemoAddOn(server.service, photoStoreOf(server.deps), storeId), undefined, 'not twice');
    const ro = (await server.service.state(storeId)).ros.get(roId!)!;
    assert.is(ro.addOns!.length, 1);
    const [photoId] = ro.addOns![0].photoIds;
    const res = await fetch(`${server.url}/api/track/${ro.trackingToken}/photos/${photoId}`);
    assert.is(res.status, 200);
    assert.is((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format, 'jpeg');
    assert.is(await photoStoreOf(server.deps).count(storeId), 1, 'the second seeding left no stray photo');
  } finally {
    await server.close();
  }
});
Demo.run();
