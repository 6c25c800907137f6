// What a member can ask to hear about, per project (issue 15 item 4). Only counts and the project's name
// ever go into a message about these; never a patient's identity.
export const NOTIFICATION_KINDS = ['study-arrived', 'transfer-failed', 'reconcile-mismatch', 'pixel-review', 'approval-ending'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const KIND_LABELS: Record<NotificationKind, string> = {
  'study-arrived': 'A study arrived for the project',
  'transfer-failed': 'A transfer failed',
  'reconcile-mismatch': 'The research PACS holds less than was sent (reconcile mismatch)',
  'pixel-review': 'Pixel review waiting',
  'approval-ending': 'The ethics approval ends in 30 days',
};
