import sharp from 'sharp';
import { localDate } from '../../shared/domain/local-date';
import type { WorkshopService } from '../workshop-service';
import type { PhotoStore } from '../add-ons/photo-store';
import { newPhotoId } from '../add-ons/photos';
import { systemActor } from '../actors';

/** A worn brake pad against its disc, drawn for the demo (no photo of anyone's car ships with it). */
const DEMO_PHOTO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
  <rect width="1600" height="1200" fill="#2f3640"/><circle cx="760" cy="620" r="470" fill="#8d99a6"/>
  <circle cx="760" cy="620" r="430" fill="none" stroke="#6b7682" stroke-width="10"/><circle cx="760" cy="620" r="170" fill="#39424e"/>
  <rect x="1130" y="330" width="150" height="580" rx="30" fill="#b5651d"/><rect x="1150" y="350" width="40" height="540" rx="12" fill="#7f4a18"/>
  <path d="M1300 300 l120 -90" stroke="#facc15" stroke-width="16"/><circle cx="1440" cy="195" r="38" fill="none" stroke="#facc15" stroke-width="12"/></svg>`;

/**
 * The demo's add-on work: on the first car in service, the technician found the front brake pads
 * worn to the limit, with a photo, waiting for the customer on the tracking page. Once per store
 * and day (its idempotency key); a restart adds nothing.
 */
export async function seedDemoAddOn(service: WorkshopService, photos: PhotoStore, storeId: string, now = new Date()): Promise<string | undefined> {
  const store = service.storeConfig(storeId);
  if (!store) return undefined;
  const state = await service.state(storeId);
  const ro = [...state.ros.values()].find(
    (r) => r.stage === 'in_service' && !r.addOns?.length && r.operations.some((o) => o.status === 'in_progress' && o.technicianId),
  );
  const op = ro?.operations.find((o) => o.status === 'in_progress' && o.technicianId);
  if (!ro || !op) return undefined;
  const { data, info } = await sharp(Buffer.from(DEMO_PHOTO_SVG)).jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true });
  const photo = { id: newPhotoId(), bytes: data, width: info.width, height: info.height };
  await photos.put(storeId, ro.id, [photo]);
  const result = await service.commit({
    storeId,
    actor: systemActor('demo'),
    source: 'system',
    key: `demo-addon:${storeId}:${localDate(now, store.timezone)}`,
    command: {
      type: 'proposeAddOn',
      roId: ro.id,
      addOnId: `ao-demo-${ro.id}`.slice(0, 60),
      title: store.locale === 'en' ? 'Front brake pads worn to the limit' : '前刹车片磨损到限，建议更换',
      price: 680,
      hours: 1.2,
      photoIds: [photo.id],
      by: op.technicianId!,
      ...(op.bayId ? { bayId: op.bayId } : {}),
      technicianId: op.technicianId,
    },
  });
  if (!result.ok || result.duplicate) {
    await photos.remove(storeId, ro.id, [photo.id]);
    return undefined;
  }
  return ro.id;
}
