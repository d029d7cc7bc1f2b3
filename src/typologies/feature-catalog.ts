/**
 * The vocabulary of typology expressions: every feature the engine computes for the subject of an
 * evaluation (the account — or, for cash handled by someone without an account, the party — on
 * the side of the transaction the typology looks at). Amounts are in US dollars (converted with
 * the engine's rate table); windows end at the current transaction's data time.
 */
import { CHANNELS } from '../domain/index.ts';

/** Which computation produces a feature; graph groups are computed only when a typology reads them. */
export type FeatureGroup = 'current' | 'text' | 'window' | 'flow' | 'fan' | 'cycle' | 'scatter_gather' | 'gather_scatter' | 'bipartite' | 'stack';

/**
 * Which of the subject's recent transactions are evidence for a feature, to list them in an alert:
 * `all`, `in`, `out`, `cash` (cash deposits and withdrawals), `channel` (the feature's channel and
 * direction), `current` (only the current transaction), `graph` (the edges of the detected subgraph),
 * `usd_cash_mexico` (cash deposits made in US dollars in Mexico).
 */
export type Evidence = 'all' | 'in' | 'out' | 'cash' | 'channel' | 'current' | 'graph' | 'flow' | 'usd_cash_mexico';

export type FeatureSpec = {
  name: string;
  type: 'number' | 'boolean' | 'string';
  group: FeatureGroup;
  description: string;
  /** Window length in seconds for windowed features. */
  windowSeconds?: number;
  evidence: Evidence;
  channel?: number;
  direction?: 'in' | 'out';
};

export const WINDOWS = [
  { suffix: '24h', seconds: 24 * 3600 },
  { suffix: '72h', seconds: 72 * 3600 },
  { suffix: '7d', seconds: 7 * 86400 },
  { suffix: '30d', seconds: 30 * 86400 },
] as const;

const specs: FeatureSpec[] = [];
const add = (spec: FeatureSpec): void => void specs.push(spec);

// The current transaction, seen from the subject's side.
add({ name: 'amount_usd', type: 'number', group: 'current', evidence: 'current', description: 'amount of the current transaction in USD' });
add({ name: 'channel', type: 'string', group: 'current', evidence: 'current', description: `channel of the current transaction (${CHANNELS.join(', ')})` });
add({ name: 'direction', type: 'string', group: 'current', evidence: 'current', description: "'in' when the subject receives, 'out' when it pays" });
add({ name: 'is_cash', type: 'boolean', group: 'current', evidence: 'current', description: 'the current transaction is a cash deposit or withdrawal' });
add({ name: 'is_cross_border', type: 'boolean', group: 'current', evidence: 'current', description: 'the other end or the cash location is in another country than the subject' });
add({ name: 'is_mexico_leg', type: 'boolean', group: 'current', evidence: 'current', description: 'the other end or the cash location is in Mexico' });
add({ name: 'is_new_counterparty', type: 'boolean', group: 'current', evidence: 'current', description: 'first payment from (or to) this counterparty in this direction' });
add({ name: 'is_round_amount', type: 'boolean', group: 'current', evidence: 'current', description: 'the amount is a whole multiple of 1,000 in its own currency' });
add({ name: 'is_border_zip', type: 'boolean', group: 'current', evidence: 'current', description: 'cash changed hands in a southwest-border postal code' });
add({ name: 'subject_country', type: 'string', group: 'current', evidence: 'current', description: 'country of the subject' });
add({ name: 'counterparty_country', type: 'string', group: 'current', evidence: 'current', description: 'country of the other end' });
add({ name: 'location_postal_code', type: 'string', group: 'current', evidence: 'current', description: "postal code where cash changed hands ('' when none)" });
add({ name: 'is_party_subject', type: 'boolean', group: 'current', evidence: 'current', description: 'the subject is a party without an account (e.g. a cash depositor)' });
add({ name: 'days_since_previous', type: 'number', group: 'current', evidence: 'current', description: 'days since the subject\'s previous transaction (-1 for the first one)' });
add({ name: 'subject_age_days', type: 'number', group: 'current', evidence: 'current', description: 'days since the subject\'s first transaction in the data' });
add({ name: 'currency', type: 'string', group: 'current', evidence: 'current', description: "ISO 4217 code of the currency the current transaction was made in (e.g. 'USD', 'MXN')" });
add({
  name: 'counterparty_institution', type: 'string', group: 'current', evidence: 'current',
  description: "institution of the other end: its ABA, BIC (upper case) or Mexican bank code; a 5-digit SPEI participant code (e.g. 40143) and an 18-digit CLABE (as institution or, with a valid check digit, as account) give their 3-digit bank code ('' when unknown)",
});
add({ name: 'purpose', type: 'string', group: 'text', evidence: 'current', description: "purpose / remittance text of the current transaction, folded: lower case, accents removed, single spaces between words ('' when none)" });

for (const { suffix, seconds } of WINDOWS) {
  const w = { group: 'window' as const, windowSeconds: seconds };
  const over = `over the last ${suffix}`;
  add({ ...w, name: `in_sum_${suffix}`, type: 'number', evidence: 'in', description: `USD received ${over}` });
  add({ ...w, name: `in_count_${suffix}`, type: 'number', evidence: 'in', description: `transactions received ${over}` });
  add({ ...w, name: `out_sum_${suffix}`, type: 'number', evidence: 'out', description: `USD paid ${over}` });
  add({ ...w, name: `out_count_${suffix}`, type: 'number', evidence: 'out', description: `transactions paid ${over}` });
  CHANNELS.forEach((channel, index) => {
    for (const direction of ['in', 'out'] as const) {
      const verb = direction === 'in' ? 'received' : 'paid';
      add({ ...w, name: `${channel}_${direction}_sum_${suffix}`, type: 'number', evidence: 'channel', channel: index, direction, description: `USD ${verb} by ${channel} ${over}` });
      add({ ...w, name: `${channel}_${direction}_count_${suffix}`, type: 'number', evidence: 'channel', channel: index, direction, description: `${channel} transactions ${verb} ${over}` });
    }
  });
  add({ ...w, name: `senders_${suffix}`, type: 'number', evidence: 'in', description: `distinct counterparties that paid the subject ${over}` });
  add({ ...w, name: `recipients_${suffix}`, type: 'number', evidence: 'out', description: `distinct counterparties the subject paid ${over}` });
  add({ ...w, name: `new_senders_${suffix}`, type: 'number', evidence: 'in', description: `distinct first-time senders ${over}` });
  add({ ...w, name: `new_recipients_${suffix}`, type: 'number', evidence: 'out', description: `distinct first-time recipients ${over}` });
  add({ ...w, name: `known_senders_${suffix}`, type: 'number', evidence: 'in', description: `distinct senders ${over} that had paid the subject before` });
  add({ ...w, name: `known_recipients_${suffix}`, type: 'number', evidence: 'out', description: `distinct recipients ${over} that the subject had paid before` });
  add({ ...w, name: `out_in_ratio_${suffix}`, type: 'number', evidence: 'all', description: `USD paid / USD received ${over} (0 when nothing received)` });
  add({ ...w, name: `cash_share_in_${suffix}`, type: 'number', evidence: 'cash', description: `share of USD received that was cash deposited ${over}` });
  add({ ...w, name: `cross_border_share_in_${suffix}`, type: 'number', evidence: 'in', description: `share of USD received from another country ${over}` });
  add({ ...w, name: `cross_border_share_out_${suffix}`, type: 'number', evidence: 'out', description: `share of USD paid to another country ${over}` });
  add({ ...w, name: `mexico_out_sum_${suffix}`, type: 'number', evidence: 'out', description: `USD paid to Mexico or withdrawn in cash in Mexico ${over}` });
  add({ ...w, name: `mexico_out_share_${suffix}`, type: 'number', evidence: 'out', description: `share of USD paid that went to Mexico ${over}` });
  add({ ...w, name: `cash_events_${suffix}`, type: 'number', evidence: 'cash', description: `cash deposits and withdrawals touching the subject ${over}` });
  add({ ...w, name: `cash_depositors_${suffix}`, type: 'number', evidence: 'cash', description: `distinct depositors of cash into the subject's account ${over}` });
  add({ ...w, name: `cash_branches_${suffix}`, type: 'number', evidence: 'cash', description: `distinct branches where the subject's cash was handled ${over}` });
  add({ ...w, name: `cash_postal_codes_${suffix}`, type: 'number', evidence: 'cash', description: `distinct postal codes of the subject's cash ${over}` });
  add({ ...w, name: `cash_states_${suffix}`, type: 'number', evidence: 'cash', description: `distinct states (from the postal code) of the subject's cash ${over}` });
  add({ ...w, name: `below_ctr_count_${suffix}`, type: 'number', evidence: 'cash', description: `cash transactions of USD 8,000–9,999.99 (just below the CTR threshold) ${over}` });
  add({ ...w, name: `below_ctr_share_${suffix}`, type: 'number', evidence: 'cash', description: `share of cash transactions just below the CTR threshold ${over}` });
  add({ ...w, name: `below_mx_count_${suffix}`, type: 'number', evidence: 'cash', description: `cash transactions in Mexico of USD 5,500–7,499.99 (just below the relevant-operation threshold) ${over}` });
  add({ ...w, name: `below_mx_share_${suffix}`, type: 'number', evidence: 'cash', description: `share of cash transactions just below the Mexican USD 7,500 threshold ${over}` });
  add({ ...w, name: `cash_sum_${suffix}`, type: 'number', evidence: 'cash', description: `USD of cash deposits and withdrawals ${over}` });
  add({ ...w, name: `round_count_${suffix}`, type: 'number', evidence: 'all', description: `round-amount transactions ${over}` });
  add({ ...w, name: `round_share_${suffix}`, type: 'number', evidence: 'all', description: `share of round-amount transactions ${over}` });
  add({ ...w, name: `border_cash_sum_${suffix}`, type: 'number', evidence: 'cash', description: `USD of cash handled in southwest-border postal codes ${over}` });
  add({ ...w, name: `border_cash_count_${suffix}`, type: 'number', evidence: 'cash', description: `cash transactions in southwest-border postal codes ${over}` });
  add({ ...w, name: `in_amount_cv_${suffix}`, type: 'number', evidence: 'in', description: `coefficient of variation of amounts received ${over} (0 = identical)` });
  add({ ...w, name: `out_amount_cv_${suffix}`, type: 'number', evidence: 'out', description: `coefficient of variation of amounts paid ${over} (0 = identical)` });
  add({ ...w, name: `largest_in_${suffix}`, type: 'number', evidence: 'in', description: `largest single amount received ${over}` });
  add({ ...w, name: `mx_usd_cash_in_sum_${suffix}`, type: 'number', evidence: 'usd_cash_mexico', description: `USD of cash deposits made in US dollars in Mexico into the subject's account ${over}` });
  add({ ...w, name: `mx_usd_cash_in_count_${suffix}`, type: 'number', evidence: 'usd_cash_mexico', description: `cash deposits made in US dollars in Mexico into the subject's account ${over}` });
}

// Flow: how received money moves on.
add({ name: 'pass_through_share_48h', type: 'number', group: 'flow', evidence: 'flow', windowSeconds: 48 * 3600, description: 'USD paid out after the first receipt of the last 48h, divided by USD received in the last 48h' });
add({ name: 'pass_through_share_7d', type: 'number', group: 'flow', evidence: 'flow', windowSeconds: 7 * 86400, description: 'USD paid out after the first receipt of the last 7d, divided by USD received in the last 7d' });
add({ name: 'pass_through_delay_hours', type: 'number', group: 'flow', evidence: 'flow', windowSeconds: 48 * 3600, description: 'hours from the largest receipt of the last 48h to the current payment (-1 when none)' });
add({ name: 'largest_in_48h', type: 'number', group: 'flow', evidence: 'flow', windowSeconds: 48 * 3600, description: 'largest single amount received in the last 48h (USD)' });
add({ name: 'largest_in_channel_wire_or_crypto_48h', type: 'boolean', group: 'flow', evidence: 'flow', windowSeconds: 48 * 3600, description: 'the largest receipt of the last 48h came by wire or crypto' });
add({ name: 'crypto_cash_out_share_7d', type: 'number', group: 'flow', evidence: 'flow', windowSeconds: 7 * 86400, description: 'USD withdrawn in cash, sent by SPEI or sent to Mexico after the first crypto receipt of the last 7d, divided by crypto received in the last 7d' });
add({ name: 'cash_to_mexico_share_30d', type: 'number', group: 'flow', evidence: 'flow', windowSeconds: 30 * 86400, description: 'USD that left for Mexico after the first cash deposit of the last 30d, divided by cash deposited in the last 30d' });
add({ name: 'cash_to_wire_mexico_share_30d', type: 'number', group: 'flow', evidence: 'flow', windowSeconds: 30 * 86400, description: 'USD wired or sent by SPEI/remittance to Mexico after the first cash deposit of the last 30d, divided by cash deposited in the last 30d' });
add({ name: 'cash_to_trade_share_30d', type: 'number', group: 'flow', evidence: 'flow', windowSeconds: 30 * 86400, description: 'USD paid as trade payments after the first cash deposit of the last 30d, divided by cash deposited in the last 30d' });
add({ name: 'fan_in_similar_share_72h', type: 'number', group: 'fan', evidence: 'in', windowSeconds: 72 * 3600, description: 'share of transfer receipts (not cash, not card) of the last 72h within ±20 % of their median amount' });
add({ name: 'fan_out_similar_share_72h', type: 'number', group: 'fan', evidence: 'out', windowSeconds: 72 * 3600, description: 'share of transfer payments (not cash, not card) of the last 72h within ±20 % of their median amount' });
add({ name: 'fan_in_similar_share_7d', type: 'number', group: 'fan', evidence: 'in', windowSeconds: 7 * 86400, description: 'share of transfer receipts (not cash, not card) of the last 7d within ±20 % of their median amount' });
add({ name: 'fan_in_new_senders_7d', type: 'number', group: 'fan', evidence: 'in', windowSeconds: 7 * 86400, description: 'distinct first-time senders of transfer receipts (not cash, not card) in the last 7d' });
add({ name: 'pass_through_episodes_30d', type: 'number', group: 'flow', evidence: 'flow', windowSeconds: 30 * 86400, description: 'receipts of USD 10,000 or more in the last 30d of which 90 % or more was paid out within 48 hours' });
add({ name: 'fan_in_new_senders_72h', type: 'number', group: 'fan', evidence: 'in', windowSeconds: 72 * 3600, description: 'distinct first-time senders of transfer receipts (not cash, not card) in the last 72h' });
add({ name: 'fan_out_new_recipients_72h', type: 'number', group: 'fan', evidence: 'out', windowSeconds: 72 * 3600, description: 'distinct first-time recipients of transfer payments (not cash, not card) in the last 72h' });

// Graph patterns over the bounded time-window transaction graph.
add({ name: 'cycle_length', type: 'number', group: 'cycle', evidence: 'graph', description: 'length (2–6) of a time-ordered, amount-consistent cycle the current payment closes; 0 when none' });
add({ name: 'cycle_amount_retention', type: 'number', group: 'cycle', evidence: 'graph', description: 'amount of the closing payment divided by the amount of the cycle\'s first payment (0 when none)' });
add({ name: 'cycle_cross_border_hops', type: 'number', group: 'cycle', evidence: 'graph', description: 'hops of the detected cycle that cross a border' });
add({ name: 'scatter_gather_intermediaries', type: 'number', group: 'scatter_gather', evidence: 'graph', description: 'largest number of distinct intermediaries that received from one source and paid the subject within 5 days' });
add({ name: 'gather_scatter_sources', type: 'number', group: 'gather_scatter', evidence: 'graph', description: 'distinct new transfer senders to the subject within 5 days before its current payments' });
add({ name: 'gather_scatter_destinations', type: 'number', group: 'gather_scatter', evidence: 'graph', description: 'distinct new transfer recipients paid by the subject after those receipts within 5 days' });
add({ name: 'bipartite_senders', type: 'number', group: 'bipartite', evidence: 'graph', description: 'senders in a dense sender→receiver block around the current payment (5 days)' });
add({ name: 'bipartite_receivers', type: 'number', group: 'bipartite', evidence: 'graph', description: 'receivers in that dense block' });
add({ name: 'bipartite_density', type: 'number', group: 'bipartite', evidence: 'graph', description: 'share of sender→receiver pairs of the block that exchanged payments' });
add({ name: 'stack_layers', type: 'number', group: 'stack', evidence: 'graph', description: 'densely connected consecutive layers (3 when a layer pays a layer that pays a layer) ending at the current payment' });
add({ name: 'stack_density', type: 'number', group: 'stack', evidence: 'graph', description: 'lowest pair density between consecutive layers of the detected stack' });

/** Every feature, with its index in the feature vector. */
export const FEATURES: ReadonlyArray<FeatureSpec & { index: number }> = specs.map((spec, index) => ({ ...spec, index }));

const byName = new Map(FEATURES.map((feature) => [feature.name, feature]));

/**
 * Looks a feature up by name.
 * @example featureByName('cash_deposit_in_sum_7d')?.type === 'number'
 */
export function featureByName(name: string): (FeatureSpec & { index: number }) | undefined {
  return byName.get(name);
}

export function featureNames(): IterableIterator<string> {
  return byName.keys();
}
