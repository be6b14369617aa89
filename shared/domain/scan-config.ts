import { z } from 'zod';

const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. "20:00"');

export const SCAN_DEFAULTS = { shiftEnds: ['20:00'], maxSignInHours: 12, pinMaxFailures: 5, pinLockMinutes: 15, pinGuessesPerDay: 50 };

/** The technician scan page (/s/…): how long a sign-in lasts, how PINs are guarded, what QR codes point at. */
export const ScanConfigSchema = z
  .strictObject({
    /** Store-local times at which shifts end; a phone stays signed in until the next one. */
    shiftEnds: z.array(ClockTimeSchema).min(1).max(6).default(SCAN_DEFAULTS.shiftEnds),
    /** Longest a sign-in lasts when no shift end comes sooner. */
    maxSignInHours: z.number().int().min(1).max(24).default(SCAN_DEFAULTS.maxSignInHours),
    /**
     * Formerly: wrong PINs in a row that locked a person's PIN for everyone. Wrong PINs now slow
     * down only the device and address they come from (server/scan/pin-limits.ts), so this is
     * accepted for old configurations and no longer used.
     */
    pinMaxFailures: z.number().int().min(3).max(20).default(SCAN_DEFAULTS.pinMaxFailures),
    /** Longest wait between PIN attempts from one device or address (the delays double up to it). */
    pinLockMinutes: z.number().int().min(1).max(1440).default(SCAN_DEFAULTS.pinLockMinutes),
    /** Wrong PINs heard per person per day from all devices together (at most 50); a fifth of them only from the person's own devices. */
    pinGuessesPerDay: z.number().int().min(5).max(50).default(SCAN_DEFAULTS.pinGuessesPerDay),
    /** Origin printed in QR codes (`https://workshop.example.com`); default: the address the print page was opened at. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .default(SCAN_DEFAULTS);
export type ScanConfig = z.infer<typeof ScanConfigSchema>;
