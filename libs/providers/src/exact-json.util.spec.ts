import { parseJsonExactly, quoteUnsafeIntegers } from './exact-json.util';

describe(parseJsonExactly.name, () => {
  it('should keep a 19-digit post id exact, as a decimal string', () => {
    const parsed = parseJsonExactly('{"data":{"publicaly_available_post_id":[7400000000000000001, 7400000000000000999]}}');

    expect(parsed).toEqual({ data: { publicaly_available_post_id: ['7400000000000000001', '7400000000000000999'] } });
  });

  it('should leave safe integers, decimals, exponents and digits inside strings as they are', () => {
    const text = '{"a":42,"b":-9007199254740991,"c":1.5,"d":1e21,"e":"id 7400000000000000001 \\" 12345678901234567890","f":[0]}';

    expect(parseJsonExactly(text)).toEqual({
      a: 42,
      b: -9007199254740991,
      c: 1.5,
      d: 1e21,
      e: 'id 7400000000000000001 " 12345678901234567890',
      f: [0],
    });
    expect(quoteUnsafeIntegers('{"n":-12345678901234567890}')).toBe('{"n":"-12345678901234567890"}');
  });

  it('should hand back a body that is not JSON as text, and an empty one as undefined', () => {
    expect(parseJsonExactly('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
    expect(parseJsonExactly('')).toBeUndefined();
  });
});
