import { useId, useMemo, useState } from 'react';
import { WBEM_FLAG, hrName } from '../../src/errors/wbem';
import { decodeMofBytes } from '../../src/mof/decodeMofBytes';
import { printLocation } from '../../src/mof/printLocation';
import type { MofImportResult } from '../../src/service/importMof';
import type { MofInput } from '../../src/worker/engineApi';
import { Modal } from '../components/Modal';
import { useNamespaces } from '../data/hooks';
import { failed, runImport, statusText, type ImportEnd } from '../data/operations';
import { useStatus } from '../state/status';

type Files = Record<string, string>;

const INCLUDE = /#\s*pragma\s+include\s*\(\s*"([^"]+)"\s*\)|#include\s*\(\s*"([^"]+)"\s*\)/gi;

/** The file no other file includes (the one with most includes first), as mofcomp would be given. */
export function guessEntry(files: Files): string {
  const names = Object.keys(files);
  const included = new Set<string>();
  const count = new Map<string, number>();
  for (const [name, text] of Object.entries(files)) {
    const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
    let n = 0;
    for (const m of text.matchAll(INCLUDE)) {
      n++;
      included.add(normalize(dir + (m[1] ?? m[2] ?? '')).toLowerCase());
    }
    count.set(name, n);
  }
  const roots = names.filter((n) => !included.has(n.toLowerCase()));
  const pool = roots.length ? roots : names;
  return pool.sort((a, b) => (count.get(b) ?? 0) - (count.get(a) ?? 0) || a.localeCompare(b))[0] ?? '';
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const s of p.replace(/\\/g, '/').split('/')) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

async function readFiles(list: Iterable<File>): Promise<Files> {
  const out: Files = {};
  for (const f of list) {
    const path = normalize((f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name);
    out[path] = decodeMofBytes(new Uint8Array(await f.arrayBuffer()));
  }
  return out;
}

async function readEntry(e: FileSystemEntry, out: Files): Promise<void> {
  if (e.isFile) {
    const f = await new Promise<File>((res, rej) => (e as FileSystemFileEntry).file(res, rej));
    out[normalize(e.fullPath)] = decodeMofBytes(new Uint8Array(await f.arrayBuffer()));
  } else if (e.isDirectory) {
    const reader = (e as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
      if (batch.length === 0) break;
      for (const c of batch) await readEntry(c, out);
    }
  }
}

/** A code frame for a position given by line and column. */
export function frameAt(text: string | undefined, file: string, line: number, column: number): string | null {
  if (text === undefined) return null;
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return null;
    offset = nl + 1;
  }
  return printLocation(text, file, { offset: offset + column - 1, line, column });
}

interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
  readonly frame: string | null;
}

export function problemsOf(r: MofImportResult, files: Files): Problem[] {
  const out: Problem[] = r.diagnostics.map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    code: d.code,
    message: d.message,
    frame: d.frame,
  }));
  for (const f of r.failures) {
    out.push({
      file: f.loc.file,
      line: f.loc.line,
      column: f.loc.column,
      code: hrName(f.hr),
      message: `${f.name}: ${f.errorObject?.Description ?? f.message}`,
      frame: frameAt(files[f.loc.file], f.loc.file, f.loc.line, f.loc.column),
    });
  }
  return out;
}

const CLASS_MODES: [string, number, string][] = [
  ['', 0, 'Default (create or update, compatible)'],
  ['createonly', WBEM_FLAG.CREATE_ONLY, '-class:createonly'],
  ['updateonly', WBEM_FLAG.UPDATE_ONLY, '-class:updateonly'],
  ['safeupdate', WBEM_FLAG.UPDATE_SAFE_MODE, '-class:safeupdate'],
  ['forceupdate', WBEM_FLAG.UPDATE_FORCE_MODE, '-class:forceupdate'],
];

/** MOF import: files, a folder (includes resolved) or a drop; atomic or continue-on-error; errors with code frames. */
export function ImportDialog({
  ns,
  onClose,
  onImported,
}: {
  ns: string;
  onClose: () => void;
  onImported: (ns: string) => void;
}) {
  const ids = useId();
  const namespaces = useNamespaces().data ?? [];
  const [target, setTarget] = useState(ns);
  const [files, setFiles] = useState<Files>({});
  const [entry, setEntry] = useState('');
  const [pasted, setPasted] = useState('');
  const [continueOnError, setContinue] = useState(false);
  const [classMode, setClassMode] = useState('');
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [end, setEnd] = useState<ImportEnd | null>(null);
  const [callId, setCallId] = useState<number | null>(null);
  const progress = useStatus((s) => (callId !== null ? s.calls[callId]?.progress : undefined));
  const names = Object.keys(files);

  const take = (f: Files) => {
    setFiles(f);
    setEntry(guessEntry(f));
    setEnd(null);
  };
  const sourceFiles = useMemo<Files>(
    () => (names.length ? files : pasted.trim() ? { 'pasted.mof': pasted } : {}),
    [files, pasted, names.length],
  );
  const problems = useMemo((): Problem[] => {
    if (end?.result) return problemsOf(end.result, sourceFiles);
    const loc = end?.errorObject?.Location;
    if (end && loc)
      return [
        {
          file: loc.file,
          line: loc.line,
          column: loc.column,
          code: hrName(end.hr),
          message: end.errorObject!.Description,
          frame: frameAt(sourceFiles[loc.file], loc.file, loc.line, loc.column),
        },
      ];
    return [];
  }, [end, sourceFiles]);

  const run = async () => {
    // Pasted text goes as a one-file set, so diagnostics name it.
    const input: MofInput = names.length ? { files, entry } : { files: { 'pasted.mof': pasted }, entry: 'pasted.mof' };
    const what = names.length ? `${entry}${names.length > 1 ? ` (+${names.length - 1} files)` : ''}` : 'pasted.mof';
    setBusy(true);
    setEnd(null);
    const next = useStatus.getState().nextCall;
    setCallId(next);
    const flags = CLASS_MODES.find(([v]) => v === classMode)?.[1] ?? 0;
    const r = await runImport(target, input, { continueOnError, ...(flags ? { classFlags: flags } : {}) }, what);
    setBusy(false);
    setEnd(r);
    if (r.result && (r.result.committed || r.result.classes > 0)) onImported(target);
  };

  const canRun = !busy && (names.length > 0 ? !!entry : pasted.trim() !== '');
  return (
    <Modal title="Import MOF" onClose={onClose} wide>
      <form
        className="cw-import"
        onSubmit={(e) => {
          e.preventDefault();
          if (canRun) void run();
        }}
      >
        <div
          className={`cw-drop${dragging ? ' cw-dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const items = [...e.dataTransfer.items];
            const entries = items.map((i) => i.webkitGetAsEntry()).filter((x): x is FileSystemEntry => !!x);
            if (entries.length) {
              const out: Files = {};
              void Promise.all(entries.map((en) => readEntry(en, out))).then(() => take(out));
            } else void readFiles(e.dataTransfer.files).then(take);
          }}
        >
          <p>Drop .mof files or a folder here, or choose:</p>
          <label className="cw-filebtn">
            Files…
            <input
              type="file"
              multiple
              accept=".mof,.mfl,text/plain"
              aria-label="Choose MOF files"
              onChange={(e) => e.target.files && void readFiles(e.target.files).then(take)}
            />
          </label>
          <label className="cw-filebtn">
            Folder…
            <input
              type="file"
              aria-label="Choose a folder of MOF files"
              {...{ webkitdirectory: '', directory: '' }}
              onChange={(e) => e.target.files && void readFiles(e.target.files).then(take)}
            />
          </label>
          {names.length > 0 && (
            <span>
              {names.length} file{names.length === 1 ? '' : 's'} read.{' '}
              <button type="button" className="cw-link-btn" onClick={() => take({})}>
                Clear
              </button>
            </span>
          )}
        </div>
        {names.length > 1 && (
          <label>
            Entry file (includes are resolved from it){' '}
            <select value={entry} onChange={(e) => setEntry(e.target.value)} aria-label="Entry file">
              {names.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        )}
        {names.length === 0 && (
          <label className="cw-paste">
            Or paste MOF text
            <textarea
              aria-label="MOF text"
              rows={8}
              spellCheck={false}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              placeholder={'class MyClass\n{\n  [Key] string Name;\n};'}
            />
          </label>
        )}
        <div className="cw-put-grid">
          <label>
            Namespace{' '}
            <select aria-label="Target namespace" value={target} onChange={(e) => setTarget(e.target.value)}>
              {[...new Set([ns, ...namespaces.map((n) => n.path)])].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>On error</legend>
            <label>
              <input type="radio" name={`${ids}-err`} checked={!continueOnError} onChange={() => setContinue(false)} />{' '}
              Atomic: roll everything back
            </label>
            <label>
              <input type="radio" name={`${ids}-err`} checked={continueOnError} onChange={() => setContinue(true)} />{' '}
              Continue on error (mofcomp)
            </label>
          </fieldset>
          <label>
            Class mode{' '}
            <select aria-label="Class mode" value={classMode} onChange={(e) => setClassMode(e.target.value)}>
              {CLASS_MODES.map(([v, , l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </div>
        {busy && (
          <div className="cw-active-call">
            <span>{progress ? `Importing: ${progress.done} of ${progress.total} declarations` : 'Parsing…'}</span>
            <progress aria-label="Import progress" max={progress?.total || 1} value={progress?.done ?? 0} />
          </div>
        )}
        {end && (
          <section className="cw-import-result" aria-label="Import result">
            <p className={failed(end.hr) ? 'cw-bad' : 'cw-good'} role="status">
              <strong>{failed(end.hr) ? `Import failed: ${hrName(end.hr)}` : 'Import succeeded'}</strong>
              {end.result
                ? ` — ${end.result.classes} classes, ${end.result.instances} instances, ${end.result.qualifiers} qualifier declarations ${end.result.committed ? 'stored' : 'not stored (rolled back)'}.`
                : ` — ${statusText(end.hr, end.errorObject)}`}
            </p>
            {problems.length > 0 && (
              <ol className="cw-problems" aria-label="Import errors">
                {problems.map((p, i) => (
                  <li key={i}>
                    <div>
                      <span className="cw-mono">
                        {p.file}:{p.line}:{p.column}
                      </span>{' '}
                      <span className="cw-code">{p.code}</span> {p.message}
                    </div>
                    {p.frame && <pre className="cw-frame">{p.frame}</pre>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        )}
        <footer className="cw-modal-foot">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="cw-primary" disabled={!canRun}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </footer>
      </form>
    </Modal>
  );
}
