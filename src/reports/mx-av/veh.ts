import { partyDisplayName, type Case, type CaseSubject, type VulnerableActivity } from '../../cases/index.ts';
import { formatMinorUnits, validateCurp, validateRfc, type Transaction } from '../../domain/index.ts';
import { buildXml, type XmlNode } from '../../xml/index.ts';
import type { FilerProfile } from '../profile.ts';
import { checkResult, type CheckResult, type ReportIssue } from '../issues.ts';
import { keepOnly, satUpper, yyyymmdd } from '../text.ts';
import { identifierOf } from '../subject.ts';

/**
 * SAT / UIF Actividades Vulnerables notice for the sale of vehicles (LFPIORPI art. 17 fr. VIII,
 * clave de actividad VEH), validated against veh.xsd (namespace http://www.uif.shcp.gob.mx/recepcion/veh).
 * Text follows the schema's alphabets: upper case, no accents, Ñ kept.
 */
export const VEH_NAMESPACE = 'http://www.uif.shcp.gob.mx/recepcion/veh';
const P = 'archivo/informe/aviso';

/** SAT catalogue of currencies (moneda): 1 peso mexicano, 2 dólar americano, 3 euro … */
const SAT_CURRENCIES: Record<string, string> = { MXN: '1', USD: '2', EUR: '3', GBP: '4', CAD: '5' };
/** SAT placeholder the notices accept for a person with no second surname. */
const NO_SURNAME = 'XXXX';

/**
 * veh.xsd's CURP pattern ends in two digits, which only CURPs of people born before 2000 have
 * (from 2000 the differentiator is a letter). The element is optional: a valid CURP the pattern
 * cannot hold is left out; the RFC and date of birth still identify the person.
 */
const SAT_CURP = /^[A-Z]{4}\d{6}[MH][A-Z]{5}\d{2}$/;
const satCurp = (curp: string | undefined): string | undefined => (curp !== undefined && SAT_CURP.test(curp.toUpperCase()) ? curp.toUpperCase() : undefined);

/** Make and model in the schema's vehicle alphabet, which has no hyphen: "F-150" is written "F 150". */
const vehicleText = (value: string) => keepOnly(satUpper(value).replace(/-/g, ' '), 'A-ZÑ0-9 \\.,:/').replace(/ {2,}/g, ' ').trim().slice(0, 40);
const nameText = (value: string) => keepOnly(satUpper(value), 'A-ZÑ ').slice(0, 200);
const addressText = (value: string, max: number) => keepOnly(satUpper(value), 'A-ZÑ0-9 \\-\\.,:/').slice(0, max);

/** SAT instrumento_monetario by channel: 1 efectivo, 2 tarjeta, 4 transferencia; others left out (optional). */
const INSTRUMENTS: Partial<Record<Transaction['channel'], string>> = {
  cash_deposit: '1', cash_withdrawal: '1', card: '2', wire: '4', spei: '4', ach: '4', remittance: '4', trade_payment: '4',
};

/**
 * The operation of a VEH notice from the payment that settled a vehicle sale: the sale date,
 * the dealer's postal code, the vehicle and one cash-basis (contado) payment. Undefined when the
 * dealer's postal code is not the 5 digits the notice requires.
 * @example vehicleSaleOperation(transaction, { make: 'Ford', model: 'F-150', year: 2025, vin })?.operationType === '801'
 */
export function vehicleSaleOperation(transaction: Transaction, vehicle: { make: string; model: string; year: number; vin?: string }): VulnerableActivity | undefined {
  const postalCode = transaction.beneficiary.postalCode ?? transaction.location?.postalCode;
  if (postalCode === undefined || !/^\d{5}$/.test(postalCode)) return undefined;
  const date = transaction.time.slice(0, 10);
  const instrument = INSTRUMENTS[transaction.channel];
  return {
    activity: 'VEH',
    operationDate: date,
    operationPostalCode: postalCode,
    // 801: sale of the vehicle by the sujeto obligado.
    operationType: '801',
    vehicles: [{ make: vehicle.make, model: vehicle.model, year: vehicle.year, ...(vehicle.vin ? { vin: vehicle.vin } : {}), armourLevel: 0 }],
    payments: [{ date, method: '1', ...(instrument ? { instrument } : {}), amountMinor: transaction.amountMinor, currency: transaction.currency }],
  };
}

function checkNames(given: string, paternal: string, field: string, issues: ReportIssue[], xsdPath: string): void {
  if (nameText(given) === '') issues.push({ field: `${field}.given`, reason: 'the given name has no letters the SAT alphabet accepts', xsdPath: `${xsdPath}/nombre` });
  if (nameText(paternal) === '') issues.push({ field: `${field}.paternal`, reason: 'the first surname has no letters the SAT alphabet accepts', xsdPath: `${xsdPath}/apellido_paterno` });
}

/**
 * What a VEH notice needs that the case or profile lacks.
 * @example checkVehicleNotice(kase, profile).ok
 */
export function checkVehicleNotice(kase: Case, profile: FilerProfile): CheckResult {
  const issues: ReportIssue[] = [];
  if (!profile.mexico) issues.push({ field: 'profile.mexico.rfc', reason: 'the filer profile has no RFC of the sujeto obligado', xsdPath: 'archivo/informe/sujeto_obligado/clave_sujeto_obligado' });
  const operation = kase.vulnerableActivity;
  if (!operation) issues.push({ field: 'vulnerableActivity', reason: 'the case records no vehicle operation (date, postal code, vehicles, payments)', xsdPath: `${P}/detalle_operaciones/datos_operacion` });
  else {
    operation.payments.forEach((payment, index) => {
      if (SAT_CURRENCIES[payment.currency] === undefined) issues.push({ field: `vulnerableActivity.payments.${index}.currency`, reason: `currency ${payment.currency} has no code in the SAT catalogue`, xsdPath: `${P}/detalle_operaciones/datos_operacion/datos_liquidacion/moneda` });
    });
    operation.vehicles.forEach((vehicle, index) => {
      if (vehicle.vin !== undefined && !/^[A-Z0-9\-_]{17}$/.test(vehicle.vin.toUpperCase())) issues.push({ field: `vulnerableActivity.vehicles.${index}.vin`, reason: 'the VIN must be 17 letters or digits', xsdPath: `${P}/detalle_operaciones/datos_operacion/tipo_vehiculo/datos_vehiculo_terrestre/vin` });
    });
  }
  const subject = kase.subject;
  const party = subject.party;
  if (!subject.economicActivityCode) issues.push({ field: 'subject.economicActivityCode', reason: 'the 7-digit economic activity (actividad económica / giro mercantil) of the client is missing', xsdPath: `${P}/persona_aviso/tipo_persona/${party.type === 'person' ? 'persona_fisica/actividad_economica' : 'persona_moral/giro_mercantil'}` });
  if (party.type === 'person') {
    checkNames(party.name.given, party.name.paternal, 'subject.party.name', issues, `${P}/persona_aviso/tipo_persona/persona_fisica`);
    const rfc = identifierOf(party, 'rfc');
    if (rfc !== undefined && (rfc.length !== 13 || validateRfc(rfc) !== null)) issues.push({ field: 'subject.party.identifiers.rfc', reason: 'a person’s RFC must be a valid 13-character RFC', xsdPath: `${P}/persona_aviso/tipo_persona/persona_fisica/rfc` });
    const curp = identifierOf(party, 'curp');
    if (curp !== undefined && validateCurp(curp) !== null) issues.push({ field: 'subject.party.identifiers.curp', reason: 'the CURP must be valid', xsdPath: `${P}/persona_aviso/tipo_persona/persona_fisica/curp` });
  } else {
    if (keepOnly(satUpper(party.legalName), "A-ZÑ0-9 #\\-\\.&,_@'()") === '') issues.push({ field: 'subject.party.legalName', reason: 'the company name has no characters the SAT alphabet accepts', xsdPath: `${P}/persona_aviso/tipo_persona/persona_moral/denominacion_razon` });
    if (!subject.representative) issues.push({ field: 'subject.representative', reason: 'a company’s legal representative (apoderado) is required', xsdPath: `${P}/persona_aviso/tipo_persona/persona_moral/representante_apoderado` });
    else checkNames(subject.representative.given, subject.representative.paternal, 'subject.representative', issues, `${P}/persona_aviso/tipo_persona/persona_moral/representante_apoderado`);
    const rfc = identifierOf(party, 'rfc');
    if (rfc !== undefined && (rfc.length !== 12 || validateRfc(rfc) !== null)) issues.push({ field: 'subject.party.identifiers.rfc', reason: 'a company’s RFC must be a valid 12-character RFC', xsdPath: `${P}/persona_aviso/tipo_persona/persona_moral/rfc` });
  }
  const address = subject.address;
  if (address && address.country === 'MX') {
    if (!address.colonia) issues.push({ field: 'subject.address.colonia', reason: 'a Mexican address needs its colonia', xsdPath: `${P}/persona_aviso/tipo_domicilio/nacional/colonia` });
    if (!address.number) issues.push({ field: 'subject.address.number', reason: 'a Mexican address needs its exterior number', xsdPath: `${P}/persona_aviso/tipo_domicilio/nacional/numero_exterior` });
    if (!address.postalCode || !/^\d{5}$/.test(address.postalCode)) issues.push({ field: 'subject.address.postalCode', reason: 'a Mexican postal code has 5 digits', xsdPath: `${P}/persona_aviso/tipo_domicilio/nacional/codigo_postal` });
  }
  return checkResult(issues);
}

function personNode(subject: CaseSubject): XmlNode {
  const party = subject.party;
  if (party.type === 'person') {
    const rfc = identifierOf(party, 'rfc');
    const curp = identifierOf(party, 'curp');
    return {
      persona_fisica: {
        nombre: nameText(party.name.given),
        apellido_paterno: nameText(party.name.paternal),
        apellido_materno: party.name.maternal && nameText(party.name.maternal) !== '' ? nameText(party.name.maternal) : NO_SURNAME,
        fecha_nacimiento: party.birthDate ? yyyymmdd(party.birthDate) : undefined,
        rfc: rfc?.toUpperCase(),
        curp: satCurp(curp),
        pais_nacionalidad: party.nationality ?? party.country,
        actividad_economica: subject.economicActivityCode!,
      },
    };
  }
  const representative = subject.representative!;
  return {
    persona_moral: {
      denominacion_razon: keepOnly(satUpper(partyDisplayName(party)), "A-ZÑ0-9 #\\-\\.&,_@'()").slice(0, 254),
      fecha_constitucion: party.incorporationDate ? yyyymmdd(party.incorporationDate) : undefined,
      rfc: identifierOf(party, 'rfc')?.toUpperCase(),
      pais_nacionalidad: party.country,
      giro_mercantil: subject.economicActivityCode!,
      representante_apoderado: {
        nombre: nameText(representative.given),
        apellido_paterno: nameText(representative.paternal),
        apellido_materno: representative.maternal && nameText(representative.maternal) !== '' ? nameText(representative.maternal) : NO_SURNAME,
        fecha_nacimiento: representative.birthDate ? yyyymmdd(representative.birthDate) : undefined,
        rfc: representative.rfc?.toUpperCase(),
        curp: satCurp(representative.curp),
      },
    },
  };
}

function addressNode(subject: CaseSubject): XmlNode | undefined {
  const address = subject.address;
  if (!address) return undefined;
  if (address.country === 'MX') {
    return {
      nacional: {
        colonia: addressText(address.colonia ?? '', 50),
        calle: addressText(address.street, 100),
        numero_exterior: addressText(address.number ?? '', 56),
        codigo_postal: address.postalCode,
      },
    };
  }
  return {
    extranjero: {
      pais: address.country,
      estado_provincia: addressText(address.state ?? address.city, 100) || 'NA',
      ciudad_poblacion: addressText(address.city, 100) || 'NA',
      colonia: addressText(address.colonia ?? address.city, 50) || 'NA',
      calle: addressText(address.street, 100) || 'NA',
      numero_exterior: addressText(address.number ?? 'SN', 56) || 'SN',
      codigo_postal: keepOnly((address.postalCode ?? '0000').toUpperCase(), 'A-ZÑ0-9').padEnd(4, '0').slice(0, 12),
    },
  };
}

/**
 * Renders the monthly VEH notice file (`archivo` with one `informe`) for checked cases of one
 * reporting month; each case is one `aviso`.
 * @example const xml = renderVehicleNotices([kase], profile, { reportedMonth: '2026-02' });
 */
export function renderVehicleNotices(cases: readonly Case[], profile: FilerProfile, options: { reportedMonth: string }): string {
  const mexico = profile.mexico!;
  const avisos = cases.map((kase) => {
    const operation = kase.vulnerableActivity!;
    const alertCode = kase.typologyHints.find((h) => h.satAlertCode)?.satAlertCode;
    return {
      referencia_aviso: keepOnly(kase.id.toUpperCase(), 'A-Z0-9').slice(-14) || 'AVISO',
      prioridad: kase.alerts.some((a) => a.severity === 'interdict') || kase.blockedListHitAt ? '2' : '1',
      alerta: {
        // 100 is the SAT catalogue's "sin alerta" (a notice for crossing the threshold only).
        tipo_alerta: alertCode ?? '100',
        descripcion_alerta: alertCode && kase.narrative.es ? addressText(kase.narrative.es, 3000) || undefined : undefined,
      },
      persona_aviso: {
        tipo_persona: personNode(kase.subject),
        tipo_domicilio: addressNode(kase.subject),
        telefono: kase.subject.phone && /^\d{10,12}$/.test(kase.subject.phone.replace(/\D/g, '').slice(-12))
          ? { clave_pais: kase.subject.address?.country ?? kase.subject.party.country, numero_telefono: kase.subject.phone.replace(/\D/g, '').slice(-12) }
          : undefined,
      },
      detalle_operaciones: {
        datos_operacion: {
          fecha_operacion: yyyymmdd(operation.operationDate),
          codigo_postal: operation.operationPostalCode,
          tipo_operacion: operation.operationType,
          tipo_vehiculo: operation.vehicles.map((vehicle) => ({
            datos_vehiculo_terrestre: {
              marca_fabricante: vehicleText(vehicle.make) || 'NA',
              modelo: vehicleText(vehicle.model) || 'NA',
              anio: String(vehicle.year),
              vin: vehicle.vin?.toUpperCase(),
              placas: vehicle.plates ? keepOnly(vehicle.plates.toUpperCase(), 'A-Z0-9\\-_').slice(0, 12) || undefined : undefined,
              nivel_blindaje: String(vehicle.armourLevel),
            },
          })),
          datos_liquidacion: operation.payments.map((payment) => ({
            fecha_pago: yyyymmdd(payment.date),
            forma_pago: payment.method,
            instrumento_monetario: payment.instrument,
            moneda: SAT_CURRENCIES[payment.currency]!,
            monto_operacion: formatMinorUnits(payment.amountMinor, payment.currency),
          })),
        },
      },
    } satisfies XmlNode;
  });
  return buildXml({
    archivo: {
      '@_xmlns': VEH_NAMESPACE,
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation': `${VEH_NAMESPACE} veh.xsd`,
      informe: {
        mes_reportado: options.reportedMonth.replace('-', '').slice(0, 6),
        sujeto_obligado: { clave_sujeto_obligado: mexico.rfc, clave_actividad: 'VEH' },
        aviso: avisos,
      },
    },
  });
}
