/**
 * Laundering patterns of docs/patterns.md, injected with ground truth. Each instance is generated
 * on its start day from its own random stream and emits every one of its transactions (including
 * onward legs) tagged with the pattern and instance; only the labels file ever sees the tag.
 * Participants are mostly fresh mule and front accounts, sometimes accounts with normal history.
 */
import type { Channel, TransactionEnd } from '../domain/index.ts';
import { US_PLACES, MX_PLACES, TRADE_GOODS, type Country, type Place } from './catalog.ts';
import { branch, branchHour, localTime, MXN_PER_USD, officeHour, roundTo, type Draft, type PatternName } from './draft.ts';
import { cryptoAddress } from './identity.ts';
import { externalWallet } from './normal.ts';
import { DAY_SECONDS, type AccountRecord, type PartyRecord, type Population } from './population.ts';
import type { Random } from './random.ts';

/** Longest span of each pattern in days, so instances can be placed wholly inside the period. */
export const PATTERN_SPAN_DAYS: Record<PatternName, number> = {
  structuring_ctr: 6,
  structuring_mx: 8,
  funnel_account: 17,
  fan_in: 7,
  fan_out: 5,
  cycle: 13,
  scatter_gather: 7,
  gather_scatter: 8,
  bipartite: 6,
  stack: 8,
  rapid_pass_through: 24,
  tbml_mirror: 15,
  bulk_cash: 24,
  crypto_cash_out: 11,
};

const BORDER_US = US_PLACES.filter((place) => place.border);
const BORDER_MX_CASH_OUT = MX_PLACES.filter((place) => ['Tijuana', 'Ciudad Juárez', 'Nuevo Laredo', 'Reynosa', 'Culiacán', 'Mexicali', 'Heroica Nogales'].includes(place.city));

type Emit = (draft: Draft) => void;

/**
 * Creates the injector for a population: `inject(pattern, startDay, random, emit)` emits one
 * instance of the pattern starting on that day.
 * @example createPatternInjector(population).inject('cycle', 12, createRandom(1, 'instance', 0), emit)
 */
export function createPatternInjector(population: Population) {
  const { startSeconds, mules } = population;
  const normalCompanies: Record<Country, AccountRecord[]> = {
    US: [...population.merchantsByCountry.US, ...population.exporters],
    MX: [...population.merchantsByCountry.MX, ...population.mexicanImporters],
  };

  const hourOf = (seconds: number, place: Place): number => ((((seconds / 3600 - place.utcOffsetHours) % 24) + 24) % 24);

  /** `hours` after `seconds`, moved to the next morning if it would fall at night. */
  const later = (seconds: number, minHours: number, maxHours: number, place: Place, random: Random): number => {
    let next = seconds + Math.round(random.between(minHours, maxHours) * 3600);
    const hour = hourOf(next, place);
    if (hour < 7.5) next += Math.round((8 - hour + random.between(0, 2)) * 3600);
    else if (hour > 20) next += Math.round((24 - hour + 8 + random.between(0, 2)) * 3600);
    return next;
  };

  const placeOf = (account: AccountRecord): Place => account.party.place;

  class Picker {
    readonly used = new Set<AccountRecord>();
    constructor(readonly random: Random) {}

    /** A participant account: a fresh mule/front account three times in four, else one with normal history. */
    account(country: Country, kind: 'person' | 'company' | 'any' = 'any', freshShare = 0.75): AccountRecord {
      const random = this.random;
      for (let attempt = 0; attempt < 30; attempt++) {
        const wantCompany = kind === 'company' || (kind === 'any' && random.chance(0.3));
        const fresh = random.chance(freshShare);
        let pool: AccountRecord[];
        if (fresh) pool = country === 'US' ? (wantCompany ? mules.usCompanies : mules.usPersons) : wantCompany ? mules.mxCompanies : mules.mxPersons;
        else pool = wantCompany ? normalCompanies[country] : population.everyday[country];
        if (pool.length === 0) pool = population.everyday[country];
        const candidate = random.pick(pool);
        if (!this.used.has(candidate)) {
          this.used.add(candidate);
          return candidate;
        }
      }
      const fallback = random.pick(population.everyday[country]);
      this.used.add(fallback);
      return fallback;
    }

    accounts(country: Country, count: number, kind: 'person' | 'company' | 'any' = 'any'): AccountRecord[] {
      return Array.from({ length: count }, () => this.account(country, kind));
    }

    /** Someone who deposits cash into an account that is not theirs. */
    depositor(country: Country): PartyRecord {
      const random = this.random;
      if (country === 'US' && mules.couriers.length > 0 && random.chance(0.6)) return random.pick(mules.couriers);
      return this.account(country, 'person').party;
    }
  }

  const transferChannel = (from: AccountRecord, to: AccountRecord, random: Random): Channel => {
    if (from.institution.seed.country !== to.institution.seed.country) return 'wire';
    if (from.currency === 'MXN') return 'spei';
    return random.chance(0.55) ? 'wire' : 'ach';
  };

  /** A transfer sized in US cents; pesos when both ends are Mexican. */
  const transfer = (from: AccountRecord, to: AccountRecord, usdMinor: number, at: number, random: Random, channel?: Channel): Draft => {
    const resolved = channel ?? transferChannel(from, to, random);
    const domesticMexican = resolved === 'spei';
    const draft: Draft = {
      at,
      // Round amounts are a red flag, not a rule: about four in ten are whole units.
      amountMinor: roundTo(domesticMexican ? usdMinor * MXN_PER_USD : usdMinor, random.chance(0.4) ? 100 : 1),
      currency: domesticMexican ? 'MXN' : 'USD',
      channel: resolved,
      originator: from.end,
      beneficiary: to.end,
    };
    // The same vague purposes honest businesses and people use, or none.
    if (random.chance(0.65)) draft.purpose = random.pick(domesticMexican ? ['PAGO FACTURA', 'PAGO PROVEEDOR', 'SERVICIOS', 'PRESTAMO', 'PAGO'] : ['INVOICE PAYMENT', 'SERVICES', 'SUPPLIES', 'VENDOR PAYMENT', 'REPAY', 'CONSULTING']);
    return draft;
  };

  const cashIn = (depositor: TransactionEnd, account: AccountRecord, place: Place, amountMinor: number, at: number, random: Random): Draft => ({
    at,
    amountMinor,
    currency: account.currency,
    channel: 'cash_deposit',
    originator: depositor,
    beneficiary: account.end,
    location: branch(account.institution, place, random),
  });

  /** Places where an institution has branches, optionally limited to a country. */
  const branchPlaces = (account: AccountRecord): Place[] => {
    const seed = account.institution.seed;
    const places = seed.country === 'US' ? US_PLACES : MX_PLACES;
    return seed.places === undefined ? places.slice() : places.filter((place) => seed.places!.includes(place.city));
  };

  /** Cash amounts people bring to a branch: whole hundreds mostly, sometimes tens. */
  const cashAmount = (random: Random, minUsd: number, maxUsd: number): number =>
    roundTo(random.between(minUsd, maxUsd) * 100, random.weighted([[10_000, 45], [1_000, 40], [100, 15]]));

  const splitSimilar = (random: Random, totalMinor: number, parts: number, spread: number): number[] => {
    const weights = Array.from({ length: parts }, () => random.between(1 - spread, 1 + spread));
    const sum = weights.reduce((a, b) => a + b, 0);
    return weights.map((weight) => Math.round((totalMinor * weight) / sum));
  };

  const injectors: Record<PatternName, (day: number, random: Random, emit: Emit) => void> = {
    structuring_ctr(day, random, emit) {
      const picker = new Picker(random);
      const account = picker.account('US', 'person', 0.7);
      const accountsOfParty = account.party.accounts.filter((candidate) => candidate.institution.seed.kind === 'bank' && candidate.currency === 'USD');
      const places = branchPlaces(account);
      const home = placeOf(account);
      const nearby = places.filter((place) => place.state === home.state);
      const count = random.int(3, 8);
      const span = random.int(1, 5);
      for (let i = 0; i < count; i++) {
        const target = random.pick(accountsOfParty.length > 0 ? accountsOfParty : [account]);
        const place = random.chance(0.4) ? home : random.pick(nearby.length > 0 ? nearby : places);
        const offset = Math.min(span - 1, Math.floor((i * span) / count) + (random.chance(0.3) ? 1 : 0));
        emit(cashIn(account.party.end, target, place, cashAmount(random, 8_000, 9_900), localTime(startSeconds, day + offset, place, branchHour(random)), random));
      }
    },

    structuring_mx(day, random, emit) {
      const picker = new Picker(random);
      const account = picker.account('MX', 'any', 0.7);
      const places = branchPlaces(account);
      const home = placeOf(account);
      const count = random.int(3, 8);
      const span = random.int(1, 7);
      const thresholdMinor = 7_500 * MXN_PER_USD * 100;
      for (let i = 0; i < count; i++) {
        const place = random.chance(0.6) ? home : random.pick(places);
        const amountMinor = roundTo(thresholdMinor * random.between(0.86, 0.995), random.chance(0.6) ? 100_000 : 10_000);
        const offset = Math.min(span - 1, Math.floor((i * span) / count));
        emit(cashIn(account.party.end, account, place, Math.min(amountMinor, thresholdMinor - 10_000), localTime(startSeconds, day + offset, place, branchHour(random)), random));
      }
    },

    funnel_account(day, random, emit) {
      const picker = new Picker(random);
      let account = picker.account('US', random.chance(0.3) ? 'company' : 'person', 0.85);
      for (let attempt = 0; attempt < 20 && account.institution.seed.places !== undefined; attempt++) account = picker.account('US', 'any', 0.85);
      const places = branchPlaces(account);
      const states = random.sample([...new Set(places.map((place) => place.state))], random.int(3, 5));
      const statePlaces = states.map((state) => places.filter((place) => place.state === state));
      const wanted = random.int(5, 15);
      const distinct = new Set<PartyRecord>();
      for (let attempt = 0; distinct.size < wanted && attempt < wanted * 4; attempt++) distinct.add(picker.depositor('US'));
      const distinctDepositors = [...distinct];
      const span = random.int(1, 10);
      let total = 0;
      let last = 0;
      distinctDepositors.forEach((depositor, index) => {
        const place = random.pick(statePlaces[index % statePlaces.length]!);
        const amountMinor = cashAmount(random, 1_000, 9_000);
        const at = localTime(startSeconds, day + random.int(0, span - 1), place, branchHour(random));
        total += amountMinor;
        last = Math.max(last, at);
        emit(cashIn(depositor.end, account, place, amountMinor, at, random));
      });
      let remaining = Math.round(total * random.between(0.75, 0.97));
      if (random.chance(0.5)) {
        const recipients = picker.accounts('MX', random.int(1, 3));
        const parts = splitSimilar(random, remaining, recipients.length, 0.3);
        let at = last;
        recipients.forEach((recipient, index) => {
          at = later(at, 8, 60, placeOf(account), random);
          emit(transfer(account, recipient, parts[index]!, at, random, 'wire'));
        });
      } else {
        const place = random.pick(BORDER_MX_CASH_OUT);
        let at = later(last, 10, 72, place, random);
        while (remaining > 0) {
          const amountMinor = Math.min(remaining, roundTo(random.between(1_000, 3_000) * 100, 2_000));
          remaining -= amountMinor;
          emit({ at, amountMinor, currency: 'USD', channel: 'cash_withdrawal', originator: account.end, beneficiary: account.party.end, location: branch(account.institution, place, random, true) });
          at = random.chance(0.5) ? at + Math.round(random.between(0.05, 3) * 3600) : later(at, 14, 30, place, random);
        }
      }
    },

    fan_in(day, random, emit) {
      const picker = new Picker(random);
      const country: Country = random.chance(0.6) ? 'US' : 'MX';
      const target = picker.account(country, 'any', 0.85);
      const senders = picker.accounts(country, random.int(6, 15));
      const baseUsd = random.between(2_000, 9_500) * 100;
      const span = random.int(1, 3);
      let total = 0;
      let last = 0;
      const channel = country === 'MX' ? 'spei' : random.chance(0.5) ? 'ach' : 'wire';
      for (const sender of senders) {
        const usdMinor = Math.round(baseUsd * random.between(0.88, 1.12));
        const draft = transfer(sender, target, usdMinor, localTime(startSeconds, day + random.int(0, span - 1), placeOf(sender), officeHour(random)), random, channel);
        total += usdMinor;
        last = Math.max(last, draft.at);
        emit(draft);
      }
      const onward = picker.accounts(random.chance(0.6) ? 'MX' : country, random.int(1, 2));
      const parts = splitSimilar(random, Math.round(total * random.between(0.8, 0.95)), onward.length, 0.2);
      onward.forEach((recipient, index) => emit(transfer(target, recipient, parts[index]!, later(last, 4, 60, placeOf(target), random), random)));
    },

    fan_out(day, random, emit) {
      const picker = new Picker(random);
      const country: Country = random.chance(0.6) ? 'US' : 'MX';
      const source = picker.account(country, 'any', 0.85);
      const funder = picker.account(random.chance(0.5) ? country : country === 'US' ? 'MX' : 'US', 'company', 0.6);
      const creditUsd = random.between(20_000, 120_000) * 100;
      const credit = transfer(funder, source, creditUsd, localTime(startSeconds, day, placeOf(funder), officeHour(random)), random);
      emit(credit);
      const recipients = picker.accounts(country, random.int(6, 15));
      const parts = splitSimilar(random, Math.round(creditUsd * random.between(0.85, 0.98)), recipients.length, 0.1);
      const channel = country === 'MX' ? 'spei' : random.chance(0.5) ? 'ach' : 'wire';
      recipients.forEach((recipient, index) => emit(transfer(source, recipient, parts[index]!, later(credit.at, 2, 66, placeOf(source), random), random, channel)));
    },

    cycle(day, random, emit) {
      const picker = new Picker(random);
      const length = random.int(2, 6);
      const crossBorder = random.chance(0.65);
      const members = Array.from({ length }, (_, index) => picker.account(crossBorder ? (index % 2 === 0 ? 'US' : 'MX') : random.chance(0.7) ? 'US' : 'MX', random.chance(0.6) ? 'company' : 'any'));
      let usdMinor = random.between(10_000, 150_000) * 100;
      let at = localTime(startSeconds, day, placeOf(members[0]!), officeHour(random));
      for (let hop = 0; hop < length; hop++) {
        const from = members[hop]!;
        const to = members[(hop + 1) % length]!;
        emit(transfer(from, to, Math.round(usdMinor), at, random));
        usdMinor *= 1 - random.between(0.01, 0.05);
        at = later(at, 4, 34, placeOf(to), random);
      }
    },

    scatter_gather(day, random, emit) {
      const picker = new Picker(random);
      const country: Country = random.chance(0.6) ? 'US' : 'MX';
      const source = picker.account(random.chance(0.8) ? country : country === 'US' ? 'MX' : 'US', 'any');
      const target = picker.account(random.chance(0.7) ? country : 'MX', 'any');
      const intermediaries = picker.accounts(country, random.int(4, 10));
      const baseUsd = random.between(3_000, 9_500) * 100;
      for (const intermediary of intermediaries) {
        const usdMinor = Math.round(baseUsd * random.between(0.85, 1.15));
        const first = transfer(source, intermediary, usdMinor, localTime(startSeconds, day + random.int(0, 1), placeOf(source), officeHour(random)), random);
        emit(first);
        emit(transfer(intermediary, target, Math.round(usdMinor * random.between(0.9, 0.99)), later(first.at, 6, 96, placeOf(intermediary), random), random));
      }
    },

    gather_scatter(day, random, emit) {
      const picker = new Picker(random);
      const country: Country = random.chance(0.6) ? 'US' : 'MX';
      const hub = picker.account(country, 'any', 0.85);
      const sources = picker.accounts(country, random.int(4, 10));
      let total = 0;
      let last = 0;
      for (const source of sources) {
        const usdMinor = Math.round(random.between(2_500, 9_500) * 100);
        const draft = transfer(source, hub, usdMinor, localTime(startSeconds, day + random.int(0, 2), placeOf(source), officeHour(random)), random);
        total += usdMinor;
        last = Math.max(last, draft.at);
        emit(draft);
      }
      const destinations = picker.accounts(random.chance(0.6) ? country : 'MX', random.int(4, 10));
      const parts = splitSimilar(random, Math.round(total * random.between(0.85, 0.98)), destinations.length, 0.25);
      destinations.forEach((destination, index) => emit(transfer(hub, destination, parts[index]!, later(last, 2, 60, placeOf(hub), random), random)));
    },

    bipartite(day, random, emit) {
      const picker = new Picker(random);
      const country: Country = random.chance(0.6) ? 'US' : 'MX';
      const senders = picker.accounts(country, random.int(3, 6));
      const receivers = picker.accounts(random.chance(0.75) ? country : country === 'US' ? 'MX' : 'US', random.int(3, 6));
      const span = random.int(1, 5);
      for (const pair of densePairs(random, senders, receivers)) {
        emit(transfer(pair[0], pair[1], Math.round(random.between(2_000, 9_000) * 100), localTime(startSeconds, day + random.int(0, span - 1), placeOf(pair[0]), officeHour(random)), random));
      }
    },

    stack(day, random, emit) {
      const picker = new Picker(random);
      const country: Country = random.chance(0.6) ? 'US' : 'MX';
      const layers = [picker.accounts(country, random.int(3, 5)), picker.accounts(country, random.int(3, 5)), picker.accounts(random.chance(0.6) ? country : 'MX', random.int(3, 5))];
      const received = new Map<AccountRecord, { total: number; last: number }>();
      for (const [from, to] of densePairs(random, layers[0]!, layers[1]!)) {
        const usdMinor = Math.round(random.between(3_000, 9_500) * 100);
        const draft = transfer(from, to, usdMinor, localTime(startSeconds, day + random.int(0, 2), placeOf(from), officeHour(random)), random);
        emit(draft);
        const entry = received.get(to) ?? { total: 0, last: 0 };
        entry.total += usdMinor;
        entry.last = Math.max(entry.last, draft.at);
        received.set(to, entry);
      }
      const pairs = densePairs(random, layers[1]!, layers[2]!);
      for (const middle of layers[1]!) {
        const entry = received.get(middle);
        const targets = pairs.filter(([from]) => from === middle).map(([, to]) => to);
        if (entry === undefined || targets.length === 0) continue;
        const parts = splitSimilar(random, Math.round(entry.total * random.between(0.9, 0.98)), targets.length, 0.2);
        targets.forEach((target, index) => emit(transfer(middle, target, parts[index]!, later(entry.last, 4, 72, placeOf(middle), random), random)));
      }
    },

    rapid_pass_through(day, random, emit) {
      const picker = new Picker(random);
      const viaCrypto = mules.mxCrypto.length > 0 && random.chance(0.3);
      const account = viaCrypto ? random.pick(mules.mxCrypto) : picker.account('US', random.chance(0.5) ? 'company' : 'any', 0.8);
      const rounds = random.int(2, 4);
      let roundDay = day;
      for (let round = 0; round < rounds; round++) {
        const creditUsd = random.between(20_000, 200_000) * 100;
        let creditAt: number;
        if (viaCrypto) {
          const address = cryptoAddress('tron', random);
          creditAt = localTime(startSeconds, roundDay, placeOf(account), random.between(0, 24));
          emit({
            at: creditAt,
            amountMinor: Math.round(creditUsd * MXN_PER_USD),
            currency: 'MXN',
            channel: 'crypto',
            originator: externalWallet(address),
            beneficiary: account.end,
            crypto: { chain: 'tron', address, asset: 'USDT', assetAmount: (creditUsd / 100).toFixed(6) },
          });
        } else {
          const funder = picker.account(random.chance(0.5) ? 'MX' : 'US', 'company', 0.7);
          const credit = transfer(funder, account, creditUsd, localTime(startSeconds, roundDay, placeOf(funder), officeHour(random)), random, 'wire');
          creditAt = credit.at;
          emit(credit);
        }
        const legs = random.int(1, 3);
        const parts = splitSimilar(random, Math.round(creditUsd * random.between(0.9, 0.99)), legs, 0.3);
        for (const part of parts) {
          const at = creditAt + Math.round(random.between(1, 40) * 3600);
          if (viaCrypto) {
            const mexicanBank = picker.account('MX', 'any');
            emit(transfer(account, mexicanBank, part, at, random, 'spei'));
          } else {
            emit(transfer(account, picker.account(random.chance(0.6) ? 'MX' : 'US', 'any'), part, at, random, 'wire'));
          }
        }
        roundDay += random.int(3, 7);
      }
    },

    tbml_mirror(day, random, emit) {
      const picker = new Picker(random);
      const broker = picker.account('US', random.chance(0.7) ? 'company' : 'person', 0.9);
      const importer = random.chance(0.6) || population.mexicanImporters.length === 0 ? picker.account('MX', 'company', 1) : random.pick(population.mexicanImporters);
      const places = branchPlaces(broker);
      const home = placeOf(broker);
      let cash = 0;
      let last = 0;
      const depositors = [...new Set(Array.from({ length: random.int(3, 8) }, () => picker.depositor('US')))];
      for (const depositor of depositors) {
        const place = random.chance(0.6) ? home : random.pick(places);
        const amountMinor = cashAmount(random, 3_000, 9_500);
        const at = localTime(startSeconds, day + random.int(0, 5), place, branchHour(random));
        cash += amountMinor;
        last = Math.max(last, at);
        emit(cashIn(depositor.end, broker, place, amountMinor, at, random));
      }
      const exporters = population.exporters.length > 0 ? random.sample(population.exporters, random.int(1, 3)) : picker.accounts('US', 1, 'company');
      const paid = splitSimilar(random, Math.round(cash * random.between(0.85, 1.0)), exporters.length, 0.3);
      const goods = random.pick(TRADE_GOODS);
      let lastPayment = last;
      exporters.forEach((exporter, index) => {
        const at = later(last, 4, 72, home, random);
        lastPayment = Math.max(lastPayment, at);
        emit({
          at,
          amountMinor: paid[index]!,
          currency: 'USD',
          channel: 'trade_payment',
          originator: broker.end,
          beneficiary: exporter.end,
          purpose: `Invoice ${random.chance(0.5) ? `INV-${new Date(at * 1000).getUTCFullYear()}-${random.digits(5)}` : `F-${random.int(1000, 99999)}`} ${goods} for ${importer.party.name}`,
        });
      });
      const pesoPayer = picker.account('MX', 'any', 0.85);
      const pesoParts = splitSimilar(random, Math.round(paid.reduce((a, b) => a + b, 0) * random.between(0.97, 1.03)), random.int(1, 3), 0.3);
      for (const part of pesoParts) {
        const at = later(last, 0, 7 * 24, placeOf(pesoPayer), random);
        emit({ ...transfer(pesoPayer, importer, part, Math.min(at, lastPayment + 7 * DAY_SECONDS), random, 'spei'), purpose: random.pick(['PAGO FACTURA', 'ANTICIPO', 'PAGO MERCANCIA', 'LIQUIDACION']) });
      }
    },

    bulk_cash(day, random, emit) {
      const picker = new Picker(random);
      const account = picker.account('US', random.chance(0.6) ? 'company' : 'person', 0.85);
      const border = BORDER_US.filter((place) => branchPlaces(account).includes(place));
      const places = border.length > 0 ? border : BORDER_US;
      const recipients = picker.accounts('MX', random.int(1, 3), random.chance(0.6) ? 'company' : 'any');
      const deposits = random.int(2, 5);
      const span = random.int(3, 20);
      const depositor = random.chance(0.6) ? account.party : picker.depositor('US');
      for (let i = 0; i < deposits; i++) {
        const place = random.pick(places);
        const amountMinor = roundTo(random.between(15_000, 90_000) * 100, random.chance(0.6) ? 100_000 : 10_000);
        const at = localTime(startSeconds, day + Math.floor((i * span) / deposits), place, branchHour(random));
        emit(cashIn(depositor.end, account, place, amountMinor, at, random));
        const out = Math.round(amountMinor * random.between(0.8, 0.95));
        emit(transfer(account, random.pick(recipients), out, later(at, 3, 70, place, random), random, 'wire'));
      }
    },

    crypto_cash_out(day, random, emit) {
      const picker = new Picker(random);
      const earners = population.cryptoCustomers.filter((customer) => customer.exchange.currency === 'MXN');
      const account = mules.mxCrypto.length > 0 && (earners.length === 0 || random.chance(0.8)) ? random.pick(mules.mxCrypto) : earners.length > 0 ? random.pick(earners).exchange : picker.account('MX', 'person');
      const credits = random.int(1, 4);
      const span = random.int(1, 5);
      let last = 0;
      let total = 0;
      for (let i = 0; i < credits; i++) {
        const chain = random.chance(0.7) ? 'tron' : 'bitcoin';
        const address = cryptoAddress(chain, random);
        const usd = random.between(3_000, 60_000);
        const at = localTime(startSeconds, day + random.int(0, span - 1), placeOf(account), random.between(0, 24));
        const amountMinor = Math.round(usd * MXN_PER_USD * 100);
        total += amountMinor;
        last = Math.max(last, at);
        emit({
          at,
          amountMinor,
          currency: 'MXN',
          channel: 'crypto',
          originator: externalWallet(address),
          beneficiary: account.end,
          crypto: chain === 'tron' ? { chain, address, asset: 'USDT', assetAmount: usd.toFixed(6) } : { chain, address, asset: 'BTC', assetAmount: (usd / 95_000).toFixed(8) },
        });
      }
      let remaining = Math.round(total * random.between(0.7, 0.95));
      const cash = random.chance(0.35);
      const recipients = picker.accounts('MX', random.int(2, 5), 'person');
      let at = later(last, 2, 48, placeOf(account), random);
      while (remaining > 0) {
        if (cash) {
          const amountMinor = Math.min(remaining, roundTo(random.between(20_000, 60_000) * 100, 100_000));
          remaining -= amountMinor;
          emit({ at, amountMinor, currency: 'MXN', channel: 'cash_withdrawal', originator: account.end, beneficiary: account.party.end, location: branch(account.institution, placeOf(account), random, true) });
        } else {
          const amountMinor = Math.min(remaining, roundTo(random.between(40_000, 250_000) * 100, 10_000));
          remaining -= amountMinor;
          emit({ at, amountMinor, currency: 'MXN', channel: 'spei', originator: account.end, beneficiary: random.pick(recipients).end });
        }
        at = random.chance(0.5) ? at + Math.round(random.between(0.2, 4) * 3600) : later(at, 8, 40, placeOf(account), random);
      }
    },
  };

  return {
    inject(pattern: PatternName, day: number, random: Random, emit: Emit): void {
      injectors[pattern](day, random, emit);
    },
  };
}

/** At least 70 % of sender–receiver pairs, every sender paying at least two receivers where possible. */
function densePairs(random: Random, senders: AccountRecord[], receivers: AccountRecord[]): Array<[AccountRecord, AccountRecord]> {
  const all: Array<[AccountRecord, AccountRecord]> = [];
  for (const sender of senders) for (const receiver of receivers) if (sender !== receiver) all.push([sender, receiver]);
  random.shuffle(all);
  const wanted = Math.min(all.length, Math.ceil(all.length * random.between(0.7, 1)));
  const chosen = all.slice(0, wanted);
  for (const sender of senders) {
    const count = chosen.filter(([from]) => from === sender).length;
    if (count < Math.min(2, receivers.length)) {
      for (const pair of all.slice(wanted)) if (pair[0] === sender && !chosen.includes(pair)) { chosen.push(pair); break; }
    }
  }
  return chosen;
}
