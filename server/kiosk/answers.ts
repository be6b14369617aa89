import type { Request } from 'express';
import QRCode from 'qrcode';
import { linkOrigin } from '../http/public-url';
import { maskName, maskPhone } from '../../shared/domain/mask';
import { formatPlate } from '../../shared/domain/plate';
import type { RepairOrder } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import type { WorkshopService } from '../workshop-service';
import type { CheckInDone } from '../../shared/kiosk/payloads';
import { serviceLines } from './bookings';
import { waitFromEta } from './estimate';

/** The origin customers' phones can reach: the store's kiosk.publicUrl, else the server's (see linkOrigin). */
export const publicOrigin = (req: Request, store: Store) => store.kiosk.publicUrl?.replace(/\/+$/, '') ?? linkOrigin(req);

export const qrDataUrl = async (text: string): Promise<string> => {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
};

export async function checkInDone(req: Request, service: WorkshopService, store: Store, ro: RepairOrder): Promise<CheckInDone> {
  await service.state(store.id);
  const trackingUrl = `${publicOrigin(req, store)}/t/${ro.trackingToken}`;
  return {
    queueNumber: ro.queueNumber ?? ro.number.slice(-4),
    roNumber: ro.number,
    plate: formatPlate(ro.vehicle.plate, store.country),
    customer: maskName(ro.customer.name, ro.customer.salutation),
    phone: maskPhone(ro.customer.phone.replace(/\D/g, '')),
    services: ro.operations.map((o) => ({
      ...serviceLines(store, [o.code])[0],
      ...(store.catalogue.some((c) => c.code === o.code) ? {} : { title: { 'zh-CN': o.title, en: o.title } }),
      standardHours: o.standardHours,
    })),
    checkedInAt: ro.checkedInAt ?? ro.createdAt,
    estimate: waitFromEta(service.etas(store.id)(ro.id), Date.now()),
    trackingUrl,
    trackingQr: await qrDataUrl(trackingUrl),
    ...(store.pickupDesk ? { pickupDesk: store.pickupDesk } : {}),
  };
}
