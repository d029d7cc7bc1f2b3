import type { FiuReport } from '../src/fiu/index.ts';

export type FixtureSubject = { name: string; kind?: 'person' | 'company'; curp?: string; birthDate?: string; country?: string };

/**
 * A received FinCEN SAR as the hub stores it, for tests that seed the hub without intake: report
 * `<fileId>#<sequence>` from a US institution, one USD 12,000 domestic leg, the given subjects.
 * @example fiuTestReport({ fileId: 't', sequence: 1, institution: { institutionId: 'EIN:1', name: 'EIN:1' } }, [{ name: 'Juan Pérez López' }])
 */
export function fiuTestReport(
  file: { fileId: string; sequence: number; institution: { institutionId: string; name: string }; filerReference?: string },
  subjects: readonly FixtureSubject[],
  extra: Partial<FiuReport> = {},
): FiuReport {
  const reportId = `${file.fileId}#${file.sequence}`;
  return {
    reportId,
    fileId: file.fileId,
    sequence: file.sequence,
    kind: 'fincen-sar',
    filerReference: file.filerReference ?? String(file.sequence),
    institution: { ...file.institution, country: 'US' },
    filedOn: '2026-03-01',
    activityFrom: '2026-02-20',
    activityTo: '2026-02-25',
    amountMinor: 1_200_000,
    currency: 'USD',
    categories: [],
    narrative: '',
    subjects: subjects.map((subject, index) => ({
      subjectId: `${reportId}/s${index + 1}`,
      reportId,
      kind: subject.kind ?? 'person',
      role: 'subject' as const,
      fullName: subject.name,
      ...(subject.birthDate ? { birthDate: subject.birthDate } : {}),
      ...(subject.country ? { country: subject.country } : {}),
      identifiers: subject.curp ? [{ kind: 'curp' as const, value: subject.curp }] : [],
      addresses: [],
    })),
    transactions: [{ amountMinor: extra.amountMinor ?? 1_200_000, currency: 'USD', date: '2026-02-25', fromCountry: 'US', toCountry: 'US' }],
    ...extra,
  };
}
