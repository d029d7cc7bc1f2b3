/**
 * Normal behaviour of the corridor: payroll, rent and utilities, remittances home and the
 * relatives' cash-outs, cross-border trade, cash-business deposits, crypto purchases, large
 * legitimate events, and everyday card, ATM and person-to-person traffic. It deliberately
 * contains look-alikes of the laundering patterns (payroll fan-out, merchants with many payers,
 * families with several senders, a business that now and then deposits USD 9,000–12,000 in cash,
 * a border wholesaler with large weekly cash deposits and wires to its Mexican supplier, a home
 * sale whose proceeds are wired on within days).
 */
import type { TransactionEnd } from '../domain/index.ts';
import { REMITTANCE_HOLIDAYS, type Country, type Place } from './catalog.ts';
import { branch, branchHour, cashLike, localTime, localTimeWithinDay, MXN_PER_USD, officeHour, retailHour, roundTo, type Draft, type Location } from './draft.ts';
import { cryptoAddress } from './identity.ts';
import { DAY_SECONDS, type AccountRecord, type CashBusiness, type InstitutionRecord, type Population, type Remitter, type TradePair } from './population.ts';
import { createRandom, type Random } from './random.ts';

const MONTHS_EN = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const MONTHS_ES = ['ENE', 'FEB', 'MAR', 'ABR', 'MAY', 'JUN', 'JUL', 'AGO', 'SEP', 'OCT', 'NOV', 'DIC'];

/** A wallet outside any institution (unhosted); its jurisdiction is unknown, written `ZZ`. */
export function externalWallet(address: string): TransactionEnd {
  return { accountId: address, country: 'ZZ' };
}

export interface DayCalendar {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  month: number;
  dayOfMonth: number;
  daysInMonth: number;
  year: number;
}

export function calendarOf(startSeconds: number, day: number): DayCalendar {
  const date = new Date((startSeconds + day * DAY_SECONDS) * 1000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  return { weekday: date.getUTCDay(), month, dayOfMonth: date.getUTCDate(), daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(), year };
}

/** Relative volume of a day: weekday rhythm, Friday paydays, quiet holidays. */
export function dayWeight(calendar: DayCalendar): number {
  const weekday = [0.72, 1.0, 0.97, 0.98, 1.02, 1.18, 0.93][calendar.weekday]!;
  let season = 1;
  if (calendar.month === 1 && calendar.dayOfMonth === 1) season = 0.55;
  else if (calendar.month === 12 && (calendar.dayOfMonth === 24 || calendar.dayOfMonth === 25)) season = 0.7;
  else if (calendar.month === 12 && calendar.dayOfMonth > 10) season = 1.2;
  else if (calendar.month === 1 && calendar.dayOfMonth < 10) season = 0.92;
  if (calendar.dayOfMonth === 1 || calendar.dayOfMonth === 15) season *= 1.08;
  return weekday * season;
}

export type Emit = (draft: Draft) => void;

/**
 * Creates the normal-behaviour generator for a population. `scheduled` emits the day's
 * relationship-driven transactions; `filler` emits `count` everyday transactions.
 * @example const normal = createNormalBehaviour(population); normal.scheduled(0, random, emit);
 */
export function createNormalBehaviour(population: Population) {
  const { startSeconds } = population;
  const remitterCalendar = new Map<number, Remitter[]>();
  const tradeCalendar = new Map<number, TradePair[]>();
  const enqueue = <T>(calendar: Map<number, T[]>, day: number, item: T): void => {
    const list = calendar.get(day);
    if (list === undefined) calendar.set(day, [item]);
    else list.push(item);
  };
  for (const remitter of population.remitters) enqueue(remitterCalendar, remitter.firstDay, remitter);
  for (const pair of population.tradePairs) enqueue(tradeCalendar, pair.firstDay, pair);
  const billsByDay: Array<typeof population.bills> = Array.from({ length: 32 }, () => []);
  for (const bill of population.bills) billsByDay[bill.dayOfMonth]!.push(bill);
  const logistics = population.exporters.filter((account) => account.party.businessKind === 'logistics');
  // Domestic supplier payments between companies: repeat partners, vague or no purpose text.
  const supplierRandom = createRandom(population.seed, 'suppliers');
  const suppliers: Array<{ payer: AccountRecord; payee: AccountRecord; baseMinor: number; everyDays: number; phase: number }> = [];
  for (const country of ['US', 'MX'] as const) {
    const companies = [...population.merchantsByCountry[country], ...(country === 'US' ? population.exporters : population.mexicanImporters)];
    if (companies.length < 2) continue;
    for (const payer of companies) {
      for (let i = supplierRandom.int(1, 3); i > 0; i--) {
        const payee = supplierRandom.pick(companies);
        if (payee === payer) continue;
        const baseUsd = supplierRandom.logNormal(4_500, 0.9, 300, 60_000);
        suppliers.push({ payer, payee, baseMinor: Math.round(baseUsd * (country === 'MX' ? MXN_PER_USD : 1) * 100), everyDays: supplierRandom.int(7, 28), phase: supplierRandom.int(0, 27) });
      }
    }
  }
  const usPersons = population.everyday.US;
  const locationCache = new Map<string, Location>();
  const merchantLocation = (merchant: AccountRecord): Location => {
    let location = locationCache.get(merchant.id);
    if (location === undefined) {
      location = { country: merchant.party.country, postalCode: merchant.party.postalCode };
      locationCache.set(merchant.id, location);
    }
    return location;
  };
  const atmLocation = (institution: InstitutionRecord, place: Place, random: Random, atm = true): Location => {
    const key = `${institution.institution.id}|${place.city}|${random.int(0, 2)}|${atm}`;
    let location = locationCache.get(key);
    if (location === undefined) {
      location = branch(institution, place, random, atm);
      locationCache.set(key, location);
    }
    return location;
  };
  const pickupEnd = new Map<AccountRecord, TransactionEnd>();

  const sendRemittance = (remitter: Remitter, day: number, random: Random, emit: Emit): void => {
    const recipient = random.pick(remitter.recipients);
    const sender = remitter.sender;
    const amountMinor = random.chance(0.7) ? roundTo(remitter.baseMinor * random.between(0.8, 1.25), 1000) : roundTo(remitter.baseMinor * random.between(0.8, 1.25), 100);
    let beneficiary: TransactionEnd;
    if (recipient.cashPickup) {
      beneficiary = pickupEnd.get(recipient.relative) ?? { ...recipient.relative.party.end, institutionId: recipient.payoutInstitutionId };
      pickupEnd.set(recipient.relative, beneficiary);
    } else beneficiary = recipient.relative.end;
    emit({
      at: localTimeWithinDay(startSeconds, day, sender.party.place, retailHour(random)),
      amountMinor,
      currency: 'USD',
      channel: 'remittance',
      originator: sender.end,
      beneficiary,
      location: merchantLocation(sender),
      ...(random.chance(0.3) ? { purpose: random.pick(['AYUDA FAMILIAR', 'FAMILY SUPPORT', 'PARA LOS GASTOS', 'MANUTENCION']) } : {}),
    });
    if (!recipient.cashPickup && random.chance(0.6)) {
      const later = day + random.int(1, 4);
      const relative = recipient.relative;
      emit({
        at: localTime(startSeconds, later, relative.party.place, branchHour(random)),
        amountMinor: roundTo(amountMinor * MXN_PER_USD * random.between(0.5, 1.0), 10_000),
        currency: 'MXN',
        channel: 'cash_withdrawal',
        originator: relative.end,
        beneficiary: relative.party.end,
        location: atmLocation(relative.institution, relative.party.place, random),
      });
    }
  };

  const invoiceNumber = (random: Random, calendar: DayCalendar): string =>
    random.chance(0.5) ? `INV-${calendar.year}-${random.digits(5)}` : `F-${random.int(1000, 99999)}`;

  const tradePayment = (pair: TradePair, day: number, calendar: DayCalendar, random: Random, emit: Emit): void => {
    const amountMinor = Math.round(pair.baseMinor * random.between(0.6, 1.5));
    const invoice = invoiceNumber(random, calendar);
    if (pair.mexicoPays) {
      const viaBroker = logistics.length > 0 && random.chance(0.1);
      emit({
        at: localTimeWithinDay(startSeconds, day, pair.mx.party.place, officeHour(random)),
        amountMinor,
        currency: 'USD',
        channel: random.chance(0.7) ? 'trade_payment' : 'wire',
        originator: viaBroker ? random.pick(logistics).end : pair.mx.end,
        beneficiary: pair.us.end,
        purpose: viaBroker ? `Invoice ${invoice} ${pair.goods} for ${pair.mx.party.name}` : `Invoice ${invoice} ${pair.goods}`,
      });
    } else {
      emit({
        at: localTimeWithinDay(startSeconds, day, pair.us.party.place, officeHour(random)),
        amountMinor,
        currency: 'USD',
        channel: random.chance(0.5) ? 'trade_payment' : 'wire',
        originator: pair.us.end,
        beneficiary: pair.mx.end,
        purpose: `Factura ${invoice} ${random.pick(['servicios de maquila', 'flete', pair.goods, 'materia prima'])}`,
      });
    }
  };

  const cashDeposit = (business: CashBusiness, day: number, calendar: DayCalendar, random: Random, emit: Emit): void => {
    const account = business.account;
    const mexican = account.currency === 'MXN';
    let amountMinor: number;
    if (business.bulkWholesaler) amountMinor = roundTo(random.logNormal(2_400_000, 0.3, 1_500_000, 4_000_000), 100);
    else if (business.occasionalLarge && random.chance(0.05)) amountMinor = random.chance(0.5) ? roundTo(random.between(900_000, 1_200_000), 100) : Math.round(random.between(900_000, 1_200_000));
    else amountMinor = Math.round(random.logNormal(business.medianMinor * (calendar.weekday === 1 ? 1.6 : 1), 0.45, mexican ? 5000 : 500, business.medianMinor * 4));
    emit({
      at: localTimeWithinDay(startSeconds, day, account.party.place, branchHour(random)),
      amountMinor,
      currency: account.currency,
      channel: 'cash_deposit',
      originator: account.party.end,
      beneficiary: account.end,
      location: atmLocation(account.institution, account.party.place, random, false),
    });
    if (business.bulkWholesaler && business.mexicanSupplier !== undefined && random.chance(0.8)) {
      emit({
        at: localTime(startSeconds, day + random.int(1, 2), account.party.place, officeHour(random)),
        amountMinor: Math.round(amountMinor * random.between(0.7, 1.1)),
        currency: 'USD',
        channel: random.chance(0.5) ? 'wire' : 'trade_payment',
        originator: account.end,
        beneficiary: business.mexicanSupplier.end,
        purpose: `Factura ${invoiceNumber(random, calendar)} ${random.pick(['producto fresco', 'abarrotes', 'refacciones', 'mercancía general'])}`,
      });
    }
  };

  const scheduled = (day: number, random: Random, emit: Emit): void => {
    const calendar = calendarOf(startSeconds, day);
    const businessDay = calendar.weekday !== 0 && calendar.weekday !== 6;

    if (businessDay) {
      for (const supplier of suppliers) {
        if ((day + supplier.phase) % supplier.everyDays !== 0) continue;
        const mexican = supplier.payer.currency === 'MXN';
        emit({
          at: localTimeWithinDay(startSeconds, day, supplier.payer.party.place, officeHour(random)),
          amountMinor: roundTo(supplier.baseMinor * random.between(0.5, 1.6), random.chance(0.3) ? 100 : 1),
          currency: supplier.payer.currency,
          channel: mexican ? 'spei' : random.chance(0.6) ? 'ach' : 'wire',
          originator: supplier.payer.end,
          beneficiary: supplier.payee.end,
          ...(random.chance(0.55) ? { purpose: random.pick(mexican ? ['PAGO FACTURA', 'PAGO PROVEEDOR', 'SERVICIOS', `FACTURA ${random.int(100, 9999)}`] : ['SUPPLIES', 'INVOICE PAYMENT', 'SERVICES', `INV ${random.int(1000, 99999)}`, 'VENDOR PAYMENT']) } : {}),
        });
      }
    }
    const epochDay = Math.floor(startSeconds / DAY_SECONDS) + day;
    const fortnight = Math.floor((epochDay + 3) / 7) % 2;
    const lastBusinessDayOfMonth = ((): number => {
      let last = calendar.daysInMonth;
      const weekdayOfLast = (calendar.weekday + (last - calendar.dayOfMonth)) % 7;
      if (weekdayOfLast === 6) last -= 1;
      if (weekdayOfLast === 0) last -= 2;
      return last;
    })();
    const quincenaDay = (target: number): boolean => {
      if (target === calendar.daysInMonth) return calendar.dayOfMonth === lastBusinessDayOfMonth;
      const weekdayOfTarget = (calendar.weekday + (target - calendar.dayOfMonth) + 70) % 7;
      const shift = weekdayOfTarget === 6 ? 1 : weekdayOfTarget === 0 ? 2 : 0;
      return calendar.dayOfMonth === target - shift;
    };

    // Payroll: one employer pays all its employees in one batch (a legitimate fan-out).
    for (const employer of population.employers) {
      const paysToday = employer.schedule === 'biweekly' ? calendar.weekday === 5 && fortnight === employer.phase : quincenaDay(15) || quincenaDay(calendar.daysInMonth);
      if (!paysToday) continue;
      const mexican = employer.schedule === 'quincena';
      const batchHour = random.between(mexican ? 1 : 4, mexican ? 9 : 7.5);
      const purpose = mexican ? `NOMINA ${calendar.dayOfMonth <= 15 ? '1A' : '2A'} QNA ${MONTHS_ES[calendar.month - 1]}` : 'PAYROLL';
      for (const employee of employer.employees) {
        const amountMinor = random.chance(0.4) ? employee.payMinor : Math.round(employee.payMinor * random.between(0.9, 1.15));
        emit({
          at: localTimeWithinDay(startSeconds, day, employer.account.party.place, batchHour + random.between(0, 0.05)),
          amountMinor,
          currency: employer.account.currency,
          channel: mexican ? 'spei' : 'ach',
          originator: employer.account.end,
          beneficiary: employee.account.end,
          purpose,
        });
      }
    }

    // Rent and utilities on their day of the month (moved to Monday when it falls on a weekend).
    const billDays: number[] = [];
    if (businessDay) {
      billDays.push(calendar.dayOfMonth);
      if (calendar.weekday === 1) billDays.push(calendar.dayOfMonth - 1, calendar.dayOfMonth - 2);
    }
    for (const billDay of billDays) {
      if (billDay < 1) continue;
      for (const bill of billsByDay[billDay]!) {
        if (bill.everyMonths === 2 && calendar.month % 2 === 1) continue;
        const mexican = bill.payer.currency === 'MXN';
        const check = !mexican && bill.kind === 'rent' && random.chance(0.25);
        const purpose = bill.kind === 'rent' ? (mexican ? `RENTA ${MONTHS_ES[calendar.month - 1]}` : `RENT ${MONTHS_EN[calendar.month - 1]} ${calendar.year}`) : mexican ? 'PAGO DE SERVICIO' : 'UTILITY BILL';
        emit({
          at: localTimeWithinDay(startSeconds, day, bill.payer.party.place, officeHour(random)),
          amountMinor: bill.kind === 'utility' ? Math.round(bill.amountMinor * random.between(0.75, 1.3)) : bill.amountMinor,
          currency: bill.payer.currency,
          channel: mexican ? 'spei' : check ? 'check' : 'ach',
          originator: bill.payer.end,
          beneficiary: bill.payee.end,
          purpose,
        });
      }
    }

    // Remittances home, with extra sends in the days before family holidays.
    const due = remitterCalendar.get(day);
    if (due !== undefined) {
      remitterCalendar.delete(day);
      for (const remitter of due) {
        sendRemittance(remitter, day, random, emit);
        if (remitter.recipients.length > 1 && random.chance(0.3)) sendRemittance(remitter, day, random, emit);
        enqueue(remitterCalendar, day + Math.max(7, remitter.intervalDays + random.int(-4, 4)), remitter);
      }
    }
    const beforeHoliday = REMITTANCE_HOLIDAYS.some((holiday) => holiday.month === calendar.month && holiday.day - calendar.dayOfMonth >= 1 && holiday.day - calendar.dayOfMonth <= 4);
    if (beforeHoliday) for (const remitter of population.remitters) if (random.chance(0.035)) sendRemittance(remitter, day, random, emit);

    // Cross-border trade with repeat partners.
    const trades = tradeCalendar.get(day);
    if (trades !== undefined) {
      tradeCalendar.delete(day);
      for (const pair of trades) {
        if (businessDay) tradePayment(pair, day, calendar, random, emit);
        enqueue(tradeCalendar, day + (businessDay ? Math.max(3, pair.intervalDays + random.int(-3, 3)) : 1), pair);
      }
    }

    // Cash-intensive businesses deposit their takings.
    for (const business of population.cashBusinesses) {
      const probability = business.bulkWholesaler ? (calendar.weekday === 2 ? 0.9 : 0) : (business.depositsPerWeek / 7) * (businessDay ? 1.15 : 0.5);
      if (random.chance(probability)) cashDeposit(business, day, calendar, random, emit);
    }

    // Crypto: US buyers fund their exchange account and sometimes move coins to their own wallet;
    // Mexican earners receive stablecoins and sell them into their bank account.
    for (const customer of population.cryptoCustomers) {
      if (customer.style === 'buyer') {
        if (!random.chance(1 / 18)) continue;
        const amountMinor = roundTo(random.logNormal(40_000, 0.8, 5_000, 500_000), 100);
        emit({ at: localTimeWithinDay(startSeconds, day, customer.bank.party.place, retailHour(random)), amountMinor, currency: 'USD', channel: 'ach', originator: customer.bank.end, beneficiary: customer.exchange.end });
        if (random.chance(0.3)) {
          const chain = random.chance(0.6) ? 'bitcoin' : 'ethereum';
          const address = cryptoAddress(chain, random);
          const quantity = (amountMinor / 100 / (chain === 'bitcoin' ? 95_000 : 3_300)) * random.between(0.95, 0.99);
          emit({
            at: localTime(startSeconds, day + random.int(0, 3), customer.bank.party.place, retailHour(random)),
            amountMinor: Math.round(amountMinor * random.between(0.95, 0.99)),
            currency: 'USD',
            channel: 'crypto',
            originator: customer.exchange.end,
            beneficiary: externalWallet(address),
            crypto: { chain, address, asset: chain === 'bitcoin' ? 'BTC' : 'ETH', assetAmount: quantity.toFixed(8) },
          });
        }
      } else {
        if (!random.chance(1 / 14)) continue;
        const usd = random.logNormal(600, 0.6, 120, 3_000);
        const address = cryptoAddress('tron', random);
        const amountMinor = Math.round(usd * MXN_PER_USD * 100);
        emit({
          at: localTimeWithinDay(startSeconds, day, customer.bank.party.place, random.between(0, 24)),
          amountMinor,
          currency: 'MXN',
          channel: 'crypto',
          originator: externalWallet(address),
          beneficiary: customer.exchange.end,
          crypto: { chain: 'tron', address, asset: 'USDT', assetAmount: usd.toFixed(6) },
        });
        if (random.chance(0.8)) {
          emit({
            at: localTime(startSeconds, day + random.int(1, 5), customer.bank.party.place, officeHour(random)),
            amountMinor: roundTo(amountMinor * random.between(0.9, 1.0), 100),
            currency: 'MXN',
            channel: 'spei',
            originator: customer.exchange.end,
            beneficiary: customer.bank.end,
          });
        }
      }
    }

    // Large legitimate events: home and car purchases, and home sales whose proceeds are wired on.
    const events = (ratePer90Days: number): number => {
      const expected = (usPersons.length * ratePer90Days) / 90;
      return Math.floor(expected) + (random.chance(expected - Math.floor(expected)) ? 1 : 0);
    };
    if (businessDay && usPersons.length > 0) {
      for (let i = events(0.01); i > 0; i--) {
        const buyer = random.pick(usPersons);
        emit({
          at: localTimeWithinDay(startSeconds, day, buyer.party.place, officeHour(random)),
          amountMinor: roundTo(random.between(2_000_000, 9_000_000), 50_000),
          currency: 'USD',
          channel: 'wire',
          originator: buyer.end,
          beneficiary: random.pick(population.titleCompanies).end,
          purpose: random.pick(['EARNEST MONEY DEPOSIT', 'DOWN PAYMENT ESCROW', 'CLOSING FUNDS']),
        });
      }
      for (let i = events(0.02); i > 0; i--) {
        const buyer = random.pick(usPersons);
        emit({
          at: localTimeWithinDay(startSeconds, day, buyer.party.place, retailHour(random)),
          amountMinor: Math.round(random.between(1_200_000, 5_500_000)),
          currency: 'USD',
          channel: random.chance(0.6) ? 'wire' : 'check',
          originator: buyer.end,
          beneficiary: random.pick(population.carDealers).end,
          purpose: random.pick(['VEHICLE PURCHASE', 'AUTO PURCHASE', 'TRUCK PURCHASE']),
        });
      }
      for (let i = events(0.003); i > 0; i--) {
        const seller = random.pick(usPersons);
        const proceeds = roundTo(random.between(15_000_000, 45_000_000), 100);
        const titles = random.sample(population.titleCompanies, 2);
        emit({
          at: localTimeWithinDay(startSeconds, day, seller.party.place, officeHour(random)),
          amountMinor: proceeds,
          currency: 'USD',
          channel: 'wire',
          originator: titles[0]!.end,
          beneficiary: seller.end,
          purpose: 'SALE PROCEEDS ESCROW',
        });
        emit({
          at: localTime(startSeconds, day + random.int(1, 6), seller.party.place, officeHour(random)),
          amountMinor: roundTo(proceeds * random.between(0.85, 0.97), 100),
          currency: 'USD',
          channel: 'wire',
          originator: seller.end,
          beneficiary: (titles[1] ?? titles[0]!).end,
          purpose: 'PURCHASE CLOSING FUNDS',
        });
      }
    }
  };

  const countryWeights: Array<readonly [Country, number]> = [
    ['US', population.everyday.US.length],
    ['MX', population.everyday.MX.length],
  ];

  /** Everyday traffic: card purchases, ATM withdrawals, small transfers, personal cash deposits. */
  const filler = (day: number, count: number, random: Random, emit: Emit): void => {
    for (let i = 0; i < count; i++) {
      const country = random.weighted(countryWeights);
      const people = population.everyday[country];
      if (people.length === 0) continue;
      const payer = random.pick(people);
      const place = payer.party.place;
      const mexican = country === 'MX';
      const kind = random.next();
      if (kind < 0.64) {
        const nearby = population.merchantsByPlace.get(place);
        const merchants = nearby !== undefined && random.chance(0.85) ? nearby : population.merchantsByCountry[country];
        if (merchants.length === 0) continue;
        const merchant = random.pick(merchants);
        emit({
          at: localTimeWithinDay(startSeconds, day, place, retailHour(random)),
          amountMinor: Math.round(random.logNormal(mexican ? 42_000 : 3_800, 0.9, mexican ? 2_000 : 150, mexican ? 2_500_000 : 150_000)),
          currency: payer.currency,
          channel: 'card',
          originator: payer.end,
          beneficiary: merchant.end,
          location: merchantLocation(merchant),
        });
      } else if (kind < 0.81) {
        const amountMinor = mexican ? random.weighted([[50_000, 3], [100_000, 4], [200_000, 3], [300_000, 2], [500_000, 1], [600_000, 0.5]]) : random.weighted([[2_000, 2], [4_000, 3], [6_000, 3], [10_000, 4], [20_000, 3], [30_000, 1], [50_000, 0.5]]);
        emit({
          at: localTimeWithinDay(startSeconds, day, place, random.chance(0.85) ? random.between(7, 23) : random.between(0, 24)),
          amountMinor,
          currency: payer.currency,
          channel: 'cash_withdrawal',
          originator: payer.end,
          beneficiary: payer.party.end,
          location: atmLocation(payer.institution, place, random),
        });
      } else if (kind < 0.95) {
        const payee = random.pick(people);
        if (payee === payer) continue;
        emit({
          at: localTimeWithinDay(startSeconds, day, place, retailHour(random)),
          amountMinor: mexican ? roundTo(random.logNormal(150_000, 0.9, 10_000, 1_500_000), 1_000) : roundTo(random.logNormal(8_000, 0.9, 1_000, 120_000), 100),
          currency: payer.currency,
          channel: mexican ? 'spei' : 'ach',
          originator: payer.end,
          beneficiary: payee.end,
          ...(random.chance(0.4) ? { purpose: random.pick(mexican ? ['PRESTAMO', 'COOPERACION', 'PAGO', 'RENTA CUARTO', 'TANDA'] : ['DINNER', 'REPAY', 'GAS', 'BIRTHDAY', 'SHARED RENT']) } : {}),
        });
      } else {
        emit({
          at: localTimeWithinDay(startSeconds, day, place, branchHour(random)),
          amountMinor: cashLike(random, mexican ? random.logNormal(300_000, 0.8, 20_000, 3_000_000) : random.logNormal(40_000, 0.8, 2_000, 400_000)),
          currency: payer.currency,
          channel: 'cash_deposit',
          originator: payer.party.end,
          beneficiary: payer.end,
          location: atmLocation(payer.institution, place, random, false),
        });
      }
    }
  };

  return { scheduled, filler };
}

export type NormalBehaviour = ReturnType<typeof createNormalBehaviour>;
