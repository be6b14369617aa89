import jsQR from 'jsqr';

/**
 * The QR decoder for browsers without BarcodeDetector, as its own small bundle
 * (/assets/scan-decoder.js) that the scan page loads only when it needs it.
 */
export function decode(image: ImageData): string | undefined {
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data || undefined;
}
