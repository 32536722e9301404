import { Modal } from '../components/Modal';
import { COMMANDS, type Command } from './commandList';

const GROUPS: Command['group'][] = ['Help', 'Classes', 'Graph', 'Repository', 'View'];

/** `?`: every keyboard shortcut, from the same command table the palette runs. */
export function CheatSheet({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} wide>
      <div className="cw-cheats">
        {GROUPS.map((g) => (
          <section key={g} aria-label={g}>
            <h3>{g}</h3>
            <dl>
              {COMMANDS.filter((c) => c.group === g && c.keys).map((c) => (
                <div key={c.id} className="cw-cheat">
                  <dt>
                    {c.keys!.split('+').map((k, i) => (
                      <span key={i}>
                        {i > 0 && '+'}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{c.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section aria-label="Graph and dialogs">
          <h3>Graph and dialogs</h3>
          <dl>
            <div className="cw-cheat">
              <dt>
                <kbd>Tab</kbd>
              </dt>
              <dd>Move between nodes and controls; Enter selects a focused node</dd>
            </div>
            <div className="cw-cheat">
              <dt>
                <kbd>Esc</kbd>
              </dt>
              <dd>Close a dialog or the palette</dd>
            </div>
            <div className="cw-cheat">
              <dt>Double-click</dt>
              <dd>Focus the graph on a class</dd>
            </div>
          </dl>
        </section>
      </div>
    </Modal>
  );
}
