import type { TypologyHints } from '../cases/index.ts';
import { sarCategoryFromLabel, type SarCategory } from './fincen/sar-codes.ts';

/** The part of a typology document (src/typologies) the reports use. */
export type TypologyReportFields = {
  id: string;
  sar?: { keyTerm?: string | undefined; activityCategories?: readonly string[] | undefined } | undefined;
  redFlags?: ReadonlyArray<{ en?: string | undefined; es?: string | undefined }> | undefined;
};

/**
 * Turns a typology's advisory key term, SAR activity categories and red flags into the hints a
 * case carries, so the SAR drafted from its alert is filled in as the advisory asks. Labels that
 * match no FinCEN code are returned in `unmatched` rather than dropped.
 * @example typologyHintsOf(typology).hints.sarCategories // [{ typeId: 8, subtypeId: 824 }]
 */
export function typologyHintsOf(typology: TypologyReportFields): { hints: TypologyHints; unmatched: string[] } {
  const sarCategories: SarCategory[] = [];
  const unmatched: string[] = [];
  for (const label of typology.sar?.activityCategories ?? []) {
    const category = sarCategoryFromLabel(label);
    if (category && !sarCategories.some((c) => c.subtypeId === category.subtypeId)) sarCategories.push(category);
    else if (!category) unmatched.push(label);
  }
  const join = (texts: Array<string | undefined>) => texts.filter((t): t is string => Boolean(t)).map((t) => (/[.!?]$/.test(t.trim()) ? t.trim() : `${t.trim()}.`)).join(' ');
  const en = join((typology.redFlags ?? []).map((f) => f.en));
  const es = join((typology.redFlags ?? []).map((f) => f.es));
  return {
    hints: {
      typologyId: typology.id,
      ...(typology.sar?.keyTerm ? { advisoryKeyTerm: typology.sar.keyTerm.slice(0, 50) } : {}),
      sarCategories,
      ...(en || es ? { redFlag: { ...(en ? { en } : {}), ...(es ? { es } : {}) } } : {}),
    },
    unmatched,
  };
}
