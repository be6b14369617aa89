import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/**
 * A Y4M video of a QR code, for Chromium's fake camera
 * (`--use-file-for-fake-video-capture=<file>`): the real page then scans a real image through
 * getUserMedia and its real decoder. The code sits on white, slightly off-centre, as a phone
 * would see a card.
 */
export function writeQrVideo(path: string, text: string, opts: { width?: number; height?: number; frames?: number } = {}): void {
  const width = opts.width ?? 640;
  const height = opts.height ?? 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const scale = Math.floor((Math.min(width, height) * 0.7) / (modules + 8));
  const x0 = Math.floor((width - modules * scale) / 2) + 20;
  const y0 = Math.floor((height - modules * scale) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let r = 0; r < modules; r++)
    for (let c = 0; c < modules; c++)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy++) y.fill(16, (y0 + r * scale + dy) * width + x0 + c * scale, (y0 + r * scale + dy) * width + x0 + (c + 1) * scale);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const frames = opts.frames ?? 5;
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array(frames).fill(frame)]));
}
