import { describe, expect, it } from 'vitest';
import { formatValue, parseValue } from './valueText';

const t = (base: string, array = false) => ({ base, array }) as Parameters<typeof parseValue>[1];

describe('values typed as text', () => {
  it.each([
    ['42', t('uint32'), 42],
    ['-1', t('sint8'), -1],
    ['0x10', t('uint16'), 16],
    ['18446744073709551615', t('uint64'), '18446744073709551615'],
    ['true', t('boolean'), true],
    ['NULL', t('string'), null],
    ['"NULL"', t('string'), 'NULL'],
    ['hello', t('string'), 'hello'],
    ['{1, 2, 3}', t('uint8', true), [1, 2, 3]],
    ['{"a, b", "c\\"d"}', t('string', true), ['a, b', 'c"d']],
    ['', t('uint32'), undefined],
  ])('%s as %o', (text, type, value) => {
    expect(parseValue(text, type)).toEqual({ ok: true, value });
  });

  it.each([
    ['256', t('uint8')],
    ['-1', t('uint32')],
    ['1.5', t('sint32')],
    ['maybe', t('boolean')],
    ['ab', t('char16')],
    ['{1, x}', t('uint8', true)],
  ])('refuses %s as %o', (text, type) => {
    expect(parseValue(text, type).ok).toBe(false);
  });

  it('formats arrays in MOF syntax and round-trips them', () => {
    const type = t('string', true);
    const text = formatValue(['a', 'b"c'], type);
    expect(text).toBe('{"a", "b\\"c"}');
    expect(parseValue(text, type)).toEqual({ ok: true, value: ['a', 'b"c'] });
  });
});
