/**
 * Licence-plate rules without zod, so browser pages (the kiosk) can check a plate with the very
 * rules the server's `plateSchema` uses while keeping zod out of their bundle. `plate.ts`
 * re-exports all of this and adds the zod schema and the English messages.
 *
 * Plates are stored normalised (upper case, no separators): `京A12345`, `粤BD12345`.
 */
export type Country = 'CN' | 'OTHER';

/** Province (and municipality) abbreviations that start a Chinese civil plate (GA 36). */
export const CN_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

// GA 36 serials never use I or O, which read as 1 and 0.
const S = 'A-HJ-NP-Z0-9';
const cnRegular = new RegExp(`^[${CN_PROVINCES}][A-Z][${S}]{4}[${S}挂学警港澳]$`);
// New-energy plates have 6 serial characters: small cars D/F first, large vehicles D/F last.
const cnNewEnergy = new RegExp(`^[${CN_PROVINCES}][A-Z](?:[DF][${S}][0-9]{4}|[0-9]{5}[DF])$`);
const otherPlate = /^[A-Z0-9-]{2,10}$/;

export const normalisePlate = (raw: string): string =>
  raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s·•.\-_]/g, '');

export const isValidPlate = (plate: string, country: Country): boolean =>
  country === 'CN' ? cnRegular.test(plate) || cnNewEnergy.test(plate) : otherPlate.test(plate);

export const isNewEnergyPlate = (plate: string): boolean => cnNewEnergy.test(plate);

/** Why a plate is refused, as a code each surface words in its own language. */
export type PlateProblem = 'other_format' | 'province' | 'office_letter' | 'length' | 'i_or_o' | 'new_energy_df' | 'characters';

/** The reason a plate is not valid, or undefined when it is. */
export const plateProblemCode = (raw: string, country: Country): PlateProblem | undefined => {
  const plate = normalisePlate(raw);
  if (isValidPlate(plate, country)) return undefined;
  if (country !== 'CN') return 'other_format';
  if (!CN_PROVINCES.includes(plate[0] ?? '')) return 'province';
  if (!/^[A-Z]$/.test(plate[1] ?? '')) return 'office_letter';
  const serial = plate.slice(2);
  if (serial.length !== 5 && serial.length !== 6) return 'length';
  if (/[IO]/.test(serial)) return 'i_or_o';
  return serial.length === 6 ? 'new_energy_df' : 'characters';
};

/** `京A12345` → `京A·12345`. */
export const formatPlate = (plate: string, country: Country = 'CN'): string =>
  country === 'CN' && plate.length >= 7 ? `${plate.slice(0, 2)}·${plate.slice(2)}` : plate;

/**
 * Mask a plate for public screens: keep the region and the first and last two serial
 * characters, hide two in between. `京A12345` → `京A·1**45`, `粤BD12345` → `粤B·D1**45`.
 */
export const maskPlate = (plate: string, country: Country = 'CN'): string => {
  if (country === 'CN' && plate.length >= 7) {
    const serial = plate.slice(2);
    const keepHead = serial.length - 4;
    return `${plate.slice(0, 2)}·${serial.slice(0, keepHead)}**${serial.slice(-2)}`;
  }
  if (plate.length <= 4) return `${plate[0] ?? ''}***`;
  return `${plate.slice(0, 2)}${'*'.repeat(plate.length - 4)}${plate.slice(-2)}`;
};
