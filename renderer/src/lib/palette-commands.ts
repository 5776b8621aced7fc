/** The command palette's commands: plain data (id, words, what it does) so the list is testable without a DOM. */
export interface PaletteCommand {
  id: string;
  label: string;
  /** extra words the filter matches */
  keywords?: string;
  shortcut?: string;
  /** offered only while a delivery is open */
  needsSelection?: boolean;
}

/** what the palette knows about the Inspector when it opens */
export interface PaletteContext {
  /** a delivery is open */
  selected: boolean;
  /** the delivery open before it (Compare offers it) */
  previousId: string | null;
}

export const VIEW_COMMANDS: PaletteCommand[] = [
  { id: 'view:inspector', label: 'Go to Inspector', keywords: 'deliveries list' },
  { id: 'view:security', label: 'Go to Security', keywords: 'alerts counters' },
  { id: 'view:settings', label: 'Go to Settings', keywords: 'sources secrets config' },
  { id: 'view:readiness', label: 'Go to Readiness', keywords: 'checklist production' },
  { id: 'view:audit', label: 'Go to Audit', keywords: 'log' },
];

export const ACTION_COMMANDS: PaletteCommand[] = [
  { id: 'replay', label: 'Replay the selected delivery', keywords: 'forward resend', shortcut: 'r', needsSelection: true },
  { id: 'copy-curl', label: 'Copy the selected delivery as cURL', keywords: 'export curl', needsSelection: true },
  { id: 'compare-previous', label: 'Compare the selected delivery with the one opened before', keywords: 'diff previous', needsSelection: true },
  { id: 'compare-sent', label: 'Compare the request last sent with the captured one', keywords: 'diff replay forwarded', needsSelection: true },
  { id: 'compare-responses', label: "Compare the dev server's last two responses", keywords: 'diff replay answers', needsSelection: true },
  { id: 'newest', label: 'Jump to the newest delivery', keywords: 'top first', shortcut: 'Home' },
  { id: 'oldest', label: 'Jump to the oldest delivery', keywords: 'bottom last end', shortcut: 'End' },
  { id: 'pause', label: 'Pause or resume the live tail', keywords: 'stop follow' },
  { id: 'theme', label: 'Toggle light / dark theme', keywords: 'dark light colour color' },
  { id: 'shortcuts', label: 'Show keyboard shortcuts', keywords: 'help keys', shortcut: '?' },
];

/** a word that can be a delivery id (the palette offers to compare with it): has a digit, so plain words are not */
const ID_LIKE = /^(?=.*\d)[0-9A-Za-z_-]{6,100}$/;

/**
 * Commands whose words contain every typed word (those needing an open delivery only with one); with text
 * typed, "compare with <id>" (when it looks like an id) and running it as a query are offered last.
 */
export function filterCommands(text: string, context: PaletteContext): PaletteCommand[] {
  const typed = text.trim();
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  const all = [...VIEW_COMMANDS, ...ACTION_COMMANDS].filter(
    (c) => (!c.needsSelection || context.selected) && (c.id !== 'compare-previous' || context.previousId !== null),
  );
  const hits = all.filter((c) => words.every((w) => `${c.label} ${c.keywords ?? ''}`.toLowerCase().includes(w)));
  if (!typed) return hits;
  const compare: PaletteCommand[] = context.selected && ID_LIKE.test(typed) ? [{ id: 'compare-id', label: `Compare the selected delivery with ${typed}` }] : [];
  return [...hits, ...compare, { id: 'query', label: `Search deliveries: ${typed}` }];
}
