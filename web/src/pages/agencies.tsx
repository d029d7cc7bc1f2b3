import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fiuApi, problemMessage } from '../api.ts';
import { Status } from '../components/layout.tsx';
import type { FiuAgency, FiuInvestigator } from '../types.ts';
import { useFiuApi } from '../use-api.ts';

/** Letters without look-alikes (no 0/O, 1/l/I), so a password read aloud or copied by hand survives. */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** A 20-character initial password from the browser's cryptographic generator (about 117 bits). */
export function generatePassword(length = 20): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
  let password = '';
  // Rejection sampling keeps every letter equally likely (256 is not a multiple of the alphabet's size).
  const ceiling = 256 - (256 % PASSWORD_ALPHABET.length);
  for (const byte of bytes) {
    if (byte < ceiling) password += PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length];
    if (password.length === length) return password;
  }
  return password + generatePassword(length - password.length);
}

type CreatedUser = { id: string; username: string; displayName: string; agencyId?: string | null };
type Credentials = { username: string; displayName: string; password: string; agencyId: string };

/** Agency administration: the law-enforcement agencies the FIU disseminates to, and their investigators' accounts. */
export default function AgenciesPage() {
  const { t } = useTranslation();
  const agencies = useFiuApi<{ agencies: FiuAgency[] }>('/agencies');
  const [openId, setOpenId] = useState<string | null>(null);
  const shown = openId ?? agencies.data?.agencies[0]?.agencyId ?? null;
  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.agencies')}</h1>
        <p className="hint">{t('agencies.intro')}</p>
        <Status loading={agencies.loading && !agencies.data} error={agencies.error} />
        {agencies.data && agencies.data.agencies.length === 0 && <p role="status">{t('agencies.none')}</p>}
        {agencies.data && agencies.data.agencies.length > 0 && (
          <table>
            <caption className="sr-only">{t('agencies.registered')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agencies.name')}</th>
                <th scope="col">{t('agencies.id')}</th>
                <th scope="col">{t('agencies.country')}</th>
                <th scope="col">{t('agencies.investigators')}</th>
              </tr>
            </thead>
            <tbody>
              {agencies.data.agencies.map((agency) => (
                <tr key={agency.agencyId}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => setOpenId(agency.agencyId)} aria-pressed={agency.agencyId === shown}>
                      {agency.name}
                    </button>
                  </th>
                  <td>
                    <code>{agency.agencyId}</code>
                  </td>
                  <td>{agency.country}</td>
                  <td className="number">{agency.investigators}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <RegisterAgencyForm
          onRegistered={(agency) => {
            agencies.reload();
            setOpenId(agency.agencyId);
          }}
        />
      </div>
      <div className="split-detail">{shown && <AgencyInvestigators key={shown} agency={agencies.data?.agencies.find((agency) => agency.agencyId === shown) ?? null} agencyId={shown} onChanged={agencies.reload} />}</div>
    </section>
  );
}

function RegisterAgencyForm({ onRegistered }: { onRegistered: (agency: FiuAgency) => void }) {
  const { t } = useTranslation();
  const [agencyId, setAgencyId] = useState('');
  const [name, setName] = useState('');
  const [country, setCountry] = useState('US');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      const agency = await fiuApi.post<FiuAgency>('/agencies', { agencyId: agencyId.trim(), name: name.trim(), country });
      setNotice({ ok: true, text: t('agencies.registeredNotice', { name: agency.name, id: agency.agencyId }) });
      setAgencyId('');
      setName('');
      onRegistered(agency);
    } catch (failure) {
      setNotice({ ok: false, text: problemMessage(failure, t('common.error')) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="stacked-form" onSubmit={(event) => void submit(event)} aria-labelledby="register-agency-title">
      <h2 id="register-agency-title">{t('agencies.register')}</h2>
      <label htmlFor="agency-id">{t('agencies.id')}</label>
      <input id="agency-id" value={agencyId} onChange={(event) => setAgencyId(event.target.value)} required minLength={2} maxLength={64} pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" aria-describedby="agency-id-hint" />
      <p id="agency-id-hint" className="hint">
        {t('agencies.idHint')}
      </p>
      <label htmlFor="agency-name">{t('agencies.name')}</label>
      <input id="agency-name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
      <label htmlFor="agency-country">{t('agencies.country')}</label>
      <select id="agency-country" value={country} onChange={(event) => setCountry(event.target.value)}>
        <option value="US">{t('agencies.countries.US')}</option>
        <option value="MX">{t('agencies.countries.MX')}</option>
      </select>
      <button type="submit" disabled={busy || agencyId.trim().length < 2 || name.trim() === ''}>
        {t('agencies.registerButton')}
      </button>
      <p role="status" className={notice ? (notice.ok ? 'ok' : 'error') : 'sr-only'}>
        {notice?.text ?? ''}
      </p>
    </form>
  );
}

/** An agency's investigators, and a form creating one's account with an initial password shown once. */
function AgencyInvestigators({ agencyId, agency, onChanged }: { agencyId: string; agency: FiuAgency | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const investigators = useFiuApi<{ investigators: FiuInvestigator[] }>(`/agencies/${encodeURIComponent(agencyId)}/investigators`);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState(() => generatePassword());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const credentialsHeading = useRef<HTMLHeadingElement>(null);
  // The credentials are shown once: keyboard and screen-reader users are taken to them.
  useEffect(() => {
    if (credentials) credentialsHeading.current?.focus();
  }, [credentials]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setCredentials(null);
    try {
      const user = await fiuApi.post<CreatedUser>(`/agencies/${encodeURIComponent(agencyId)}/investigators`, { username: username.trim(), displayName: displayName.trim(), password });
      setCredentials({ username: user.username, displayName: user.displayName, password, agencyId: user.agencyId ?? agencyId });
      setUsername('');
      setDisplayName('');
      setPassword(generatePassword());
      investigators.reload();
      onChanged();
    } catch (error) {
      setFailure(problemMessage(error, t('common.error')));
    } finally {
      setBusy(false);
    }
  }
  const title = agency ? `${agency.name} (${agency.agencyId})` : agencyId;
  return (
    <>
      <h2 id="agency-investigators-title">{t('agencies.investigatorsOf', { agency: title })}</h2>
      <Status loading={investigators.loading && !investigators.data} error={investigators.error} />
      {investigators.data && investigators.data.investigators.length === 0 && <p role="status">{t('agencies.noInvestigators')}</p>}
      {investigators.data && investigators.data.investigators.length > 0 && (
        <table aria-labelledby="agency-investigators-title">
          <thead>
            <tr>
              <th scope="col">{t('agencies.displayName')}</th>
              <th scope="col">{t('agencies.username')}</th>
              <th scope="col">{t('agencies.state')}</th>
            </tr>
          </thead>
          <tbody>
            {investigators.data.investigators.map((investigator) => (
              <tr key={investigator.username}>
                <th scope="row">{investigator.displayName}</th>
                <td>
                  <code>{investigator.username}</code>
                </td>
                <td>
                  <span className={`badge ${investigator.active ? 'ok' : 'danger'}`}>{investigator.active ? t('agencies.active') : t('agencies.inactive')}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div aria-live="polite">
        {credentials && (
          <section className="panel credentials" aria-labelledby="credentials-title">
            <h3 id="credentials-title" ref={credentialsHeading} tabIndex={-1}>
              {t('agencies.credentialsTitle', { name: credentials.displayName })}
            </h3>
            <dl className="facts">
              <div>
                <dt>{t('agencies.username')}</dt>
                <dd>
                  <code>{credentials.username}</code>
                </dd>
              </div>
              <div>
                <dt>{t('agencies.initialPassword')}</dt>
                <dd>
                  <code>{credentials.password}</code>
                </dd>
              </div>
              <div>
                <dt>{t('agencies.agency')}</dt>
                <dd>{credentials.agencyId}</dd>
              </div>
            </dl>
            <p className="hint">{t('agencies.credentialsHint')}</p>
            <button
              type="button"
              onClick={() => {
                setCredentials(null);
                document.getElementById('investigator-username')?.focus();
              }}
            >
              {t('agencies.done')}
            </button>
          </section>
        )}
      </div>
      <form className="stacked-form" onSubmit={(event) => void submit(event)} aria-labelledby="new-investigator-title">
        <h3 id="new-investigator-title">{t('agencies.newInvestigator')}</h3>
        <label htmlFor="investigator-username">{t('agencies.username')}</label>
        <input id="investigator-username" value={username} onChange={(event) => setUsername(event.target.value)} required minLength={3} maxLength={64} autoComplete="off" />
        <label htmlFor="investigator-name">{t('agencies.displayName')}</label>
        <input id="investigator-name" value={displayName} onChange={(event) => setDisplayName(event.target.value)} required maxLength={200} autoComplete="off" />
        <label htmlFor="investigator-password">{t('agencies.initialPassword')}</label>
        <div className="inline-form">
          <input id="investigator-password" value={password} onChange={(event) => setPassword(event.target.value)} required minLength={12} maxLength={200} autoComplete="new-password" aria-describedby="investigator-password-hint" spellCheck={false} />
          <button type="button" onClick={() => setPassword(generatePassword())}>
            {t('agencies.newPassword')}
          </button>
        </div>
        <p id="investigator-password-hint" className="hint">
          {t('agencies.passwordHint')}
        </p>
        <button type="submit" disabled={busy || username.trim().length < 3 || displayName.trim() === '' || password.length < 12}>
          {t('agencies.createInvestigator')}
        </button>
        {failure && (
          <p role="alert" className="error">
            {failure}
          </p>
        )}
      </form>
    </>
  );
}
