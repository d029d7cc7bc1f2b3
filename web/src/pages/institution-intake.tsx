import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fiuApi, problemMessage } from '../api.ts';
import { Status } from '../components/layout.tsx';
import { formatDateTime } from '../format.ts';
import type { IntakeAcknowledgement } from '../types.ts';
import { useFiuApi } from '../use-api.ts';

/** The hub's limit per file (src/fiu/intake.ts MAX_INTAKE_FILE_BYTES): checked here so a too-large file is never sent. */
export const MAX_INTAKE_FILE_BYTES = 32 * 1024 * 1024;
/** Files per upload: each is sent and acknowledged on its own, one after the other. */
const MAX_FILES_PER_UPLOAD = 20;

type Outcome = { fileName: string; acknowledgement: IntakeAcknowledgement | null; failure: string | null };

/** The size of a file in the reader's language, in bytes, KiB or MiB. */
function formatBytes(bytes: number, language: string): string {
  const format = new Intl.NumberFormat(language === 'es' ? 'es-MX' : 'en-US', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${format.format(bytes / (1024 * 1024))} MiB`;
  return bytes >= 1024 ? `${format.format(bytes / 1024)} KiB` : `${format.format(bytes)} B`;
}

/**
 * Intake for a filing institution: choose (or drop) FinCEN SAR/CTR, goAML or UIF files, each
 * read as text in the browser and filed with the hub, which answers an acknowledgement listing
 * the accepted reports and every error with where it is. Below, every file this institution filed.
 */
export default function InstitutionIntakePage() {
  const { t, i18n } = useTranslation();
  const files = useFiuApi<{ files: IntakeAcknowledgement[] }>('/intake/files');
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const limit = formatBytes(MAX_INTAKE_FILE_BYTES, i18n.language);

  function choose(list: FileList | null) {
    const picked = [...(list ?? [])];
    const tooLarge = picked.filter((file) => file.size > MAX_INTAKE_FILE_BYTES);
    const empty = picked.filter((file) => file.size === 0);
    const problems = [
      ...tooLarge.map((file) => t('intake.tooLarge', { name: file.name, size: formatBytes(file.size, i18n.language), limit })),
      ...empty.map((file) => t('intake.empty', { name: file.name })),
      ...(picked.length > MAX_FILES_PER_UPLOAD ? [t('intake.tooMany', { count: MAX_FILES_PER_UPLOAD })] : []),
    ];
    setProblem(problems.length > 0 ? problems.join(' ') : null);
    setChosen(picked.filter((file) => file.size > 0 && file.size <= MAX_INTAKE_FILE_BYTES).slice(0, MAX_FILES_PER_UPLOAD));
    setOutcomes([]);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    // The dropped files replace any chosen through the input, which would otherwise still name them.
    if (input.current) input.current.value = '';
    choose(event.dataTransfer.files);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const results: Outcome[] = [];
    for (const file of chosen) {
      try {
        const content = await file.text();
        const acknowledgement = await fiuApi.post<IntakeAcknowledgement>('/intake/files', { fileName: file.name.slice(0, 200), content });
        results.push({ fileName: file.name, acknowledgement, failure: null });
      } catch (failure) {
        results.push({ fileName: file.name, acknowledgement: null, failure: problemMessage(failure, t('common.error')) });
      }
      setOutcomes([...results]);
    }
    setBusy(false);
    setChosen([]);
    if (input.current) input.current.value = '';
    files.reload();
  }

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.institutionIntake')}</h1>
      <p className="hint">{t('intake.intro')}</p>
      <form className="panel" onSubmit={(event) => void submit(event)} aria-labelledby="intake-form-title">
        <h2 id="intake-form-title">{t('intake.fileReports')}</h2>
        <div
          className={`drop-zone${dragging ? ' dragging' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label htmlFor="intake-files">{t('intake.chooseFiles')}</label>
          <input id="intake-files" ref={input} type="file" multiple accept=".xml,.txt,.csv,text/xml,application/xml,text/plain" aria-describedby="intake-limit" onChange={(event) => choose(event.target.files)} />
          <p id="intake-limit" className="hint">
            {t('intake.limit', { limit, count: MAX_FILES_PER_UPLOAD })} {t('intake.dropHint')}
          </p>
        </div>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        {chosen.length > 0 && (
          <ul className="chips" aria-label={t('intake.chosen', { count: chosen.length })}>
            {chosen.map((file) => (
              <li key={`${file.name}-${file.size}`}>
                {file.name} <span className="muted">({formatBytes(file.size, i18n.language)})</span>
              </li>
            ))}
          </ul>
        )}
        <button type="submit" className="primary" disabled={busy || chosen.length === 0}>
          {busy ? t('intake.sending') : chosen.length === 0 ? t('intake.sendNone') : t('intake.send', { count: chosen.length })}
        </button>
      </form>
      <div aria-live="polite">
        {outcomes.map((outcome, index) =>
          outcome.acknowledgement ? (
            <AcknowledgementView key={`${outcome.fileName}-${index}`} acknowledgement={outcome.acknowledgement} />
          ) : (
            <p key={`${outcome.fileName}-${index}`} role="alert" className="error">
              {t('intake.notFiled', { name: outcome.fileName, reason: outcome.failure })}
            </p>
          ),
        )}
      </div>
      <h2>{t('intake.ourFiles')}</h2>
      <Status loading={files.loading && !files.data} error={files.error} />
      {files.data && files.data.files.length === 0 && <p role="status">{t('intake.noFiles')}</p>}
      {files.data && files.data.files.length > 0 && (
        <table className="intake-files">
          <caption className="sr-only">{t('intake.ourFiles')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('intake.file')}</th>
              <th scope="col">{t('intake.receivedAt')}</th>
              <th scope="col">{t('intake.kind')}</th>
              <th scope="col">{t('intake.status')}</th>
              <th scope="col">{t('intake.reports')}</th>
            </tr>
          </thead>
          <tbody>
            {files.data.files.map((file) => (
              <tr key={file.fileId}>
                <th scope="row">
                  <details>
                    <summary>{file.fileName}</summary>
                    <AcknowledgementDetails acknowledgement={file} />
                  </details>
                </th>
                <td>{formatDateTime(file.receivedAt, i18n.language)}</td>
                <td>{file.detectedKind ? t(`fiu.reportKinds.${file.detectedKind}`, { defaultValue: file.detectedKind }) : '—'}</td>
                <td>
                  <StatusBadge status={file.status} />
                </td>
                <td>{t('intake.acceptedOf', { accepted: file.accepted.length, total: file.reportCount, errors: t('intake.errors', { count: file.errors.length }) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StatusBadge({ status }: { status: IntakeAcknowledgement['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'accepted' ? 'ok' : status === 'rejected' ? 'danger' : '';
  return <span className={`badge ${tone}`}>{t(`intake.statuses.${status}`)}</span>;
}

/** A just-filed file's acknowledgement, announced to screen readers. */
function AcknowledgementView({ acknowledgement }: { acknowledgement: IntakeAcknowledgement }) {
  const { t } = useTranslation();
  const titleId = `ack-${acknowledgement.fileId}`;
  return (
    <article className="panel acknowledgement" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t('intake.acknowledgementOf', { name: acknowledgement.fileName })} <StatusBadge status={acknowledgement.status} />
      </h2>
      <AcknowledgementDetails acknowledgement={acknowledgement} />
    </article>
  );
}

/** Which reports were accepted and every error with its report, line and element path. */
function AcknowledgementDetails({ acknowledgement }: { acknowledgement: IntakeAcknowledgement }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p className="hint">
        {t('intake.summary', { accepted: acknowledgement.accepted.length, total: acknowledgement.reportCount, errors: t('intake.errors', { count: acknowledgement.errors.length }) })} · {formatDateTime(acknowledgement.receivedAt, i18n.language)}
        {acknowledgement.validatedAgainst && <> · {t('intake.validatedAgainst', { schema: acknowledgement.validatedAgainst })}</>}
        <> · <code>{acknowledgement.fileId}</code></>
      </p>
      {acknowledgement.accepted.length > 0 && (
        <table>
          <caption>{t('intake.acceptedReports', { count: acknowledgement.accepted.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('intake.sequence')}</th>
              <th scope="col">{t('fiu.filerReference')}</th>
              <th scope="col">{t('intake.reportId')}</th>
            </tr>
          </thead>
          <tbody>
            {acknowledgement.accepted.map((report) => (
              <tr key={report.reportId}>
                <td className="number">{report.sequence}</td>
                <td>{report.filerReference || '—'}</td>
                <td>
                  <code>{report.reportId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {acknowledgement.errors.length > 0 && (
        <table className="intake-errors">
          <caption>{t('intake.errors', { count: acknowledgement.errors.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('intake.sequence')}</th>
              <th scope="col">{t('fiu.filerReference')}</th>
              <th scope="col">{t('intake.line')}</th>
              <th scope="col">{t('intake.location')}</th>
              <th scope="col">{t('intake.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {acknowledgement.errors.map((error, index) => (
              <tr key={index}>
                <td>{error.sequence ?? t('intake.wholeFile')}</td>
                <td>{error.filerReference ?? '—'}</td>
                <td className="number">{error.line ?? '—'}</td>
                <td>{error.location ? <code className="wrap">{error.location}</code> : '—'}</td>
                <td className="wrap">{error.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
