/** Messages for zod issues that the shared schemas leave to zod's defaults (which read like code). */
import type { z } from 'zod';

export function fieldErrorMessages(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? 'Enter a whole number.' : undefined;
    case 'too_small':
      return issue.origin === 'number' ? `Enter ${String(issue.minimum)} or more.` : undefined;
    case 'too_big':
      return issue.origin === 'number' ? `Enter ${String(issue.maximum)} or less.` : undefined;
    default:
      return undefined;
  }
}
