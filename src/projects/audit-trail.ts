// A project's audit log in words, for a data protection officer: who did what to the project and when,
// oldest first. Machine details stay in GET /api/audit; this says the same in sentences.
import type { AuditEntry } from '../platform/audit/audit.js';

export interface TrailLine {
  at: string;
  who: string;
  action: string;
  outcome: string;
  text: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v));
const to = (v: unknown): string => {
  const t = v as { participant?: string; event?: string } | null | undefined;
  return t ? `participant ${t.participant ?? '?'}, event ${t.event ?? '?'}` : 'removal from the project';
};

function sentence(e: AuditEntry): string {
  const d = e.details ?? {};
  const why = d.reason ? ` (reason: ${str(d.reason)})` : '';
  switch (e.action) {
    case 'application.submit': return `applied for the project (ethics approval ${str(d.rekNumber)}, until ${str(d.endDate)})`;
    case 'application.resubmit': return 'sent the application again with changes';
    case 'application.approve': return `approved the application of ${str(d.applicant)}${why}`;
    case 'application.decline': return `declined the application of ${str(d.applicant)}${why}`;
    case 'application.request-changes': return `asked ${str(d.applicant)} for changes to the application${why}`;
    case 'project.create': return `created the project in status ${str(d.status)}${d.owner ? ` with owner ${str(d.owner)}` : ''}`;
    case 'project.update': return `changed the project's settings (${Array.isArray(d.changed) ? d.changed.join(', ') : ''})`;
    case 'project.status': return e.outcome === 'denied' ? `tried to move the project from ${str(d.from)} to ${str(d.to)}, refused: ${str(d.reason)}` : `moved the project from ${str(d.from)} to ${str(d.to)}${why}${d.handover ? `; final copy sha256 ${str((d.handover as { sha256?: string }).sha256)}, receipt confirmed by ${str((d.handover as { confirmedBy?: string }).confirmedBy)}` : ''}`;
    case 'project.deletion.requested': return `asked for the project's deletion${why}`;
    case 'project.deletion.confirmed': return `confirmed the deletion asked for by ${str(d.requestedBy)}`;
    case 'project.delete': {
      if (e.outcome !== 'ok') return `deletion failed: ${str(d.error)}`;
      const r = (d.report ?? {}) as { studies?: number; participants?: number; quarantineStudiesRemoved?: number; pacs?: { studies?: number; instances?: number; notDeleted?: unknown[] } };
      return `deleted the project: ${r.studies ?? 0} studies, ${r.participants ?? 0} participants, ${r.quarantineStudiesRemoved ?? 0} quarantine studies; research PACS: ${r.pacs?.studies ?? 0} studies (${r.pacs?.instances ?? 0} instances) deleted, ${r.pacs?.notDeleted?.length ?? 0} left to delete by hand`;
    }
    case 'project.anonymised-copy': {
      const counts = `${str(d.participants)} participants, ${str(d.studies)} studies, ${str(d.instances)} instances`;
      if (e.outcome !== 'ok') return `tried to make an anonymised copy ${str(e.target)}, which failed and was undone: ${str(d.error)}`;
      return d.copyOf ? `made this project as an anonymised copy of ${str(d.copyOf)} (${counts}; no coupling list kept)` : `made an anonymised copy of the project into ${str(d.copy)} (${counts}; no coupling list kept)`;
    }
    case 'project.birth-year-export': return d.enabled ? `allowed birth years in the project's exports (approval ${str(d.approval)})` : `stopped birth years in the project's exports; ${str(d.birthYearsForgotten)} kept birth years forgotten`;
    case 'participant.birth-year': return `${d.outcome === 'stored' ? 'kept the birth year' : d.outcome === 'differs' ? 'kept the earlier birth year (this study has another one)' : d.outcome === 'forgotten' ? 'forgot the birth year (a correction took the study away)' : `kept no birth year (${str(d.outcome)})`} of participant ${str(e.target)} from study ${str(d.study)}`;
    case 'member.add': return `added ${str(e.target)} as ${str(d.role)}`;
    case 'member.update': return `changed the membership of ${str(e.target)}`;
    case 'member.remove': return `removed ${str(e.target)} from the project`;
    case 'study.assign': return `assigned study ${str(e.target)} to participant ${str(d.participant)}, event ${str(d.event)} (${str(d.source)})`;
    case 'correction.request': return `asked to correct study ${str(e.target)} from ${to(d.from)} to ${to(d.to)}${why}`;
    case 'correction.approve': return `approved the correction of study ${str(e.target)} asked for by ${str(d.requestedBy)}; research PACS copy ${d.pacsDeletedBy ? `deleted (${str(d.pacsDeletedBy)}${d.pacsInstancesDeleted !== undefined ? `, ${str(d.pacsInstancesDeleted)} instances` : ''})` : 'not yet sent'}`;
    case 'correction.reject': return `rejected the correction of study ${str(e.target)} asked for by ${str(d.requestedBy)}${why}`;
    case 'correction.reassigned': return `assigned study ${str(e.target)} again to participant ${str(d.participant)}, event ${str(d.event)}`;
    case 'access.denied': return `was refused ${str(d.method)} ${str(d.route)}`;
    default: return `${e.action}${e.target ? ` ${e.target}` : ''}`;
  }
}

/** Oldest first; transfer bookkeeping (queued, running, done) is left out unless asked for. */
export function describeTrail(entries: AuditEntry[], options: { includeTransfers: boolean }): TrailLine[] {
  return entries
    .filter((e) => options.includeTransfers || !e.action.startsWith('transfer.'))
    .sort((a, b) => a.id - b.id)
    .map((e) => ({ at: e.at, who: e.actor.username ?? (e.actor.via === 'system' ? 'Fiona' : 'unknown'), action: e.action, outcome: e.outcome, text: sentence(e) }));
}
