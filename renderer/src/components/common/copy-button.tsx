import { useState } from 'react';

interface Props {
  text: string;
  /** accessible name, e.g. "Copy local URL of blackbox" */
  label: string;
}

export function CopyButton({ text, label }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    window.setTimeout(() => setState('idle'), 1500);
  }
  return (
    <button type="button" className="btn btn-icon" aria-label={label} title={label} onClick={copy}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select & copy' : 'Copy'}
    </button>
  );
}
