/** The command palette's commands: plain data (id, words, what it does) so the list is testable without a DOM. */
export interface PaletteCommand {
  id: string;
  label: string;
  /** extra words the filter matches */
  keywords?: string;
  shortcut?: string;
}

export const VIEW_COMMANDS: PaletteCommand[] = [
  { id: 'view:inspector', label: 'Go to Inspector', keywords: 'deliveries list' },
  { id: 'view:security', label: 'Go to Security', keywords: 'alerts counters' },
  { id: 'view:settings', label: 'Go to Settings', keywords: 'sources secrets config' },
  { id: 'view:readiness', label: 'Go to Readiness', keywords: 'checklist production' },
  { id: 'view:audit', label: 'Go to Audit', keywords: 'log' },
];

export const ACTION_COMMANDS: PaletteCommand[] = [
  { id: 'replay', label: 'Replay the selected delivery', keywords: 'forward resend', shortcut: 'r' },
  { id: 'copy-curl', label: 'Copy the selected delivery as cURL', keywords: 'export curl' },
  { id: 'newest', label: 'Jump to the newest delivery', keywords: 'top first', shortcut: 'Home' },
  { id: 'oldest', label: 'Jump to the oldest delivery', keywords: 'bottom last end', shortcut: 'End' },
  { id: 'pause', label: 'Pause or resume the live tail', keywords: 'stop follow' },
  { id: 'theme', label: 'Toggle light / dark theme', keywords: 'dark light colour color' },
  { id: 'shortcuts', label: 'Show keyboard shortcuts', keywords: 'help keys', shortcut: '?' },
];

/** Commands whose words contain every typed word; with text typed, running it as a query is offered last. */
export function filterCommands(text: string): PaletteCommand[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const all = [...VIEW_COMMANDS, ...ACTION_COMMANDS];
  const hits = all.filter((c) => words.every((w) => `${c.label} ${c.keywords ?? ''}`.toLowerCase().includes(w)));
  return text.trim() ? [...hits, { id: 'query', label: `Search deliveries: ${text.trim()}` }] : hits;
}
