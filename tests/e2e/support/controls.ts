/**
 * Positive controls for checks that something did not happen: each proves the recorder used by such a check
 * would have seen it if it had.
 */

/**
 * Run in a call page served with `require-trusted-types-for 'script'`: a deliberate Trusted Types violation (a
 * plain string into a script sink), which the page's `securitypolicyviolation` recorder must record.
 */
export function trustedTypesViolation(): void {
  const script = document.createElement('script');
  try {
    script.text = 'void 0';
  } catch {
    // Blocked, as the policy says; the violation event is what the control is after.
  }
}

/** Whether a recorded violation (`"<directive> <blockedURI>"`) is the control's. */
export const isTrustedTypesViolation = (entry: string): boolean => entry.startsWith('require-trusted-types-for');
