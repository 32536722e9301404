import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Every `.mof` file (any case) below `dir`, depth first, each folder's entries in name order. */
export function listMofFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listMofFiles(p));
    else if (/\.mof$/i.test(name)) out.push(p);
  }
  return out;
}

/** The class files of the DMTF CIM schema below `root`: everything but the `cim_schema_*.mof` entry. */
export function cimSchemaClassFiles(root: string): string[] {
  return listMofFiles(root).filter((p) => !basename(p).startsWith('cim_schema'));
}
