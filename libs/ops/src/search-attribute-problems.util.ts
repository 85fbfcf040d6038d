import { temporal } from '@temporalio/proto';

type IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

export interface SearchAttributeDefinition {
  name: string;
  type: 'Keyword' | 'Datetime';
}

export interface SearchAttributeProblems {
  missing: SearchAttributeDefinition[];
  wrongType: Array<SearchAttributeDefinition & { actual: string }>;
}

const EXPECTED: Record<SearchAttributeDefinition['type'], IndexedValueType> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/** "INDEXED_VALUE_TYPE_KEYWORD_LIST" → "KeywordList": the spelling the Temporal CLI uses. */
export function searchAttributeTypeName(type: IndexedValueType): string {
  const raw = IndexedValueType[type] ?? `type ${type}`;
  return raw
    .replace(/^INDEXED_VALUE_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_, __: string, c: string) => c.toUpperCase());
}

/** Which of Herald's attributes the namespace lacks, and which it has with another type. */
export function searchAttributeProblems(
  wanted: readonly SearchAttributeDefinition[],
  present: Record<string, IndexedValueType>,
): SearchAttributeProblems {
  const problems: SearchAttributeProblems = { missing: [], wrongType: [] };
  for (const definition of wanted) {
    const actual = present[definition.name];
    if (actual === undefined) problems.missing.push(definition);
    else if (actual !== EXPECTED[definition.type]) problems.wrongType.push({ ...definition, actual: searchAttributeTypeName(actual) });
  }
  return problems;
}
