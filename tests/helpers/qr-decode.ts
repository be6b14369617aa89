import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Decode the QR code inside each box of a screenshot with a real decoder (jsQR). Boxes are
 * in CSS pixels; `scale` is the screenshot's device pixel ratio. A margin around each box
 * keeps the quiet zone. Undefined where nothing decodes.
 */
export function decodeRegions(png: Buffer, boxes: Box[], scale = 1, margin = 8): (string | undefined)[] {
  const image = PNG.sync.read(png);
  return boxes.map((box) => {
    const x0 = Math.max(0, Math.floor((box.x - margin) * scale));
    const y0 = Math.max(0, Math.floor((box.y - margin) * scale));
    const x1 = Math.min(image.width, Math.ceil((box.x + box.width + margin) * scale));
    const y1 = Math.min(image.height, Math.ceil((box.y + box.height + margin) * scale));
    const w = x1 - x0;
    const h = y1 - y0;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) {
      const from = ((y0 + y) * image.width + x0) * 4;
      data.set(image.data.subarray(from, from + w * 4), y * w * 4);
    }
    return jsQR(data, w, h)?.data || undefined;
  });
}
