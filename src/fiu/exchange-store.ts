import { appendAuditEntry } from '../audit/index.ts';
import type { Database } from '../store/index.ts';
import { ExchangePayloadSchema, type ExchangeEnvelope, type ExchangeStore, type ReceivedMessage, type SentMessage } from './exchange.ts';

/**
 * The exchange inbox and outbox in the FIU store (table `fiu_exchange_messages`, migration 0304):
 * they survive a restart, and so does the replay check on received message ids. Each message
 * kept is audited in the same transaction.
 */

type MessageRow = {
  message_id: string;
  type: ReceivedMessage['type'];
  sender: string;
  recipient: string;
  sent_at: string;
  received_at: string | null;
  in_reply_to: string | null;
  subject_en: string;
  subject_es: string;
  payload: unknown;
};

const COLUMNS = 'message_id, type, sender, recipient, sent_at, received_at, in_reply_to, subject_en, subject_es, payload';

function headOf(row: MessageRow): Omit<SentMessage, 'payload'> {
  return {
    protocol: 'frontera-fiu-exchange/1',
    messageId: row.message_id,
    type: row.type,
    sender: row.sender,
    recipient: row.recipient,
    sentAt: row.sent_at,
    ...(row.in_reply_to !== null ? { inReplyTo: row.in_reply_to } : {}),
    subjectLine: { en: row.subject_en, es: row.subject_es },
  };
}

function sentOf(row: MessageRow): SentMessage {
  return { ...headOf(row), payload: ExchangePayloadSchema.parse(typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) };
}

function receivedOf(row: MessageRow): ReceivedMessage {
  return { ...sentOf(row), receivedAt: row.received_at ?? '' };
}

/**
 * @example
 * const node = createExchangeNode({ identity, encryptionKeys, peers, store: createSqlExchangeStore(database, identity.institutionId) });
 */
export function createSqlExchangeStore(database: Database, nodeId: string): ExchangeStore {
  async function insert(direction: 'received' | 'sent', message: SentMessage & { receivedAt?: string }, envelope: ExchangeEnvelope): Promise<boolean> {
    return database.transaction(async (tx) => {
      const result = await tx.insertRows(
        'fiu_exchange_messages',
        ['node_id', 'direction', 'message_id', 'type', 'sender', 'recipient', 'sent_at', 'received_at', 'in_reply_to', 'subject_en', 'subject_es', 'consent_level', 'consent_purposes', 'grants_consent_for', 'payload', 'envelope'],
        [[nodeId, direction, message.messageId, message.type, message.sender, message.recipient, message.sentAt, message.receivedAt ?? null, message.inReplyTo ?? null, message.subjectLine.en, message.subjectLine.es, message.payload.consent.level, JSON.stringify(message.payload.consent.purposes), message.payload.grantsConsentFor ?? null, JSON.stringify(message.payload), JSON.stringify(envelope)]],
        { onConflictDoNothing: ['node_id', 'direction', 'message_id'] },
      );
      if (result.inserted === 0) return false;
      const counterpart = direction === 'received' ? message.sender : message.recipient;
      await appendAuditEntry(tx, { time: message.receivedAt ?? message.sentAt, actor: counterpart, action: `fiu.exchange.${direction}`, subject: { kind: 'fiu-exchange-message', id: message.messageId }, details: { node: nodeId, type: message.type, counterpart, consent: message.payload.consent.level } });
      return true;
    });
  }
  async function select(direction: 'received' | 'sent', where = '', params: unknown[] = []): Promise<MessageRow[]> {
    const rows = await database.query<MessageRow>(`SELECT ${COLUMNS} FROM fiu_exchange_messages WHERE node_id = $1 AND direction = $2${where} ORDER BY coalesce(received_at, sent_at), message_id`, [nodeId, direction, ...params]);
    return rows.rows;
  }
  return {
    recordReceived: (message, envelope) => insert('received', message, envelope),
    async recordSent(message, envelope) {
      await insert('sent', message, envelope);
    },
    received: async () => (await select('received')).map(receivedOf),
    sent: async () => (await select('sent')).map(sentOf),
    receivedMessage: async (messageId) => (await select('received', ' AND message_id = $3', [messageId])).map(receivedOf)[0],
    sentMessage: async (messageId) => (await select('sent', ' AND message_id = $3', [messageId])).map(sentOf)[0],
    consentGrant: async (sender, messageId) => (await select('received', ' AND sender = $3 AND grants_consent_for = $4', [sender, messageId])).map(receivedOf)[0],
  };
}
