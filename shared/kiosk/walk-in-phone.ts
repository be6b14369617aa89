import type { Country } from '../domain/plate-rules';

/**
 * The phone number a walk-in types on the kiosk's digit pad (no "+" key, no system keyboard).
 * In mainland China it is an 11-digit mobile (1, then 3–9, then nine digits): a typo there costs
 * the customer every progress message, so anything else is refused. Any other number is typed
 * the way one dials abroad from China — 00, the country code, the number (00852 9123 4567 for
 * Hong Kong) — and is kept as +852…. Stores in other countries take 6–15 digits as they come.
 */
export type WalkInPhone = { ok: true; phone: string } | { ok: false; problem: 'mainland' | 'international' };

export function walkInPhone(digits: string, country: Country): WalkInPhone {
  const typed = digits.replace(/[\s-]/g, '');
  if (country !== 'CN') return /^\+?[0-9]{6,15}$/.test(typed) ? { ok: true, phone: typed } : { ok: false, problem: 'international' };
  if (typed.startsWith('00') || typed.startsWith('+')) {
    const rest = typed.replace(/^(00|\+)/, '');
    // Mainland numbers dialled with the country code are still mainland numbers.
    if (rest.startsWith('86')) return walkInPhone(rest.slice(2), country);
    return /^[1-9][0-9]{5,14}$/.test(rest) ? { ok: true, phone: `+${rest}` } : { ok: false, problem: 'international' };
  }
  return /^1[3-9][0-9]{9}$/.test(typed) ? { ok: true, phone: typed } : { ok: false, problem: 'mainland' };
}
