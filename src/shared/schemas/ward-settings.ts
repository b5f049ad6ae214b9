// A ward's coverage settings: the adult age threshold and the yearly targets for the two indicators
// (K: basic digital knowledge and skills; V: confirmed on VNeID), as a percentage or an absolute count.
import { z } from 'zod/mini';

export const INDICATORS = ['K', 'V'] as const;
export type Indicator = (typeof INDICATORS)[number];

export const targetSchema = z.strictObject({
  year: z.int().check(z.gte(2024), z.lte(2100)),
  indicator: z.enum(INDICATORS),
  kind: z.enum(['percent', 'count']),
  value: z.number().check(z.gte(0), z.lte(10_000_000)),
});
export type Target = z.infer<typeof targetSchema>;

export const wardSettingsSchema = z.strictObject({
  /** Aged at least this many years on the reporting date = adult (civil-law adulthood: 18). */
  adultAge: z.int().check(z.gte(14), z.lte(30)),
  targets: z.array(targetSchema).check(z.maxLength(100)),
});
export type WardSettings = z.infer<typeof wardSettingsSchema>;

export const DEFAULT_ADULT_AGE = 18;

export const DEFAULT_WARD_SETTINGS: WardSettings = { adultAge: DEFAULT_ADULT_AGE, targets: [] };

/**
 * The target for a year and indicator: the ward's own, else the national plan's defaults
 * (80 % in 2025 and earlier, 100 % from 2026 on — DOMAIN.md).
 */
export function targetFor(settings: WardSettings, year: number, indicator: Indicator): Target {
  const own = settings.targets.find((t) => t.year === year && t.indicator === indicator);
  return own ?? { year, indicator, kind: 'percent', value: year <= 2025 ? 80 : 100 };
}
