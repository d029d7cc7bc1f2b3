import { useTranslation } from 'react-i18next';
import { SharingStatus, type NodeInfo, type Registration } from '../components/sharing.tsx';
import { formatDateTime } from '../format.ts';
import { useSharingApi } from '../use-api.ts';

const DAY_MS = 86_400_000;

/** This institution's safe-harbor registration and the registered peers. */
export default function SharingPage() {
  const { t, i18n } = useTranslation();
  const self = useSharingApi<NodeInfo>('/node');
  const list = useSharingApi<{ participants: Registration[] }>('/participants');
  const own = list.data?.participants.find((participant) => participant.institutionId === self.data?.institutionId);
  const peers = list.data?.participants.filter((participant) => participant.institutionId !== self.data?.institutionId) ?? [];
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.sharing')}</h1>
      <p className="hint">{t('sharing.intro')}</p>
      <SharingStatus loading={(list.loading && !list.data) || (self.loading && !self.data)} error={list.error ?? self.error} />
      {list.data && self.data && (
        <>
          <h2>{t('sharing.ownRegistration')}</h2>
          {own ? <RegistrationDetails registration={own} /> : <p role="status">{t('sharing.notRegistered', { institution: self.data.institutionId })}</p>}
          <h2>{t('sharing.peers')}</h2>
          {peers.length === 0 ? (
            <p role="status">{t('common.empty')}</p>
          ) : (
            <table>
              <caption className="sr-only">{t('sharing.peers')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sharing.institution')}</th>
                  <th scope="col">{t('sharing.country')}</th>
                  <th scope="col">{t('sharing.role')}</th>
                  <th scope="col">{t('sharing.status')}</th>
                  <th scope="col">{t('sharing.legalBases')}</th>
                  <th scope="col">{t('sharing.expiresAt')}</th>
                </tr>
              </thead>
              <tbody>
                {peers.map((peer) => (
                  <tr key={peer.institutionId}>
                    <th scope="row">
                      {peer.name} <span className="hint">({peer.institutionId})</span>
                    </th>
                    <td>{peer.country}</td>
                    <td>{t(`sharing.participantRole.${peer.role}`)}</td>
                    <td>
                      <RegistrationBadge status={peer.status} />
                    </td>
                    <td>{peer.legalBases.map((basis) => t(`sharing.basis.${basis}`)).join(', ')}</td>
                    <td>{formatDateTime(peer.expiresAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

export function RegistrationBadge({ status }: { status: Registration['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge ${status === 'active' ? 'ok' : 'danger'}`}>{t(`sharing.registrationStatus.${status}`)}</span>;
}

function RegistrationDetails({ registration }: { registration: Registration }) {
  const { t, i18n } = useTranslation();
  const daysLeft = Math.floor((Date.parse(registration.expiresAt) - Date.now()) / DAY_MS);
  return (
    <dl className="facts">
      <div>
        <dt>{t('sharing.institution')}</dt>
        <dd>
          {registration.name} ({registration.institutionId}, {registration.country})
        </dd>
      </div>
      <div>
        <dt>{t('sharing.status')}</dt>
        <dd>
          <RegistrationBadge status={registration.status} />
        </dd>
      </div>
      <div>
        <dt>{t('sharing.registrationNumber')}</dt>
        <dd>{registration.registrationNumber}</dd>
      </div>
      <div>
        <dt>{t('sharing.legalBases')}</dt>
        <dd>{registration.legalBases.map((basis) => t(`sharing.basis.${basis}`)).join(', ')}</dd>
      </div>
      <div>
        <dt>{t('sharing.registeredAt')}</dt>
        <dd>{formatDateTime(registration.registeredAt, i18n.language)}</dd>
      </div>
      <div>
        <dt>{t('sharing.expiresAt')}</dt>
        <dd>
          {formatDateTime(registration.expiresAt, i18n.language)} {daysLeft >= 0 && <span className="hint">({t('sharing.daysLeft', { count: daysLeft })})</span>}
        </dd>
      </div>
      <div>
        <dt>{t('sharing.investigators')}</dt>
        <dd>{registration.investigators.map((investigator) => `${investigator.name} (${investigator.id})`).join(', ')}</dd>
      </div>
    </dl>
  );
}
