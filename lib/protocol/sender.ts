import { isCallHostUrl } from '../platforms/hosts';

/** The parts of `runtime.MessageSender` the checks read. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** Who sent a message, once the sender has been checked. */
export type SenderKind = 'extension-page' | 'content-script';

/**
 * Classifies a message sender, refusing anything that is not this extension.
 * @param extensionOrigin e.g. `chrome-extension://abc` (no trailing slash)
 * @returns the kind, or `null` when the sender is another extension, a web page, or a content script
 *   running outside the call hosts.
 */
export function classifySender(sender: SenderLike, runtimeId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== runtimeId) return null;
  const url = sender.url ?? '';
  if (url.startsWith(`${extensionOrigin}/`)) return 'extension-page';
  if (isCallHostUrl(url) || (!url && isCallHostUrl(sender.tab?.url))) return 'content-script';
  return null;
}
