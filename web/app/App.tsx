import { useState } from 'react';

export function App() {
  const [engineReady, setEngineReady] = useState(false);

  return (
    <main>
      <h1>Classwright</h1>
      <p>The designer is coming: the engine is being built.</p>
      <button type="button" onClick={() => setEngineReady(true)}>
        Check engine
      </button>
      <p role="status">{engineReady ? 'Engine ready' : ''}</p>
    </main>
  );
}
