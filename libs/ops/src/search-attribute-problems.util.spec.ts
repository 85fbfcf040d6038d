import { temporal } from '@temporalio/proto';
import { searchAttributeProblems, searchAttributeTypeName } from './search-attribute-problems.util';

const { INDEXED_VALUE_TYPE_KEYWORD: KEYWORD, INDEXED_VALUE_TYPE_DATETIME: DATETIME, INDEXED_VALUE_TYPE_KEYWORD_LIST } =
  temporal.api.enums.v1.IndexedValueType;

describe(searchAttributeProblems.name, () => {
  const wanted = [
    { name: 'PostId', type: 'Keyword' as const },
    { name: 'PublishAt', type: 'Datetime' as const },
  ];

  it('should find nothing wrong when every attribute is there with its type', () => {
    expect(searchAttributeProblems(wanted, { PostId: KEYWORD, PublishAt: DATETIME, Other: KEYWORD })).toEqual({ missing: [], wrongType: [] });
  });

  it('should name the missing attributes and the ones registered with another type', () => {
    const problems = searchAttributeProblems(wanted, { PublishAt: KEYWORD });

    expect(problems.missing).toEqual([{ name: 'PostId', type: 'Keyword' }]);
    expect(problems.wrongType).toEqual([{ name: 'PublishAt', type: 'Datetime', actual: 'Keyword' }]);
  });

  it('should spell types as the Temporal CLI does', () => {
    expect(searchAttributeTypeName(INDEXED_VALUE_TYPE_KEYWORD_LIST)).toBe('KeywordList');
  });
});
