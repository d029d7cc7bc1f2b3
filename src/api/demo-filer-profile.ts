import { FilerProfileSchema, type FilerProfile } from '../reports/index.ts';

/**
 * A fictional filer for the demo and tests: every identifier is made up and only has the shape
 * the schemas require. A deployment supplies its own profile.
 */
export const DEMO_FILER_PROFILE: FilerProfile = FilerProfileSchema.parse({
  transmitter: {
    name: 'Frontera Demo Bank',
    tcc: 'PDEMO123',
    tin: '990000001',
    address: { street: '100 Demo Plaza', city: 'El Paso', state: 'TX', postalCode: '79901', country: 'US' },
    phone: '9155550100',
    contactName: 'Demo Compliance Desk',
  },
  filingInstitution: {
    name: 'Frontera Demo Bank',
    tin: '990000001',
    primaryRegulator: '4',
    organizationType: '2',
    address: { street: '100 Demo Plaza', city: 'El Paso', state: 'TX', postalCode: '79901', country: 'US' },
  },
  contactOffice: { name: 'BSA/AML Office', phone: '9155550101' },
  // The bank's Mexican side: CNBV/UIF registration for UIF reports, an RFC for SAT notices, goAML.
  mexico: { casfimKey: '040999', supervisorKey: '001002', localityCode: '08037001', branchCode: '32000', rfc: 'FDB010101AB1' },
  goaml: { rentityId: 9001, rentityBranch: 'Ciudad Juarez', localCurrency: 'MXN', reportingPerson: { firstName: 'Demo', lastName: 'Compliance Officer', occupation: 'Oficial de cumplimiento' }, defaultIndicators: ['STRUC'] },
});
