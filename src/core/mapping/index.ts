/**
 * Mapping layer: detects what each loaded table is (role, source, columns,
 * normalisation), remembers confirmed mappings by header signature, builds the
 * canonical views over them, validates the data, and lists segment candidates.
 */
export type {
  AttributeColumn,
  Choice,
  ColumnDetection,
  ConfirmedMapping,
  DetectedRole,
  Detection,
  DetectionAlternative,
  EndDateRule,
  EpochUnit,
  IntervalUnit,
  LoadedColumn,
  LoadedTable,
  MappingSpec,
  MappingWarning,
  Message,
  Normalisation,
  Role,
} from './types.js';
export { ROLES } from './types.js';
export type { FieldDef, FieldKind, RoleFields } from './fields.js';
export { ROLE_FIELDS, KNOWN_ATTRIBUTES, fieldDef } from './fields.js';
export type { RoleDictionary, SourceDictionary, ValueHint } from './dictionary.js';
export { SOURCES, sourceById } from './sources/index.js';
export { DEFAULT_NORMALISATION } from './defaults.js';
export { headerKey } from './headerKey.js';
export { headerSignature } from './signature.js';
export { detectMapping, detectAs, MIN_CONFIDENCE } from './detect.js';
export { detectAmountUnit } from './amountUnit.js';
export { detectEpochUnit } from './epoch.js';
export { confirmDetection, specOf, type MappingEdits } from './confirm.js';
export { mappingProblems, mappingIssues } from './checkMapping.js';
export { joinReasons, columnReasons, normalisationReasons, KIND_WORDS, type KindWord } from './reasons.js';
export { ident, literal } from './sql.js';
export { asciiWithoutLeadingSpace, cleanTextSql, textStatsSql } from './cleanText.js';
export { eventsTextColumns } from './views/events.js';
export {
  buildCanonicalSql,
  availableRoles,
  availableViews,
  chooseReportingCurrency,
  type CanonicalOptions,
  type CanonicalSql,
} from './canonicalSql.js';
export {
  validationSql,
  crossValidationSql,
  runValidation,
  type ValidationQuery,
  type ValidationResult,
  type Severity,
} from './validation.js';
export type { ValidationCheckId } from './validationMessages.js';
export { segmentCandidates, type SegmentCandidate } from './segments.js';
export {
  serializeMapping,
  serializeMappings,
  parseMapping,
  parseMappings,
  bindMapping,
  toSaved,
  MappingFormatError,
  MAPPING_FORMAT,
  MAPPING_SET_FORMAT,
  MAPPING_VERSION,
  type SavedMapping,
} from './serialize.js';
export {
  memoryMappingStore,
  storageMappingStore,
  resilientMappingStore,
  observedMappingStore,
  serializeRemembered,
  parseRemembered,
  rememberMapping,
  forgetMapping,
  recall,
  recallMapping,
  proposeMapping,
  REMEMBERED_FORMAT,
  STORAGE_PREFIX,
  type MappingStore,
  type StorageLike,
  type RememberedMapping,
  type Recall,
  type MappingProposal,
} from './store.js';
