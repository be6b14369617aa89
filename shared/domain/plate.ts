import { z } from 'zod';

/**
 * Licence plates are plain strings, validated per configured country.
 * Stored normalised (upper case, no separators): `京A12345`, `粤BD12345`.
 * Displayed with the conventional dot after the issuing-office letter: `京A·12345`.
 */
export const CountrySchema = z.enum(['CN', 'OTHER']);
export type Country = z.infer<typeof CountrySchema>;

/** Province (and municipality) abbreviations that start a Chinese civil plate (GA 36). */
export const CN_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

// GA 36 serials never use I or O, which read as 1 and 0.
const S = 'A-HJ-NP-Z0-9';
const cnRegular = new RegExp(`^[${CN_PROVINCES}][A-Z][${S}]{4}[${S}挂学警港澳]$`);
// New-energy plates have 6 serial characters: small cars D/F first, large vehicles D/F last.
const cnNewEnergy = new RegExp(`^[${CN_PROVINCES}][A-Z](?:[DF][${S}][0-9]{4}|[0-9]{5}[DF])$`);
const otherPlate = /^[A-Z0-9-]{2,10}$/;

export const normalisePlate = (raw: string): string =>
  raw.normalize('NFKC').toUpperCase().replace(/[\s·•.\-_]/g, '');

export const isValidPlate = (plate: string, country: Country): boolean =>
  country === 'CN' ? cnRegular.test(plate) || cnNewEnergy.test(plate) : otherPlate.test(plate);

export const isNewEnergyPlate = (plate: string): boolean => cnNewEnergy.test(plate);

/** Human-readable reason a plate was refused, for error messages a customer can act on. */
export const plateProblem = (raw: string, country: Country): string | undefined => {
  const plate = normalisePlate(raw);
  if (isValidPlate(plate, country)) return undefined;
  if (country !== 'CN') return 'plate must be 2–10 letters or digits';
  if (!CN_PROVINCES.includes(plate[0] ?? '')) return 'plate must start with a province abbreviation such as 京 or 粤';
  if (!/^[A-Z]$/.test(plate[1] ?? '')) return 'the second character must be a letter (the issuing office)';
  const serial = plate.slice(2);
  if (serial.length !== 5 && serial.length !== 6)
    return 'a plate has 5 characters after the office letter, or 6 for new-energy vehicles';
  if (/[IO]/.test(serial)) return 'plates never contain the letters I or O';
  return serial.length === 6
    ? 'a new-energy plate starts or ends its 6 characters with D or F'
    : 'the plate has characters that are not allowed';
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

/** A zod schema that normalises and checks plates for one country. */
export const plateSchema = (country: Country) =>
  z
    .string()
    .max(20)
    .transform(normalisePlate)
    .superRefine((plate, ctx) => {
      const problem = plateProblem(plate, country);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
