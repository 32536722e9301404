import { describe, expect, it } from 'vitest';
import { WBEM_FLAG } from '../../src/errors/wbem';
import { contextObject, decodeProgress, DEFAULT_CHOICES, flagNames, putFlags } from './flags';

describe('put flags', () => {
  it('maps every choice to its bit, exactly', () => {
    expect(putFlags({ ...DEFAULT_CHOICES, sendStatus: false })).toBe(0);
    expect(
      putFlags({ ...DEFAULT_CHOICES, updateType: 'create', mode: 'force', sendStatus: true, style: 'async' }),
    ).toBe(WBEM_FLAG.CREATE_ONLY | WBEM_FLAG.UPDATE_FORCE_MODE | WBEM_FLAG.SEND_STATUS);
    expect(
      putFlags({
        ...DEFAULT_CHOICES,
        updateType: 'update',
        mode: 'safe',
        useAmended: true,
        ownerUpdate: true,
        sendStatus: false,
        style: 'semisync',
      }),
    ).toBe(
      WBEM_FLAG.UPDATE_ONLY |
        WBEM_FLAG.UPDATE_SAFE_MODE |
        WBEM_FLAG.USE_AMENDED_QUALIFIERS |
        WBEM_FLAG.OWNER_UPDATE |
        WBEM_FLAG.RETURN_IMMEDIATELY,
    );
    expect(flagNames(0x21)).toBe('WBEM_FLAG_UPDATE_ONLY | WBEM_FLAG_UPDATE_SAFE_MODE');
  });

  it('types context values and decodes progress', () => {
    expect(
      contextObject([
        { name: 'A', type: 'sint32', value: '7' },
        { name: 'B', type: 'boolean', value: 'true' },
        { name: ' ', type: 'string', value: 'x' },
      ]),
    ).toEqual({ A: 7, B: true });
    expect(contextObject([])).toBeNull();
    expect(decodeProgress((1633 << 16) | 12)).toEqual({ total: 1633, done: 12 });
  });
});
