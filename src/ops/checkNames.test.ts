import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../errors/wbem';
import { validMemberName } from './checkNames';

/** The rule as decisions §2 step 6 states it, written independently of the fast check. */
const rule = (s: string) => /^[A-Za-z][A-Za-z0-9_]*$/.test(s) && !s.endsWith('_') && s.length <= MAX_NAME_LENGTH;

describe('validMemberName', () => {
  it.each(['Name', 'a', 'A1_b', 'x_1'])('accepts %s', (s) => expect(validMemberName(s)).toBe(true));
  it.each(['', '_a', 'a_', '1a', 'a-b', 'é', 'a b', 'a'.repeat(MAX_NAME_LENGTH + 1)])('refuses %j', (s) =>
    expect(validMemberName(s)).toBe(false),
  );
  it('agrees with the regular-expression rule on any string', () => {
    const chars = fc.constantFrom(...'aZ09_-é @'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: chars, maxLength: 12 })), (s) => {
        expect(validMemberName(s)).toBe(rule(s));
      }),
      { numRuns: 2000 },
    );
  });
});
