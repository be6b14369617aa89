/**
 * The tracking page's service worker (served as /push-sw.js, scope /t/): shows the messages the
 * server pushes (server/notify/web-push.ts: {title, body, url, tag}) and opens the car's page
 * when one is tapped. A classic script with no imports, because a module service worker is not
 * available in every phone browser yet.
 */
interface PushPayload {
  title?: string;
  body?: string;
  url?: string;
  tag?: string;
}
interface SwEvent {
  waitUntil(p: Promise<unknown>): void;
}
interface PushEventLike extends SwEvent {
  data?: { json(): unknown } | null;
}
interface ClickEventLike extends SwEvent {
  notification: { close(): void; data?: { url?: string } };
}
interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
}
interface ServiceWorkerScope {
  addEventListener(type: 'push', listener: (e: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', listener: (e: ClickEventLike) => void): void;
  registration: { showNotification(title: string, options: { body?: string; tag?: string; data?: unknown; icon?: string }): Promise<void> };
  clients: { matchAll(o: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>; openWindow(url: string): Promise<unknown> };
}

const scope = self as unknown as ServiceWorkerScope;

scope.addEventListener('push', (event) => {
  let message: PushPayload = {};
  try {
    message = (event.data?.json() ?? {}) as PushPayload;
  } catch {
    // A payload we cannot read still tells the customer something happened.
  }
  event.waitUntil(
    scope.registration.showNotification(message.title ?? '车辆进度 · Your car', {
      body: message.body ?? '',
      tag: message.tag,
      data: { url: message.url },
    }),
  );
});

scope.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url;
  if (!url) return;
  event.waitUntil(
    scope.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((open) => {
      const same = open.find((c) => c.url.split('?')[0] === url.split('?')[0]);
      return same ? same.focus() : scope.clients.openWindow(url);
    }),
  );
});
