import { readDynamicConfig } from './read-dynamic-config.util';

describe(readDynamicConfig.name, () => {
  it('should list the settings of a well-formed file', () => {
    const text = 'limit.maxIDLength:\n  - value: 255\n    constraints: {}\n';

    expect(readDynamicConfig(text)).toEqual({ keys: ['limit.maxIDLength'], problems: [] });
  });

  it('should say a file is not YAML', () => {
    expect(readDynamicConfig('limit.maxIDLength: [\n').problems[0]).toMatch(/^it is not valid YAML: /);
  });

  it('should name a setting whose value is not a list of entries, or an entry without a value', () => {
    const text = 'limit.maxIDLength: 255\nsystem.forceSearchAttributesCacheRefreshOnRead:\n  - constraints: {}\n';

    expect(readDynamicConfig(text).problems).toEqual([
      'limit.maxIDLength is not a list of { value, constraints } entries',
      'system.forceSearchAttributesCacheRefreshOnRead[0] has no value',
    ]);
  });

  it('should accept an empty file, as Temporal does', () => {
    expect(readDynamicConfig('# nothing yet\n')).toEqual({ keys: [], problems: [] });
  });
});
