-- FIU-to-FIU exchange: each node's inbox and outbox. The primary key on (node, direction, message
-- id) is the replay check: a received message id is refused for good, restarts included.
CREATE TABLE IF NOT EXISTS fiu_exchange_messages (
  node_id text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('received', 'sent')),
  message_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('request', 'response', 'spontaneous_disclosure')),
  sender text NOT NULL,
  recipient text NOT NULL,
  sent_at text NOT NULL,
  received_at text,
  in_reply_to text,
  subject_en text NOT NULL,
  subject_es text NOT NULL,
  -- The sender's consent terms, in columns so onward-dissemination checks and listings can filter on them.
  consent_level text NOT NULL CHECK (consent_level IN ('intelligence_only', 'law_enforcement', 'prior_consent')),
  consent_purposes jsonb NOT NULL,
  grants_consent_for text,
  -- The decrypted payload, and the sealed, signed envelope as it travelled (proof of origin).
  payload jsonb NOT NULL,
  envelope jsonb NOT NULL,
  PRIMARY KEY (node_id, direction, message_id),
  CHECK ((direction = 'received') = (received_at IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS fiu_exchange_messages_grants ON fiu_exchange_messages (node_id, grants_consent_for) WHERE grants_consent_for IS NOT NULL;
