import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it('counts nouns', () => {
    expect(plural(1, 'class')).toBe('1 class');
    expect(plural(3, 'class')).toBe('3 classes');
    expect(plural(0, 'instance')).toBe('0 instances');
    expect(plural(2, 'subclass')).toBe('2 subclasses');
  });
});
