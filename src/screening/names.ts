/**
 * Name parsing: turns a published or typed name into comparable tokens with their role in a
 * Spanish name (given names, paternal surname, maternal surname), or company tokens without the
 * legal form. Pure functions.
 */
import { isParticle, stripDecorations, tokenize } from './normalize.ts';
import { phoneticKey } from './phonetic.ts';
import type { StructuredName } from './list-entry.ts';

export type TokenRole = 'given' | 'paternal' | 'maternal' | 'surname' | 'company' | 'unknown';
export type NameKind = 'person' | 'organization' | 'unknown';

export type ParsedName = {
  /** Comparable tokens: folded, particles, honorifics and legal forms removed. */
  tokens: string[];
  /** Phonetic key of each token. */
  keys: string[];
  roles: TokenRole[];
  legalForm: string | null;
  kind: NameKind;
  /** True when the text was written "Apellido(s), Nombre(s)". */
  surnameFirst: boolean;
};

function identityTokens(text: string): { tokens: string[]; legalForm: string | null } {
  const stripped = stripDecorations(tokenize(text));
  const tokens = stripped.tokens.filter((token) => !isParticle(token));
  // A name made only of particles ("De La O" reduced too far) keeps them rather than vanish.
  return { tokens: tokens.length > 0 ? tokens : stripped.tokens, legalForm: stripped.legalForm };
}

function surnameRoles(count: number): TokenRole[] {
  if (count === 0) return [];
  if (count === 1) return ['paternal'];
  // "DE LA CRUZ GARCIA" → cruz garcia: the first surname is paternal, the rest maternal.
  return ['paternal', ...Array<TokenRole>(count - 1).fill('maternal')];
}

function build(tokens: string[], roles: TokenRole[], legalForm: string | null, kind: NameKind, surnameFirst: boolean): ParsedName {
  return { tokens, keys: tokens.map(phoneticKey), roles, legalForm, kind, surnameFirst };
}

/**
 * Parses a name. `kind` is what the caller knows (a list entry type, a party type) or `unknown`
 * for free text; a legal form or a company word makes an unknown name an organisation.
 * Person names are read as "Paternal Maternal, Given" when they contain a comma, otherwise as
 * "Given… Paternal Maternal" (the last two tokens being the surnames when there are three or more).
 * @example parseName('Oseguera C., Nemesio', 'person').roles // ['paternal', 'maternal', 'given']
 * @example parseName('Vector Casa de Bolsa, S.A. de C.V.', 'unknown').kind === 'organization'
 */
export function parseName(text: string, kind: NameKind = 'unknown'): ParsedName {
  const commaAt = text.indexOf(',');
  const whole = identityTokens(text);
  let resolvedKind: NameKind = kind;
  if (resolvedKind === 'unknown' && whole.legalForm !== null) resolvedKind = 'organization';
  if (resolvedKind === 'organization') {
    return build(whole.tokens, whole.tokens.map(() => 'company' as const), whole.legalForm, 'organization', false);
  }
  if (commaAt > 0) {
    const before = identityTokens(text.slice(0, commaAt));
    const after = identityTokens(text.slice(commaAt + 1));
    if (after.tokens.length > 0 && before.tokens.length > 0 && after.legalForm === null) {
      const tokens = [...before.tokens, ...after.tokens];
      const roles = [...surnameRoles(before.tokens.length), ...after.tokens.map(() => 'given' as const)];
      return build(tokens, roles, null, resolvedKind, true);
    }
  }
  const tokens = whole.tokens;
  let roles: TokenRole[];
  if (resolvedKind === 'person' || resolvedKind === 'unknown') {
    if (tokens.length >= 3) roles = [...Array<TokenRole>(tokens.length - 2).fill('given'), 'paternal', 'maternal'];
    else if (tokens.length === 2) roles = ['given', 'paternal'];
    else roles = tokens.map(() => 'unknown' as const);
  } else {
    roles = tokens.map(() => 'unknown' as const);
  }
  return build(tokens, roles, whole.legalForm, resolvedKind, false);
}

/**
 * Parses a name whose parts are given separately (the Mexican list, a party record).
 * @example parseStructuredName({ given: 'José Luis', paternal: 'García', maternal: 'López' }).tokens // ['jose', 'luis', 'garcia', 'lopez']
 */
export function parseStructuredName(name: StructuredName): ParsedName {
  const given = name.given ? identityTokens(name.given).tokens : [];
  const paternal = name.paternal ? identityTokens(name.paternal).tokens : [];
  const maternal = name.maternal ? identityTokens(name.maternal).tokens : [];
  const tokens = [...given, ...paternal, ...maternal];
  const roles: TokenRole[] = [
    ...given.map(() => 'given' as const),
    ...paternal.map(() => 'paternal' as const),
    ...maternal.map(() => 'maternal' as const),
  ];
  return build(tokens, roles, null, 'person', false);
}
