import { describe, expect, it } from 'vitest';
import { score } from './CommandPalette';

describe('palette ranking', () => {
  it('ranks exact, prefix, word start, substring, then letters in order', () => {
    const q = 'disk';
    const ranked = ['CIM_DiskDrive', 'Disk', 'Demo_Disk', 'MyDisks', 'D_i_s_k', 'Partition']
      .map((t) => [t, score(t, q)] as const)
      .filter(([, s]) => s >= 0)
      .sort((a, b) => a[1] - b[1]);
    expect(ranked.map(([t]) => t)).toEqual(['Disk', 'CIM_DiskDrive', 'Demo_Disk', 'MyDisks', 'D_i_s_k']);
  });
});
