import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sharingApi } from '../api.ts';
import { LEGAL_BASES, PURPOSE_CODES, problemText, SharingStatus, isDenied, type NodeInfo, type Registration, type SessionSummary, type SharedCaseView } from '../components/sharing.tsx';
import { formatDateTime } from '../format.ts';
import { useRouter } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useSharingApi } from '../use-api.ts';

/** Runs a private match with a peer and shows which of this institution's subjects are shared. */
export default function MatchPage() {
  const { t, i18n } = useTranslation();
  const self = useSharingApi<NodeInfo>('/node');
  const participants = useSharingApi<{ participants: Registration[] }>('/participants');
  const sessions = useSharingApi<{ sessions: SessionSummary[] }>('/matches');
  const peers = participants.data?.participants.filter((participant) => participant.institutionId !== self.data?.institutionId && participant.role === 'institution') ?? [];
  const [peer, setPeer] = useState('');
  const [purposeCode, setPurposeCode] = useState<string>(PURPOSE_CODES[0]);
  const [purpose, setPurpose] = useState('');
  const [legalBasis, setLegalBasis] = useState<string>(LEGAL_BASES[0]);
  const [mode, setMode] = useState<'identify' | 'cardinality'>('identify');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<SessionSummary | null>(null);
  const chosenPeer = peer || peers[0]?.institutionId || '';

  async function run(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const session = await sharingApi.post<SessionSummary>('/matches', { peer: chosenPeer, purposeCode, purpose, legalBasis, mode });
      setResult(session);
      sessions.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const loadError = participants.error ?? self.error;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.sharingMatch')}</h1>
      <p className="hint">{t('sharing.matchIntro')}</p>
      <SharingStatus loading={participants.loading && !participants.data} error={loadError} />
      {participants.data && self.data && (
        <form onSubmit={(event) => void run(event)} className="stacked-form" aria-describedby="match-privacy">
          <p id="match-privacy" className="hint">{t('sharing.privacy')}</p>
          <label htmlFor="match-peer">{t('sharing.peer')}</label>
          <select id="match-peer" value={chosenPeer} onChange={(event) => setPeer(event.target.value)} required>
            {peers.map((candidate) => (
              <option key={candidate.institutionId} value={candidate.institutionId} disabled={candidate.status !== 'active'}>
                {candidate.name} ({t(`sharing.registrationStatus.${candidate.status}`)})
              </option>
            ))}
          </select>
          <label htmlFor="match-purpose-code">{t('sharing.purposeCode')}</label>
          <select id="match-purpose-code" value={purposeCode} onChange={(event) => setPurposeCode(event.target.value)}>
            {PURPOSE_CODES.map((code) => (
              <option key={code} value={code}>
                {t(`sharing.purposeCodes.${code}`)}
              </option>
            ))}
          </select>
          <label htmlFor="match-purpose">{t('sharing.purpose')}</label>
          <textarea id="match-purpose" value={purpose} onChange={(event) => setPurpose(event.target.value)} required minLength={10} maxLength={2000} rows={3} aria-describedby="match-purpose-hint" />
          <p id="match-purpose-hint" className="hint">
            {t('sharing.purposeHint')}
          </p>
          <label htmlFor="match-basis">{t('sharing.legalBasis')}</label>
          <select id="match-basis" value={legalBasis} onChange={(event) => setLegalBasis(event.target.value)}>
            {LEGAL_BASES.map((basis) => (
              <option key={basis} value={basis}>
                {t(`sharing.basis.${basis}`)}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>{t('sharing.mode')}</legend>
            {(['identify', 'cardinality'] as const).map((value) => (
              <label key={value} className="inline">
                <input type="radio" name="match-mode" value={value} checked={mode === value} onChange={() => setMode(value)} /> {t(`sharing.modes.${value}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={busy || chosenPeer === ''}>
            {busy ? t('sharing.running') : t('sharing.run')}
          </button>
          {failure !== null && (isDenied(failure) ? <SharingStatus loading={false} error={failure} /> : <p role="alert" className="error">{problemText(failure, t('common.error'))}</p>)}
        </form>
      )}
      {result && <MatchResult session={result} />}
      {sessions.data && sessions.data.sessions.length > 0 && (
        <>
          <h2>{t('sharing.previousMatches')}</h2>
          <table>
            <caption className="sr-only">{t('sharing.previousMatches')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sharing.openedAt')}</th>
                <th scope="col">{t('sharing.peer')}</th>
                <th scope="col">{t('sharing.mode')}</th>
                <th scope="col">{t('sharing.status')}</th>
                <th scope="col">{t('sharing.matchedSubjects')}</th>
                <th scope="col">
                  <span className="sr-only">{t('sharing.show')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...sessions.data.sessions].reverse().map((session) => (
                <tr key={session.sessionId}>
                  <td>{formatDateTime(session.openedAt, i18n.language)}</td>
                  <td>{session.role === 'initiator' ? session.responder : session.initiator}</td>
                  <td>{t(`sharing.modes.${session.mode}`)}</td>
                  <td>{t(`sharing.sessionStatus.${session.status}`)}</td>
                  <td className="number">{session.outcome ? (session.outcome.matchedSubjects?.length ?? session.outcome.matchedKeyCount) : '—'}</td>
                  <td>
                    <button type="button" onClick={() => setResult(session)} aria-label={t('sharing.showSession', { time: formatDateTime(session.openedAt, i18n.language) })}>
                      {t('sharing.show')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The outcome: in identify mode our own subjects that are shared, never the peer's. */
function MatchResult({ session }: { session: SessionSummary }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set((session.outcome?.matchedSubjects ?? []).map((subject) => subject.subjectId)));
  const outcome = session.outcome;
  const peer = session.role === 'initiator' ? session.responder : session.initiator;
  return (
    <section aria-labelledby="match-result-title" className="panel" aria-live="polite">
      <h2 id="match-result-title">{t('sharing.resultTitle', { peer })}</h2>
      {session.status === 'failed' && <p role="alert" className="error">{session.failure}</p>}
      {outcome && (
        <>
          <p>{t('sharing.resultCounts', { own: outcome.ownSubjectCount, keys: outcome.matchedKeyCount })}</p>
          {outcome.matchedSubjects === undefined ? (
            <p>{t('sharing.cardinalityOnly', { count: outcome.matchedKeyCount })}</p>
          ) : outcome.matchedSubjects.length === 0 ? (
            <p role="status">{t('sharing.noneShared')}</p>
          ) : (
            <>
              <table>
                <caption>{t('sharing.sharedSubjectsCaption', { count: outcome.matchedSubjects.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sharing.includeInCase')}</th>
                    <th scope="col">{t('sharing.ourSubject')}</th>
                    <th scope="col">{t('sharing.matchedBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.matchedSubjects.map((subject) => (
                    <tr key={subject.subjectId}>
                      <td>
                        <input
                          type="checkbox"
                          id={`pick-${subject.subjectId}`}
                          checked={chosen.has(subject.subjectId)}
                          onChange={(event) => {
                            const next = new Set(chosen);
                            if (event.target.checked) next.add(subject.subjectId);
                            else next.delete(subject.subjectId);
                            setChosen(next);
                          }}
                          aria-label={t('sharing.includeSubject', { subject: subject.subjectId })}
                        />
                      </td>
                      <th scope="row">{subject.subjectId}</th>
                      <td>{subject.keyKinds.map((kind) => t(`sharing.keyKinds.${kind}`)).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {session.role === 'initiator' && <OpenCaseForm session={session} subjects={outcome.matchedSubjects.filter((subject) => chosen.has(subject.subjectId))} />}
            </>
          )}
        </>
      )}
    </section>
  );
}

function OpenCaseForm({ session, subjects }: { session: SessionSummary; subjects: Array<{ subjectId: string; handles: string[] }> }) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const { navigate } = useRouter();
  const self = useSharingApi<NodeInfo>('/node');
  const participants = useSharingApi<{ participants: Registration[] }>('/participants');
  const registered = participants.data?.participants.find((participant) => participant.institutionId === self.data?.institutionId)?.investigators ?? [];
  const [title, setTitle] = useState('');
  const [named, setNamed] = useState<Set<string>>(() => new Set(principal ? [principal.name] : []));
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function open(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const view = await sharingApi.post<SharedCaseView>('/cases', { sessionId: session.sessionId, title, investigators: [...named], handles: subjects.flatMap((subject) => subject.handles) });
      navigate(`/shared-cases/${encodeURIComponent(view.caseId)}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void open(event)} className="stacked-form">
      <h3>{t('sharing.openCase')}</h3>
      <label htmlFor="case-title">{t('sharing.caseTitle')}</label>
      <input id="case-title" value={title} onChange={(event) => setTitle(event.target.value)} required minLength={3} maxLength={200} />
      <fieldset>
        <legend>{t('sharing.namedInvestigators')}</legend>
        {registered.map((investigator) => (
          <label key={investigator.id} className="inline">
            <input
              type="checkbox"
              checked={named.has(investigator.id)}
              onChange={(event) => {
                const next = new Set(named);
                if (event.target.checked) next.add(investigator.id);
                else next.delete(investigator.id);
                setNamed(next);
              }}
            />{' '}
            {investigator.name} ({investigator.id})
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy || subjects.length === 0 || named.size === 0}>
        {t('sharing.openCaseButton', { count: subjects.length })}
      </button>
      {failure !== null && (isDenied(failure) ? <SharingStatus loading={false} error={failure} /> : <p role="alert" className="error">{problemText(failure, t('common.error'))}</p>)}
    </form>
  );
}
