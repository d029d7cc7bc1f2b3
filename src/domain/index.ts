export * from './identifiers.ts';
export * from './money.ts';
export * from './schemas.ts';
export * from './issues.ts';
