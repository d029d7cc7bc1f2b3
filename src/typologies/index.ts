export { TypologySchema, RuleSchema, SourceCitationSchema, PATTERN_NAMES, typologyJsonSchema } from './schema.ts';
export type { TypologyDocument, TypologyRule, PatternName } from './schema.ts';
export { loadTypology, formatTypologyIssues, checkUniqueTypologies } from './loader.ts';
export type { CompiledTypology, CompiledRule, TypologyIssue, LoadResult } from './loader.ts';
export { compileExpression, EvaluationFault, FUNCTION_HELP, closestName, editDistance } from './expression-compiler.ts';
export type { CompiledExpression, CompileResult, FeatureVector, ValueType, Value, ParameterValue } from './expression-compiler.ts';
export { parseExpression, namesIn } from './expression-parser.ts';
export type { Node as ExpressionNode } from './expression-parser.ts';
export { tokenize, positionOf, ExpressionSyntaxError } from './expression-lexer.ts';
export type { ExpressionIssue } from './expression-lexer.ts';
export { FEATURES, WINDOWS, featureByName, featureNames } from './feature-catalog.ts';
export type { FeatureSpec, FeatureGroup, Evidence } from './feature-catalog.ts';
export {
  loadTypologyFile, loadTypologyDirectory, loadBuiltinTypologies, typologyFilesIn, BUILTIN_TYPOLOGY_DIRECTORY, MAX_TYPOLOGY_FILE_BYTES,
} from './files.ts';
export { foldText, containsAnyTerm, MAX_TEXT_LENGTH, MAX_TERMS, MAX_TERM_LENGTH } from './text.ts';
