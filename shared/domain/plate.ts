import { z } from 'zod';
import { normalisePlate, plateProblemCode, type PlateProblem } from './plate-rules';

/**
 * Licence plates are plain strings, validated per configured country.
 * Stored normalised (upper case, no separators): `京A12345`, `粤BD12345`.
 * Displayed with the conventional dot after the issuing-office letter: `京A·12345`.
 *
 * The rules themselves live in plate-rules.ts (no zod), so browser pages can share them.
 */
export { CN_PROVINCES, formatPlate, isNewEnergyPlate, isValidPlate, maskPlate, normalisePlate, plateProblemCode, type PlateProblem } from './plate-rules';

export const CountrySchema = z.enum(['CN', 'OTHER']);
export type Country = z.infer<typeof CountrySchema>;

const PROBLEM_MESSAGES: Record<PlateProblem, string> = {
  other_format: 'plate must be 2–10 letters or digits',
  province: 'plate must start with a province abbreviation such as 京 or 粤',
  office_letter: 'the second character must be a letter (the issuing office)',
  length: 'a plate has 5 characters after the office letter, or 6 for new-energy vehicles',
  i_or_o: 'plates never contain the letters I or O',
  new_energy_df: 'a new-energy plate starts or ends its 6 characters with D or F',
  characters: 'the plate has characters that are not allowed',
};

/** Human-readable reason a plate was refused, for error messages a customer can act on. */
export const plateProblem = (raw: string, country: Country): string | undefined => {
  const code = plateProblemCode(raw, country);
  return code && PROBLEM_MESSAGES[code];
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
