import type { Request } from 'express';
import QRCode from 'qrcode';
import { linkOrigin } from '../http/public-url';
import type { Store } from '../../shared/domain/shop';

/**
 * QR codes of the scan page's URLs. Error correction M (15 % of the code may be lost), so a
 * worn or oil-stained printout still scans; the quiet zone is the standard 4 modules.
 */
export const QR_LEVEL = 'M' as const;

/** The origin printed in codes: the store's scan.publicUrl, else the server's (see linkOrigin). */
export const publicBase = (req: Request, store: Store): string => store.scan.publicUrl?.replace(/\/+$/, '') ?? linkOrigin(req);

export const scanPath = (token: string) => `/s/${token}`;

export const qrSvg = (text: string): Promise<string> => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: QR_LEVEL, margin: 4 });

/** Size of the code a text makes: version 1–40 (21 + 4·(v−1) modules a side). */
export const qrVersion = (text: string): number => QRCode.create(text, { errorCorrectionLevel: QR_LEVEL }).version;
