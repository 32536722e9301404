import { describe, expect, it } from 'vitest';
import { Repository } from '../../src/repository/Repository';
import { connectServer } from '../../src/service/connectServer';
import { readFileSync } from 'node:fs';
import { printClass } from './printMof';

describe('MOF printer', () => {
  it('exports the demo repository so that the engine reads it back to the same classes', async () => {
    const repo = new Repository();
    const svc = connectServer(repo, 'root\\default').services!;
    const r = await svc.importMof(
      readFileSync('public/demo/demo.mof', 'utf8').replace('#pragma amendment("MS_409")', ''),
    );
    expect(r.hr).toBe(0);
    const defs = svc
      .createClassEnum(null, 0)
      .objects.filter((c) => !c.name.startsWith('__'))
      .map((c) => c.definition);
    const exported = svc.exportMof();
    expect(exported.hr).toBe(0);
    const text = exported.text;

    const again = new Repository();
    const svc2 = connectServer(again, 'root\\default').services!;
    const r2 = await svc2.importMof(text);
    expect(r2.diagnostics).toEqual([]);
    expect(r2.failures).toEqual([]);
    const back = svc2
      .createClassEnum(null, 0)
      .objects.filter((c) => !c.name.startsWith('__'))
      .map((c) => c.definition);
    const strip = (d: object) => JSON.parse(JSON.stringify(d, (k, v) => (k === 'loc' ? undefined : v)));
    expect(back.map(strip)).toEqual(defs.map(strip));
  });

  it('escapes strings: quotes, backslashes, control characters and markup stay text', () => {
    const t = printClass({
      genus: 'class',
      name: 'X',
      superclass: null,
      qualifiers: [
        {
          name: 'Description',
          type: { base: 'string', array: false },
          value: 'a "b" \\ c\n<script>',
          flavor: 0x2 | 0x80,
        },
      ],
      properties: [],
      methods: [],
    });
    expect(t).toContain('Description("a \\"b\\" \\\\ c\\n<script>")');
    expect(t).toMatch(/ToSubclass/i);
    expect(t).toMatch(/Amended/);
  });
});
